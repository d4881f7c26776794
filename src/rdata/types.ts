// Every record type with a presentation format, declared once as a list of
// fields. presentation.ts derives text→wire, wire→text and the canonical form
// from these lists, value.ts wire⇄value (DnsRecord.data); any type not listed
// here still works through the RFC 3597 generic form (`TYPEnnn \# len hex`)
// and as raw octets.

import { COMPRESSIBLE_RDATA_TYPES, typeName, typeNumber } from './registry.js';
import {
  algorithm8, base32Hex8, base64Rest, caaTag, certType16, charString, charStrings, eui48, eui64, hexRest, ilnp64, ipv4, ipv6,
  name, rawString, saltHex, sigTime, ttl32, type16, typeBitmap, u16, u32, u8, type FieldKind,
} from './fields.js';
import { locFields } from './fields-loc.js';
import { aplItems, hipFields, ipseckeyFields } from './fields-misc.js';

export interface FieldDeclaration {
  readonly field: string;
  readonly kind: FieldKind;
  /** Property of the type's value object (dns-packet's name where it has one). */
  readonly key: string;
  /** Value written when the property is absent (dns-packet's DNSKEY has no protocol, its CAA may omit flags). */
  readonly fallback?: unknown;
}

export interface RdataTypeDeclaration {
  readonly mnemonic: string;
  readonly code: number;
  readonly fields: readonly FieldDeclaration[];
  /** RFC 4034 §6.2 as amended by RFC 6840 §5.1: names in this type's RDATA are lowercased in canonical form. */
  readonly lowercaseNames: boolean;
  /**
   * For lowercaseNames types, the fields reduced to steps for the canonical
   * form: a number is a fixed run of octets to skip, "name" a name to fold,
   * a FieldKind a variable field to step over.
   */
  readonly canonicalSteps: ReadonlyArray<number | 'name' | FieldKind>;
  /**
   * The value is the one field's value itself (A: "192.0.2.1", CNAME: "x.example",
   * TXT: Buffer[]), not an object: every one-field type, as dns-packet has them.
   */
  readonly bare: boolean;
  /** Names in this type's RDATA may be compressed on the wire (RFC 3597 §4: the RFC 1035 types); the encoder compresses them. */
  readonly compressed: boolean;
  /** Names in this type's RDATA are decompressed when decoding (RFC 3597 §4: MUST and SHOULD). */
  readonly decompressed: boolean;
}

function canonicalSteps(fields: readonly FieldDeclaration[]): Array<number | 'name' | FieldKind> {
  const steps: Array<number | 'name' | FieldKind> = [];
  for (const { kind } of fields) {
    const last = steps[steps.length - 1];
    if (kind.isName) steps.push('name');
    else if (kind.size !== undefined && typeof last === 'number') steps[steps.length - 1] = last + kind.size;
    else steps.push(kind.size ?? kind);
  }
  // Trailing fields after the last name never need folding.
  while (steps.length > 0 && steps[steps.length - 1] !== 'name') steps.pop();
  return steps;
}

type Spec = ReadonlyArray<readonly [string, FieldKind]>;

/**
 * RFC 4034 §6.2 list as amended by RFC 6840 §5.1: NSEC's next name is NOT
 * lowercased, RRSIG's signer name IS. (Verisign cases 50 and 52 test both.)
 */
const LOWERCASED_IN_CANONICAL_FORM = new Set([
  'NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'PTR', 'HINFO', 'MINFO', 'MX', 'RP', 'AFSDB', 'RT', 'SIG', 'PX', 'NXT',
  'NAPTR', 'KX', 'SRV', 'DNAME', 'A6', 'RRSIG',
]);

/** RFC 3597 §4's well-known types whose names the encoder compresses (COMPRESSIBLE_RDATA_TYPES: NS, CNAME, SOA, PTR, MX). */
const COMPRESSED = new Set([...COMPRESSIBLE_RDATA_TYPES].map(typeName));

