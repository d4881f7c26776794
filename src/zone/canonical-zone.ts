// A zone in canonical form, built record by record while the file streams:
// each record is stored once, already canonical (RFC 4034 §6.2: owner and the
// RFC 6840 list of RDATA names lowercased, uncompressed), in large shared
// blocks rather than one object per record. The owner is stored only as its
// canonical-order sort key relative to the zone's apex (the wire owner is
// rebuilt when hashing), followed by type, class, TTL, RDLENGTH and RDATA.
// Records outside the apex are counted, not stored: no digest includes them.
// `forEachSorted` orders the records (RFC 4034 §6.3: name, then type, then
// RDATA) and drops duplicates. The few records DNSSEC and ZONEMD checks look
// at (SOA, ZONEMD, DNSKEY and RRSIGs covering them) are also kept aside.

import { ARENA_MAX_OCTETS, BLOCK_BITS, BlockArena, OFFSET_MASK } from '../memory/block-arena.js';
import { canonicalNameKey, writeCanonicalNameKey } from '../rdata/name.js';
import { ZONE_ERROR_CODES, ZoneLimitError } from './errors.js';
import { naturalMergeSort } from './merge-sort.js';
import { lowerWireName, nameToText } from '../rdata/name.js';
import { canonicalRdata } from '../rdata/presentation.js';
import type { ZoneRecord } from './record.js';
import { RRTYPE } from '../rdata/registry.js';


/** One canonical record as a view into a block: the owner's apex-relative sort key, then type … RDATA at `typeStart`. */
export interface CanonicalEntry {
  block: Buffer;
  keyStart: number;
  keyLength: number;
  /** Offset of the type field; type, class, TTL, RDLENGTH and RDATA follow (`restLength` octets). */
  typeStart: number;
  restLength: number;
}

const keyScratch = Buffer.allocUnsafe(1024);

export class CanonicalZone {
  /** The canonical records; its refs are in arrival order until sorted (in place). 32-bit refs: at most 4 GiB. */
  private readonly arena = new BlockArena();
  /** The arena's blocks, by number (read directly in the comparisons). */
  private readonly blocks = this.arena.blocks;
  private isSorted = true;
  /** Stored keys are relative to this apex; undefined until fixed by the first record. */
  private apexWire: Buffer | undefined;
  private apexKey: Buffer | undefined;
  /** Records the verifier inspects: SOA, ZONEMD, DNSKEY anywhere, RRSIGs covering those types. */
  readonly special: ZoneRecord[] = [];
  /** Record count per class, and the first record seen in each class (for the mixed-class report). */
  readonly classes = new Map<number, { count: number; first: ZoneRecord }>();
  recordCount = 0;
  /** Records not at or below the apex the zone was built for (never digested). */
  outOfZoneCount = 0;

  /**
   * `apex` (wire) when known; otherwise the owner of the first record if it is
   * an SOA (RFC 1035 puts it first), else the root, which keeps everything.
   */
  constructor(apex?: Buffer) {
    if (apex !== undefined) this.setApex(apex);
  }

  private setApex(apex: Buffer): void {
    this.apexWire = Buffer.allocUnsafe(apex.length);
    lowerWireName(apex, 0, apex.length, this.apexWire, 0);
    this.apexKey = canonicalNameKey(apex);
  }

  /** The apex the stored keys are relative to (lowercased wire). */
  get storedApex(): Buffer {
    return this.apexWire ?? Buffer.from([0]);
  }

  /** Adds a record. Copies what it keeps, so the record's buffers may be reused afterwards. */
  add(record: ZoneRecord): void {
    if (this.apexKey === undefined) this.setApex(this.recordCount === 0 && record.type === RRTYPE.SOA ? record.owner : Buffer.from([0]));
    this.recordCount++;
    const stats = this.classes.get(record.class);
    if (stats) stats.count++;
    else this.classes.set(record.class, { count: 1, first: keep(record) });
    const type = record.type;
    if (type === RRTYPE.SOA || type === RRTYPE.ZONEMD || type === RRTYPE.DNSKEY) this.special.push(keep(record));
    else if (type === RRTYPE.RRSIG && record.rdata.length >= 2) {
      const covered = record.rdata.readUInt16BE(0);
      if (covered === RRTYPE.SOA || covered === RRTYPE.ZONEMD || covered === RRTYPE.DNSKEY) this.special.push(keep(record));
    }

    // Owners come from the parser or the wire decoder, whole and valid: never -1 here.
    const fullKeyLength = writeCanonicalNameKey(record.owner, 0, record.owner.length, keyScratch);
    const apexKey = this.apexKey!;
    for (let i = 0; i < apexKey.length; i++) {
      if (i >= fullKeyLength || keyScratch[i] !== apexKey[i]) {
        this.outOfZoneCount++;
        return;
      }
    }
    const keyLength = fullKeyLength - apexKey.length;
    const rdata = canonicalRdata(type, record.rdata);
    const size = 2 + keyLength + 2 + 10 + rdata.length;
    const start = this.arena.reserve(size);
    if (start < 0) throw tooLarge(record);
    const b = this.arena.block;
    let p = start;
    b[p++] = keyLength >> 8;
    b[p++] = keyLength & 0xff;
    for (let i = apexKey.length; i < fullKeyLength; i++) b[p++] = keyScratch[i]!;
    const restLength = 10 + rdata.length;
    b[p++] = restLength >> 8;
    b[p++] = restLength & 0xff;
    b[p++] = type >> 8;
    b[p++] = type & 0xff;
    b[p++] = record.class >> 8;
    b[p++] = record.class & 0xff;
    b.writeUInt32BE(record.ttl >>> 0, p);
    p += 4;
    b[p++] = rdata.length >> 8;
    b[p++] = rdata.length & 0xff;
    if (rdata.length < 64) for (let i = 0; i < rdata.length; i++) b[p++] = rdata[i]!;
    else {
      b.set(rdata, p); // TypedArray#set: no JavaScript wrapper, unlike Buffer#copy
      p += rdata.length;
    }
    this.arena.commit(start, p);
    this.isSorted = false; // the sort's first pass finds out cheaply whether it already is
  }

