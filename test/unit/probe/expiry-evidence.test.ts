// The evidence rule of the partial-expiry tests on recorded exchanges: each
// case is a run of expiry-last-hop or expiry-first-hop against a lab
// resolver, as the report recorded it (ms since the test started: when each
// question left the probe and its answer arrived, the TTLs in the answer, and
// when the authority was asked for which of the test's names), or that
// recording with one event moved to make the case the rule must refuse.

import { describe, expect, it } from 'vitest';
import { expiryEvidence, type ExpiryEvidenceInput, type TimedAnswer } from '../../../src/probe/expiry-evidence.js';

type Ttls = Record<string, number>;
type Ask = [sentAt: number, receivedAt: number, ttls: Ttls | null];
type Question = [name: string, at: number];

const TYPE: Record<string, string> = { q: 'CNAME', cdn: 'CNAME', edge: 'A' };
/** q CNAME cdn, cdn CNAME edge, edge A: the 2 s record is at `short`, everything else lives an hour. */
const chain = (short: string) => Object.keys(TYPE).map((name) => ({ name, type: TYPE[name]!, ttl: name === short ? 2 : 3600 }));
const answer = ([sentAt, receivedAt, ttls]: Ask): TimedAnswer => ({
  sentAt, receivedAt, records: ttls ? Object.entries(ttls).map(([name, ttl]) => ({ name, type: TYPE[name]!, ttl })) : undefined,
});

/** Two answers before the wait, three after it, and the authority's questions. */
function recorded(short: string, asks: Ask[], questions: Question[]): ExpiryEvidenceInput {
  return {
    chain: chain(short),
    beforeWait: asks.slice(0, 2).map(answer),
    afterWait: asks.slice(2).map(answer),
    questions: questions.map(([name, at]) => ({ name, qtype: 'A', at })),
  };
}
const sources = (input: ExpiryEvidenceInput) => expiryEvidence(input).answers.map((a) => a.source);

// unbound 1.17, plain: the answer after the wait arrives 4.8 ms after edge A was asked again.
const UNBOUND_ASKS: Ask[] = [
  [0.8, 73.4, { q: 3600, cdn: 3600, edge: 2 }], [376.4, 377.8, { q: 3600, cdn: 3600, edge: 2 }],
  [3582.2, 3590.5, { q: 3597, cdn: 3597, edge: 2 }], [3892, 3893.3, { q: 3596, cdn: 3596, edge: 1 }], [4194.2, 4197.7, { q: 3596, cdn: 3596, edge: 1 }],
];
const UNBOUND_FIRST_FETCH: Question[] = [['q', 43.6], ['cdn', 50.7], ['edge', 53.4]];

