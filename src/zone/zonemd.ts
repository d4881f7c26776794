// ZONEMD for a zone (RFC 8976), layered over digest.ts:
//  - `findApex` decides which name the zone is for (the origin given, else
//    the SOA owner) and says how it decided;
//  - `computeZonemd` builds the apex ZONEMD record (layer 2);
//    `apexZonemdRecords` and `withApexZonemd` make records of it and put them
//    in a zone's records (the CLI's digest/add, the variants);
//  - `verifyZonemd` is the §4 verifier (layer 3): one reason code per
//    failure, every ZONEMD record's outcome with expected and actual digest,
//    and, when the zone is signed, the SOA and ZONEMD RRSIG validation.

import { CodedError, type SourcePosition } from '../errors.js';
import { className } from '../rdata/registry.js';
import { decodeZonemdRdata, encodeZonemdRdata, zonemdDigestLength, ZONEMD_MIN_DIGEST_OCTETS, ZONEMD_SCHEME_SIMPLE, type ZonemdData } from '../rdata/zonemd.js';
import { canonicalNameKey } from '../rdata/name.js';
import { CanonicalZone } from './canonical-zone.js';
import { RRTYPE } from '../rdata/registry.js';
import { zoneDigests, zonemdHashName } from './digest.js';
import { validateRrset, type RrsetValidation } from './dnssec.js';
import { nameToText, originFromText, wireNamesEqual } from '../rdata/name.js';
import { streamZoneText, type ZoneParseOptions } from './parser.js';
import type { ZoneRecord } from './record.js';
import { soaSerial } from './record.js';

/** An empty CanonicalZone for the apex `options.origin` names (none given, or a bad one the parser will report: the first SOA's owner). */
export function canonicalZoneFor(options: ZoneParseOptions): CanonicalZone {
  return new CanonicalZone(originApex(options));
}

function originApex(options: ZoneParseOptions): Buffer | undefined {
  if (options.origin === undefined) return undefined;
  try {
    return originFromText(options.origin);
  } catch {
    return undefined; // the parser reports the bad origin
  }
}

/** A CanonicalZone of `records`; `apex` as for the CanonicalZone constructor (default: the first record's owner if it is an SOA). */
export function canonicalZoneFromRecords(records: Iterable<ZoneRecord>, apex?: Buffer): CanonicalZone {
  const zone = new CanonicalZone(apex);
  for (const r of records) zone.add(r);
  return zone;
}

export function canonicalZoneFromText(text: string, options: ZoneParseOptions = {}): CanonicalZone {
  const zone = canonicalZoneFor(options);
  streamZoneText(text, { ...options, transientRecords: true }, (r) => zone.add(r));
  return zone;
}

export interface ApexChoice {
  /** Apex in wire form, undefined when none can be chosen. */
  apex: Buffer | undefined;
  /** Apex as text (with trailing dot), or "". */
  name: string;
  /** Where it came from: the origin the caller gave, the SOA's owner, or nowhere (no SOA). */
  from: 'origin' | 'soa' | 'none';
  /** Distinct owners of SOA records in the zone (more than one: the first SOA's was taken). */
  soaOwners: number;
}

/** The zone's apex: `origin` when given, else the owner of the SOA. Data only: the caller words it (describeApex in the CLI). */
export function findApex(zone: CanonicalZone, origin?: string): ApexChoice {
  const soas = zone.special.filter((r) => r.type === RRTYPE.SOA);
  const owners = new Set<string>();
  for (const soa of soas) owners.add(canonicalNameKey(soa.owner).toString('latin1'));
  if (origin !== undefined) {
    const apex = originFromText(origin);
    return { apex, name: nameToText(apex), from: 'origin', soaOwners: owners.size };
  }
  if (owners.size === 0) return { apex: undefined, name: '', from: 'none', soaOwners: 0 };
  const first = soas[0]!;
  return { apex: first.owner, name: nameToText(first.owner), from: 'soa', soaOwners: owners.size };
}

/** ZONEMD RDATA fields (the wire module's ZonemdData, under the name this module has always used). */
export type ZonemdRecordData = ZonemdData;

