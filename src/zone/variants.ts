// ZONEMD variants: from one source zone, a catalogue of zones (valid or
// deliberately broken) with the verdict RFC 8976 §4 gives each. Pure: records
// in, variants (file texts + expectations) out; src/zone-sources/variants-write.ts does the I/O.
// Digests come from src/zone's computeZonemd and text from its printer: this
// module only decides what to change.

import { CodedError } from '../errors.js';
import { ZONEMD_HASH_SHA384, ZONEMD_HASH_SHA512 } from '../rdata/zonemd.js';
import { nameFromText, nameToText, originFromText, wireNamesEqual } from '../rdata/name.js';
import { formatZone, type PrintOptions } from './printer.js';
import type { ZoneRecord } from './record.js';
import { canonicalZoneFromRecords, computeZonemd, findApex, withApexZonemd, zonemdRecord, type ZonemdRecordData } from './zonemd.js';
import { soaSerial } from './record.js';
import { RRTYPE } from '../rdata/registry.js';

export type ZonemdVerdict = 'accept' | 'reject';

export interface VariantFile {
  /** File name relative to the output directory. */
  name: string;
  text: string;
}

export interface ZoneVariant {
  /** Stable id (lowercase, hyphenated). */
  name: string;
  /** The zone file a loader is given (first of `files`). */
  file: string;
  files: VariantFile[];
  expected: ZonemdVerdict;
  /** What the variant tests, in words. */
  tests: string;
  /** Why RFC 8976 gives that verdict, with the section. */
  reason: string;
  /** The zone needs `$INCLUDE` (relative to its own directory). */
  usesInclude?: boolean;
  /** The records of `file`, in its order, when the variant is that one file (shared between variants: do not change them). */
  records?: readonly ZoneRecord[];
}

export interface VariantSet {
  apex: string;
  serial: number;
  signed: boolean;
  variants: ZoneVariant[];
}

/** The source cannot be turned into variants (no SOA at the apex, no apex at all). */
export class VariantSourceError extends CodedError {}

const DNSSEC_TYPES = new Set([RRTYPE.RRSIG, RRTYPE.DNSKEY, RRTYPE.NSEC, RRTYPE.NSEC3, RRTYPE.NSEC3PARAM, RRTYPE.CDS, RRTYPE.CDNSKEY]);
/** Private-use hash algorithm the root zone's first ZONEMD used (September–December 2023). */
export const ZONEMD_HASH_PRIVATE_241 = 241;

interface Base {
  apex: Buffer;
  apexText: string;
  soa: ZoneRecord;
  serial: number;
  /** Source records without the apex ZONEMD RRset (and, for signed sources, without DNSSEC records). */
  records: ZoneRecord[];
}

function isAt(r: ZoneRecord, apex: Buffer): boolean {
  return wireNamesEqual(r.owner, apex);
}

function isApexZonemd(r: ZoneRecord, apex: Buffer): boolean {
  return isAt(r, apex) && (r.type === RRTYPE.ZONEMD || (r.type === RRTYPE.RRSIG && r.rdata.length >= 2 && r.rdata.readUInt16BE(0) === RRTYPE.ZONEMD));
}

function zonemdFor(base: Base, data: ZonemdRecordData, owner = base.apex): ZoneRecord {
  return zonemdRecord(owner, data, base.soa);
}

function digestRecord(base: Base, records: readonly ZoneRecord[], algorithm: number): ZonemdRecordData {
  return computeZonemd(canonicalZoneFromRecords(records, base.apex), base.apex, algorithm);
}

function txtRdata(value: string): Buffer {
  const octets = Buffer.from(value, 'latin1');
  return Buffer.concat([Buffer.from([octets.length]), octets]);
}

function child(base: Base, label: string): Buffer {
  return nameFromText(`${label}.${base.apexText === '.' ? '' : base.apexText}`, undefined);
}

/** Flips letter case in a wire name (alternating, starting upper), leaving other octets alone. */
function mixCase(name: Buffer, offset = 0, out: Buffer = Buffer.from(name)): number {
  let i = offset;
  let upper = true;
  while (i < name.length && name[i]! !== 0) {
    const len = name[i]!;
    for (let j = i + 1; j <= i + len; j++) {
      const c = name[j]!;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
        out[j] = upper ? c & ~0x20 : c | 0x20;
        upper = !upper;
      }
    }
    i += len + 1;
  }
  return i + 1;
}

