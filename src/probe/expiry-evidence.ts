// Did a partial-expiry test exercise partial expiry? A pure function over
// what was recorded: the chain with the TTLs the authority serves, the answer
// before the wait, each answer after it (when it was asked, when it arrived,
// its TTLs) and every question the authority received for the test's names,
// all stamped on one clock (clock.ts).
//
// The 2026-01-08 failure lives in the answer a resolver builds when part of a
// cached chain has expired: it re-fetches the expired part and joins it to the
// part still cached. An answer proves that path only when
//   - the resolver asked the authority for an expired (short-lived) name while
//     answering it: after the question was sent, before the answer arrived
//     (a refresh before the question — prefetch, or the refresh behind an
//     earlier stale answer — leaves an answer built from the cache alone);
//   - the short-lived records carry a TTL no higher than the authority's, and
//     no lower than a record fetched a moment ago shows (2 or 1 for 2);
//   - the long-lived records carry TTLs aged by the wait (records the
//     authority sent again carry its full TTL: the long-lived part did not
//     come from the cache — evicted, or a forwarder relaying whole answers).
//     TTLs decide, not questions: PowerDNS Recursor 4.8 asks for a CNAME it
//     holds again and still answers with its cached copy.
// And nothing before the wait may show a TTL above the authority's: that is
// a minimum cache TTL holding the records (some resolvers show it only in the
// first answer, some only in answers from their cache), and one after the
// wait with a TTL above the authority's was served stale.
// Everything else — stale answers, minimum TTLs, a cache in front, records
// never re-fetched — is not evidence, and says which it was. Nothing here
// depends on timing margins, --jobs or the resolver's cache size: only on the
// order of recorded events and on TTLs.

import { ProbeError } from './errors.js';

export interface TtlRecord {
  name: string;
  type: string;
  ttl: number;
}

export interface TimedAnswer {
  /** When the question left the probe and when the answer arrived (probeNow() ms). */
  sentAt: number;
  receivedAt: number;
  /** The answer section; undefined when no NOERROR answer came (timeout, SERVFAIL, ...). */
  records?: readonly TtlRecord[];
}

export interface AuthorityQuestion {
  name: string;
  qtype: string;
  /** When the authority answered it (probeNow() ms). */
  at: number;
}

export interface ExpiryEvidenceInput {
  /** The complete answer as the authority serves it: every chain record with its TTL. */
  chain: readonly TtlRecord[];
  /** The answers before the wait, in order (the last one starts the wait). */
  beforeWait: readonly TimedAnswer[];
  /** The answers after the wait, in order. */
  afterWait: readonly TimedAnswer[];
  /** Every question the authority received for the test's names, any order. */
  questions: readonly AuthorityQuestion[];
}

/** Where one answer after the wait came from, as far as the record shows. */
export type AnswerSource =
  | 're-fetched' // built while the resolver re-fetched an expired name: the evidence
  | 'stale' // a short-lived record past its TTL, with a TTL above the authority's or asked for only after answering
  | 'minimum TTL' // the short-lived records already came back with more than the authority's TTL before the wait
  | 'not from cache' // a long-lived name was asked again: the cached part of the chain was not used
  | 'refreshed before' // the expired name was re-fetched before the question: answered from the refreshed cache
  | 'cache in front' // a stale copy served after the resolver had re-fetched: held in front of it
  | 'held past TTL' // nothing reached the authority after the wait, and no TTL above the authority's shows why
  | 'no answer'; // no NOERROR answer, or one without the short-lived records

export interface AnswerEvidence {
  /** 1-based, among the answers after the wait. */
  answer: number;
  source: AnswerSource;
  /** Highest TTL among the short-lived records in this answer. */
  ttl?: number;
  note: string;
}

export interface ExpiryEvidence {
  /** True when some answer after the wait was built from a re-fetch and none was held past its TTL (stale, minimum TTL, cache in front). */
  exercised: boolean;
  /** 're-fetched' when exercised; otherwise the reason that says most (minimum TTL > stale > cache in front > not from cache > ...). */
  reason: AnswerSource;
  answers: AnswerEvidence[];
  /** One sentence for the report. */
  summary: string;
}