/**
 * Decoded with name decompression: the RFC 1035 types (the obsolete MD, MF,
 * MB, MG, MR, MINFO as well), RFC 3597 §4's "SHOULD also
 * decompress" list (RP, AFSDB, RT, SIG, PX, NXT, NAPTR, SRV), and DNAME,
 * which dns-packet decompressed before this layer (so a resolver that
 * compresses it is still read, and judged, rather than refused).
 */
const DECOMPRESSED = new Set([...COMPRESSED, 'MD', 'MF', 'MB', 'MG', 'MR', 'MINFO', 'RP', 'AFSDB', 'RT', 'SIG', 'PX', 'NXT', 'NAPTR', 'SRV', 'DNAME']);

/** Value properties whose camelCased label is not dns-packet's name for them. */
const KEYS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '*': { "signer's name": 'signersName', 'type bitmap': 'rrtypes' },
  DNSKEY: { 'public key': 'key' },
  KEY: { 'public key': 'key' },
  CDNSKEY: { 'public key': 'key' },
  SSHFP: { 'fingerprint type': 'hash' },
  TLSA: { 'certificate data': 'certificate' },
  SMIMEA: { 'certificate data': 'certificate' },
  NSEC: { 'next domain name': 'nextDomain' },
  NSEC3: { 'hash algorithm': 'algorithm', 'next hashed owner': 'nextDomain' },
  NSEC3PARAM: { 'hash algorithm': 'algorithm' },
  ZONEMD: { 'hash algorithm': 'algorithm' },
};

const FALLBACKS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  DNSKEY: { protocol: 3 },
  CDNSKEY: { protocol: 3 },
  KEY: { protocol: 3 },
  CAA: { flags: 0 },
};

function camelCase(label: string): string {
  return label.split(' ').map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
}

const dsFields: Spec = [['key tag', u16], ['algorithm', algorithm8], ['digest type', u8], ['digest', hexRest()]];
const dnskeyFields: Spec = [['flags', u16], ['protocol', u8], ['algorithm', algorithm8], ['public key', base64Rest()]];
const rrsigFields: Spec = [
  ['type covered', type16], ['algorithm', algorithm8], ['labels', u8], ['original TTL', u32], ['expiration', sigTime],
  ['inception', sigTime], ['key tag', u16], ["signer's name", name], ['signature', base64Rest()],
];
const tlsaFields: Spec = [['usage', u8], ['selector', u8], ['matching type', u8], ['certificate data', hexRest()]];
const singleName = (field: string): Spec => [[field, name]];
const preferenceName = (field: string): Spec => [['preference', u16], [field, name]];

