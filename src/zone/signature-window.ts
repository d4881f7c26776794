// When a signed zone was valid: the validity window of its apex SOA RRSIG.
// Test suites publish signed zones whose signatures expired long ago (the
// Verisign cases were signed in 2021); judging them "as published" needs a
// time inside that window rather than now.

import { parseRrsig } from './dnssec.js';
import { originFromText, wireNamesEqual } from '../rdata/name.js';
import { RRTYPE } from '../rdata/registry.js';
import type { RecordSink } from './parser.js';
import { formatSigTime } from '../rdata/text-values.js';

export interface SignatureWindow {
  inception: number;
  expiration: number;
  /** The middle of the window, in RRSIG form (YYYYMMDDHHmmSS). */
  asPublished: string;
}

/**
 * A record sink that notes the apex SOA RRSIG's window as the zone's records
 * stream by (src/zone-sources' soaSignatureWindow reads a file through it);
 * `window()` is undefined when the zone is not signed.
 */
export function signatureWindowSink(origin: string): { sink: RecordSink; window(): SignatureWindow | undefined } {
  const apex = originFromText(origin);
  let window: SignatureWindow | undefined;
  const sink: RecordSink = (record) => {
    if (window || record.type !== RRTYPE.RRSIG || !wireNamesEqual(record.owner, apex)) return;
    const rrsig = parseRrsig(Buffer.from(record.rdata));
    if (rrsig?.typeCovered !== RRTYPE.SOA) return;
    const middle = rrsig.inception + Math.floor(((rrsig.expiration - rrsig.inception) >>> 0) / 2);
    window = { inception: rrsig.inception, expiration: rrsig.expiration, asPublished: formatSigTime(middle >>> 0) };
  };
  return { sink, window: () => window };
}
