// Records in real presentation format for reports (check, matrix, probe,
// dnstap): "owner. TTL CLASS TYPE rdata", the RDATA as a zone file writes it
// (presentation.ts), through the value codecs (value.ts). Raw octets print
// in their type's format when they decode as it, else in RFC 3597 form.

import { isDnsorderError } from '../errors.js';
import { rdataToText } from './presentation.js';
import { tryTypeNumber } from './registry.js';
import { rdataFromValue } from './value.js';
import { formatGenericRdata } from './generic.js';

/** The RDATA of a record's `data` as in a zone file. */
export function rdataText(type: string, data: unknown): string {
  const code = tryTypeNumber(type);
  if (code === undefined) return data instanceof Uint8Array ? formatGenericRdata(data) : `(unknown type ${type})`;
  try {
    return rdataToText(code, rdataFromValue(code, data));
  } catch (err) {
    if (!isDnsorderError(err)) throw err;
    // A value that does not encode (a hand-made record): say so rather than guess.
    return `(unprintable ${type} data: ${err.message})`;
  }
}

export interface PresentableRecord {
  /** Owner without its trailing dot (dnsorder's convention; the root is "."). */
  name: string;
  type: string;
  class?: string;
  ttl?: number;
  data: unknown;
}

/** "owner. TTL CLASS TYPE rdata": one record as a zone file line. */
export function recordText(r: PresentableRecord): string {
  const owner = r.name === '.' ? '.' : `${r.name}.`;
  return `${owner} ${r.ttl ?? 0} ${r.class ?? 'IN'} ${r.type} ${rdataText(r.type, r.data)}`;
}