/** The zone's distinct records of `type` owned by `apex` (SOA, ZONEMD, DNSKEY or RRSIG: those it keeps), in zone order. */
export function apexRecords(zone: CanonicalZone, apex: Uint8Array, type: number): ZoneRecord[] {
  const seen = new Set<string>();
  const out: ZoneRecord[] = [];
  for (const r of zone.special) {
    if (r.type !== type || !wireNamesEqual(r.owner, apex)) continue;
    const id = r.rdata.toString('latin1') + '/' + r.class;
    if (seen.has(id)) continue; // duplicate RR
    seen.add(id);
    out.push(r);
  }
  return out;
}

function rrsigsAt(zone: CanonicalZone, apex: Uint8Array, covered: number): ZoneRecord[] {
  return apexRecords(zone, apex, RRTYPE.RRSIG).filter((r) => r.rdata.length >= 2 && r.rdata.readUInt16BE(0) === covered);
}

/** The zone cannot be given a ZONEMD (no SOA at the apex, unsupported algorithm). */
export class ZonemdComputeError extends CodedError {}

/** Layer 2: the ZONEMD RDATA for the zone at `apex` (SIMPLE scheme; serial from the apex SOA). */
export function computeZonemd(zone: CanonicalZone, apex: Uint8Array, algorithm = 1): ZonemdRecordData {
  const soa = apexRecords(zone, apex, RRTYPE.SOA);
  if (soa.length === 0) throw new ZonemdComputeError('ERR_ZONEMD_NO_SOA', `no SOA record at the apex ${nameToText(apex)}`);
  if (zonemdHashName(algorithm) === undefined) throw new ZonemdComputeError('ERR_ZONEMD_ALGORITHM', `unsupported hash algorithm ${algorithm}`);
  const serial = soaSerial(soa[0]!.rdata);
  const digest = zoneDigests(zone, apex, [algorithm]).get(algorithm)!;
  return { serial, scheme: ZONEMD_SCHEME_SIMPLE, algorithm, digest };
}

/** ZONEMD RDATA octets for `data` (encodeZonemdRdata, under the name 'dnsorder/zone' exports). */
export const zonemdRdata: (data: ZonemdRecordData) => Buffer = encodeZonemdRdata;

/** A ZONEMD record for `data` at `owner`, in the class and with the TTL of `soa` (IN and 0 without one). */
export function zonemdRecord(owner: Buffer, data: ZonemdRecordData, soa?: ZoneRecord): ZoneRecord {
  return { owner, type: RRTYPE.ZONEMD, class: soa?.class ?? 1, ttl: soa?.ttl ?? 0, rdata: zonemdRdata(data) };
}

/** Fresh apex ZONEMD records for the zone at `apex`, one per hash algorithm, in the class and with the TTL of the apex SOA. */
export function apexZonemdRecords(zone: CanonicalZone, apex: Buffer, algorithms: readonly number[]): ZoneRecord[] {
  const soa = apexRecords(zone, apex, RRTYPE.SOA)[0];
  return algorithms.map((algorithm) => zonemdRecord(apex, computeZonemd(zone, apex, algorithm), soa));
}

/** `records` without their apex ZONEMD records, with `zonemds` right after the first apex SOA (nowhere without one). */
export function withApexZonemd(records: Iterable<ZoneRecord>, apex: Uint8Array, zonemds: readonly ZoneRecord[]): ZoneRecord[] {
  const out: ZoneRecord[] = [];
  let placed = false;
  for (const r of records) {
    if (r.type === RRTYPE.ZONEMD && wireNamesEqual(r.owner, apex)) continue;
    out.push(r);
    if (!placed && r.type === RRTYPE.SOA && wireNamesEqual(r.owner, apex)) {
      out.push(...zonemds);
      placed = true;
    }
  }
  return out;
}

/** Stable reason codes (the JSON report and the exit status rest on them). */
export type ZonemdReasonCode =
  | 'no-soa' | 'multiple-soa' | 'mixed-classes' | 'no-zonemd' | 'zonemd-not-at-apex'
  | 'serial-mismatch' | 'unsupported-scheme' | 'unsupported-algorithm' | 'digest-too-short' | 'digest-wrong-length'
  | 'repeated-scheme-algorithm' | 'digest-mismatch' | 'missing-signature' | 'bad-signature';

export interface ZonemdReason {
  code: ZonemdReasonCode;
  message: string;
  position?: SourcePosition;
}