const key = (name: string) => name.toLowerCase().replace(/\.$/, '');
const rrKey = (name: string, type: string) => `${key(name)} ${type.toUpperCase()}`;
const ms = (value: number) => `${Math.round(value)} ms`;

/** The reason a test was not exercised, most telling first. */
const PRECEDENCE: AnswerSource[] = ['minimum TTL', 'stale', 'cache in front', 'held past TTL', 'not from cache', 'refreshed before', 'no answer'];

export function expiryEvidence(input: ExpiryEvidenceInput): ExpiryEvidence {
  const ttls = input.chain.map((r) => r.ttl);
  const shortTtl = Math.min(...ttls);
  const longTtl = Math.max(...ttls);
  const shortRecords = new Set(input.chain.filter((r) => r.ttl === shortTtl).map((r) => rrKey(r.name, r.type)));
  const shortNames = new Set(input.chain.filter((r) => r.ttl === shortTtl).map((r) => key(r.name)));
  if (shortTtl === longTtl) throw new ProbeError('ERR_PROBE_PLAN', 'expiryEvidence: the chain has no short-lived part');

  const shortTtlIn = (records: readonly TtlRecord[] | undefined): number | undefined => {
    const found = (records ?? []).filter((r) => shortRecords.has(rrKey(r.name, r.type))).map((r) => r.ttl);
    return found.length > 0 ? Math.max(...found) : undefined;
  };
  // Any answer before the wait with more than the authority's TTL shows a minimum TTL: Knot Resolver in
  // STUB mode shows it in the first answer only, dnsmasq only in answers from its cache (measured).
  const befores = input.beforeWait.map((a) => shortTtlIn(a.records)).filter((t): t is number => t !== undefined);
  const before = befores.length > 0 ? Math.max(...befores) : undefined;
  const last = input.beforeWait.at(-1);
  if (!last) throw new ProbeError('ERR_PROBE_PLAN', 'expiryEvidence: no answer before the wait');
  const beforeTtl = new Map((last.records ?? []).map((r) => [rrKey(r.name, r.type), r.ttl]));
  const waitStart = last.receivedAt;
  const questions = [...input.questions].sort((a, b) => a.at - b.at);
  const afterWait = questions.filter((q) => q.at > waitStart);
  const rel = (t: number) => `+${ms(t - waitStart)} after the answer before the wait`;
  const q = (x: AuthorityQuestion) => `${x.name} ${x.qtype}`;

  const longRecords = new Map(input.chain.filter((r) => r.ttl > shortTtl).map((r) => [rrKey(r.name, r.type), r.ttl]));

  const answers = input.afterWait.map((a, i): AnswerEvidence => {
    const answer = i + 1;
    const ttl = shortTtlIn(a.records);
    if (!a.records) return { answer, source: 'no answer', note: `answer #${answer}: no NOERROR answer to judge` };
    if (ttl === undefined) return { answer, source: 'no answer', note: `answer #${answer} holds none of the ${shortTtl} s records` };
    if (before !== undefined && before > shortTtl) {
      return {
        answer, source: 'minimum TTL', ttl,
        note: `the answer before the wait carried TTL ${before} on records the authority serves with ${shortTtl}: a minimum cache TTL holds them ${before} s, past the wait, so nothing had expired (answer #${answer}: TTL ${ttl})`,
      };
    }
    const during = afterWait.filter((x) => x.at >= a.sentAt && x.at <= a.receivedAt);
    const refetch = during.find((x) => shortNames.has(key(x.name)));
    if (ttl > shortTtl) {
      const refreshed = afterWait.find((x) => shortNames.has(key(x.name)) && x.at < a.sentAt);
      if (refreshed) {
        return {
          answer, source: 'cache in front', ttl,
          note: `answer #${answer} carries TTL ${ttl} on records the authority serves with ${shortTtl}, although the resolver re-fetched ${q(refreshed)} at ${rel(refreshed.at)}, before this question: a cache in front of the resolver holds the stale answer`,
        };
      }
      return {
        answer, source: 'stale', ttl,
        note: `answer #${answer} carries TTL ${ttl} on records the authority serves with ${shortTtl} (${before ?? '?'} before the wait): served stale, past their TTL${refetch ? ', with a refresh behind it' : ''}`,
      };
    }
    // Records cached since before the wait have aged by it; records the authority sent again have not.
    // This, not a question for a long-lived name, decides: PowerDNS Recursor 4.8 asks for the CNAME it
    // holds again and still answers with its cached copy (TTL aged), joined to the re-fetched tail.
    const aged = Math.floor((a.receivedAt - waitStart) / 1000);
    const fresh = a.records.find((r) => {
      const k = rrKey(r.name, r.type);
      const reference = beforeTtl.get(k) ?? longRecords.get(k);
      return longRecords.has(k) && reference !== undefined && r.ttl > reference - aged + 1;
    });
    if (fresh) {
      const asked = during.find((x) => key(x.name) === key(fresh.name));
      return {
        answer, source: 'not from cache', ttl,
        note: `in answer #${answer} ${fresh.name} ${fresh.type}, which lives ${longRecords.get(rrKey(fresh.name, fresh.type))} s, came back with TTL ${fresh.ttl}, unaged ${ms(a.receivedAt - waitStart)} after the answer before the wait${asked ? ' (the resolver asked the authority for it again)' : ''}: the unexpired part of the chain did not come from its cache (evicted — a small or busy cache — or never kept apart: a forwarder relays whole answers)`,
      };
    }
    if (refetch && ttl >= shortTtl - 1) {
      return {
        answer, source: 're-fetched', ttl,
        note: `answer #${answer} was built from a re-fetch: the authority was asked for ${q(refetch)} ${ms(refetch.at - a.sentAt)} after the question and ${ms(a.receivedAt - refetch.at)} before the answer arrived, TTL ${ttl} (the authority's: ${shortTtl})`,
      };
    }
    if (refetch) {
      return {
        answer, source: 'stale', ttl,
        note: `answer #${answer} carries TTL ${ttl}, lower than a record re-fetched ${ms(a.receivedAt - refetch.at)} earlier with TTL ${shortTtl} can show: served stale, from the expired entry, while ${q(refetch)} was re-fetched behind it`,
      };
    }
    const earlier = afterWait.find((x) => x.at < a.sentAt);
    if (earlier) {
      return {
        answer, source: 'refreshed before', ttl,
        note: `answer #${answer} came from the cache: ${q(earlier)} was re-fetched at ${rel(earlier.at)}, before this question (a refresh no client waited for), so no answer was built from it`,
      };
    }
    const refresh = afterWait.find((x) => x.at >= a.sentAt);
    if (refresh) {
      return {
        answer, source: 'stale', ttl,
        note: `answer #${answer} came back ${ms(a.receivedAt - waitStart)} after the answer before the wait, past the ${shortTtl} s TTL, with TTL ${ttl} and without a re-fetch of the expired records before it (the resolver asked for ${q(refresh)} ${refresh.at <= a.receivedAt ? 'meanwhile' : `${ms(refresh.at - a.receivedAt)} after it`}): served stale, then refreshed`,
      };
    }
    return {
      answer, source: 'held past TTL', ttl,
      note: `answer #${answer} came back ${ms(a.receivedAt - waitStart)} after the answer before the wait, past the ${shortTtl} s TTL, with TTL ${ttl}, and no question about the test's names reached the authority after the wait: held past its TTL (a minimum cache TTL that the answers do not show, stale serving that never refreshes, or a cache in front of the resolver)`,
    };
  });

  const refetched = answers.filter((a) => a.source === 're-fetched');
  const spoiled = answers.find((a) => a.source === 'stale' || a.source === 'minimum TTL' || a.source === 'cache in front' || a.source === 'held past TTL');
  if (refetched.length > 0 && !spoiled) {
    return { exercised: true, reason: 're-fetched', answers, summary: refetched[0]!.note };
  }
  const reason = PRECEDENCE.find((p) => answers.some((a) => a.source === p)) ?? 'no answer';
  // The first note of each kind, most telling first (e.g. stale, then the stale copy held in front).
  const notes = PRECEDENCE.map((p) => answers.find((a) => a.source === p)?.note).filter((n): n is string => n !== undefined);
  return { exercised: false, reason, answers, summary: notes.slice(0, 2).join('; ') || 'no answer after the wait' };
}
