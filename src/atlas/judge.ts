// Judging Atlas answers with the probe's rules. Each answer's question names
// its test (the probe's plan: `<test>.<run>.<zone>`, src/probe/plan.ts), so
// the expected records and the authority's order are known without the plan
// file; each answer is judged by the probe's judgeAnswer (src/probe/verdict.ts)
// and folded into one verdict per resolver and test, and from those into the
// counts per test, per resolver, per probe and per ASN.
//
// A resolver's verdict on a test: violation if any answer broke a MUST; else
// pass if an answer passed (for the partial-expiry and cache tests: an answer
// that also showed the cache path, src/atlas/ttl-evidence.ts); else
// inconclusive if an answer was; else error (timeouts, SERVFAIL, malformed).
// Timeouts on a probe's network say little about its resolver, so an answer
// that passed outweighs them.
//
// Memory is bounded by resolvers × tests, not by answers: per answer only a
// few numbers are kept for the TTL evidence of the cache tests, examples only
// for answers that did not pass (one per resolver and test).

import { decodeMessage, type DecodedMessage } from '../wire/decode.js';
import { isDnsorderError } from '../errors.js';
import { VERDICTS, type Verdict } from '../probe/document.js';
import { recordText } from '../rdata/record-text.js';
import type { ExchangeResult } from '../probe/exchange.js';
import { planTest, type ProbePlan } from '../probe/plan.js';
import { probeTests, SHORT_TTL, type ProbeTestDefinition } from '../probe/suite.js';
import { judgeAnswer, type AskJudgement } from '../probe/verdict.js';
import { runHeader } from '../run-header.js';
import { isIP } from 'node:net';
import {
  ATLAS_SCHEMA, type AtlasAsnSummary, type AtlasCounts, type AtlasDocument, type AtlasExample, type AtlasOffender, type AtlasTestSummary,
} from './document.js';
import { atlasSchedule, type AtlasPlanDocument } from './plan.js';
import type { AtlasAnswerItem } from './results.js';
import { chainTtls, newTally, tally, tallySource, ttlClasses, ttlSample, type ChainTtls, type TtlSource, type TtlTally } from './ttl-evidence.js';
import { answerShapeInPlace } from './wire-shape.js';
import type { Finding } from '../order/finding.js';

export interface ProbeMeta {
  asnV4?: number;
  asnV6?: number;
  country?: string;
}

export interface AtlasJudgeOptions {
  /** Judge only this run's names (others are counted, not judged). */
  plan?: AtlasPlanDocument;
  planFile?: string;
  probesMeta?: ReadonlyMap<number, ProbeMeta>;
  probesMetaFile?: string;
  /** Worst offenders listed (default 20). */
  offenders?: number;
  /** Distinct names judged passively, each its own row (default 50; the rest share one). */
  passiveNames?: number;
}

const RANK: Record<Verdict, number> = { pass: 0, violation: 1, error: 2, inconclusive: 3 };
/** Fold order: a violation decides; then a pass; then inconclusive; then error. */
const FOLD: readonly Verdict[] = ['violation', 'pass', 'inconclusive', 'error'];
const MAX_PLANS = 5000;
const MAX_NEGATIVE = 10_000;
const MAX_PENDING = 200_000;
const MAX_PROBLEMS = 20;
const MAX_EXAMPLES_PER_TEST = 4;

/** An example kept by reference (the abuf string JSON.parse made anyway); rendered only if it is shown. */
interface KeptExample {
  resolver: string;
  probe?: number;
  timestamp?: number;
  verdict: Verdict;
  behaviour?: string;
  note: string;
  findings: readonly Finding[];
  abuf?: string;
  bytes?: Buffer;
}

/** What an answer of one shape (src/atlas/wire-shape.ts) comes to: judged once per shape. */
type Judged =
  | { kind: 'other-run' }
  | { kind: 'warm-up' }
  | { kind: 'judged'; row: Row; test: boolean; judgement: AskJudgement; noerror: boolean; classes?: Uint8Array };

const MAX_SHAPES = 50_000;

interface Row {
  key: string;
  test?: ProbeTestDefinition;
  group: string;
  title: string;
  judged: string;
  order: number;
  answers: number;
  needs?: 'refetch' | 'cached';
  examples: KeptExample[];
  exampleKinds: Set<string>;
}

interface Cell {
  counts: [number, number, number, number];
  /** The behaviour of the first answer with each verdict (by RANK). */
  behaviours: Array<string | undefined>;
  /** Cache tests: the TTL evidence so far, in constant space (ttl-evidence.ts). */
  ttl?: TtlTally;
  split?: boolean;
}

