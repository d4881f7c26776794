// The records of a served zone, compact: each record is stored once, in wire
// form, in large shared blocks (no object per record), and indexed by a sorted
// array of record numbers. Built in O(n log n) with no per-record strings, it
// costs about what `zonemd digest` costs for the same zone, where a Map of
// presentation names and objects costs ~10× the time and memory.
//
// Entry layout in a block:
//   key length (2) | key | owner length (1) | owner (wire, as written) | type (2) class (2) TTL (4) RDLENGTH (2) RDATA
// The key is the owner's canonical sort key (src/zone/canonical.ts: RFC 4034
// §6.1 order as octet order) with the origin's part removed. In
// that order every name's descendants follow it contiguously, so one binary
// search answers both "which records are at this name" and "does this name
// exist" (an empty non-terminal has records below it).

import { DnsorderError } from '../errors.js';
import { ARENA_MAX_OCTETS, BLOCK_BITS, BlockArena, OFFSET_MASK } from '../memory/block-arena.js';
import { wireNameLength, writeCanonicalNameKey } from '../rdata/name.js';

/** Where one name's key was written, and where each of its labels ends in it. */
export interface NameKey {
  key: Buffer;
  /** Offsets in `key` just after each label's 00 00 (root-most first): key.subarray(0, end) is an ancestor's key. */
  labelEnds: number[];
}

const scratch = Buffer.allocUnsafe(1024);

/** A stored record's fields, as views into its block. */
export interface StoredRecord {
  block: Buffer;
  ownerStart: number;
  ownerLength: number;
  /** Offset of the type field: type, class, TTL, RDLENGTH, RDATA follow. */
  fixedStart: number;
  type: number;
  rdataStart: number;
  rdataLength: number;
}

export class ZoneStore {
  private readonly arena = new BlockArena();
  /** The arena's blocks, by number (read directly in the comparisons). */
  private readonly blocks = this.arena.blocks;
  /** Entry refs in arrival (file) order: the arena's, taken when sealed (lookups come after). */
  private refs: Uint32Array = new Uint32Array(0);
  /** Arrival numbers sorted by key, then arrival: set by `seal`. */
  private sorted: Uint32Array | undefined;
  /** The origin's full sort key; stored keys are relative to it. */
  private readonly originKey: Buffer;

  constructor(originWire: Uint8Array) {
    const n = writeCanonicalNameKey(originWire, 0, originWire.length, scratch);
    if (n < 0) throw new DnsorderError('ERR_ZONE_ORIGIN', 'the zone origin is not a valid name');
    this.originKey = Buffer.from(scratch.subarray(0, n));
  }

  get size(): number {
    return this.arena.size;
  }

  /**
   * Stores one record (copying what it needs: the arguments may be reused).
   * Returns its arrival number, -1 when the owner is outside the origin, -2 when malformed.
   */
  add(owner: Uint8Array, ownerOffset: number, type: number, cls: number, ttl: number, rdata: Uint8Array, rdataOffset = 0, rdataLength = rdata.length - rdataOffset): number {
    const ownerLength = wireNameLength(owner, ownerOffset);
    if (ownerLength < 0) return -2;
    const fullKeyLength = writeCanonicalNameKey(owner, ownerOffset, ownerOffset + ownerLength, scratch);
    if (fullKeyLength < 0) return -2;
    const originKey = this.originKey;
    if (fullKeyLength < originKey.length) return -1;
    for (let i = 0; i < originKey.length; i++) if (scratch[i] !== originKey[i]) return -1;
    const keyLength = fullKeyLength - originKey.length;
    const size = 2 + keyLength + 1 + ownerLength + 10 + rdataLength;
    const start = this.arena.reserve(size);
    if (start < 0) throw new DnsorderError('ERR_ZONE_TOO_LARGE', `zone larger than ${ARENA_MAX_OCTETS} octets in wire form, more than one server holds`);
    const b = this.arena.block;
    let p = start;
    b[p++] = keyLength >> 8;
    b[p++] = keyLength & 0xff;
    for (let i = originKey.length; i < fullKeyLength; i++) b[p++] = scratch[i]!;
    b[p++] = ownerLength;
    for (let i = 0; i < ownerLength; i++) b[p++] = owner[ownerOffset + i]!;
    b[p++] = type >> 8;
    b[p++] = type & 0xff;
    b[p++] = cls >> 8;
    b[p++] = cls & 0xff;
    b.writeUInt32BE(ttl >>> 0, p);
    p += 4;
    b[p++] = rdataLength >> 8;
    b[p++] = rdataLength & 0xff;
    if (rdataLength < 64) for (let i = 0; i < rdataLength; i++) b[p++] = rdata[rdataOffset + i]!;
    else {
      b.set(rdata.subarray(rdataOffset, rdataOffset + rdataLength), p);
      p += rdataLength;
    }
    this.sorted = undefined;
    return this.arena.commit(start, p);
  }

  /** Sorts the index; lookups need it (called once, after the last `add`). */
  seal(): void {
    // Shrink first: the last block and the ref table to what they hold.
    this.arena.shrink();
    this.refs = this.arena.refs;
    const count = this.refs.length;
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    // Zone files often arrive grouped by name, so many runs are already in order: check before sorting.
    let inOrder = true;
    for (let i = 1; i < count && inOrder; i++) inOrder = this.compareKeys(i - 1, i) <= 0;
    if (!inOrder) mergeSortStable(order, (a, b) => this.compareKeys(a, b));
    this.sorted = order;
  }