describe('expiryEvidence', () => {
  it('passes an answer built from a re-fetch: the expired name asked after the question was sent and before the answer arrived', () => {
    const evidence = expiryEvidence(recorded('edge', UNBOUND_ASKS, [...UNBOUND_FIRST_FETCH, ['edge', 3585.7]]));
    expect(evidence).toMatchObject({ exercised: true, reason: 're-fetched' });
    // The two answers after it come from the cache the re-fetch refreshed.
    expect(evidence.answers.map((a) => a.source)).toEqual(['re-fetched', 'refreshed before', 'refreshed before']);
    expect(evidence.summary).toMatch(/^answer #1 was built from a re-fetch: the authority was asked for edge A 4 ms after the question and 5 ms before the answer arrived, TTL 2/);
  });

  it('refuses the same answer when the re-fetch reached the authority only after the answer arrived', () => {
    const evidence = expiryEvidence(recorded('edge', UNBOUND_ASKS, [...UNBOUND_FIRST_FETCH, ['edge', 3591.0]]));
    expect(evidence).toMatchObject({ exercised: false, reason: 'stale' });
    expect(evidence.answers[0]!.note).toContain('served stale, then refreshed');
  });

  it('refuses a background refresh: re-fetched before the question (prefetch during the wait), so every answer came from the cache', () => {
    const evidence = expiryEvidence(recorded('edge', UNBOUND_ASKS, [...UNBOUND_FIRST_FETCH, ['edge', 3400]]));
    expect(evidence).toMatchObject({ exercised: false, reason: 'refreshed before' });
    expect(evidence.summary).toContain('before this question (a refresh no client waited for)');
  });

  it('calls a 2 s record back at TTL 30 after the wait stale when it carried 2 before the wait (unbound serve-expired)', () => {
    const evidence = expiryEvidence(recorded('edge', [
      [0.1, 12.9, { q: 3600, cdn: 3600, edge: 2 }], [313.2, 313.9, { q: 3600, cdn: 3600, edge: 2 }],
      [3517.3, 3530.4, { q: 3596, cdn: 3596, edge: 30 }], [3831.8, 3832.5, { q: 3596, cdn: 3596, edge: 2 }], [4149, 4191.7, { q: 3596, cdn: 3596, edge: 2 }],
    ], [['q', 6.2], ['cdn', 7.9], ['edge', 9.4], ['q', 3524.9], ['cdn', 3526.8], ['edge', 3529.4]]));
    // The refresh behind the stale answer even reached the authority before that answer arrived: the TTL tells.
    expect(evidence).toMatchObject({ exercised: false, reason: 'stale' });
    expect(evidence.answers.map((a) => [a.source, a.ttl])).toEqual([['stale', 30], ['refreshed before', 2], ['refreshed before', 2]]);
    expect(evidence.summary).toContain('carries TTL 30 on records the authority serves with 2 (2 before the wait): served stale');
  });

  it('calls it a minimum cache TTL when an answer before the wait already carried more than the authority\'s TTL', () => {
    // unbound cache-min-ttl: 30 shows it in the first answer.
    expect(expiryEvidence(recorded('edge', [
      [0.1, 68.2, { q: 3600, cdn: 3600, edge: 30 }], [369.9, 371.5, { q: 3600, cdn: 3600, edge: 30 }],
      [3573, 3575.4, { q: 3596, cdn: 3596, edge: 26 }], [3876.8, 3877.8, { q: 3596, cdn: 3596, edge: 26 }], [4178.8, 4184.8, { q: 3596, cdn: 3596, edge: 26 }],
    ], [['q', 20.2], ['cdn', 22], ['edge', 25.4]]))).toMatchObject({ exercised: false, reason: 'minimum TTL' });
    // dnsmasq min-cache-ttl=30 relays the authority's TTL first; only the answer from its cache shows 30.
    expect(expiryEvidence(recorded('edge', [
      [0.1, 43.5, { q: 3600, cdn: 3600, edge: 2 }], [344.6, 346.4, { q: 3600, cdn: 3600, edge: 30 }],
      [3566.1, 3585.7, { q: 3596, cdn: 3596, edge: 26 }], [3886.2, 3889.8, { q: 3596, cdn: 3596, edge: 26 }], [4190.5, 4231.6, { q: 3596, cdn: 3596, edge: 26 }],
    ], [['q', 17.7]])).reason).toBe('minimum TTL');
    // Knot Resolver STUB, cache.min_ttl 5: TTL 5 in the first answer only, then 0 after the wait, nothing asked again.
    const kresd = expiryEvidence(recorded('q', [
      [0.1, 96.4, { q: 5, cdn: 3600, edge: 3600 }], [436.6, 441.6, { q: 2, cdn: 3600, edge: 3600 }],
      [3645.1, 3647.8, { q: 0, cdn: 3597, edge: 3597 }], [3951.7, 3952.3, { q: 0, cdn: 3596, edge: 3596 }], [4257.4, 4264.3, { q: 0, cdn: 3596, edge: 3596 }],
    ], [['q', 31.4]]));
    expect(kresd).toMatchObject({ exercised: false, reason: 'minimum TTL' });
    expect(kresd.summary).toContain('the answer before the wait carried TTL 5 on records the authority serves with 2');
  });

  it('tells a cache in front: the stale answer keeps coming after the resolver behind it re-fetched (dnsdist before unbound serve-expired)', () => {
    const evidence = expiryEvidence(recorded('edge', [
      [0.1, 30.2, { q: 3600, cdn: 3600, edge: 2 }], [331.6, 332.5, { q: 3599, cdn: 3599, edge: 1 }],
      [3534.6, 3538, { q: 3596, cdn: 3596, edge: 30 }], [3841.5, 3842.7, { q: 3596, cdn: 3596, edge: 30 }], [4172.3, 4178.1, { q: 3596, cdn: 3596, edge: 30 }],
    ], [['q', 7], ['cdn', 16.9], ['edge', 24.4], ['q', 3536.8], ['cdn', 3537.2], ['edge', 3537.7]]));
    expect(evidence).toMatchObject({ exercised: false, reason: 'stale' });
    expect(evidence.answers.map((a) => a.source)).toEqual(['stale', 'cache in front', 'cache in front']);
    expect(evidence.summary).toContain('a cache in front of the resolver holds the stale answer');
  });

  it('refuses an answer whose long-lived records came back unaged: re-fetched whole, not joined from the cache (Knot Resolver STUB)', () => {
    const evidence = expiryEvidence(recorded('edge', [
      [0.1, 220.8, { q: 3600, cdn: 3600, edge: 2 }], [525, 537.5, { q: 3600, cdn: 3600, edge: 2 }],
      [3738.5, 3741.3, { q: 3600, cdn: 3600, edge: 2 }], [4041.3, 4045.2, { q: 3600, cdn: 3600, edge: 2 }], [4357.6, 4363.7, { q: 3600, cdn: 3600, edge: 2 }],
    ], [['q', 125.2], ['q', 3739.5]]));
    expect(evidence).toMatchObject({ exercised: false, reason: 'not from cache' });
    expect(evidence.summary).toMatch(/q CNAME, which lives 3600 s, came back with TTL 3600, unaged \d+ ms after the answer before the wait \(the resolver asked the authority for it again\)/);
  });

  it('judges the cache by the TTLs, not by a question for a long-lived name: PowerDNS Recursor asks for its cached CNAME again and still joins it', () => {
    expect(sources(recorded('edge', [
      [0.1, 29.2, { q: 3600, cdn: 3600, edge: 2 }], [331.2, 332, { q: 3600, cdn: 3600, edge: 2 }],
      [3535.1, 3542.1, { q: 3597, cdn: 3597, edge: 2 }], [3844.3, 3845.7, { q: 3597, cdn: 3597, edge: 2 }], [4146, 4169, { q: 3596, cdn: 3596, edge: 1 }],
    ], [['q', 13.8], ['cdn', 16.4], ['edge', 18.6], ['cdn', 3538.1], ['edge', 3540.1]]))).toEqual(['re-fetched', 'refreshed before', 'refreshed before']);
  });

  it('calls an expired record served with TTL 0 while the resolver forwards the question stale (dnsmasq use-stale-cache)', () => {
    const evidence = expiryEvidence(recorded('edge', [
      [0.2, 37.2, { q: 3600, cdn: 3600, edge: 2 }], [337.7, 345.6, { q: 3600, cdn: 3600, edge: 2 }],
      [3554, 3585.9, { q: 3596, cdn: 3596, edge: 0 }], [3888.1, 3890.3, { q: 3600, cdn: 3600, edge: 2 }], [4191.4, 4192, { q: 3600, cdn: 3600, edge: 2 }],
    ], [['q', 25.8], ['q', 3563.2]]));
    expect(evidence).toMatchObject({ exercised: false, reason: 'stale' });
    expect(evidence.answers[0]).toMatchObject({ source: 'stale', ttl: 0 });
  });

  it('refuses a re-fetch in the window when the answer\'s TTL is lower than a fresh record can show (answered from the old entry)', () => {
    const asks = UNBOUND_ASKS.map((a, i): Ask => (i === 2 ? [a[0], a[1], { q: 3597, cdn: 3597, edge: 0 }] : a));
    expect(expiryEvidence(recorded('edge', asks, [...UNBOUND_FIRST_FETCH, ['edge', 3585.7]])).answers[0]).toMatchObject({ source: 'stale', ttl: 0 });
  });

  it('says when nothing reached the authority after the wait and no TTL shows why: held past its TTL', () => {
    const asks = UNBOUND_ASKS.map((a, i): Ask => (i >= 2 ? [a[0], a[1], { q: 3597, cdn: 3597, edge: 1 }] : a));
    const evidence = expiryEvidence(recorded('edge', asks, UNBOUND_FIRST_FETCH));
    expect(evidence).toMatchObject({ exercised: false, reason: 'held past TTL' });
    expect(evidence.summary).toContain('a cache in front of the resolver');
  });

  it('never passes on answers without the short-lived records, or without answers', () => {
    const asks = UNBOUND_ASKS.map((a, i): Ask => (i === 2 ? [a[0], a[1], { q: 3597 }] : i > 2 ? [a[0], a[1], null] : a));
    expect(expiryEvidence(recorded('edge', asks, [...UNBOUND_FIRST_FETCH, ['edge', 3585.7]]))).toMatchObject({ exercised: false, reason: 'no answer' });
  });
});
