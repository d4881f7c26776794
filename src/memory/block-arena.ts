// Many small variable-length entries (a zone's records) stored in large shared
// blocks instead of one object each, and named by a 32-bit ref (block number ×
// BLOCK_SIZE + offset) kept in a Uint32Array: millions of records cost a few
// big allocations and no per-record garbage. The canonical zone (ZONEMD) and
// the served zone store both build on it.

export const BLOCK_BITS = 22;
/** 4 MiB: large enough that allocation is rare, small enough that the last block's slack is cheap. */
export const BLOCK_SIZE = 1 << BLOCK_BITS;
/** `ref & OFFSET_MASK` is the entry's offset in its block (`ref >>> BLOCK_BITS` is the block). */
export const OFFSET_MASK = BLOCK_SIZE - 1;
/** Refs are 32-bit: at most 1024 blocks. */
export const MAX_BLOCKS = 2 ** (32 - BLOCK_BITS);
/** The most an arena holds: 4 GiB. */
export const ARENA_MAX_OCTETS = MAX_BLOCKS * BLOCK_SIZE;

export class BlockArena {
  /** Every block, by number: `blocks[ref >>> BLOCK_BITS]` (read directly in hot comparisons). */
  readonly blocks: Buffer[] = [];
  /** The block being filled (the last one). */
  block: Buffer;
  /** Octets of `block` in use. */
  private used = 0;
  /** Entry refs in arrival order. */
  private refList = new Uint32Array(1024);
  private count = 0;

  constructor() {
    this.block = Buffer.allocUnsafe(BLOCK_SIZE);
    this.blocks.push(this.block);
  }

  /**
   * Where to write an entry of `size` octets (at most BLOCK_SIZE): an offset
   * in `this.block`, which is a fresh block when the current one has no room;
   * -1 when the arena is full (ARENA_MAX_OCTETS). Write the entry, then `commit`.
   */
  reserve(size: number): number {
    if (this.used + size <= this.block.length) return this.used;
    if (this.blocks.length >= MAX_BLOCKS) return -1;
    this.block = Buffer.allocUnsafe(BLOCK_SIZE);
    this.blocks.push(this.block);
    this.used = 0;
    return 0;
  }

  /** Records the entry written in `this.block` from `start` (as `reserve` gave) to `end`; returns its arrival number. */
  commit(start: number, end: number): number {
    this.used = end;
    if (this.count === this.refList.length) {
      const grown = new Uint32Array(this.refList.length * 2);
      grown.set(this.refList);
      this.refList = grown;
    }
    this.refList[this.count] = (this.blocks.length - 1) * BLOCK_SIZE + start;
    return this.count++;
  }

  /** Entries committed. */
  get size(): number {
    return this.count;
  }

  /** The refs in arrival order (a view: sorting it in place reorders what `refs` returns next). */
  get refs(): Uint32Array {
    return this.refList.subarray(0, this.count);
  }

  /** Gives back unused room once nothing more is added: the ref table to its entries, the last block to its contents (when under half full). */
  shrink(): void {
    if (this.used < BLOCK_SIZE / 2) {
      const last = Buffer.allocUnsafeSlow(this.used);
      this.block.copy(last, 0, 0, this.used);
      this.blocks[this.blocks.length - 1] = last;
      this.block = last;
    }
    this.refList = this.refList.slice(0, this.count);
  }

  /** Octets held: the blocks and the ref table. */
  get octets(): number {
    let total = this.refList.byteLength;
    for (const b of this.blocks) total += b.length;
    return total;
  }
}