  /** Compares the keys of two records by arrival number (0 when at the same name). */
  private compareKeys(a: number, b: number): number {
    const ra = this.refs[a]!, rb = this.refs[b]!;
    const ba = this.blocks[ra >>> BLOCK_BITS]!, bb = this.blocks[rb >>> BLOCK_BITS]!;
    const oa = ra & OFFSET_MASK, ob = rb & OFFSET_MASK;
    const ka = (ba[oa]! << 8) | ba[oa + 1]!, kb = (bb[ob]! << 8) | bb[ob + 1]!;
    const n = ka < kb ? ka : kb;
    for (let i = oa + 2, j = ob + 2, end = oa + 2 + n; i < end; i++, j++) {
      const d = ba[i]! - bb[j]!;
      if (d !== 0) return d;
    }
    return ka - kb;
  }

  /** Compares the key of the record with arrival number `a` with `key[0, keyLength)`. */
  private compareWith(a: number, key: Uint8Array, keyLength: number): number {
    const ra = this.refs[a]!;
    const ba = this.blocks[ra >>> BLOCK_BITS]!;
    const oa = ra & OFFSET_MASK;
    const ka = (ba[oa]! << 8) | ba[oa + 1]!;
    const n = ka < keyLength ? ka : keyLength;
    for (let i = 0; i < n; i++) {
      const d = ba[oa + 2 + i]! - key[i]!;
      if (d !== 0) return d;
    }
    return ka - keyLength;
  }

  /** True when the record's key starts with `key[0, keyLength)`: it is at or below that name. */
  private isAtOrBelow(a: number, key: Uint8Array, keyLength: number): boolean {
    const ra = this.refs[a]!;
    const ba = this.blocks[ra >>> BLOCK_BITS]!;
    const oa = ra & OFFSET_MASK;
    const ka = (ba[oa]! << 8) | ba[oa + 1]!;
    if (ka < keyLength) return false;
    for (let i = 0; i < keyLength; i++) if (ba[oa + 2 + i] !== key[i]) return false;
    return true;
  }

  private lowerBound(key: Uint8Array, keyLength: number): number {
    const sorted = this.sorted!;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareWith(sorted[mid]!, key, keyLength) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Arrival numbers of the records at the name with relative key `key[0, keyLength)`, in zone order. */
  at(key: Uint8Array, keyLength = key.length): number[] {
    const sorted = this.sorted!;
    const out: number[] = [];
    for (let i = this.lowerBound(key, keyLength); i < sorted.length && this.compareWith(sorted[i]!, key, keyLength) === 0; i++) out.push(sorted[i]!);
    return out;
  }

  /** The name exists: records at it or below it (an empty non-terminal). */
  exists(key: Uint8Array, keyLength = key.length): boolean {
    const sorted = this.sorted!;
    const i = this.lowerBound(key, keyLength);
    return i < sorted.length && this.isAtOrBelow(sorted[i]!, key, keyLength);
  }

  /**
   * The key of the wire name at `wire[offset]` relative to the origin, with
   * its label boundaries; undefined when the name is malformed or outside the zone.
   */
  relativeKey(wire: Uint8Array, offset = 0, end = wire.length): NameKey | undefined {
    const ends: number[] = [];
    const n = writeCanonicalNameKey(wire, offset, end, scratch, ends);
    const originKey = this.originKey;
    if (n < originKey.length) return undefined;
    for (let i = 0; i < originKey.length; i++) if (scratch[i] !== originKey[i]) return undefined;
    return {
      key: Buffer.from(scratch.subarray(originKey.length, n)),
      labelEnds: ends.filter((e) => e > originKey.length).map((e) => e - originKey.length),
    };
  }

  /** The fields of record `index` (arrival number), as views into its block. */
  record(index: number): StoredRecord {
    const ref = this.refs[index]!;
    const block = this.blocks[ref >>> BLOCK_BITS]!;
    const o = ref & OFFSET_MASK;
    const keyLength = (block[o]! << 8) | block[o + 1]!;
    const ownerLength = block[o + 2 + keyLength]!;
    const ownerStart = o + 3 + keyLength;
    const fixedStart = ownerStart + ownerLength;
    return {
      block, ownerStart, ownerLength, fixedStart,
      type: (block[fixedStart]! << 8) | block[fixedStart + 1]!,
      rdataStart: fixedStart + 10,
      rdataLength: (block[fixedStart + 8]! << 8) | block[fixedStart + 9]!,
    };
  }

  /** Type of record `index`, without building a view. */
  typeOf(index: number): number {
    const ref = this.refs[index]!;
    const block = this.blocks[ref >>> BLOCK_BITS]!;
    const o = ref & OFFSET_MASK;
    const keyLength = (block[o]! << 8) | block[o + 1]!;
    const fixedStart = o + 3 + keyLength + block[o + 2 + keyLength]!;
    return (block[fixedStart]! << 8) | block[fixedStart + 1]!;
  }

  /** Octets held (blocks and index). */
  get octets(): number {
    return this.arena.octets + (this.sorted?.byteLength ?? 0);
  }
}

/** Stable merge sort of a Uint32Array (bottom-up, with one scratch array). */
function mergeSortStable(a: Uint32Array, compare: (x: number, y: number) => number): void {
  const n = a.length;
  // Short runs by insertion sort first: cheap on data that is mostly in order.
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i]!;
      let j = i - 1;
      while (j >= lo && compare(a[j]!, v) > 0) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = v;
    }
  }
  let source: Uint32Array = a;
  let target: Uint32Array = new Uint32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      if (mid < hi && compare(source[mid - 1]!, source[mid]!) <= 0) {
        // Already in order across the seam.
        target.set(source.subarray(lo, hi), lo);
        continue;
      }
      while (i < mid && j < hi) target[k++] = compare(source[i]!, source[j]!) <= 0 ? source[i++]! : source[j++]!;
      while (i < mid) target[k++] = source[i++]!;
      while (j < hi) target[k++] = source[j++]!;
    }
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== a) a.set(source);
}