/** Where the domain names sit in the RDATA of types whose names RFC 4034 §6.2 lowercases (the common ones). */
function rdataNameOffsets(type: number, rdata: Buffer): number[] {
  switch (type) {
    case 2: case 5: case 12: case 39: return [0]; // NS, CNAME, PTR, DNAME
    case 15: return [2]; // MX
    case 33: return [6]; // SRV
    case RRTYPE.SOA: {
      const second = mixCase(rdata, 0, Buffer.from(rdata)); // end of MNAME
      return [0, second];
    }
    default: return [];
  }
}

function mixedCaseRecord(r: ZoneRecord): ZoneRecord {
  const owner = Buffer.from(r.owner);
  mixCase(r.owner, 0, owner);
  const rdata = Buffer.from(r.rdata);
  for (const offset of rdataNameOffsets(r.type, r.rdata)) mixCase(r.rdata, offset, rdata);
  return { ...r, owner, rdata };
}

function baseFrom(records: readonly ZoneRecord[], origin: string | undefined): Base {
  const zone = canonicalZoneFromRecords(records, origin === undefined ? undefined : originFromText(origin));
  const choice = findApex(zone, origin);
  if (choice.apex === undefined) throw new VariantSourceError('ERR_VARIANT_SOURCE', 'no SOA record to take the apex from: name the origin');
  const apex = choice.apex;
  const soa = records.find((r) => r.type === RRTYPE.SOA && isAt(r, apex));
  if (soa === undefined) throw new VariantSourceError('ERR_VARIANT_SOURCE', `no SOA record at the apex ${nameToText(apex)}`, { position: records[0]?.position });
  const kept = records.filter((r) => !isApexZonemd(r, apex));
  return { apex, apexText: nameToText(apex), soa, serial: soaSerial(soa.rdata), records: kept };
}

export interface VariantOptions {
  /** Zone apex (default: the SOA owner). */
  origin?: string;
}

/**
 * Every variant of the zone in `records`. A signed source (DNSKEY at the apex)
 * gives the ordinary variants from its unsigned copy — dnsorder holds no keys,
 * so a fresh ZONEMD could never carry a valid RRSIG — plus the source as
 * published and a copy whose ZONEMD RRSIG is broken.
 */
