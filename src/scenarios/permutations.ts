// Permutations addressable by index, and seeded shuffles, so that a layout id
// such as perm-3-17 or shuffle-8-s2 means the same records in the same order
// on every machine and in every version.

/** The `index`-th permutation of [0..n) in lexicographic order (Lehmer code). */
export function permutationByIndex(n: number, index: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  let rest = index;
  for (let i = n; i > 0; i--) {
    const f = factorial(i - 1);
    const pick = Math.floor(rest / f);
    rest %= f;
    out.push(pool.splice(pick, 1)[0]!);
  }
  return out;
}

export function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** mulberry32: tiny, fast, and identical everywhere (Math.random is not seedable). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded generator; never returns the identity for n > 1. */
export function seededShuffle(n: number, seed: number): number[] {
  const rnd = seededRandom(seed);
  for (let attempt = 0; ; attempt++) {
    const out = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    if (n < 2 || out.some((v, i) => v !== i) || attempt > 8) return out;
  }
}
