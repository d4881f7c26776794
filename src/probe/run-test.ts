// Runs one planned test against the resolver: its steps in order, one
// judgement per checked answer, and the cache conditions the test needs.
// Every question to the resolver, every answer and every question the
// authority received for the test's names is stamped on one clock
// (clock.ts), so the cache conditions are judged from recorded evidence
// (expiry-evidence.ts), not from counts.

import { rcodeName, type DnsRecord } from '../wire/message.js';
import { nameKey } from '../rdata/name.js';
import type { Endpoint } from './address.js';
import type { ProbeAuthority } from './authority.js';
import { probeNow } from './clock.js';
import { recordText } from '../rdata/record-text.js';
import { type ProbeAsk, type ProbeResult, type Verdict } from './document.js';
import { exchange, type ExchangeResult } from './exchange.js';
import { expiryEvidence, type TimedAnswer } from './expiry-evidence.js';
import type { ProbePlan } from './plan.js';
import { EXPIRY_MARGIN_MS } from './suite.js';
import { ProbeError } from './errors.js';
import { judgeAnswer, judgeInjection, worse, type AskJudgement } from './verdict.js';

export interface RunTestOptions {
  resolver: Endpoint;
  authority: ProbeAuthority;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value * 10) / 10;

interface Stamped extends TimedAnswer {
  check: boolean;
  afterTtlWait: boolean;
}