interface Resolver {
  key: string;
  address: string;
  private: boolean;
  probes: Set<number>;
  asns: Set<number>;
  cells: Map<string, Cell>;
  /** The resolver's first violation, for the offenders list (one per resolver, not per test: memory). */
  example?: KeptExample;
}

interface Identified {
  plan: ProbePlan;
  hop: number;
}

interface Pending {
  msm: number;
  resolver: Resolver;
  judgement: AskJudgement;
}

/** Addresses that name a different box behind every probe: private, loopback, link-local, CGNAT, ULA. */
export function isSharedAddress(address: string): boolean {
  const a = address.toLowerCase();
  const v4 = a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
  if (isIP(v4) === 4) {
    const [x, y] = v4.split('.').map(Number) as [number, number];
    return x === 10 || x === 127 || x === 0 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127);
  }
  return a === '::1' || a === '::' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
}

export class AtlasJudge {
  readonly counts: AtlasCounts = {
    entries: 0, items: 0, decoded: 0, timeouts: 0, errors: 0, missingAbuf: 0, malformedAbuf: 0, unreadable: 0, notDns: 0, noResult: 0,
    warmUps: 0, passive: 0, otherRun: 0, unattributed: 0,
  };
  readonly problems: string[] = [];
  private problemCount = 0;
  private readonly rows = new Map<string, Row>();
  private readonly resolvers = new Map<string, Resolver>();
  private readonly probes = new Map<number, { resolvers: Set<Resolver>; asn?: number }>();
  private readonly byName = new Map<string, Identified>();
  private readonly negative = new Set<string>();
  private readonly plans = new Set<string>();
  private readonly testsById = new Map(probeTests().map((t, i) => [t.id, { test: t, order: i }]));
  private readonly msmRows = new Map<number, string>();
  private readonly pending: Pending[] = [];
  private passiveNames = 0;
  private readonly shapes = new Map<string, Judged>();
  private readonly tcpShapes = new Map<string, Judged>();
  private readonly shared = new Map<string, boolean>();
  private readonly chains = new Map<ProbePlan, ChainTtls>();
  private readonly started = performance.now();

  constructor(private readonly options: AtlasJudgeOptions = {}) {
    const plan = options.plan;
    if (plan) {
      for (const planned of plan.tests) {
        const entry = this.testsById.get(planned.test);
        if (!entry) continue;
        this.planFor(entry.test, plan.runId, plan.zone);
        this.rowFor(entry.test, 'UDP');
        if (planned.queries.some((q) => q.protocol === 'TCP')) this.rowFor(entry.test, 'TCP');
      }
    }
  }

  problem(message: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(message);
  }

  /** One answer item (src/atlas/results.ts). */
  add(item: AtlasAnswerItem): void {
    this.counts.items++;
    const resolver = this.resolverFor(item);
    const outcome = item.outcome;
    if (outcome.kind === 'timeout' || outcome.kind === 'error' || outcome.kind === 'no-abuf') {
      if (outcome.kind === 'timeout') this.counts.timeouts++;
      else if (outcome.kind === 'error') this.counts.errors++;
      else this.counts.missingAbuf++;
      const judgement: AskJudgement = outcome.kind === 'timeout'
        ? { verdict: 'error', findings: [], note: `timeout${outcome.ms !== undefined ? ` (${outcome.ms} ms)` : ''}`, behaviour: 'timeout' }
        : outcome.kind === 'error'
          ? { verdict: 'error', findings: [], note: outcome.message, behaviour: 'error' }
          : { verdict: 'error', findings: [], note: 'result without abuf (include_abuf not set?)', behaviour: 'no abuf' };
      this.attributeByMeasurement(item, resolver, judgement);
      return;
    }
    const transport = item.proto === 'TCP' || item.proto === 'tcp' ? 'tcp' : 'udp';
    // The shape (ID and TTLs zeroed in place) keys the judgement: each shape is judged once.
    const shape = answerShapeInPlace(Buffer.from(outcome.abuf, 'base64'));
    const shapes = transport === 'tcp' ? this.tcpShapes : this.shapes;
    let judged = shape ? shapes.get(shape.key) : undefined;
    if (!judged) {
      const bytes = Buffer.from(outcome.abuf, 'base64');
      let message: DecodedMessage;
      try {
        message = decodeMessage(bytes);
      } catch (error) {
        this.counts.malformedAbuf++;
        const why = isDnsorderError(error) ? `${error.message} [${error.code}]` : String(error);
        this.attributeByMeasurement(item, resolver, { verdict: 'error', findings: [], note: `abuf does not decode: ${why}`, behaviour: 'malformed' }, bytes);
        return;
      }
      if (!message.questions[0]) {
        this.counts.malformedAbuf++;
        this.attributeByMeasurement(item, resolver, { verdict: 'error', findings: [], note: 'answer without a question section', behaviour: 'malformed' }, bytes);
        return;
      }
      judged = this.judgeMessage(message, transport, item.rt);
      if (shape) {
        if (shapes.size >= MAX_SHAPES) shapes.clear();
        shapes.set(shape.key, judged);
      }
    }
    this.counts.decoded++;
    if (judged.kind === 'other-run') {
      this.counts.otherRun++;
      return;
    }
    if (judged.kind === 'warm-up') {
      this.counts.warmUps++;
      return;
    }
    if (!judged.test) this.counts.passive++;
    else if (item.msmId !== undefined) this.msmRows.set(item.msmId, judged.row.key);
    const cell = this.addJudgement(judged.row, resolver, judged.judgement, item, outcome.abuf);
    if (judged.row.needs) {
      const ttls = shape?.ttls ?? decodeMessage(Buffer.from(outcome.abuf, 'base64')).answers.map((r) => r.ttl);
      const sample = judged.noerror && judged.classes ? ttlSample(ttls, judged.classes) : { long: -1, short: -1 };
      tally((cell.ttl ??= newTally()), judged.judgement.verdict === 'pass', sample, judged.row.needs, SHORT_TTL);
    }
  }