export function buildVariants(records: readonly ZoneRecord[], options: VariantOptions = {}): VariantSet {
  const source = baseFrom(records, options.origin);
  const signed = records.some((r) => r.type === RRTYPE.DNSKEY && isAt(r, source.apex));
  const base = signed ? { ...source, records: source.records.filter((r) => !DNSSEC_TYPES.has(r.type)) } : source;
  const variants: ZoneVariant[] = [];
  const add = (name: string, expected: ZonemdVerdict, tests: string, reason: string, files: VariantFile[], usesInclude?: boolean) =>
    variants.push({ name, file: files[0]!.name, files, expected, tests, reason, ...(usesInclude ? { usesInclude } : {}) });
  const single: Single = (name, expected, tests, reason, zone, print) =>
    variants.push({ name, file: `${name}.zone`, files: [{ name: `${name}.zone`, text: formatZone(zone, print) }], expected, tests, reason, records: zone });

  const sha384 = digestRecord(base, base.records, ZONEMD_HASH_SHA384);
  const sha512 = digestRecord(base, base.records, ZONEMD_HASH_SHA512);
  const valid384 = withApexZonemd(base.records, base.apex, [zonemdFor(base, sha384)]);
  const withOnly = (...data: ZonemdRecordData[]) => withApexZonemd(base.records, base.apex, data.map((d) => zonemdFor(base, d)));

  single('valid-sha384', 'accept', 'one apex ZONEMD, SIMPLE scheme, SHA-384', 'RFC 8976 §4: serial, scheme, algorithm and digest all match', valid384);
  single('valid-sha512', 'accept', 'one apex ZONEMD, SIMPLE scheme, SHA-512', 'RFC 8976 §4: SHA-512 (hash algorithm 2) is defined in §5.3', withOnly(sha512));
  single('valid-both', 'accept', 'two apex ZONEMD records, SHA-384 and SHA-512, both correct', 'RFC 8976 §4: verification succeeds when any one record verifies', withOnly(sha384, sha512));
  single('zonemd-generic', 'accept', 'the apex ZONEMD in RFC 3597 generic form (TYPE63 \\# …)', 'RFC 3597 §5: generic form is equivalent to the type-specific form', valid384, { generic: (type) => type === RRTYPE.ZONEMD });
  single('all-generic', 'accept', 'every record in RFC 3597 generic form', 'RFC 3597 §5; the digest is over wire RDATA, the same in either form', valid384, { generic: true });
  single('private-algorithm-241', 'reject', 'only a ZONEMD with private-use hash algorithm 241, as the root zone carried from September to December 2023',
    'RFC 8976 §4: an unsupported hash algorithm "MUST NOT be considered successful"; with no other record nothing verifies (as Verisign case 33). A consumer that treats unsupported-only as "no usable ZONEMD" and loads anyway is the behaviour the 2023 root rollout relied on',
    withOnly({ ...sha384, algorithm: ZONEMD_HASH_PRIVATE_241 }));
  single('sha384-and-241', 'accept', 'a correct SHA-384 ZONEMD beside a private-use algorithm 241 one',
    'RFC 8976 §4: records with unsupported algorithms are skipped; the SHA-384 one verifies', withOnly(sha384, { ...sha384, algorithm: ZONEMD_HASH_PRIVATE_241 }));
  single('unknown-scheme', 'reject', 'only a ZONEMD with scheme 9 (unassigned) and a SHA-384 digest', 'RFC 8976 §4: an unsupported scheme MUST NOT be considered successful',
    withOnly({ ...sha384, scheme: 9 }));
  single('unknown-algorithm', 'reject', 'only a ZONEMD with hash algorithm 9 (unassigned)', 'RFC 8976 §4: an unsupported hash algorithm MUST NOT be considered successful',
    withOnly({ ...sha384, algorithm: 9 }));
  const wrong = Buffer.from(sha384.digest);
  wrong[0] = wrong[0]! ^ 0xff;
  single('repeated-scheme-algorithm', 'reject', 'two SHA-384 ZONEMD records (one correct, one not)',
    'RFC 8976 §2.4 and §4: an RRset repeating a scheme/algorithm pair MUST NOT be considered successful', withOnly(sha384, { ...sha384, digest: wrong }));
  single('serial-mismatch', 'reject', 'a correct SHA-384 digest under a serial one higher than the SOA serial', 'RFC 8976 §4: the serial MUST match the SOA serial',
    withOnly({ ...sha384, serial: (base.serial + 1) >>> 0 }));
  single('digest-too-short', 'reject', 'a SHA-384 ZONEMD whose digest has 10 octets', 'RFC 8976 §2.2.4 and §4: digests shorter than 12 octets are invalid',
    withOnly({ ...sha384, digest: sha384.digest.subarray(0, 10) }));
  single('digest-truncated', 'reject', 'a SHA-384 ZONEMD whose digest lost its last octet (47 of 48)', 'RFC 8976 §4: the digest size must equal the algorithm\'s (48 for SHA-384)',
    withOnly({ ...sha384, digest: sha384.digest.subarray(0, 47) }));

  const belowApex = child(base, 'zonemd-below-apex');
  const nonApex = [...base.records, zonemdFor(base, sha384, belowApex)];
  single('non-apex-zonemd', 'accept', 'a correct apex ZONEMD plus a ZONEMD record below the apex (ordinary data, digested)',
    'RFC 8976 §2.1/§3.3.1.1: only apex ZONEMD records are excluded; a non-apex ZONEMD is hashed like any RR (Verisign case 14)',
    withApexZonemd(nonApex, base.apex, [zonemdFor(base, digestRecord(base, nonApex, ZONEMD_HASH_SHA384))]));
  single('zonemd-only-below-apex', 'reject', 'no apex ZONEMD; one ZONEMD below the apex', 'RFC 8976 §4: only apex ZONEMD records are verified; there is none',
    nonApex);

  const unknown = [...base.records, { owner: child(base, 'unknown-type'), type: 65280, class: base.soa.class, ttl: base.soa.ttl, rdata: Buffer.from('c000020a', 'hex') }];
  single('unknown-type', 'accept', 'a record of unassigned type TYPE65280 (generic form) in the zone, digest recomputed over it',
    'RFC 8976 §3.3.1.1: every in-zone RR is digested whatever its type; RFC 3597 makes unknown types loadable',
    withApexZonemd(unknown, base.apex, [zonemdFor(base, digestRecord(base, unknown, ZONEMD_HASH_SHA384))]));

  const mixed = base.records.map(mixedCaseRecord);
  single('mixed-case', 'accept', 'owner names and RDATA names (NS, CNAME, PTR, DNAME, MX, SRV, SOA) in mixed case',
    'RFC 8976 §3.3.1 with RFC 4034 §6.2: names are lowercased in canonical form, so case does not change the digest (Verisign cases 10, 11)',
    withApexZonemd(mixed, base.apex, [zonemdFor(base, digestRecord(base, mixed, ZONEMD_HASH_SHA384))]));

  const stale = [...valid384, { owner: child(base, 'changed-after-digest'), type: 16, class: base.soa.class, ttl: base.soa.ttl, rdata: txtRdata('added after the digest was made') }];
  single('stale-zonemd', 'reject', 'a record added after the ZONEMD was computed (serial unchanged)', 'RFC 8976 §4: the digest no longer matches the zone', stale);

  const head = valid384.filter((r) => isAt(r, base.apex));
  const tail = valid384.filter((r) => !isAt(r, base.apex));
  add('include-split', 'accept', 'apex records in the main file, the rest pulled in with $INCLUDE (relative to the zone\'s directory)',
    'RFC 1035 §5.1: $INCLUDE only splits the text; the zone, and so its digest, is the same',
    [{ name: 'include-split.zone', text: `${formatZone(head)}$INCLUDE include-split.part.zone\n` }, { name: 'include-split.part.zone', text: tail.length > 0 ? formatZone(tail) : '\n' }], true);

  const ttlOwner = child(base, 'mixed-ttls');
  const ttls = [...base.records,
    { owner: ttlOwner, type: 1, class: base.soa.class, ttl: 300, rdata: Buffer.from([192, 0, 2, 1]) },
    { owner: ttlOwner, type: 1, class: base.soa.class, ttl: 600, rdata: Buffer.from([192, 0, 2, 2]) }];
  single('mixed-ttls', 'accept', 'one A RRset whose two records have TTLs 300 and 600',
    'RFC 8976 §3.3.1: each RR is digested with its own TTL (RFC 2181 §5.2 makes the RRset suspect, not the digest; Verisign case 81)',
    withApexZonemd(ttls, base.apex, [zonemdFor(base, digestRecord(base, ttls, ZONEMD_HASH_SHA384))]));

  if (signed) addSignedVariants(records, base, single);
  return { apex: base.apexText, serial: base.serial, signed, variants };
}

