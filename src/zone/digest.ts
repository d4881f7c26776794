// RFC 8976 SIMPLE-scheme digests in two layers:
//  1. bytes only: `digestCanonicalInput` hashes canonical RRs handed to it;
//  2. zone: `forEachDigestedRecord` applies the §3.3.1.1 inclusion rules to a
//     CanonicalZone (canonical order, duplicates once, out-of-zone data left
//     out, the apex ZONEMD RRset and the apex RRSIGs covering ZONEMD left out,
//     everything else — occluded data, glue, non-apex ZONEMD — in), and
//     `zoneDigests` feeds the result to one hash per algorithm in one pass.

import { createHash, type Hash } from 'node:crypto';
import { DnsorderError } from '../errors.js';
import { zonemdHashAlgorithm } from '../rdata/zonemd.js';
import { keyIsInZone, writeOwnerFromKey } from '../rdata/name.js';
import { type CanonicalEntry, type CanonicalZone } from './canonical-zone.js';
import { RRTYPE } from '../rdata/registry.js';

/** node:crypto name for a ZONEMD hash algorithm, or undefined if unsupported. */
export function zonemdHashName(algorithm: number): string | undefined {
  return zonemdHashAlgorithm(algorithm)?.name;
}

/** Layer 1: the digest of canonical RRs already in order (bytes in, bytes out). */
export function digestCanonicalInput(records: Iterable<Uint8Array>, algorithm: number): Buffer {
  const hashName = zonemdHashName(algorithm);
  if (hashName === undefined) throw new RangeError(`unsupported ZONEMD hash algorithm ${algorithm}`);
  const hash = createHash(hashName);
  for (const rr of records) hash.update(rr);
  return hash.digest();
}

/**
 * Visits, in canonical order, every RR the SIMPLE scheme digests for the zone
 * whose apex is `apex` (wire form). The entry is reused between calls; write
 * its canonical octets with `writeCanonicalRecord`.
 */
export function forEachDigestedRecord(zone: CanonicalZone, apex: Uint8Array, visit: (entry: CanonicalEntry) => void): void {
  const apexKey = zone.relativeApexKey(apex);
  if (typeof apexKey === 'string') throw new DnsorderError('ERR_ZONEMD_APEX', apexKey);
  zone.forEachSorted((e) => {
    if (!keyIsInZone(e.block, e.keyStart, e.keyLength, apexKey)) return; // out-of-zone data
    if (e.keyLength === apexKey.length) {
      const type = (e.block[e.typeStart]! << 8) | e.block[e.typeStart + 1]!;
      if (type === RRTYPE.ZONEMD) return;
      if (type === RRTYPE.RRSIG) {
        const rdata = e.typeStart + 10;
        const covered = (e.block[rdata]! << 8) | e.block[rdata + 1]!;
        if (covered === RRTYPE.ZONEMD) return;
      }
    }
    visit(e);
  });
}

/** Writes the entry's canonical RR (owner, type, class, TTL, RDLENGTH, RDATA) at `offset`; returns the offset after it. */
export function writeCanonicalRecord(e: CanonicalEntry, suffix: Uint8Array, out: Buffer, offset: number): number {
  let o = writeOwnerFromKey(e.block, e.keyStart, e.keyLength, suffix, out, offset);
  const block = e.block;
  const end = e.typeStart + e.restLength;
  if (e.restLength < 64) for (let i = e.typeStart; i < end; i++) out[o++] = block[i]!;
  else {
    out.set(new Uint8Array(block.buffer, block.byteOffset + e.typeStart, e.restLength), o);
    o += e.restLength;
  }
  return o;
}

const STAGING_OCTETS = 1 << 17; // any single RR (≤ 255 + 10 + 65535 octets) fits after a flush

/** Layer 2: SIMPLE-scheme digests of the zone for each requested hash algorithm, computed in one pass. */
export function zoneDigests(zone: CanonicalZone, apex: Uint8Array, algorithms: Iterable<number>): Map<number, Buffer> {
  const hashes: Array<[number, Hash]> = [];
  for (const algorithm of new Set(algorithms)) {
    const hashName = zonemdHashName(algorithm);
    if (hashName !== undefined) hashes.push([algorithm, createHash(hashName)]);
  }
  const result = new Map<number, Buffer>();
  if (hashes.length === 0) return result;
  // Hash in 64 KiB slices rather than one native call per record.
  const staging = Buffer.allocUnsafe(STAGING_OCTETS);
  let used = 0;
  const suffix = zone.storedApex;
  const flush = () => {
    if (used === 0) return;
    const view = staging.subarray(0, used);
    for (const [, h] of hashes) h.update(view);
    used = 0;
  };
  forEachDigestedRecord(zone, apex, (e) => {
    if (used + 256 + e.restLength > STAGING_OCTETS) flush();
    used = writeCanonicalRecord(e, suffix, staging, used);
  });
  flush();
  for (const [algorithm, h] of hashes) result.set(algorithm, h.digest());
  return result;
}

/** The exact SIMPLE-scheme hash input (for tests and debugging; holds the whole zone in memory). */
export function canonicalInput(zone: CanonicalZone, apex: Uint8Array): Buffer {
  const parts: Buffer[] = [];
  const scratch = Buffer.allocUnsafe(256 + 0x10000 + 10);
  forEachDigestedRecord(zone, apex, (e) => parts.push(Buffer.from(scratch.subarray(0, writeCanonicalRecord(e, zone.storedApex, scratch, 0)))));
  return Buffer.concat(parts);
}
