// Record type and class registry: mnemonic ⇄ number, with RFC 3597 TYPEnnn /
// CLASSnnn forms for everything else.
//
// Why this exists: dns-packet's `types.toType('ZONEMD')` returns 0 for any name
// it does not know, so a ZONEMD record would silently go on the wire as type 0.
// Every type name that enters dnsorder goes through `typeNumber`, which throws
// instead.

import { EncodeError } from '../errors.js';

const TYPES = [
  ['A', 1], ['NS', 2], ['MD', 3], ['MF', 4], ['CNAME', 5], ['SOA', 6], ['MB', 7], ['MG', 8], ['MR', 9],
  ['NULL', 10], ['WKS', 11], ['PTR', 12], ['HINFO', 13], ['MINFO', 14], ['MX', 15], ['TXT', 16], ['RP', 17],
  ['AFSDB', 18], ['X25', 19], ['ISDN', 20], ['RT', 21], ['NSAP', 22], ['NSAP-PTR', 23], ['SIG', 24], ['KEY', 25],
  ['PX', 26], ['GPOS', 27], ['AAAA', 28], ['LOC', 29], ['NXT', 30], ['EID', 31], ['NIMLOC', 32], ['SRV', 33],
  ['ATMA', 34], ['NAPTR', 35], ['KX', 36], ['CERT', 37], ['A6', 38], ['DNAME', 39], ['SINK', 40], ['OPT', 41],
  ['APL', 42], ['DS', 43], ['SSHFP', 44], ['IPSECKEY', 45], ['RRSIG', 46], ['NSEC', 47], ['DNSKEY', 48],
  ['DHCID', 49], ['NSEC3', 50], ['NSEC3PARAM', 51], ['TLSA', 52], ['SMIMEA', 53], ['HIP', 55], ['NINFO', 56],
  ['RKEY', 57], ['TALINK', 58], ['CDS', 59], ['CDNSKEY', 60], ['OPENPGPKEY', 61], ['CSYNC', 62], ['ZONEMD', 63],
  ['SVCB', 64], ['HTTPS', 65], ['SPF', 99], ['NID', 104], ['L32', 105], ['L64', 106], ['LP', 107], ['EUI48', 108],
  ['EUI64', 109], ['TKEY', 249], ['TSIG', 250], ['IXFR', 251], ['AXFR', 252], ['MAILB', 253], ['MAILA', 254],
  ['ANY', 255], ['URI', 256], ['CAA', 257], ['AVC', 258], ['DOA', 259], ['AMTRELAY', 260], ['TA', 32768], ['DLV', 32769],
] as const;

/** A type mnemonic as RRTYPE spells it (NSAP-PTR as NSAP_PTR). */
export type TypeMnemonic = (typeof TYPES)[number][0] extends infer M ? (M extends `${infer A}-${infer B}` ? `${A}_${B}` : M & string) : never;

/** Type numbers by mnemonic: the one set of type constants (write RRTYPE.ZONEMD, not 63). */
export const RRTYPE = Object.freeze(Object.fromEntries(TYPES.map(([n, v]) => [n.replace('-', '_'), v]))) as Readonly<Record<TypeMnemonic, number>>;

const CLASSES: ReadonlyArray<readonly [string, number]> = [
  ['IN', 1], ['CS', 2], ['CH', 3], ['HS', 4], ['NONE', 254], ['ANY', 255],
];

const typeByName = new Map<string, number>(TYPES.map(([n, v]) => [n, v]));
const nameByType = new Map<number, string>(TYPES.map(([n, v]) => [v, n]));
const classByName = new Map(CLASSES.map(([n, v]) => [n, v]));
const nameByClass = new Map(CLASSES.map(([n, v]) => [v, n]));

function parseGeneric(text: string, prefix: string): number | undefined {
  if (!text.startsWith(prefix)) return undefined;
  const digits = text.slice(prefix.length);
  if (!/^[0-9]{1,5}$/.test(digits)) return undefined;
  const n = Number(digits);
  return n <= 0xffff ? n : undefined;
}

/** Type number for a mnemonic, `TYPEnnn` or dns-packet's `UNKNOWN_nnn`; throws on anything else. */
export function typeNumber(name: string | number): number {
  if (typeof name === 'number') {
    if (Number.isInteger(name) && name >= 0 && name <= 0xffff) return name;
    throw new EncodeError('ERR_UNKNOWN_TYPE', `record type ${name} is not a 16-bit type number`);
  }
  const upper = name.toUpperCase();
  const known = typeByName.get(upper);
  if (known !== undefined) return known;
  const generic = parseGeneric(upper, 'TYPE') ?? parseGeneric(upper, 'UNKNOWN_');
  if (generic !== undefined) return generic;
  throw new EncodeError('ERR_UNKNOWN_TYPE', `unknown record type "${name}" (use TYPEnnn for types without a mnemonic)`);
}

/** Like typeNumber, but undefined instead of throwing (for parsers that try several readings). */
export function tryTypeNumber(name: string): number | undefined {
  try {
    return typeNumber(name);
  } catch {
    return undefined;
  }
}

/** Mnemonic for a type number, or RFC 3597 `TYPEnnn`. */
export function typeName(type: number): string {
  return nameByType.get(type) ?? `TYPE${type}`;
}

export function classNumber(name: string | number): number {
  if (typeof name === 'number') {
    if (Number.isInteger(name) && name >= 0 && name <= 0xffff) return name;
    throw new EncodeError('ERR_UNKNOWN_CLASS', `record class ${name} is not a 16-bit class number`);
  }
  const upper = name.toUpperCase();
  const known = classByName.get(upper);
  if (known !== undefined) return known;
  const generic = parseGeneric(upper, 'CLASS') ?? parseGeneric(upper, 'UNKNOWN_');
  if (generic !== undefined) return generic;
  throw new EncodeError('ERR_UNKNOWN_CLASS', `unknown record class "${name}" (use CLASSnnn)`);
}

export function className(cls: number): string {
  return nameByClass.get(cls) ?? `CLASS${cls}`;
}

/** Types whose RDATA may carry compressed names (RFC 3597 §4: only the RFC 1035 types): the ones encodeRdata compresses. */
export const COMPRESSIBLE_RDATA_TYPES: ReadonlySet<number> = new Set([RRTYPE.NS, RRTYPE.CNAME, RRTYPE.SOA, RRTYPE.PTR, RRTYPE.MX]);

/** Query types (meta-types) that never appear as stored records. */
export const META_TYPES: ReadonlySet<number> = new Set([RRTYPE.OPT, RRTYPE.TKEY, RRTYPE.TSIG, RRTYPE.IXFR, RRTYPE.AXFR, RRTYPE.MAILB, RRTYPE.MAILA, RRTYPE.ANY]);
