// The probe suite as data (like Deckard/testbound scenarios): each test says
// what chain the authority holds, how the authority answers, and what the
// probe asks the resolver, step by step. Names, records and expectations are
// derived from this in plan.ts; nothing here knows a literal name.

import type { ChainShape, LayoutItem } from '../scenarios/layout.js';
import { selectByGlobs } from '../text/glob.js';

export type ProbeGroup =
  | 'whole-chain' | 'out-of-order' | 'chase' | 'partial-expiry' | 'cache' | 'long-chain' | 'dname' | 'case' | 'size' | 'aaaa' | 'injection';

export const PROBE_GROUPS: readonly ProbeGroup[] = [
  'whole-chain', 'out-of-order', 'chase', 'partial-expiry', 'cache', 'long-chain', 'dname', 'case', 'size', 'aaaa', 'injection',
];

/**
 * Groups whose violation is a security finding, listed apart in every report (as the matrix lists
 * wrong-address): a resolver that caches a record from outside the chain hands it to every later client.
 */
export const SECURITY_GROUPS: readonly ProbeGroup[] = ['injection'];

/**
 * Groups that run only when named (`--tests injection`, an id or a glob), not by default nor with `all`:
 * the Atlas planner (src/atlas/plan.ts) plans each `ask` step and has no step yet for the injected name's
 * question, so a default selection there would plan the warm-up and no check.
 */
export const OPT_IN_GROUPS: readonly ProbeGroup[] = ['injection'];

/**
 * Where the owner of the injected record lives (the `injection` group). The authority holds its own,
 * different address for that name; the answer about the query name carries another one, an `unrelated`
 * item of the layout:
 * 'same-zone' — another name in the zone that answers (victim.<base>);
 * 'child-zone' — a name in the child zone this authority also serves (the answer comes from the parent);
 * 'parent-zone' — the query name lives in the child zone, the injected name in the parent: above the
 * zone that answered, out of its bailiwick;
 * 'outside-zone' — a name in a zone outside the probe zone that this authority also serves
 * (`<label>-outside.<rest>`, plan.ts outsideZoneFor): out of the bailiwick of everything the resolver
 * sends here for the probe zone. The resolver must route that zone here too, or the question for the
 * name leaves for the Internet (the test is then inconclusive: the authority was never asked).
 */
export type ProbeInjectionOwner = 'same-zone' | 'child-zone' | 'parent-zone' | 'outside-zone';

export interface ProbeAuthoritySpec {
  /**
   * 'whole-chain': the authority follows the chain inside its zone and sends it in one answer (as BIND, NSD and Knot do);
   * 'one-hop': it sends only the RRset at the name asked, so the resolver must chase every hop.
   */
  answers: 'whole-chain' | 'one-hop';
  /** Order of the answer to the query name, by role (src/scenarios/layout.ts); default canonical. */
  layout?: LayoutItem[];
}

export type ProbeStep =
  /** Ask the resolver for the query name (or a later chain name, e.g. to warm its cache); `check: false` only warms. */
  | { ask: 'query' | { hop: number }; check?: boolean }
  /** Wait, in ms or until the shortest TTL in the chain has run out (plus a margin). */
  | { wait: number | 'past-short-ttl' }
  /** Ask the resolver for the owner of the record injected into an earlier answer (the `injection` group); always checked. */
  | { askInjected: true };

export interface ProbeTestDefinition {
  id: string;
  group: ProbeGroup;
  title: string;
  qtype: 'A' | 'AAAA';
  /** The chain the authority holds, described as the scenario catalogue describes one (TTLs default to LONG_TTL). */
  chain: ChainShape;
  authority: ProbeAuthoritySpec;
  /** The answer to the query name carries an address record for another name, whose own record differs (the layout places it). */
  injection?: { owner: ProbeInjectionOwner };
  steps: ProbeStep[];
  /** Besides a complete answer in order, also a pass: SERVFAIL (a clean failure at a chain limit) or a partial chain in order. */
  accept?: { servfail?: boolean; partialChain?: boolean };
  /**
   * Cache behaviour without which the test proves nothing (verdict inconclusive, with the reason):
   * 'refetch' — after the wait the resolver asked the authority again (nothing served past its TTL);
   * 'cached' — the last ask was answered without asking the authority.
   */
  needs?: 'refetch' | 'cached';
}

