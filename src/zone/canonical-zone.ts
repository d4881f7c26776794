// A zone in canonical form, built record by record while the file streams:
// each record is stored once, already canonical (RFC 4034 §6.2: owner and the
// RFC 6840 list of RDATA names lowercased, uncompressed), next to its
// canonical-order sort key, in large shared blocks rather than one object per
// record. `sorted()` then orders them (RFC 4034 §6.3: name, then type, then
// RDATA) and drops duplicates. The verifier also needs the few records that
// DNSSEC and ZONEMD look at (SOA, ZONEMD, DNSKEY and their RRSIGs), which are
// kept aside as ZoneRecords.

import { writeNameKey } from './canonical.js';
import { canonicalRdata } from './rdata-text.js';
import type { ZoneRecord } from './record.js';

const BLOCK_BITS = 22;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const OFFSET_MASK = BLOCK_SIZE - 1;

export const TYPE_SOA = 6;
export const TYPE_RRSIG = 46;
export const TYPE_DNSKEY = 48;
export const TYPE_ZONEMD = 63;

/** One canonical record as a view: `key` is its sort key, `wire` the canonical RR (owner … RDATA). */
export interface CanonicalEntry {
  block: Buffer;
  keyStart: number;
  keyLength: number;
  wireStart: number;
  wireLength: number;
  /** Offset of the type field inside the block. */
  typeStart: number;
}

export class CanonicalZone {
  private readonly blocks: Buffer[] = [];
  private block: Buffer;
  private used = 0;
  private refs: number[] = [];
  private isSorted = true;
  /** Records the verifier inspects: SOA, ZONEMD, DNSKEY anywhere, RRSIGs covering those types. */
  readonly special: ZoneRecord[] = [];
  /** Record count per class, and the first record seen in each class (for the mixed-class report). */
  readonly classes = new Map<number, { count: number; first: ZoneRecord }>();
  recordCount = 0;

  constructor() {
    this.block = Buffer.allocUnsafe(BLOCK_SIZE);
    this.blocks.push(this.block);
  }

  add(record: ZoneRecord): void {
    this.recordCount++;
    const stats = this.classes.get(record.class);
    if (stats) stats.count++;
    else this.classes.set(record.class, { count: 1, first: record });
    const type = record.type;
    if (type === TYPE_SOA || type === TYPE_ZONEMD || type === TYPE_DNSKEY) this.special.push(record);
    else if (type === TYPE_RRSIG && record.rdata.length >= 2) {
      const covered = record.rdata.readUInt16BE(0);
      if (covered === TYPE_SOA || covered === TYPE_ZONEMD || covered === TYPE_DNSKEY) this.special.push(record);
    }

    const owner = record.owner;
    const rdata = canonicalRdata(type, record.rdata);
    const ownerLength = owner.length;
    // key ≤ 2 × owner length; entry = 2 + key + 1 + 2 + owner + 10 + rdata
    const worst = 2 + 2 * ownerLength + 3 + ownerLength + 10 + rdata.length;
    if (worst > BLOCK_SIZE) throw new RangeError('record too large for a canonical block');
    if (this.used + worst > BLOCK_SIZE) {
      this.block = Buffer.allocUnsafe(BLOCK_SIZE);
      this.blocks.push(this.block);
      this.used = 0;
    }
    const b = this.block;
    const start = this.used;
    const keyLength = writeNameKey(owner, 0, b, start + 2);
    b[start] = keyLength >> 8;
    b[start + 1] = keyLength & 0xff;
    let p = start + 2 + keyLength;
    b[p++] = ownerLength;
    const wireLength = ownerLength + 10 + rdata.length;
    b[p++] = wireLength >> 8;
    b[p++] = wireLength & 0xff;
    for (let i = 0; i < ownerLength; i++) {
      const c = owner[i]!;
      b[p++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    }
    b[p++] = type >> 8;
    b[p++] = type & 0xff;
    b[p++] = record.class >> 8;
    b[p++] = record.class & 0xff;
    b.writeUInt32BE(record.ttl >>> 0, p);
    p += 4;
    b[p++] = rdata.length >> 8;
    b[p++] = rdata.length & 0xff;
    rdata.copy(b, p);
    p += rdata.length;
    this.used = p;
    const ref = (this.blocks.length - 1) * BLOCK_SIZE + start;
    const refs = this.refs;
    if (this.isSorted && refs.length > 0 && this.compareRefs(refs[refs.length - 1]!, ref) > 0) this.isSorted = false;
    refs.push(ref);
  }

  /** Canonical order: sort key, then type, class and RDATA (TTL ignored, so duplicates compare equal). */
  compareRefs(a: number, b: number): number {
    const ba = this.blocks[Math.floor(a / BLOCK_SIZE)]!, bb = this.blocks[Math.floor(b / BLOCK_SIZE)]!;
    const oa = a & OFFSET_MASK, ob = b & OFFSET_MASK;
    const ka = (ba[oa]! << 8) | ba[oa + 1]!, kb = (bb[ob]! << 8) | bb[ob + 1]!;
    const n = ka < kb ? ka : kb;
    let i = oa + 2, j = ob + 2;
    for (const end = i + n; i < end; i++, j++) {
      const d = ba[i]! - bb[j]!;
      if (d !== 0) return d;
    }
    if (ka !== kb) return ka - kb;
    // i, j now at the owner-length octet.
    const wa = i + 3 + ba[i]!, wb = j + 3 + bb[j]!; // type field
    for (let k = 0; k < 4; k++) {
      const d = ba[wa + k]! - bb[wb + k]!;
      if (d !== 0) return d;
    }
    const la = (ba[wa + 8]! << 8) | ba[wa + 9]!, lb = (bb[wb + 8]! << 8) | bb[wb + 9]!;
    const m = la < lb ? la : lb;
    for (let k = 0; k < m; k++) {
      const d = ba[wa + 10 + k]! - bb[wb + 10 + k]!;
      if (d !== 0) return d;
    }
    return la - lb;
  }

  private entry(ref: number, into: CanonicalEntry): CanonicalEntry {
    const block = this.blocks[Math.floor(ref / BLOCK_SIZE)]!;
    const o = ref & OFFSET_MASK;
    const keyLength = (block[o]! << 8) | block[o + 1]!;
    const q = o + 2 + keyLength;
    into.block = block;
    into.keyStart = o + 2;
    into.keyLength = keyLength;
    into.wireLength = (block[q + 1]! << 8) | block[q + 2]!;
    into.wireStart = q + 3;
    into.typeStart = q + 3 + block[q]!;
    return into;
  }

  /**
   * Visits every distinct record in canonical order. The entry object is
   * reused between calls: copy what you keep.
   */
  forEachSorted(visit: (entry: CanonicalEntry) => void): void {
    if (!this.isSorted) {
      this.refs.sort((a, b) => this.compareRefs(a, b));
      this.isSorted = true;
    }
    const entry: CanonicalEntry = { block: this.blocks[0]!, keyStart: 0, keyLength: 0, wireStart: 0, wireLength: 0, typeStart: 0 };
    const refs = this.refs;
    for (let r = 0; r < refs.length; r++) {
      if (r > 0 && this.compareRefs(refs[r - 1]!, refs[r]!) === 0) continue; // duplicate RR: digested once
      visit(this.entry(refs[r]!, entry));
    }
  }
}