  /** Judges one decoded answer: identifies its test from its question, then the probe's rules. */
  private judgeMessage(message: DecodedMessage, transport: 'udp' | 'tcp', rt?: number): Judged {
    const question = message.questions[0]!;
    const found = this.identify(question.name, question.type);
    const exchange: ExchangeResult = { kind: 'answer', message, transport, truncatedOverUdp: false, elapsedMs: Math.round(rt ?? 0) };
    if (found === 'other-run') return { kind: 'other-run' };
    if (!found) {
      const row = this.passiveRow(question.name, question.type);
      return { kind: 'judged', row, test: false, judgement: judgeAnswer(exchange, { qname: question.name, qtype: question.type }), noerror: message.rcode === 0 };
    }
    const { plan, hop } = found;
    if (hop !== 0) return { kind: 'warm-up' };
    const row = this.rowFor(plan.test, transport === 'tcp' ? 'TCP' : 'UDP');
    let judgement = judgeAnswer(exchange, {
      qname: plan.names[0]!, qtype: plan.qtype, accept: plan.test.accept, expected: plan.expected, authorityOrder: plan.layoutAnswer,
    });
    if (message.tc && transport === 'udp' && judgement.verdict !== 'violation') {
      judgement = {
        verdict: 'inconclusive', findings: judgement.findings, behaviour: 'truncated',
        note: `TC over UDP with ${message.answers.length} records: Atlas does not retry over TCP${row.test?.group === 'size' ? ' (the TCP definition judges the whole answer)' : ''}`,
      };
    } else if (judgement.danglingAt && judgement.behaviour === 'dropped records') {
      judgement = { ...judgement, note: `${judgement.note} (a resolver that did not chase and one that dropped records look alike without the authority's ledger)` };
    }
    const classes = row.needs && message.rcode === 0 ? ttlClasses(message.answers, (this.chains.get(plan) ?? this.chains.set(plan, chainTtls(plan.expected)).get(plan))!) : undefined;
    return { kind: 'judged', row, test: true, judgement, noerror: message.rcode === 0, classes };
  }