export async function runPlannedTest(plan: ProbePlan, options: RunTestOptions): Promise<ProbeResult> {
  const started = performance.now();
  const t0 = probeNow();
  const { test } = plan;
  // The injected record's owner is one of the test's names: the authority's ledger of it decides the injection verdict.
  const ledgerNames = plan.injection ? [...plan.names, plan.injection.name] : plan.names;
  const questions = () => ledgerNames.flatMap((name) => options.authority.asked(name)).filter((q) => q.time >= t0);
  const asked = () => questions().length;
  const asks: ProbeAsk[] = [];
  const stamped: Stamped[] = [];
  const judgements: AskJudgement[] = [];
  let pastTtl = false;
  let beforeLastAsk = 0;
  /** The injection group: the resolver's answer to the question whose authoritative answer carried the injected record. */
  let planted: ExchangeResult | undefined;
  let security: string | undefined;

  for (const step of test.steps) {
    if ('wait' in step) {
      if (step.wait === 'past-short-ttl') pastTtl = true;
      await sleep(step.wait === 'past-short-ttl' ? plan.shortestTtl * 1000 + EXPIRY_MARGIN_MS : step.wait);
      continue;
    }
    if ('askInjected' in step) {
      const injection = plan.injection;
      if (!injection || !planted) throw new ProbeError('ERR_PROBE_PLAN', `probe test ${test.id}: askInjected needs an injection and an ask for the query name before it`);
      const sentAt = probeNow();
      const result = await exchange(options.resolver, injection.name, injection.injected.type, { timeoutMs: options.timeoutMs });
      const receivedAt = probeNow();
      const fromT0 = (name: string, qtype: string) => options.authority.asked(name).some((q) => q.time >= t0 && q.qtype === qtype);
      const judgement = judgeInjection({
        injection, answer: result, authorityAsked: fromT0(injection.name, injection.injected.type),
        planted: { qname: plan.qname, qtype: plan.qtype, result: planted, sentByAuthority: fromT0(plan.qname, plan.qtype), expected: plan.expected },
      });
      security = judgement.security;
      const answer: DnsRecord[] = result.kind === 'answer' ? result.message.answers : [];
      asks.push({
        name: injection.name, qtype: injection.injected.type, purpose: 'check',
        rcode: result.kind === 'answer' ? rcodeName(result.message.rcode) : null,
        transport: result.kind === 'failure' ? null : result.transport,
        truncatedOverUdp: result.kind === 'answer' && result.truncatedOverUdp,
        elapsedMs: result.elapsedMs, sentMs: round(sentAt - t0), receivedMs: round(receivedAt - t0),
        answer: answer.map(recordText), authorityQueries: asked(), verdict: judgement.verdict, note: judgement.note,
      });
      judgements.push(judgement);
      continue;
    }
    const hop = step.ask === 'query' ? 0 : step.ask.hop;
    const name = plan.names[hop]!;
    const check = step.check ?? true;
    beforeLastAsk = asked();
    const askedSoFar = (n: string) => options.authority.asked(n).length;
    const before = new Map(plan.names.map((n) => [nameKey(n), askedSoFar(n)]));
    const sentAt = probeNow();
    const result = await exchange(options.resolver, name, plan.qtype, { timeoutMs: options.timeoutMs });
    const receivedAt = probeNow();
    if (hop === 0) planted = result;
    const judgement = noChase(judgeAnswer(result, {
      qname: name, qtype: plan.qtype, accept: test.accept,
      expected: hop === 0 ? plan.expected : undefined,
      authorityOrder: hop === 0 ? plan.layoutAnswer : undefined,
    }), (n) => askedSoFar(n) > (before.get(nameKey(n)) ?? 0));
    const answer: DnsRecord[] = result.kind === 'answer' ? result.message.answers : [];
    const noerror = result.kind === 'answer' && result.message.rcode === 0;
    stamped.push({
      sentAt, receivedAt, check, afterTtlWait: pastTtl,
      records: noerror ? answer.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl ?? 0 })) : undefined,
    });
    asks.push({
      name, qtype: plan.qtype, purpose: check ? 'check' : 'warm-up',
      rcode: result.kind === 'answer' ? rcodeName(result.message.rcode) : null,
      transport: result.kind === 'failure' ? null : result.transport,
      truncatedOverUdp: result.kind === 'answer' && result.truncatedOverUdp,
      elapsedMs: result.elapsedMs, sentMs: round(sentAt - t0), receivedMs: round(receivedAt - t0),
      answer: answer.map(recordText), authorityQueries: asked(),
      verdict: check ? judgement.verdict : 'pass', note: judgement.note,
    });
    if (check) judgements.push(judgement);
  }

  let verdict: Verdict = 'pass';
  for (const j of judgements) verdict = worse(verdict, j.verdict);
  const worst = judgements.find((j) => j.verdict === verdict) ?? judgements[0];
  let behaviour = worst?.behaviour;
  const notes = [...new Set(asks.filter((a) => a.purpose === 'check').map((a) => a.note))];
  const detail = [notes.length === 1 ? notes[0]! : asks.filter((a) => a.purpose === 'check').map((a, i) => `#${i + 1} ${a.note}`).join('; ')];
  const recorded = questions();
  let evidence: ProbeResult['evidence'];

  // A pass proves nothing if the cache was not exercised the way the test needs.
  if (test.needs === 'refetch') {
    const beforeWait = stamped.filter((s) => s.check && !s.afterTtlWait);
    const afterWait = stamped.filter((s) => s.check && s.afterTtlWait);
    if (beforeWait.length > 0 && afterWait.length > 0) {
      const found = expiryEvidence({
        chain: plan.expected.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl ?? 0 })),
        beforeWait, afterWait,
        questions: recorded.map((q) => ({ name: q.qname, qtype: q.qtype, at: q.time })),
      });
      evidence = { exercised: found.exercised, reason: found.reason, answers: found.answers };
      if (found.exercised) {
        detail.push(found.summary);
      } else {
        detail.push(`partial expiry not exercised (${found.reason}): ${found.summary}`);
        if (verdict === 'pass') {
          verdict = 'inconclusive';
          behaviour = found.reason;
        }
      }
    }
  }
  if (test.needs === 'cached') {
    if (asked() > beforeLastAsk) {
      if (verdict === 'pass') verdict = 'inconclusive';
      detail.push('the repeated question was not answered from the cache (the authority was asked again)');
    } else {
      detail.push('repeat answered from the cache');
    }
  }
  const viaTcp = recorded.some((q) => q.transport === 'tcp');
  if (viaTcp) detail.push('the resolver fetched from the authority over TCP');

  return {
    test: test.id, group: test.group, title: test.title, verdict,
    findings: worst?.findings ?? [],
    detail: detail.join('; '),
    behaviour,
    ...(security && verdict === 'violation' ? { security } : {}),
    asks,
    authorityQuestions: recorded.map((q) => ({ name: q.qname, qtype: q.qtype, transport: q.transport, atMs: round(q.time - t0) })),
    ...(evidence ? { evidence } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * A chain cut short at a name the resolver did not ask the authority about while answering was not
 * dropped: the resolver did not chase, nor join cached data (a forwarder or stub relies on its
 * upstream for that). Still inconclusive: the answer holds too little to judge the order of a chain.
 */
function noChase(judgement: AskJudgement, askedDuringThisAsk: (name: string) => boolean): AskJudgement {
  if (!judgement.danglingAt || askedDuringThisAsk(judgement.danglingAt)) return judgement;
  return {
    ...judgement, behaviour: 'no chase',
    note: `stopped at ${judgement.danglingAt}, where the authority's answer ended, without asking for it or using what it had cached (forwarders and stubs leave chasing to their upstream)`,
  };
}
