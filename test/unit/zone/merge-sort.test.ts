import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalMergeSort } from '../../../src/zone/merge-sort.js';

describe('naturalMergeSort', () => {
  const cmp = (x: number, y: number) => x - y;
  it('sorts any array (random, nearly sorted, reversed) like Array#sort', () => {
    const nearly = fc.array(fc.nat(1000), { maxLength: 300 }).map((a) => {
      a.sort(cmp);
      for (let i = 0; i + 1 < a.length; i += 7) [a[i], a[i + 1]] = [a[i + 1]!, a[i]!];
      return a;
    });
    const input = fc.oneof(fc.array(fc.nat(1000), { maxLength: 3000 }), nearly, fc.array(fc.nat(50), { maxLength: 300 }).map((a) => a.sort(cmp).reverse()));
    fc.assert(fc.property(input, (values) => {
      const a = Uint32Array.from(values);
      naturalMergeSort(a, cmp);
      expect([...a]).toEqual([...values].sort(cmp));
    }), { numRuns: 300 });
  });

  it('is stable, so the first of equal keys stays first', () => {
    // Sort by the high byte only; the low byte records the original position.
    const values = Uint32Array.from([0x0203, 0x0101, 0x0202, 0x0104, 0x0201, 0x0102]);
    naturalMergeSort(values, (x, y) => (x >> 8) - (y >> 8));
    expect([...values]).toEqual([0x0101, 0x0104, 0x0102, 0x0203, 0x0202, 0x0201]);
  });
});