  /** The document, once every item was added. */
  document(files: string[]): AtlasDocument {
    for (const p of this.pending) {
      const key = this.msmRows.get(p.msm);
      const row = key ? this.rows.get(key) : undefined;
      if (!row) this.counts.unattributed++;
      else this.addJudgement(row, p.resolver, p.judgement);
    }
    this.pending.length = 0;
    if (this.problemCount > this.problems.length) this.problems.push(`… and ${this.problemCount - this.problems.length} more problems`);

    const rows = [...this.rows.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
    const verdictOf = new Map<Resolver, Map<string, { verdict: Verdict; behaviour?: string; evidence?: TtlSource }>>();
    const tests: AtlasTestSummary[] = rows.map((row) => {
      const resolversBy: Record<Verdict, number> = { pass: 0, violation: 0, error: 0, inconclusive: 0 };
      const behaviours: Record<string, number> = {};
      const evidence: Record<string, number> = {};
      for (const resolver of this.resolvers.values()) {
        const cell = resolver.cells.get(row.key);
        if (!cell) continue;
        const folded = foldCell(cell, row.needs);
        resolversBy[folded.verdict]++;
        if (folded.behaviour) behaviours[folded.behaviour] = (behaviours[folded.behaviour] ?? 0) + 1;
        if (folded.evidence) evidence[folded.evidence] = (evidence[folded.evidence] ?? 0) + 1;
        let map = verdictOf.get(resolver);
        if (!map) verdictOf.set(resolver, (map = new Map()));
        map.set(row.key, folded);
      }
      return {
        test: row.key, group: row.group, title: row.title, judged: row.judged, answers: row.answers,
        resolvers: resolversBy, behaviours, ...(row.needs ? { evidence } : {}), examples: row.examples.map(shown),
      };
    });

    const summary = { total: 0, public: 0, private: 0, clean: 0, violating: 0, reorder: 0, passThrough: 0, ownOrder: 0, dropChain: 0, splitRrsets: 0, unjudged: 0 };
    const offenders: Array<AtlasOffender & { rank: number; kept?: KeptExample }> = [];
    const violatingResolvers = new Set<Resolver>();
    for (const resolver of this.resolvers.values()) {
      const verdicts = verdictOf.get(resolver);
      if (!verdicts) continue;
      summary.total++;
      if (resolver.private) summary.private++;
      else summary.public++;
      const all = [...verdicts.values()];
      const behaviourSet = new Set(all.map((v) => v.behaviour).filter((b): b is string => b !== undefined));
      const violated = [...verdicts].filter(([, v]) => v.verdict === 'violation').map(([k]) => k);
      if (behaviourSet.has('reordered')) summary.reorder++;
      if (behaviourSet.has('passed through')) summary.passThrough++;
      if (behaviourSet.has('own order')) summary.ownOrder++;
      if (behaviourSet.has('dropped records') || behaviourSet.has('lost answer')) summary.dropChain++;
      if ([...resolver.cells.values()].some((c) => c.split)) summary.splitRrsets++;
      if (all.every((v) => v.verdict === 'error')) summary.unjudged++;
      else if (violated.length === 0) summary.clean++;
      if (violated.length > 0) {
        summary.violating++;
        violatingResolvers.add(resolver);
        const example = resolver.example;
        offenders.push({
          resolver: resolver.key, address: resolver.address, private: resolver.private, probes: resolver.probes.size,
          asns: [...resolver.asns].sort((a, b) => a - b).slice(0, 5), violations: violated,
          behaviours: [...new Set(violated.map((k) => verdicts.get(k)?.behaviour).filter((b): b is string => b !== undefined))],
          kept: example, rank: violated.length * 1e6 + resolver.probes.size,
        });
      }
    }
    offenders.sort((a, b) => b.rank - a.rank || a.resolver.localeCompare(b.resolver));

    let withViolation = 0;
    const asnTable = new Map<number, { probes: number; resolvers: Set<Resolver> }>();
    for (const [, probe] of this.probes) {
      if ([...probe.resolvers].some((r) => violatingResolvers.has(r))) withViolation++;
      if (probe.asn !== undefined) {
        let entry = asnTable.get(probe.asn);
        if (!entry) asnTable.set(probe.asn, (entry = { probes: 0, resolvers: new Set() }));
        entry.probes++;
        for (const r of probe.resolvers) entry.resolvers.add(r);
      }
    }
    const asns: AtlasAsnSummary[] | null = asnTable.size === 0 ? null : [...asnTable].map(([asn, e]) => ({
      asn, probes: e.probes, resolvers: e.resolvers.size, violatingResolvers: [...e.resolvers].filter((r) => violatingResolvers.has(r)).length,
    })).sort((a, b) => b.violatingResolvers - a.violatingResolvers || b.probes - a.probes || a.asn - b.asn);

    const plan = this.options.plan;
    const header = runHeader(ATLAS_SCHEMA, this.started);
    return {
      ...header,
      inputs: {
        files,
        plan: plan ? { file: this.options.planFile ?? '', runId: plan.runId, zone: plan.zone } : null,
        probesMeta: this.options.probesMetaFile ?? null,
      },
      counts: this.counts,
      problems: this.problems,
      resolvers: summary,
      probes: { total: this.probes.size, withViolation, clean: this.probes.size - withViolation },
      tests,
      offenders: offenders.slice(0, this.options.offenders ?? 20).map(({ rank: _rank, kept, ...o }) => ({ ...o, ...(kept ? { example: shown(kept) } : {}) })),
      asns: asns ? asns.slice(0, 50) : null,
      notPlanned: plan?.notPlanned ?? [],
    };
  }

  private resolverFor(item: AtlasAnswerItem): Resolver {
    const address = item.dstAddr ?? '(no dst_addr)';
    let shared = this.shared.get(address);
    if (shared === undefined) {
      shared = item.dstAddr === undefined || isSharedAddress(address);
      if (this.shared.size < 1_000_000) this.shared.set(address, shared);
    }
    const key = shared ? `${address} (probe ${item.prbId ?? '?'})` : address;
    let resolver = this.resolvers.get(key);
    if (!resolver) this.resolvers.set(key, (resolver = { key, address, private: shared, probes: new Set(), asns: new Set(), cells: new Map() }));
    if (item.prbId !== undefined) {
      resolver.probes.add(item.prbId);
      let probe = this.probes.get(item.prbId);
      if (!probe) this.probes.set(item.prbId, (probe = { resolvers: new Set() }));
      probe.resolvers.add(resolver);
      const meta = this.options.probesMeta?.get(item.prbId);
      const asn = item.asn ?? (item.af === 6 ? meta?.asnV6 ?? meta?.asnV4 : meta?.asnV4 ?? meta?.asnV6);
      if (asn !== undefined) {
        probe.asn ??= asn;
        resolver.asns.add(asn);
      }
    }
    return resolver;
  }

  /** Timeouts and undecodable answers name no question: their measurement's test, once an answer of it revealed it. */
  private attributeByMeasurement(item: AtlasAnswerItem, resolver: Resolver, judgement: AskJudgement, bytes?: Buffer): void {
    const key = item.msmId !== undefined ? this.msmRows.get(item.msmId) : undefined;
    const row = key ? this.rows.get(key) : undefined;
    if (row) {
      this.addJudgement(row, resolver, judgement, item, undefined, bytes);
      return;
    }
    if (item.msmId === undefined || this.pending.length >= MAX_PENDING) {
      this.counts.unattributed++;
      return;
    }
    this.pending.push({ msm: item.msmId, resolver, judgement });
  }

  private identify(qname: string, qtype: string): Identified | 'other-run' | undefined {
    const key = qname.toLowerCase().replace(/\.$/, '');
    const hit = this.byName.get(key);
    if (hit) return hit.plan.qtype === qtype.toUpperCase() ? hit : undefined;
    if (this.negative.has(key)) return undefined;
    const labels = key.split('.');
    let otherRun = false;
    for (let i = 0; i < Math.min(4, labels.length - 3); i++) {
      const entry = this.testsById.get(labels[i]!);
      if (!entry) continue;
      const runId = labels[i + 1]!;
      const zone = labels.slice(i + 2).join('.');
      const plan = this.options.plan;
      if (plan && (plan.runId !== runId || plan.zone !== zone)) {
        otherRun = true;
        continue;
      }
      if (this.plans.size >= MAX_PLANS) break;
      this.planFor(entry.test, runId, zone);
      const found = this.byName.get(key);
      if (found) return found.plan.qtype === qtype.toUpperCase() ? found : undefined;
    }
    if (otherRun) return 'other-run';
    if (this.negative.size < MAX_NEGATIVE) this.negative.add(key);
    return undefined;
  }

  private planFor(test: ProbeTestDefinition, runId: string, zone: string): void {
    const id = `${test.id} ${runId} ${zone}`;
    if (this.plans.has(id)) return;
    this.plans.add(id);
    const plan = planTest(test, runId, zone);
    plan.names.forEach((name, hop) => {
      const key = name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, { plan, hop });
    });
  }

