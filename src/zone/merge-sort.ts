// Natural merge sort of a Uint32Array in place with a comparator. Zone files
// usually arrive in (nearly) canonical order, so finding the ascending runs
// first makes the common case one linear pass; the scratch array is as small
// as the input (4 octets per record), unlike Array#sort's boxed work arrays.

export function naturalMergeSort(a: Uint32Array, compare: (x: number, y: number) => number): void {
  const n = a.length;
  if (n < 2) return;
  // Signed zones list RRSIGs next to the RRset they cover, so records are
  // usually displaced by a place or two: insertion sort fixes that in about
  // n comparisons. It gives up after a budget and leaves the rest to merging.
  if (insertionSortWithin(a, compare, 2 * n)) return;
  // Run boundaries: runs[i] is the start of run i; the last entry is n.
  const runs: number[] = [0];
  for (let i = 1; i < n; i++) {
    if (compare(a[i - 1]!, a[i]!) > 0) runs.push(i);
  }
  runs.push(n);
  if (runs.length === 2) return;
  let source: Uint32Array = a;
  let target: Uint32Array = new Uint32Array(n);
  let bounds = runs;
  while (bounds.length > 2) {
    const next: number[] = [0];
    for (let r = 0; r + 1 < bounds.length; r += 2) {
      const lo = bounds[r]!, mid = bounds[r + 1]!, hi = r + 2 < bounds.length ? bounds[r + 2]! : mid;
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) target[k++] = compare(source[i]!, source[j]!) <= 0 ? source[i++]! : source[j++]!;
      while (i < mid) target[k++] = source[i++]!;
      while (j < hi) target[k++] = source[j++]!;
      next.push(hi);
    }
    bounds = next;
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== a) a.set(source);
}

/** Insertion sort that stops (returning false, `a` still a permutation) once it has shifted `budget` elements. */
function insertionSortWithin(a: Uint32Array, compare: (x: number, y: number) => number, budget: number): boolean {
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    let j = i - 1;
    if (compare(a[j]!, v) <= 0) continue;
    while (j >= 0 && compare(a[j]!, v) > 0) {
      a[j + 1] = a[j]!;
      j--;
      if (--budget < 0) {
        a[j + 1] = v;
        return false;
      }
    }
    a[j + 1] = v;
  }
  return true;
}
