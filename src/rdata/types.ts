// Every record type with a presentation format, declared once as a list of
// fields. rdata-text.ts derives text→wire, wire→text and the canonical form
// from these lists; any type not listed here still works through the RFC 3597
// generic form (`TYPEnnn \# len hex`).

import { typeNumber } from './registry.js';
import {
  algorithm8, base32Hex8, base64Rest, caaTag, certType16, charString, charStrings, eui48, eui64, hexRest, ilnp64, ipv4, ipv6,
  name, rawString, saltHex, sigTime, ttl32, type16, typeBitmap, u16, u32, u8, type FieldKind,
} from './fields.js';
import { locFields } from './fields-loc.js';
import { aplItems, hipFields, ipseckeyFields } from './fields-misc.js';

export interface FieldDeclaration {
  readonly field: string;
  readonly kind: FieldKind;
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
  const fields = spec.map(([field, kind]) => ({ field, kind }));
  const lowercaseNames = LOWERCASED_IN_CANONICAL_FORM.has(mnemonic);
  byCode.set(code, { mnemonic, code, fields, lowercaseNames, canonicalSteps: lowercaseNames ? canonicalSteps(fields) : [] });
}

/** The declaration for a type number, or undefined (generic form only). */
export function rdataType(code: number): RdataTypeDeclaration | undefined {
  return byCode.get(code);
}

/** Every declared type, for round-trip tests and docs. */
export function declaredTypes(): RdataTypeDeclaration[] {
  return [...byCode.values()];
}