const SPECS: ReadonlyArray<readonly [string, Spec]> = [
  ['A', [['address', ipv4]]],
  ['NS', singleName('nsdname')],
  ['MD', singleName('madname')],
  ['MF', singleName('madname')],
  ['CNAME', singleName('target')],
  ['SOA', [['mname', name], ['rname', name], ['serial', u32], ['refresh', ttl32], ['retry', ttl32], ['expire', ttl32], ['minimum', ttl32]]],
  ['MB', singleName('madname')],
  ['MG', singleName('mgmname')],
  ['MR', singleName('newname')],
  ['PTR', singleName('ptrdname')],
  ['HINFO', [['cpu', charString], ['os', charString]]],
  ['MINFO', [['rmailbx', name], ['emailbx', name]]],
  ['MX', preferenceName('exchange')],
  ['TXT', [['text', charStrings]]],
  ['RP', [['mbox', name], ['txt', name]]],
  ['AFSDB', [['subtype', u16], ['hostname', name]]],
  ['X25', [['address', charString]]],
  ['RT', preferenceName('intermediate host')],
  ['SIG', rrsigFields],
  ['KEY', dnskeyFields],
  ['PX', [['preference', u16], ['map822', name], ['mapx400', name]]],
  ['AAAA', [['address', ipv6]]],
  ['LOC', [['location', locFields]]],
  ['SRV', [['priority', u16], ['weight', u16], ['port', u16], ['target', name]]],
  ['NAPTR', [['order', u16], ['preference', u16], ['flags', charString], ['services', charString], ['regexp', charString], ['replacement', name]]],
  ['KX', preferenceName('exchanger')],
  ['CERT', [['type', certType16], ['key tag', u16], ['algorithm', algorithm8], ['certificate', base64Rest()]]],
  ['DNAME', singleName('target')],
  ['APL', [['items', aplItems]]],
  ['DS', dsFields],
  ['SSHFP', [['algorithm', u8], ['fingerprint type', u8], ['fingerprint', hexRest()]]],
  ['IPSECKEY', [['fields', ipseckeyFields]]],
  ['RRSIG', rrsigFields],
  ['NSEC', [['next domain name', name], ['type bitmap', typeBitmap]]],
  ['DNSKEY', dnskeyFields],
  ['DHCID', [['digest', base64Rest()]]],
  ['NSEC3', [['hash algorithm', u8], ['flags', u8], ['iterations', u16], ['salt', saltHex], ['next hashed owner', base32Hex8], ['type bitmap', typeBitmap]]],
  ['NSEC3PARAM', [['hash algorithm', u8], ['flags', u8], ['iterations', u16], ['salt', saltHex]]],
  ['TLSA', tlsaFields],
  ['SMIMEA', tlsaFields],
  ['HIP', [['fields', hipFields]]],
  ['CDS', dsFields],
  ['CDNSKEY', dnskeyFields],
  ['OPENPGPKEY', [['public key', base64Rest()]]],
  ['CSYNC', [['serial', u32], ['flags', u16], ['type bitmap', typeBitmap]]],
  ['ZONEMD', [['serial', u32], ['scheme', u8], ['hash algorithm', u8], ['digest', hexRest()]]],
  ['SPF', [['text', charStrings]]],
  ['NID', [['preference', u16], ['node id', ilnp64]]],
  ['L32', [['preference', u16], ['locator', ipv4]]],
  ['L64', [['preference', u16], ['locator', ilnp64]]],
  ['LP', preferenceName('fqdn')],
  ['EUI48', [['address', eui48]]],
  ['EUI64', [['address', eui64]]],
  ['URI', [['priority', u16], ['weight', u16], ['target', rawString]]],
  ['CAA', [['flags', u8], ['tag', caaTag], ['value', rawString]]],
  ['TA', dsFields],
  ['DLV', dsFields],
];

const byCode = new Map<number, RdataTypeDeclaration>();
for (const [mnemonic, spec] of SPECS) {
  const code = typeNumber(mnemonic); // throws at load time for a mnemonic the registry does not know
  const fields = spec.map(([field, kind]): FieldDeclaration => {
    const key = KEYS[mnemonic]?.[field] ?? KEYS['*']![field] ?? camelCase(field);
    const fallback = FALLBACKS[mnemonic]?.[key];
    return fallback === undefined ? { field, kind, key } : { field, kind, key, fallback };
  });
  const lowercaseNames = LOWERCASED_IN_CANONICAL_FORM.has(mnemonic);
  byCode.set(code, {
    mnemonic, code, fields, lowercaseNames, canonicalSteps: lowercaseNames ? canonicalSteps(fields) : [],
    bare: fields.length === 1, compressed: COMPRESSED.has(mnemonic), decompressed: DECOMPRESSED.has(mnemonic),
  });
}

/** The declaration for a type number, or undefined (generic form only). */
export function rdataType(code: number): RdataTypeDeclaration | undefined {
  return byCode.get(code);
}

/** Every declared type, for round-trip tests and docs. */
export function declaredTypes(): RdataTypeDeclaration[] {
  return [...byCode.values()];
}