/** TTL of every record not made short on purpose: outlives any probe run. */
export const LONG_TTL = 3600;
/** The short TTL of the partial-expiry tests (the 2 seconds). */
export const SHORT_TTL = 2;
/**
 * Extra wait past a short TTL. Resolvers keep time in whole seconds: a record fetched at 10.9 s with
 * TTL 2 still counts as valid (TTL 0) at 12.99 s, a second past its TTL (measured: unbound answers a
 * 2 s record with TTL 0, without asking again, 2.8 s after it was fetched). One second for that,
 * and 200 ms for scheduling, so the answer after the wait finds the record expired by any clock.
 */
export const EXPIRY_MARGIN_MS = 1200;
/** Address records in the too-large-for-UDP answer: well past 1232 octets. */
export const LARGE_RRSET = 90;

const c = (hop: number): LayoutItem => ({ cname: hop });
const T: LayoutItem = { terminal: 'all' };
const t = (i: number): LayoutItem => ({ terminal: i });
const D: LayoutItem = { dname: true };
const U: LayoutItem = { unrelated: 'address' };
const once: ProbeStep[] = [{ ask: 'query' }];
/**
 * Query twice (the second answer comes from the cache: a TTL above the authority's there shows a minimum
 * cache TTL, which some resolvers apply only to what they cache), wait past the short TTL, then query
 * three more times: the 2026-01-08 path lives in the answers after the wait.
 */
const expirySteps: ProbeStep[] = [
  { ask: 'query' }, { wait: 300 }, { ask: 'query' }, { wait: 'past-short-ttl' },
  { ask: 'query' }, { wait: 300 }, { ask: 'query' }, { wait: 300 }, { ask: 'query' },
];
/** Plant the record (the query name's answer carries it), then ask for its owner. */
const injectionSteps: ProbeStep[] = [{ ask: 'query', check: false }, { askInjected: true }];
const whole: ProbeAuthoritySpec = { answers: 'whole-chain' };
const oneHop: ProbeAuthoritySpec = { answers: 'one-hop' };
const two = { hops: 2 };

/**
 * A two-hop chain's records shuffled with the A RRset split: last CNAME, one A, first CNAME, the other A.
 * Written out, not drawn from a seeded shuffle: the shuffle of these four once came out reversed,
 * the same RRset order as authority-reversed (test/unit/probe/suite.test.ts keeps every layout apart).
 */
const SHUFFLED: LayoutItem[] = [c(1), t(0), c(0), t(1)];

