// From the resolver's answer to a verdict. Order is judged by the analyzer
// (src/order); this module adds what a probe knows beyond one message: the
// records the answer should hold, what the test accepts at a chain limit, and
// whether the cache was really exercised.

import { analyzeAnswer } from '../order/analyze.js';
import { hasViolation, type Finding } from '../order/finding.js';
import { rcodeName, type DnsRecord } from '../wire/message.js';
import { nameKey } from '../rdata/name.js';
import { rdataText } from '../rdata/record-text.js';
import type { Verdict } from './document.js';
import type { ExchangeResult } from './exchange.js';
import type { ProbeInjection } from './plan.js';

export interface AskJudgement {
  verdict: Verdict;
  findings: Finding[];
  note: string;
  behaviour?: string;
  /** Where the answer's chain stopped without reaching the terminal RRset (for "did it chase?"). */
  danglingAt?: string;
}

export interface Expectation {
  qname: string;
  qtype: string;
  /** The complete answer in canonical order; undefined in passive mode (nothing known in advance). */
  expected?: readonly DnsRecord[];
  /** The order the authority sent, to tell "passed through" from "reordered". */
  authorityOrder?: readonly DnsRecord[];
  accept?: { servfail?: boolean; partialChain?: boolean };
}

const RANK: Record<Verdict, number> = { pass: 0, inconclusive: 1, error: 2, violation: 3 };

export function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * A record's identity for "is this record in the answer": owner, type and
 * RDATA in presentation form (the record layer's, so 2001:DB8::1 and
 * 2001:db8::1 are one address and an MX is its fields, not "[object Object]"),
 * case-folded as names compare.
 */
export function identity(r: DnsRecord): string {
  return `${nameKey(r.name)} ${r.type} ${rdataText(r.type, r.data).toLowerCase()}`;
}

export function judgeAnswer(result: ExchangeResult, expect: Expectation): AskJudgement {
  if (result.kind === 'timeout') return { verdict: 'error', findings: [], note: `timeout (${result.transport}, ${result.elapsedMs} ms)`, behaviour: 'timeout' };
  if (result.kind === 'failure') return { verdict: 'error', findings: [], note: result.reason, behaviour: 'failure' };
  const { message } = result;
  const via = result.truncatedOverUdp ? 'TC, then TCP' : result.transport;
  if (message.rcode !== 0) {
    const rcode = rcodeName(message.rcode);
    if (rcode === 'SERVFAIL' && expect.accept?.servfail) return { verdict: 'pass', findings: [], note: `SERVFAIL (accepted: a clean failure at the chain limit)`, behaviour: 'servfail' };
    return { verdict: 'error', findings: [], note: rcode, behaviour: rcode.toLowerCase() };
  }
  const analysis = analyzeAnswer(message.answers, { name: expect.qname, type: expect.qtype });
  const findings = analysis.findings;
  const got = message.answers.map(identity);
  // "passed through" and "reordered" only mean something when the authority sent a non-canonical order.
  const disorder = expect.authorityOrder && !sameOrder(expect.authorityOrder, expect.expected) ? expect.authorityOrder : undefined;
  const order = sameOrder(message.answers, disorder) ? 'passed through' : 'in order';
  if (hasViolation(findings)) {
    // Out of order, and not the authority's order either: the resolver built this order itself.
    const own = order === 'passed through' ? order : 'own order';
    return { verdict: 'violation', findings, note: `${message.answers.length} records ${own} (${via}): ${findings.filter((f) => f.severity === 'violation').map((f) => f.rule).join(', ')}`, behaviour: own };
  }
  if (!expect.expected) {
    const chained = analysis.chain.cnameIndexes.length > 0 || message.answers.some((r) => r.type === 'DNAME');
    if (!chained) return { verdict: 'inconclusive', findings, note: `no CNAME chain in the answer (${message.answers.length} records): nothing to order`, behaviour: 'no chain' };
    return { verdict: 'pass', findings, note: `${analysis.chain.cnameIndexes.length}-hop chain in order (${via})`, behaviour: 'in order' };
  }
  const present = new Set(got);
  const missing = expect.expected.filter((r) => !present.has(identity(r)));
  if (missing.length > 0) {
    const hops = analysis.chain.cnameIndexes.length;
    const expectedHops = expect.expected.filter((r) => r.type === 'CNAME').length;
    // An answer without a single expected record lost the whole answer: not a partial chain, not "fine".
    if (missing.length === expect.expected.length) {
      return {
        verdict: 'error', findings,
        note: `NOERROR with none of the ${expect.expected.length} expected records (${message.answers.length} records: ${got.slice(0, 3).join('; ') || 'empty'}) (${via})`,
        behaviour: 'lost answer',
      };
    }
    // A clean stop at a chain limit starts at the query name and is in order; fewer hops than that is no chain.
    if (expect.accept?.partialChain && hops > 0) {
      return { verdict: 'pass', findings, note: `partial chain in order: ${hops} of ${expectedHops} hops, ${message.answers.length} records (${via})`, behaviour: `partial chain (${hops} hops)` };
    }
    const list = missing.slice(0, 4).map((r) => `${r.name} ${r.type}${r.type === 'A' || r.type === 'AAAA' ? ` ${String(r.data)}` : ''}`).join('; ');
    return {
      verdict: 'inconclusive', findings, danglingAt: analysis.chain.dangling && hops > 0 ? analysis.chain.canonical : undefined,
      note: `dropped ${missing.length} of ${expect.expected.length} records (${list}${missing.length > 4 ? '; …' : ''}): order of the rest is fine`,
      behaviour: 'dropped records',
    };
  }
  const behaviour = disorder && order !== 'passed through' ? 'reordered' : order;
  return { verdict: 'pass', findings, note: `${message.answers.length} records in order (${via})`, behaviour };
}