  private rowFor(test: ProbeTestDefinition, protocol: 'UDP' | 'TCP'): Row {
    const how = atlasSchedule(test);
    const variant = protocol === 'TCP' && how.tcp;
    const key = variant ? `${test.id}/tcp` : test.id;
    let row = this.rows.get(key);
    if (!row) {
      const order = (this.testsById.get(test.id)?.order ?? 0) * 2 + (variant ? 1 : 0);
      this.rows.set(key, (row = {
        key, test, group: test.group, title: variant ? `${test.title} (TCP definition)` : test.title,
        judged: how.judged, order, answers: 0, needs: test.needs, examples: [], exampleKinds: new Set(),
      }));
    }
    return row;
  }

  private passiveRow(qname: string, qtype: string): Row {
    let key = `name:${qname.toLowerCase().replace(/\.$/, '')} ${qtype}`;
    if (!this.rows.has(key)) {
      if (this.passiveNames >= (this.options.passiveNames ?? 50)) key = 'name:(other names)';
      else this.passiveNames++;
    }
    let row = this.rows.get(key);
    if (!row) {
      this.rows.set(key, (row = {
        key, group: 'passive', title: key === 'name:(other names)' ? 'every further name outside the probe\'s plans' : `${qname} ${qtype}, not a probe name`,
        judged: 'passive: any CNAME chain must be in order (nothing expected is known)', order: 1e9, answers: 0, examples: [], exampleKinds: new Set(),
      }));
    }
    return row;
  }