  /**
   * Canonical order: sort key, then type, class and RDATA; duplicates (equal
   * so far) are then ordered by TTL when `byTtl`, so the one digested — the
   * first — has the smallest TTL whatever the file order.
   */
  compareRefs(a: number, b: number, byTtl = true): number {
    const ba = this.blocks[a >>> BLOCK_BITS]!, bb = this.blocks[b >>> BLOCK_BITS]!;
    const oa = a & OFFSET_MASK, ob = b & OFFSET_MASK;
    const ka = (ba[oa]! << 8) | ba[oa + 1]!, kb = (bb[ob]! << 8) | bb[ob + 1]!;
    const n = ka < kb ? ka : kb;
    let i = oa + 2, j = ob + 2;
    for (const end = i + n; i < end; i++, j++) {
      const d = ba[i]! - bb[j]!;
      if (d !== 0) return d;
    }
    if (ka !== kb) return ka - kb;
    // i, j now at the rest-length field; the type follows it.
    const wa = i + 2, wb = j + 2;
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
    if (la !== lb || !byTtl) return la - lb;
    return ba.readUInt32BE(wa + 4) - bb.readUInt32BE(wb + 4);
  }

  private entry(ref: number, into: CanonicalEntry): CanonicalEntry {
    const block = this.blocks[ref >>> BLOCK_BITS]!;
    const o = ref & OFFSET_MASK;
    const keyLength = (block[o]! << 8) | block[o + 1]!;
    const q = o + 2 + keyLength;
    into.block = block;
    into.keyStart = o + 2;
    into.keyLength = keyLength;
    into.typeStart = q + 2;
    // From RDLENGTH, not the stored 16-bit length, which wraps for RDATA over 65,525 octets.
    into.restLength = 10 + ((block[q + 10]! << 8) | block[q + 11]!);
    return into;
  }

  /**
   * The sort key of `apex` relative to the stored apex, or a reason the zone
   * cannot answer for it (it lies outside what was stored).
   */
  relativeApexKey(apex: Uint8Array): Buffer | string {
    const full = canonicalNameKey(apex);
    const stored = this.apexKey ?? Buffer.alloc(0);
    if (full.length < stored.length || !full.subarray(0, stored.length).equals(stored)) {
      return `the zone was loaded for apex ${nameToText(this.storedApex)}, so ${nameToText(apex)} is outside it`;
    }
    return full.subarray(stored.length);
  }

  /**
   * Visits every distinct stored record in canonical order. The entry object
   * is reused between calls: copy what you keep.
   */
  forEachSorted(visit: (entry: CanonicalEntry) => void): void {
    const refs = this.arena.refs;
    if (!this.isSorted) {
      naturalMergeSort(refs, (a, b) => this.compareRefs(a, b));
      this.isSorted = true;
    }
    const entry: CanonicalEntry = { block: this.blocks[0]!, keyStart: 0, keyLength: 0, typeStart: 0, restLength: 0 };
    for (let r = 0; r < refs.length; r++) {
      if (r > 0 && this.compareRefs(refs[r - 1]!, refs[r]!, false) === 0) continue; // duplicate RR: digested once
      visit(this.entry(refs[r]!, entry));
    }
  }
}

function tooLarge(record: ZoneRecord): ZoneLimitError {
  return new ZoneLimitError(ZONE_ERROR_CODES.tooLarge, `the zone's canonical form is over ${ARENA_MAX_OCTETS / 2 ** 30} GiB, more than a digest can be computed over here`,
    record.position === undefined ? { file: '<records>', line: 0, column: 0 } : { ...record.position });
}

/** A copy of a record that owns its buffers. */
function keep(record: ZoneRecord): ZoneRecord {
  return {
    ...record,
    owner: Buffer.from(record.owner),
    rdata: Buffer.from(record.rdata),
    position: record.position === undefined ? undefined : { ...record.position },
  };
}
