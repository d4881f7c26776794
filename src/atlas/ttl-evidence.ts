// Did an Atlas answer go through the cache path a test needs? Atlas results
// carry the answer and its TTLs, not the authority's ledger, and many probes
// share one resolver, so the probe's evidence (a re-fetch *while this
// question waited*, src/probe/expiry-evidence.ts) cannot be shown. What the
// TTLs show on their own:
//
// - partial expiry: an answer whose long-lived records are aged by more than
//   the short TTL (plus a second of rounding) relative to the freshest copy
//   this resolver served, and whose short-lived records carry at most their
//   TTL and at least 1, was joined from two fetches: the short-lived part was
//   fetched again after the long-lived part was cached — the 2026-01-08 path
//   ("re-fetched"). A short-lived TTL above the authority's is a minimum cache
//   TTL or serve-stale ("stale"), as is TTL 0 (at or past expiry); long-lived
//   records as fresh as the freshest copy came with the short ones in one
//   fetch ("not from cache": a first fetch, or a forwarder relaying whole
//   answers).
// - cache repeat: an answer aged by 2 s or more came from the cache.
//
// "Freshest copy" is the highest long-lived TTL among the resolver's answers
// to the test, not the authority's 3600: resolvers that cap TTLs (max-cache-ttl)
// would otherwise look aged from their first answer.

import type { DnsRecord } from '../wire/message.js';
import { nameKey } from '../rdata/name.js';

export type TtlSource = 're-fetched' | 'from cache' | 'stale' | 'not from cache' | 'no answer';

/** TTLs of one answer, reduced to what the evidence needs. */
export interface TtlSample {
  /** Lowest TTL among the long-lived records of the chain present (-1: none). */
  long: number;
  /** Highest TTL among the short-lived records present (-1: none, or no short-lived part). */
  short: number;
}

export interface ChainTtls {
  shortKeys: Set<string>;
  longKeys: Set<string>;
  shortTtl: number;
}

const rrKey = (name: string, type: string) => `${nameKey(name)} ${type.toUpperCase()}`;

export function chainTtls(expected: readonly DnsRecord[]): ChainTtls {
  const ttls = expected.map((r) => r.ttl ?? 0);
  const shortTtl = Math.min(...ttls);
  const longTtl = Math.max(...ttls);
  const shortKeys = new Set<string>();
  const longKeys = new Set<string>();
  for (const r of expected) {
    if (shortTtl !== longTtl && (r.ttl ?? 0) === shortTtl) shortKeys.add(rrKey(r.name, r.type));
    else longKeys.add(rrKey(r.name, r.type));
  }
  return { shortKeys, longKeys, shortTtl };
}

/** Per answer record: 1 a short-lived record of the chain, 2 a long-lived one, 0 neither. */
export function ttlClasses(records: readonly DnsRecord[], chain: ChainTtls): Uint8Array {
  const classes = new Uint8Array(records.length);
  records.forEach((r, i) => {
    const k = rrKey(r.name, r.type);
    classes[i] = chain.shortKeys.has(k) ? 1 : chain.longKeys.has(k) ? 2 : 0;
  });
  return classes;
}

/** The TTLs of one answer (in record order) reduced by the records' classes. */
export function ttlSample(ttls: readonly number[], classes: Uint8Array): TtlSample {
  let long = -1;
  let short = -1;
  for (let i = 0; i < ttls.length && i < classes.length; i++) {
    const ttl = ttls[i]!;
    if (classes[i] === 1) short = Math.max(short, ttl);
    else if (classes[i] === 2) long = long < 0 ? ttl : Math.min(long, ttl);
  }
  return { long, short };
}

/** Where one answer came from, given the freshest long-lived TTL the resolver served (`reference`). */
export function ttlSource(sample: TtlSample, reference: number, shortTtl: number, needs: 'refetch' | 'cached'): TtlSource {
  if (sample.long < 0) return 'no answer';
  const aged = reference - sample.long;
  if (needs === 'cached') return aged >= 2 ? 'from cache' : 'not from cache';
  if (sample.short < 0) return 'no answer';
  if (sample.short > shortTtl || sample.short === 0) return 'stale';
  if (aged <= shortTtl + 1) return 'not from cache';
  return 're-fetched';
}

/** The reason that says most when no answer showed the path. */
export const TTL_PRECEDENCE: readonly TtlSource[] = ['stale', 'not from cache', 'no answer'];

/**
 * The evidence of every answer of one resolver to one test in constant space: the freshest long-lived
 * TTL of any answer (the reference), the most aged one among the answers that passed and could show
 * the path, and which other sources were seen. tallySource gives what ttlSource gives for the answer
 * that says most, without keeping the answers.
 */
export interface TtlTally {
  /** Highest long-lived TTL of any answer (-1: none). */
  reference: number;
  /** Lowest long-lived TTL among passing answers whose short-lived part could show a re-fetch (or, for `cached`, any passing answer); -1: none. */
  mostAged: number;
  stale: boolean;
  noAnswer: boolean;
}

export function newTally(): TtlTally {
  return { reference: -1, mostAged: -1, stale: false, noAnswer: false };
}

export function tally(t: TtlTally, passed: boolean, sample: TtlSample, needs: 'refetch' | 'cached', shortTtl = 2): void {
  if (sample.long > t.reference) t.reference = sample.long;
  if (!passed) return;
  if (sample.long < 0 || (needs === 'refetch' && sample.short < 0)) {
    t.noAnswer = true;
    return;
  }
  if (needs === 'refetch' && (sample.short > shortTtl || sample.short === 0)) {
    t.stale = true;
    return;
  }
  if (t.mostAged < 0 || sample.long < t.mostAged) t.mostAged = sample.long;
}

export function tallySource(t: TtlTally, shortTtl: number, needs: 'refetch' | 'cached'): TtlSource {
  if (t.mostAged >= 0) {
    const source = ttlSource({ long: t.mostAged, short: needs === 'refetch' ? shortTtl : -1 }, t.reference, shortTtl, needs);
    if (source === 're-fetched' || source === 'from cache') return source;
  }
  if (t.stale) return 'stale';
  if (t.mostAged >= 0) return 'not from cache';
  return 'no answer';
}

export const TTL_NOTES: Record<TtlSource, string> = {
  're-fetched': 'an answer joined long-lived records aged past the short TTL to short-lived records within their TTL: the partial-expiry path',
  'from cache': 'a repeat came from the cache (aged TTLs)',
  stale: 'short-lived records came back with a TTL above the authority\'s, or 0: a minimum cache TTL or serve-stale held them',
  'not from cache': 'every record came back as fresh as the freshest copy: fetched together (a first fetch, or a forwarder relaying whole answers)',
  'no answer': 'no NOERROR answer holding the chain to read TTLs from',
};