/** Adds a one-file variant: `zone` printed to `<name>.zone`. */
type Single = (name: string, expected: ZonemdVerdict, tests: string, reason: string, zone: readonly ZoneRecord[], print?: PrintOptions) => void;

function addSignedVariants(records: readonly ZoneRecord[], base: Base, single: Single): void {
  const coversZonemd = (r: ZoneRecord) => isAt(r, base.apex) && r.type === RRTYPE.RRSIG && r.rdata.readUInt16BE(0) === RRTYPE.ZONEMD;
  const sigIndex = records.findIndex(coversZonemd);
  const hasZonemd = records.some((r) => isAt(r, base.apex) && r.type === RRTYPE.ZONEMD);
  if (!hasZonemd || sigIndex < 0) return; // nothing signed to break
  single('signed-as-published', 'accept', 'the signed source as published (its own ZONEMD and RRSIGs), verified inside its signatures\' validity window',
    'RFC 8976 §4 with DNSSEC: the ZONEMD RRSIG validates and the digest matches', records);
  // Every RRSIG over the ZONEMD: one intact signature (a second key or algorithm) would still validate it.
  const broken = records.map((r) => {
    if (!coversZonemd(r)) return r;
    const rdata = Buffer.from(r.rdata);
    rdata[rdata.length - 1] = rdata[rdata.length - 1]! ^ 0x01; // last signature octet
    return { ...r, rdata };
  });
  single('bad-zonemd-rrsig', 'reject', 'the signed source with one bit of every RRSIG over the apex ZONEMD flipped',
    'RFC 8976 §4: in a signed zone the ZONEMD RRset must validate; a bogus signature fails verification (Verisign case 53)', broken);
}