export interface ZonemdRecordOutcome {
  serial: number;
  scheme: number;
  algorithm: number;
  /** Digest in the record (hex). */
  expected: string;
  /** Digest we computed (hex), when the record could be checked. */
  actual?: string;
  status: 'verified' | ZonemdReasonCode;
  message: string;
  position?: SourcePosition;
}

export interface ZonemdVerification {
  verified: boolean;
  apex: string;
  soaSerial?: number;
  /** Zone-level failures (empty when verified). */
  reasons: ZonemdReason[];
  /** Every apex ZONEMD record, in file order, with what happened to it. */
  records: ZonemdRecordOutcome[];
  dnssec: { signed: boolean; validationTime: number; rrsets: RrsetValidation[] };
  /** One line for people. */
  summary: string;
}

export interface VerifyOptions {
  /** Validation time for RRSIGs, seconds since the epoch: the caller reads the clock (or takes --time), the library never does. */
  time: number;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Layer 3: RFC 8976 §4 verification of the zone at `apex`. */
export function verifyZonemd(zone: CanonicalZone, apex: Uint8Array, options: VerifyOptions): ZonemdVerification {
  const apexName = nameToText(apex);
  const time = options.time;
  const reasons: ZonemdReason[] = [];
  const records: ZonemdRecordOutcome[] = [];
  const dnssec: ZonemdVerification['dnssec'] = { signed: false, validationTime: time, rrsets: [] };
  const done = (soaSerial?: number): ZonemdVerification => {
    const verified = reasons.length === 0 && records.some((r) => r.status === 'verified');
    const summary = verified
      ? `verified: ${records.filter((r) => r.status === 'verified').map((r) => `ZONEMD ${r.serial} ${r.scheme} ${r.algorithm}`).join(', ')} matches the zone${dnssec.signed ? ' and its SOA and ZONEMD RRSIGs validate' : ''}`
      : `not verified: ${reasons.map((r) => r.message).join('; ')}`;
    return { verified, apex: apexName, soaSerial, reasons, records, dnssec, summary };
  };

  const soas = apexRecords(zone, apex, RRTYPE.SOA);
  if (soas.length === 0) {
    reasons.push({ code: 'no-soa', message: `no SOA record at the apex ${apexName}` });
    return done();
  }
  if (soas.length > 1) {
    reasons.push({ code: 'multiple-soa', message: `${soas.length} different SOA records at the apex ${apexName}`, position: soas[1]!.position });
  }
  const soa = soas[0]!;
  const serialOfSoa = soaSerial(soa.rdata);
  for (const [cls, stats] of zone.classes) {
    if (cls === soa.class) continue;
    reasons.push({
      code: 'mixed-classes',
      message: `${stats.count} record(s) in class ${className(cls)} but the SOA is in class ${className(soa.class)} (first: ${nameToText(stats.first.owner)})`,
      position: stats.first.position,
    });
  }

  const zonemds = apexRecords(zone, apex, RRTYPE.ZONEMD);
  const dnskeys = apexRecords(zone, apex, RRTYPE.DNSKEY);
  if (dnskeys.length > 0) {
    dnssec.signed = true;
    const rrsets: Array<[number, ZoneRecord[]]> = [[RRTYPE.SOA, soas]];
    if (zonemds.length > 0) rrsets.push([RRTYPE.ZONEMD, zonemds]);
    for (const [type, rrset] of rrsets) {
      const result = validateRrset(rrset, rrsigsAt(zone, apex, type), dnskeys, time);
      dnssec.rrsets.push(result);
      if (result.status === 'unsigned') reasons.push({ code: 'missing-signature', message: result.detail });
      else if (result.status === 'bogus') reasons.push({ code: 'bad-signature', message: result.detail });
    }
  }

  if (zonemds.length === 0) {
    const elsewhere = zone.special.find((r) => r.type === RRTYPE.ZONEMD);
    if (elsewhere) {
      reasons.push({ code: 'zonemd-not-at-apex', message: `no ZONEMD at the apex ${apexName}; the ZONEMD at ${nameToText(elsewhere.owner)} is ordinary zone data`, position: elsewhere.position });
    } else {
      reasons.push({ code: 'no-zonemd', message: `no ZONEMD record at the apex ${apexName}` });
    }
    return done(serialOfSoa);
  }

  const pairCounts = new Map<string, number>();
  const decoded = zonemds.map((r) => {
    const data = r.rdata.length >= 6 ? decodeZonemdRdata(r.rdata) : undefined;
    if (data) pairCounts.set(`${data.scheme}/${data.algorithm}`, (pairCounts.get(`${data.scheme}/${data.algorithm}`) ?? 0) + 1);
    return { record: r, data };
  });
  const toCompute: Array<{ outcome: ZonemdRecordOutcome; algorithm: number; digest: Buffer }> = [];
  for (const { record, data } of decoded) {
    if (data === undefined) continue; // the parser never yields this (ZONEMD text needs all fields)
    const label = `ZONEMD ${data.serial} ${data.scheme} ${data.algorithm}`;
    const outcome: ZonemdRecordOutcome = {
      serial: data.serial, scheme: data.scheme, algorithm: data.algorithm, expected: hex(data.digest),
      status: 'verified', message: '', position: record.position,
    };
    records.push(outcome);
    const fail = (status: ZonemdReasonCode, message: string) => {
      outcome.status = status;
      outcome.message = `${label}: ${message}`;
    };
    const expectedLength = zonemdDigestLength(data.algorithm);
    if (pairCounts.get(`${data.scheme}/${data.algorithm}`)! > 1) fail('repeated-scheme-algorithm', `scheme ${data.scheme} and hash algorithm ${data.algorithm} appear in more than one ZONEMD record, so none of them can be used`);
    else if (data.serial !== serialOfSoa) fail('serial-mismatch', `serial ${data.serial} differs from the SOA serial ${serialOfSoa}`);
    else if (data.scheme !== ZONEMD_SCHEME_SIMPLE) fail('unsupported-scheme', `scheme ${data.scheme} is not supported (only 1, SIMPLE)`);
    else if (expectedLength === undefined) fail('unsupported-algorithm', `hash algorithm ${data.algorithm} is not supported (only 1 SHA-384 and 2 SHA-512)`);
    else if (data.digest.length < ZONEMD_MIN_DIGEST_OCTETS) fail('digest-too-short', `digest of ${data.digest.length} octets is shorter than the minimum ${ZONEMD_MIN_DIGEST_OCTETS}`);
    else if (data.digest.length !== expectedLength) fail('digest-wrong-length', `digest of ${data.digest.length} octets, hash algorithm ${data.algorithm} gives ${expectedLength}`);
    else toCompute.push({ outcome, algorithm: data.algorithm, digest: data.digest });
  }
  if (pairCounts.size < decoded.length) {
    const repeated = [...pairCounts].filter(([, n]) => n > 1).map(([pair]) => pair);
    reasons.push({ code: 'repeated-scheme-algorithm', message: `the apex ZONEMD RRset repeats scheme/hash algorithm ${repeated.join(', ')}: RFC 8976 allows one record per scheme and hash algorithm` });
  }
  if (toCompute.length > 0) {
    const digests = zoneDigests(zone, apex, toCompute.map((c) => c.algorithm));
    for (const c of toCompute) {
      const actual = digests.get(c.algorithm)!;
      c.outcome.actual = hex(actual);
      if (actual.equals(c.digest)) {
        c.outcome.message = `ZONEMD ${c.outcome.serial} ${c.outcome.scheme} ${c.outcome.algorithm}: digest matches`;
      } else {
        c.outcome.status = 'digest-mismatch';
        c.outcome.message = `ZONEMD ${c.outcome.serial} ${c.outcome.scheme} ${c.outcome.algorithm}: digest mismatch: the record says ${c.outcome.expected}, the zone hashes to ${c.outcome.actual}`;
      }
    }
  }
  if (!records.some((r) => r.status === 'verified')) {
    const usable = records.filter((r) => r.status !== 'repeated-scheme-algorithm');
    if (usable.length > 0) {
      const code = usable.every((r) => r.status === 'digest-mismatch') ? 'digest-mismatch' : (usable[0]!.status as ZonemdReasonCode);
      const tried = usable.map((r) => r.message).join('; ');
      reasons.push({ code, message: usable.length === 1 ? tried : `none of the ${usable.length} usable ZONEMD records verified: ${tried}` });
    }
  }
  return done(serialOfSoa);
}

export type { RrsetValidation };