const DEFINITIONS: ProbeTestDefinition[] = [
  // --- the whole chain in one authoritative answer ---------------------------------------------
  { id: 'whole-chain', group: 'whole-chain', title: 'Two-hop chain in one authoritative answer, in order', qtype: 'A', chain: two, authority: whole, steps: once },

  // --- the authority sends the same records out of order --------------------------------------
  { id: 'authority-a-first', group: 'out-of-order', title: 'Authority sends the A RRset first, then the chain (the 2026-01-08 layout)', qtype: 'A', chain: two,
    authority: { answers: 'whole-chain', layout: [T, c(0), c(1)] }, steps: once },
  { id: 'authority-reversed', group: 'out-of-order', title: 'Authority sends everything reversed: A RRset, last CNAME, first CNAME', qtype: 'A', chain: two,
    authority: { answers: 'whole-chain', layout: [T, c(1), c(0)] }, steps: once },
  { id: 'authority-chain-reversed', group: 'out-of-order', title: 'Authority sends the CNAMEs in reverse order, then the A RRset', qtype: 'A', chain: two,
    authority: { answers: 'whole-chain', layout: [c(1), c(0), T] }, steps: once },
  { id: 'authority-shuffled', group: 'out-of-order', title: 'Authority splits the A RRset: last CNAME, one A record, first CNAME, the other A record', qtype: 'A', chain: two,
    authority: { answers: 'whole-chain', layout: SHUFFLED }, steps: once },

  // --- the resolver chases every hop ------------------------------------------------------------
  { id: 'chase-three-hops', group: 'chase', title: 'Three-hop chain, one hop per authoritative answer', qtype: 'A', chain: { hops: 3 }, authority: oneHop, steps: once },
  { id: 'chase-delegated', group: 'chase', title: 'Chain through a child zone delegated to the same authority and back, one hop per answer', qtype: 'A',
    chain: { hops: 2, delegated: [1] }, authority: oneHop, steps: once },

  // --- partial expiry: part of the chain outlives the rest in the resolver's cache -------------
  { id: 'expiry-last-hop', group: 'partial-expiry', title: 'CNAMEs live an hour, the A RRset 2 s: query, wait, query 3 times', qtype: 'A',
    chain: { hops: 2, ttl: { terminal: SHORT_TTL } }, authority: whole, steps: expirySteps, needs: 'refetch' },
  { id: 'expiry-last-hop-chased', group: 'partial-expiry', title: 'As expiry-last-hop, with the resolver chasing each hop', qtype: 'A',
    chain: { hops: 2, ttl: { terminal: SHORT_TTL } }, authority: oneHop, steps: expirySteps, needs: 'refetch' },
  { id: 'expiry-first-hop', group: 'partial-expiry', title: 'First CNAME lives 2 s, the rest an hour', qtype: 'A',
    chain: { hops: 2, ttl: { cnames: [SHORT_TTL, LONG_TTL] } }, authority: whole, steps: expirySteps, needs: 'refetch' },
  { id: 'expiry-middle-hop', group: 'partial-expiry', title: 'Middle CNAME of three lives 2 s, the rest an hour', qtype: 'A',
    chain: { hops: 3, ttl: { cnames: [LONG_TTL, SHORT_TTL, LONG_TTL] } }, authority: whole, steps: expirySteps, needs: 'refetch' },

  // --- answers from the resolver's cache ------------------------------------------------------
  { id: 'cache-repeat', group: 'cache', title: 'The same question twice: the second answer comes from the cache', qtype: 'A', chain: two, authority: whole,
    steps: [{ ask: 'query' }, { wait: 200 }, { ask: 'query' }], needs: 'cached' },
  { id: 'cache-merge-tail', group: 'cache', title: 'The tail of the chain is cached first; the answer joins a fresh first CNAME to it', qtype: 'A', chain: two,
    authority: oneHop, steps: [{ ask: { hop: 1 }, check: false }, { ask: 'query' }] },

  // --- long chains: at and past the resolver's limit --------------------------------------------
  ...[8, 16, 17, 33].map((hops): ProbeTestDefinition => ({
    id: `long-${hops}`, group: 'long-chain', title: `${hops}-hop chain in one authoritative answer`, qtype: 'A', chain: { hops, terminalRecords: 1 },
    authority: whole, steps: once, accept: { servfail: true, partialChain: true },
  })),

  // --- DNAME ------------------------------------------------------------------------------------
  { id: 'dname-canonical', group: 'dname', title: 'DNAME, its synthesized CNAME, two A records, in order', qtype: 'A', chain: { hops: 1, dname: true },
    authority: { answers: 'whole-chain', layout: [D, c(0), T] }, steps: once },
  { id: 'dname-one-address', group: 'dname', title: 'DNAME, synthesized CNAME, one A record', qtype: 'A', chain: { hops: 1, dname: true, terminalRecords: 1 },
    authority: { answers: 'whole-chain', layout: [D, c(0), T] }, steps: once },
  { id: 'dname-cname-first', group: 'dname', title: 'Authority sends the synthesized CNAME before the DNAME', qtype: 'A', chain: { hops: 1, dname: true },
    authority: { answers: 'whole-chain', layout: [c(0), D, T] }, steps: once },
  { id: 'dname-address-first', group: 'dname', title: 'Authority sends the A RRset first, then DNAME and CNAME', qtype: 'A', chain: { hops: 1, dname: true },
    authority: { answers: 'whole-chain', layout: [T, D, c(0)] }, steps: once },
  { id: 'dname-aaaa-nodata', group: 'dname', title: 'AAAA through a DNAME to a name with only A records (NODATA)', qtype: 'AAAA',
    chain: { hops: 1, dname: true, terminalRecords: 0 }, authority: { answers: 'whole-chain', layout: [D, c(0)] }, steps: once },

  // --- letter case, size ------------------------------------------------------------------------
  { id: 'mixed-case-owners', group: 'case', title: 'Owner names in mixed case, targets in lower case', qtype: 'A', chain: { hops: 2, ownerCase: 'mixed' },
    authority: whole, steps: once },
  { id: 'large-answer', group: 'size', title: `Chain ending in ${LARGE_RRSET} A records: TC over UDP, then TCP`, qtype: 'A',
    chain: { hops: 2, terminalRecords: LARGE_RRSET }, authority: whole, steps: once },

  // --- AAAA on the same chains -----------------------------------------------------------------
  { id: 'whole-chain-aaaa', group: 'aaaa', title: 'whole-chain, AAAA', qtype: 'AAAA', chain: two, authority: whole, steps: once },
  { id: 'authority-a-first-aaaa', group: 'aaaa', title: 'authority-a-first, AAAA', qtype: 'AAAA', chain: two,
    authority: { answers: 'whole-chain', layout: [T, c(0), c(1)] }, steps: once },
  { id: 'chase-delegated-aaaa', group: 'aaaa', title: 'chase-delegated, AAAA', qtype: 'AAAA', chain: { hops: 2, delegated: [1] }, authority: oneHop, steps: once },
  { id: 'expiry-last-hop-aaaa', group: 'aaaa', title: 'expiry-last-hop, AAAA', qtype: 'AAAA',
    chain: { hops: 2, ttl: { terminal: SHORT_TTL } }, authority: whole, steps: expirySteps, needs: 'refetch' },

  // --- data from outside the chain: never cached, never served to a later client ----------------
  // The first answer plants the record (not judged: the group is about what the cache keeps); then the
  // probe asks for the injected name. Serving the planted address is a violation (a security finding);
  // asking the authority and returning its own address is a pass.
  { id: 'injection-same-zone', group: 'injection', title: 'Answer carries an A record for another name of the zone; then that name is asked', qtype: 'A',
    chain: { hops: 1 }, authority: { answers: 'whole-chain', layout: [c(0), T, U] }, injection: { owner: 'same-zone' }, steps: injectionSteps },
  { id: 'injection-same-zone-first', group: 'injection', title: 'As injection-same-zone, with the injected A record first in the answer', qtype: 'A',
    chain: { hops: 1 }, authority: { answers: 'whole-chain', layout: [U, c(0), T] }, injection: { owner: 'same-zone' }, steps: injectionSteps },
  { id: 'injection-child-zone', group: 'injection', title: 'Answer from the parent zone carries an A record for a name in the child zone', qtype: 'A',
    chain: { hops: 1 }, authority: { answers: 'whole-chain', layout: [c(0), T, U] }, injection: { owner: 'child-zone' }, steps: injectionSteps },
  { id: 'injection-parent-zone', group: 'injection', title: 'Answer from the child zone carries an A record for a name in the parent zone (out of bailiwick)', qtype: 'A',
    chain: { hops: 1, delegated: [0, 1] }, authority: { answers: 'whole-chain', layout: [c(0), T, U] }, injection: { owner: 'parent-zone' }, steps: injectionSteps },
  { id: 'injection-outside-zone', group: 'injection', title: 'Answer carries an A record for a name outside the probe zone, in another zone this authority serves', qtype: 'A',
    chain: { hops: 1 }, authority: { answers: 'whole-chain', layout: [c(0), T, U] }, injection: { owner: 'outside-zone' }, steps: injectionSteps },
];

