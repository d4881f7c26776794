// When a signed zone was valid: the validity window of its apex SOA RRSIG.
// Test suites publish signed zones whose signatures expired long ago (the
// Verisign cases were signed in 2021); judging them "as published" needs a
// time inside that window rather than now.

import { parseRrsig } from './dnssec.js';
import { originFromText, wireNamesEqual } from '../rdata/name.js';
import { streamZoneFile, type ZoneParseOptions } from './parser.js';
import { RRTYPE } from '../rdata/registry.js';
import { formatSigTime } from '../rdata/text-values.js';

export interface SignatureWindow {
  inception: number;
  expiration: number;
  /** The middle of the window, in RRSIG form (YYYYMMDDHHmmSS). */
  asPublished: string;
}

/** The apex SOA RRSIG's window, or undefined when the zone is not signed. */
export function soaSignatureWindow(path: string, origin: string, options: ZoneParseOptions = {}): SignatureWindow | undefined {
  const apex = originFromText(origin);
  let window: SignatureWindow | undefined;
  streamZoneFile(path, { origin, ...options, transientRecords: true }, (record) => {
    if (window || record.type !== RRTYPE.RRSIG || !wireNamesEqual(record.owner, apex)) return;
    const rrsig = parseRrsig(Buffer.from(record.rdata));
    if (rrsig?.typeCovered !== RRTYPE.SOA) return;
    const middle = rrsig.inception + Math.floor(((rrsig.expiration - rrsig.inception) >>> 0) / 2);
    window = { inception: rrsig.inception, expiration: rrsig.expiration, asPublished: formatSigTime(middle >>> 0) };
  });
  return window;
}
