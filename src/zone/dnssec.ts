// Just enough DNSSEC to check the RRsets ZONEMD relies on: RRSIG validation
// (RFC 4034 §3.1.8.1 signed data, RFC 6840 canonical form) against the apex
// DNSKEYs with node:crypto, for RSA/SHA-1 (5, 7), RSA/SHA-256 (8),
// RSA/SHA-512 (10), ECDSA P-256 (13), P-384 (14) and Ed25519 (15). The apex
// DNSKEY RRset itself is taken as given (no chain to a trust anchor).

import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { WireFormatError } from '../errors.js';
import { RRTYPE, typeName, typeNumber } from '../rdata/registry.js';
import { rdataToValue, type RecordDataMap } from '../rdata/value.js';
import { lowerWireName, wireLabelCount, wireNamesEqual } from '../rdata/name.js';
import { canonicalRdata } from '../rdata/presentation.js';
import type { ZoneRecord } from './record.js';
import { formatSigTime } from '../rdata/text-values.js';

export const DNSSEC_ALGORITHMS: Readonly<Record<number, { hash: string | null; kind: 'rsa' | 'ec' | 'ed25519'; curve?: string; name: string }>> = {
  5: { hash: 'sha1', kind: 'rsa', name: 'RSASHA1' },
  7: { hash: 'sha1', kind: 'rsa', name: 'RSASHA1-NSEC3-SHA1' },
  8: { hash: 'sha256', kind: 'rsa', name: 'RSASHA256' },
  10: { hash: 'sha512', kind: 'rsa', name: 'RSASHA512' },
  13: { hash: 'sha256', kind: 'ec', curve: 'P-256', name: 'ECDSAP256SHA256' },
  14: { hash: 'sha384', kind: 'ec', curve: 'P-384', name: 'ECDSAP384SHA384' },
  15: { hash: null, kind: 'ed25519', name: 'ED25519' },
};

/** Type covered, algorithm, labels, original TTL, expiration, inception, key tag: the octets before the signer's name. */
const RRSIG_FIXED_OCTETS = 18;

export interface RrsigFields {
  typeCovered: number;
  algorithm: number;
  labels: number;
  originalTtl: number;
  expiration: number;
  inception: number;
  keyTag: number;
  signer: Buffer;
  signature: Buffer;
  /** Octets before the signer's name. */
  fixed: Buffer;
}

export function parseRrsig(rdata: Buffer): RrsigFields | undefined {
  // The fields come from the RRSIG declaration in src/rdata; the signed data
  // (RFC 4034 §3.1.8.1) needs them as the octet spans they were read from.
  let value: unknown;
  try {
    value = rdataToValue(RRTYPE.RRSIG, rdata, 0, rdata.length);
  } catch (err) {
    if (err instanceof WireFormatError) return undefined;
    throw err;
  }
  if (value instanceof Uint8Array) return undefined; // did not decode: carried as raw octets
  const rrsig = value as RecordDataMap['RRSIG'];
  const signerEnd = rdata.length - rrsig.signature.length;
  return {
    typeCovered: typeNumber(rrsig.typeCovered),
    algorithm: rrsig.algorithm,
    labels: rrsig.labels,
    originalTtl: rrsig.originalTTL,
    expiration: rrsig.expiration,
    inception: rrsig.inception,
    keyTag: rrsig.keyTag,
    signer: rdata.subarray(RRSIG_FIXED_OCTETS, signerEnd),
    signature: rdata.subarray(signerEnd),
    fixed: rdata.subarray(0, RRSIG_FIXED_OCTETS),
  };
}

/** RFC 4034 Appendix B key tag. */
export function keyTag(dnskeyRdata: Uint8Array): number {
  let ac = 0;
  for (let i = 0; i < dnskeyRdata.length; i++) ac += i & 1 ? dnskeyRdata[i]! : dnskeyRdata[i]! << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** node:crypto public key for DNSKEY public-key octets, or a reason it cannot be built. */
export function publicKeyFor(algorithm: number, key: Buffer): KeyObject | string {
  const spec = DNSSEC_ALGORITHMS[algorithm];
  if (spec === undefined) return `unsupported DNSSEC algorithm ${algorithm}`;
  try {
    if (spec.kind === 'rsa') {
      if (key.length < 3) return 'RSA key too short';
      let expLength = key[0]!, offset = 1;
      if (expLength === 0) {
        expLength = key.readUInt16BE(1);
        offset = 3;
      }
      const e = key.subarray(offset, offset + expLength), n = key.subarray(offset + expLength);
      if (e.length !== expLength || n.length === 0) return 'RSA key truncated';
      return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
    }
    if (spec.kind === 'ec') {
      const half = spec.curve === 'P-256' ? 32 : 48;
      if (key.length !== 2 * half) return `ECDSA key of ${key.length} octets (expected ${2 * half})`;
      return createPublicKey({ key: { kty: 'EC', crv: spec.curve!, x: b64url(key.subarray(0, half)), y: b64url(key.subarray(half)) }, format: 'jwk' });
    }
    if (key.length !== 32) return `Ed25519 key of ${key.length} octets (expected 32)`;
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(key) }, format: 'jwk' });
  } catch (err) {
    return `bad public key: ${(err as Error).message}`;
  }
}

function lowerName(wire: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(wire.length);
  lowerWireName(wire, 0, wire.length, out, 0);
  return out;
}