/** Same RRsets in the same sequence (record order inside an RRset is free: resolvers rotate it). */
function sameOrder(got: readonly DnsRecord[], want: readonly DnsRecord[] | undefined): boolean {
  if (!want) return false;
  const a = rrsetSequence(got);
  const b = rrsetSequence(want);
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

function rrsetSequence(records: readonly DnsRecord[]): string[] {
  const keys: string[] = [];
  for (const r of records) {
    const key = `${nameKey(r.name)} ${r.type}`;
    if (keys.at(-1) !== key) keys.push(key);
  }
  return keys;
}

/** What an injection test saw: the answer that carried the injected record, then the answer for its owner. */
export interface InjectionObservation {
  injection: ProbeInjection;
  /**
   * The question whose authoritative answer carried the record, whether the authority was asked it (so sent
   * the record), and the chain a conformant resolver answers it with.
   */
  planted: { qname: string; qtype: string; result: ExchangeResult; sentByAuthority: boolean; expected: readonly DnsRecord[] };
  /** The resolver's answer for the injected record's owner. */
  answer: ExchangeResult;
  /** Whether the authority was asked for the owner (its address type) during the test. */
  authorityAsked: boolean;
}

export interface InjectionJudgement extends AskJudgement {
  /** Set on a violation: the security finding, in one sentence. */
  security?: string;
}

/**
 * The injection group's verdict, from the answer for the injected record's owner: the planted address
 * served (from the cache: the authority never gives it for that name) is a violation and a security
 * finding; the authority's own address, after asking the authority, a pass. Inconclusive when nothing
 * was planted: the authority never sent the answer, or the resolver refused that answer entirely.
 */
export function judgeInjection(o: InjectionObservation): InjectionJudgement {
  const { injection } = o;
  const owner = `${injection.name} ${injection.injected.type}`;
  const plantedAnswer = o.planted.result.kind === 'answer' ? o.planted.result.message : undefined;
  const passedOn = plantedAnswer?.answers.some((r) => identity(r) === identity(injection.injected))
    ? `; its answer for ${o.planted.qname} passed the injected record on to the client` : '';
  const judged = judgeAnswer(o.answer, { qname: injection.name, qtype: injection.injected.type, expected: injection.genuine });
  if (o.answer.kind !== 'answer') return { ...judged, note: `${owner}: ${judged.note}${passedOn}` };
  const { message } = o.answer;
  const got = message.answers.map(identity);
  const injected = identity(injection.injected);
  if (message.rcode === 0 && got.includes(injected)) {
    const how = o.authorityAsked ? 'though it asked the authority, which answers ' : 'without asking the authority, which answers ';
    const own = injection.genuine.map((r) => String(r.data)).join(', ');
    const security = `served ${owner} ${String(injection.injected.data)} from its cache, ${how}${own}: the record came in an answer about ${o.planted.qname}, outside that chain`;
    return { verdict: 'violation', findings: judged.findings, note: `${security}${passedOn}`, behaviour: 'served injected record', security };
  }
  if (!o.planted.sentByAuthority) {
    return {
      verdict: 'inconclusive', findings: [], behaviour: 'not planted',
      note: `the authority was never asked for ${o.planted.qname} ${o.planted.qtype}, so the injected record never reached the resolver`,
    };
  }
  // Refused: an error rcode, no answer at all, or NOERROR without a single record of the chain.
  const chainKept = plantedAnswer?.answers.some((r) => o.planted.expected.some((e) => identity(e) === identity(r))) ?? false;
  if (!plantedAnswer || plantedAnswer.rcode !== 0 || !chainKept) {
    const how = !plantedAnswer ? o.planted.result.kind : plantedAnswer.rcode !== 0 ? rcodeName(plantedAnswer.rcode) : 'NOERROR without the chain';
    return {
      verdict: 'inconclusive', findings: [], behaviour: 'refused the answer',
      note: `the resolver refused the whole answer that carried the injected record (${how} for ${o.planted.qname}): whether it caches such a record was not exercised; then ${owner}: ${judged.note}`,
    };
  }
  // Not the injected record, and the authority never asked: the answer came from elsewhere (a zone not
  // routed to the authority sends the question to the Internet), so nothing shows what the cache kept.
  if (!o.authorityAsked) {
    const what = judged.verdict === 'pass' ? 'the authority\'s own answer' : judged.note;
    return {
      verdict: 'inconclusive', findings: judged.findings, behaviour: 'not asked',
      note: `${owner}: ${what}, yet the authority was never asked for it (is that name's zone routed to the authority?)${passedOn}`,
    };
  }
  if (message.rcode !== 0) return { ...judged, note: `${owner}: ${judged.note}${passedOn}` };
  if (judged.verdict === 'pass') {
    return { ...judged, behaviour: 'asked the authority', note: `${owner}: asked the authority and returned its own answer (${injection.genuine.map((r) => String(r.data)).join(', ')}), not the injected ${String(injection.injected.data)}${passedOn}` };
  }
  return { ...judged, verdict: worse(judged.verdict, 'error'), note: `${owner}: ${judged.note}${passedOn}` };
}
