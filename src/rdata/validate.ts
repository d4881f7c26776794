// Validation in the type: what makes RDATA of a declared type invalid beyond
// its fields' shapes. Today one type has such a check, ZONEMD (zonemd.ts's
// zonemdProblem, after dnspython's dns/rdtypes/ANY/ZONEMD.py); a new one is
// one entry in TYPE_CHECKS. presentation.ts's rdataValidity adds the shape check.
//
// The readers do not call this by default: dnsorder builds, serves, loads and
// verifies deliberately broken records (ZONEMD variants, the Verisign cases,
// the probe's zonemd group), and a verifier must say "unsupported scheme",
// not refuse to read. Strict input asks for it: ZoneParseOptions.validate,
// DecodeOptions.validate, parseZonemd(text, { validate: true }).

import { RRTYPE } from './registry.js';
import { decodeZonemdRdata, zonemdProblem } from './zonemd.js';

const TYPE_CHECKS: ReadonlyMap<number, (rdata: Uint8Array) => string | undefined> = new Map([
  [RRTYPE.ZONEMD, (rdata: Uint8Array) => zonemdProblem(decodeZonemdRdata(rdata))],
]);

/** The type's own check (beyond its fields' shapes, which rdataProblem checks): why `rdata` is invalid, or undefined. */
export function typeProblem(type: number, rdata: Uint8Array): string | undefined {
  return TYPE_CHECKS.get(type)?.(rdata);
}