export function probeTests(): readonly ProbeTestDefinition[] {
  return DEFINITIONS;
}

/**
 * Tests matching ids, groups or globs (`expiry-*`); `all` or nothing selects every test but those of the
 * opt-in groups (OPT_IN_GROUPS), which run when named. Unknown selectors are returned apart.
 */
export function selectProbeTests(selectors: readonly string[] | undefined): { tests: ProbeTestDefinition[]; unknown: string[] } {
  const wanted = (selectors ?? []).map((s) => s.trim()).filter(Boolean);
  const byDefault = DEFINITIONS.filter((d) => !OPT_IN_GROUPS.includes(d.group));
  if (wanted.length === 0) return { tests: byDefault, unknown: [] };
  if (wanted.includes('all')) {
    const named = selectByGlobs(DEFINITIONS, wanted.filter((w) => w !== 'all'), (d, pattern, selector) => pattern.test(d.id) || d.group === selector);
    const chosen = new Set([...byDefault, ...named.chosen]);
    return { tests: DEFINITIONS.filter((d) => chosen.has(d)), unknown: named.unknown };
  }
  const { chosen, unknown } = selectByGlobs(DEFINITIONS, wanted, (d, pattern, selector) => pattern.test(d.id) || d.group === selector);
  return { tests: chosen, unknown };
}
