import { describe, expect, it } from 'vitest';
import { BLOCK_BITS, BLOCK_SIZE, BlockArena, MAX_BLOCKS, OFFSET_MASK } from '../../../src/memory/block-arena.js';

/** Writes `octets` as one entry; returns its arrival number. */
function put(arena: BlockArena, octets: Buffer): number {
  const start = arena.reserve(octets.length);
  if (start < 0) throw new Error('full');
  octets.copy(arena.block, start);
  return arena.commit(start, start + octets.length);
}

function read(arena: BlockArena, ref: number, length: number): Buffer {
  const block = arena.blocks[ref >>> BLOCK_BITS]!;
  const offset = ref & OFFSET_MASK;
  return block.subarray(offset, offset + length);
}

describe('BlockArena', () => {
  it('gives each entry a ref that finds its octets, in arrival order, past the ref table growing', () => {
    const arena = new BlockArena();
    const entries = Array.from({ length: 3000 }, (_, i) => Buffer.from(`entry ${i}`));
    entries.forEach((e, i) => expect(put(arena, e)).toBe(i));
    expect(arena.size).toBe(3000);
    const refs = arena.refs;
    expect(refs.length).toBe(3000);
    entries.forEach((e, i) => expect(read(arena, refs[i]!, e.length).equals(e)).toBe(true));
  });

  it('starts a new block when an entry does not fit, never splitting one', () => {
    const arena = new BlockArena();
    const big = Buffer.alloc(BLOCK_SIZE - 10, 0xaa);
    put(arena, big);
    const next = Buffer.alloc(20, 0xbb);
    put(arena, next);
    expect(arena.blocks.length).toBe(2);
    const [first, second] = arena.refs;
    expect(first! >>> BLOCK_BITS).toBe(0);
    expect(second).toBe(1 * BLOCK_SIZE); // block 1, offset 0
    expect(read(arena, second!, 20).equals(next)).toBe(true);
  });

  it('says it is full (-1) at MAX_BLOCKS instead of handing out a ref that would wrap', () => {
    const arena = new BlockArena();
    // Fill blocks without writing them: an entry of a whole block each.
    for (let i = 0; i < MAX_BLOCKS; i++) {
      const start = arena.reserve(BLOCK_SIZE);
      expect(start).toBe(0);
      arena.commit(start, BLOCK_SIZE);
      // Let the block's memory go: only the count of blocks matters here.
      arena.blocks[arena.blocks.length - 1] = Buffer.alloc(0);
    }
    expect(arena.reserve(1)).toBe(-1);
  });

  it('shrinks to what it holds, and entries stay readable', () => {
    const arena = new BlockArena();
    const entry = Buffer.from('kept');
    put(arena, entry);
    const before = arena.octets;
    arena.shrink();
    expect(arena.octets).toBeLessThan(before);
    expect(arena.octets).toBe(entry.length + 4);
    expect(read(arena, arena.refs[0]!, entry.length).equals(entry)).toBe(true);
    // Adding after shrinking takes a fresh block rather than writing past the shrunk one.
    const more = Buffer.from('more');
    put(arena, more);
    expect(arena.blocks.length).toBe(2);
    expect(read(arena, arena.refs[1]!, more.length).equals(more)).toBe(true);
  });
});