/** RFC 4034 §3.1.8.1 signed data for `rrsig` over `rrset` (records of one owner, type and class). */
export function signedData(rrsig: RrsigFields, rrset: readonly ZoneRecord[]): Buffer {
  const first = rrset[0]!;
  let owner = lowerName(first.owner);
  const ownerLabels = wireLabelCount(owner);
  if (rrsig.labels < ownerLabels) {
    // Wildcard expansion (RFC 4035 §5.3.2): "*" plus the rightmost `labels` labels.
    let offset = 0;
    for (let i = 0; i < ownerLabels - rrsig.labels; i++) offset += owner[offset]! + 1;
    owner = Buffer.concat([Buffer.from([1, 0x2a]), owner.subarray(offset)]);
  }
  const rdatas = rrset.map((r) => canonicalRdata(r.type, r.rdata)).sort(Buffer.compare);
  const parts: Buffer[] = [rrsig.fixed, lowerName(rrsig.signer)];
  let previous: Buffer | undefined;
  for (const rdata of rdatas) {
    if (previous !== undefined && previous.equals(rdata)) continue;
    previous = rdata;
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(first.type, 0);
    fixed.writeUInt16BE(first.class, 2);
    fixed.writeUInt32BE(rrsig.originalTtl, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    parts.push(owner, fixed, rdata);
  }
  return Buffer.concat(parts);
}

/** a ≥ b in RFC 1982 serial-number arithmetic on 32 bits. */
function serialGte(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}

export type SignatureStatus = 'valid' | 'invalid' | 'expired' | 'not-yet-valid' | 'no-key' | 'unsupported-algorithm' | 'malformed';

export interface SignatureCheck {
  keyTag: number;
  algorithm: number;
  status: SignatureStatus;
  detail: string;
}

export type RrsetStatus = 'secure' | 'bogus' | 'unsigned';

export interface RrsetValidation {
  type: string;
  status: RrsetStatus;
  /** One line saying why. */
  detail: string;
  signatures: SignatureCheck[];
}

/**
 * Validates the RRset `rrset` with the RRSIGs `rrsigs` (already restricted to
 * its owner and type) against `dnskeys` (the apex DNSKEY records) at `time`
 * (seconds since the epoch). Secure when at least one signature verifies.
 */
export function validateRrset(rrset: readonly ZoneRecord[], rrsigs: readonly ZoneRecord[], dnskeys: readonly ZoneRecord[], time: number): RrsetValidation {
  const type = typeName(rrset[0]!.type);
  if (rrsigs.length === 0) return { type, status: 'unsigned', detail: `${type} RRset has no RRSIG although the zone has DNSKEYs`, signatures: [] };
  const now = Math.floor(time) >>> 0;
  const checks: SignatureCheck[] = [];
  for (const sigRecord of rrsigs) {
    const rrsig = parseRrsig(sigRecord.rdata);
    if (rrsig === undefined) {
      checks.push({ keyTag: -1, algorithm: -1, status: 'malformed', detail: 'RRSIG RDATA does not decode' });
      continue;
    }
    const base = { keyTag: rrsig.keyTag, algorithm: rrsig.algorithm };
    const window = `${formatSigTime(rrsig.inception)}–${formatSigTime(rrsig.expiration)}`;
    if (!serialGte(now, rrsig.inception)) {
      checks.push({ ...base, status: 'not-yet-valid', detail: `valid ${window}, validation time ${formatSigTime(now)} is before it` });
      continue;
    }
    if (!serialGte(rrsig.expiration, now)) {
      checks.push({ ...base, status: 'expired', detail: `valid ${window}, validation time ${formatSigTime(now)} is after it` });
      continue;
    }
    const spec = DNSSEC_ALGORITHMS[rrsig.algorithm];
    if (spec === undefined) {
      checks.push({ ...base, status: 'unsupported-algorithm', detail: `DNSSEC algorithm ${rrsig.algorithm} is not supported` });
      continue;
    }
    const candidates = dnskeys.filter((k) => k.rdata.length > 4 && (k.rdata[0]! & 0x01) === 0x01 && k.rdata[2] === 3 &&
      k.rdata[3] === rrsig.algorithm && keyTag(k.rdata) === rrsig.keyTag && wireNamesEqual(k.owner, rrsig.signer));
    if (candidates.length === 0) {
      checks.push({ ...base, status: 'no-key', detail: `no apex DNSKEY with key tag ${rrsig.keyTag}, algorithm ${rrsig.algorithm} and the zone-key flag` });
      continue;
    }
    const data = signedData(rrsig, rrset);
    let result: SignatureCheck = { ...base, status: 'invalid', detail: `signature does not verify with DNSKEY ${rrsig.keyTag}` };
    for (const key of candidates) {
      const publicKey = publicKeyFor(rrsig.algorithm, key.rdata.subarray(4));
      if (typeof publicKey === 'string') {
        result = { ...base, status: 'malformed', detail: publicKey };
        continue;
      }
      let ok = false;
      try {
        ok = spec.kind === 'ec'
          ? cryptoVerify(spec.hash, data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, rrsig.signature)
          : cryptoVerify(spec.hash, data, publicKey, rrsig.signature);
      } catch (err) {
        result = { ...base, status: 'invalid', detail: `signature check failed: ${(err as Error).message}` };
      }
      if (ok) {
        result = { ...base, status: 'valid', detail: `verified with DNSKEY ${rrsig.keyTag} (${spec.name})` };
        break;
      }
    }
    checks.push(result);
  }
  const valid = checks.find((c) => c.status === 'valid');
  if (valid) return { type, status: 'secure', detail: `${type} RRset: ${valid.detail}`, signatures: checks };
  const reasons = checks.map((c) => `key ${c.keyTag} alg ${c.algorithm}: ${c.status} (${c.detail})`).join('; ');
  return { type, status: 'bogus', detail: `${type} RRset has no valid RRSIG: ${reasons}`, signatures: checks };
}
