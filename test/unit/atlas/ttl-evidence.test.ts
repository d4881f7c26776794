// The cache evidence Atlas answers can give from their TTLs alone, in
// constant space per resolver and test.

import { describe, expect, it } from 'vitest';
import { newTally, tally, tallySource, ttlSource, type TtlSample } from '../../../src/atlas/ttl-evidence.js';

const fold = (samples: Array<[boolean, TtlSample]>, needs: 'refetch' | 'cached' = 'refetch') => {
  const t = newTally();
  for (const [passed, sample] of samples) tally(t, passed, sample, needs, 2);
  return tallySource(t, 2, needs);
};

describe('TTL evidence', () => {
  it('shows the partial-expiry path when long-lived records aged past the short TTL come with fresh short-lived ones', () => {
    expect(ttlSource({ long: 3300, short: 2 }, 3600, 2, 'refetch')).toBe('re-fetched');
    expect(ttlSource({ long: 3597, short: 2 }, 3600, 2, 'refetch')).toBe('not from cache');
    expect(ttlSource({ long: 3300, short: 30 }, 3600, 2, 'refetch')).toBe('stale');
    expect(ttlSource({ long: 3300, short: 0 }, 3600, 2, 'refetch')).toBe('stale');
    expect(ttlSource({ long: 3300, short: -1 }, 3600, 2, 'refetch')).toBe('no answer');
  });

  it('ages against the freshest copy the resolver served, not the authority\'s TTL (resolvers that cap TTLs)', () => {
    expect(fold([[true, { long: 300, short: 2 }]])).toBe('not from cache');
    expect(fold([[true, { long: 300, short: 2 }], [true, { long: 240, short: 1 }]])).toBe('re-fetched');
    // A failing answer still tells the reference; only passing answers show the path.
    expect(fold([[false, { long: 3600, short: 2 }], [true, { long: 3000, short: 2 }]])).toBe('re-fetched');
    expect(fold([[true, { long: 3600, short: 2 }], [false, { long: 3000, short: 2 }]])).toBe('not from cache');
  });

  it('says why when nothing showed it: stale over not from cache over no answer', () => {
    expect(fold([[true, { long: 3600, short: 2 }], [true, { long: 3000, short: 30 }]])).toBe('stale');
    expect(fold([[true, { long: -1, short: -1 }]])).toBe('no answer');
    expect(fold([])).toBe('no answer');
  });

  it('shows a repeat from the cache by aged TTLs', () => {
    expect(fold([[true, { long: 3600, short: -1 }], [true, { long: 3590, short: -1 }]], 'cached')).toBe('from cache');
    expect(fold([[true, { long: 3600, short: -1 }], [true, { long: 3600, short: -1 }]], 'cached')).toBe('not from cache');
  });
});