  private addJudgement(row: Row, resolver: Resolver, judgement: AskJudgement, item?: AtlasAnswerItem, abuf?: string, bytes?: Buffer): Cell {
    row.answers++;
    let cell = resolver.cells.get(row.key);
    if (!cell) resolver.cells.set(row.key, (cell = { counts: [0, 0, 0, 0], behaviours: [undefined, undefined, undefined, undefined] }));
    const rank = RANK[judgement.verdict];
    cell.counts[rank]++;
    cell.behaviours[rank] ??= judgement.behaviour ?? (judgement.verdict === 'pass' ? 'in order' : judgement.verdict);
    if (judgement.verdict === 'violation' && judgement.findings.some((f) => f.rule === 'rrset-contiguous' && f.severity === 'violation')) cell.split = true;
    const kept = (): KeptExample => ({
      resolver: resolver.key, probe: item?.prbId, timestamp: item?.timestamp, verdict: judgement.verdict, behaviour: judgement.behaviour, note: judgement.note,
      findings: judgement.findings, abuf, bytes,
    });
    if (judgement.verdict === 'violation' && !resolver.example) resolver.example = kept();
    if (row.examples.length < MAX_EXAMPLES_PER_TEST) {
      const kind = `${judgement.verdict} ${judgement.behaviour ?? ''}`;
      // Examples show what resolvers do with the records: not timeouts and missing abufs (a probe's network, not its resolver).
      const telling = judgement.verdict === 'pass' ? judgement.behaviour === 'reordered' : judgement.verdict !== 'error' || judgement.behaviour === 'malformed' || abuf !== undefined;
      if (telling && !row.exampleKinds.has(kind)) {
        row.exampleKinds.add(kind);
        row.examples.push(kept());
      }
    }
    return cell;
  }
}

/** An example as the report shows it: the answer in presentation format (decoded again, TTLs and all), the violations. */
function shown(e: KeptExample): AtlasExample {
  let answer: string[] = [];
  if (e.abuf !== undefined) {
    try {
      answer = decodeMessage(Buffer.from(e.abuf, 'base64')).answers.map(recordText);
    } catch {
      answer = [];
    }
  } else if (e.bytes) {
    answer = [`(abuf, ${e.bytes.length} octets: ${e.bytes.subarray(0, 48).toString('hex')}${e.bytes.length > 48 ? '…' : ''})`];
  }
  return {
    resolver: e.resolver, probe: e.probe, timestamp: e.timestamp, verdict: e.verdict, behaviour: e.behaviour, note: e.note,
    findings: e.findings.filter((f) => f.severity === 'violation').map((f) => `${f.rule} [${f.records.join(',')}]: ${f.message}`), answer,
  };
}

function foldCell(cell: Cell, needs?: 'refetch' | 'cached', shortTtl = SHORT_TTL): { verdict: Verdict; behaviour?: string; evidence?: TtlSource } {
  const has = (v: Verdict) => cell.counts[RANK[v]] > 0;
  const behaviourOf = (v: Verdict) => cell.behaviours[RANK[v]];
  if (has('violation')) return { verdict: 'violation', behaviour: behaviourOf('violation') };
  if (needs && has('pass') && cell.ttl) {
    const source = tallySource(cell.ttl, shortTtl, needs);
    if (source === 're-fetched' || source === 'from cache') return { verdict: 'pass', behaviour: behaviourOf('pass'), evidence: source };
    return { verdict: 'inconclusive', behaviour: source, evidence: source };
  }
  for (const v of FOLD) if (has(v)) return { verdict: v, behaviour: behaviourOf(v) };
  return { verdict: 'error' };
}

