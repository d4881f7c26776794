// The one result document of `dnsorder probe` (schema dnsorder.probe/v1,
// DESIGN.md "Result schema"). Every format is rendered from it.

import type { Finding } from '../order/finding.js';
import type { HostFacts } from '../run-header.js';
import type { AnswerEvidence, AnswerSource } from './expiry-evidence.js';

export const PROBE_SCHEMA = 'dnsorder.probe/v1';

/**
 * pass — every answer in order (or, where the test allows it, a clean SERVFAIL / partial chain);
 * violation — an answer broke a MUST (findings say which); error — SERVFAIL, timeout, another rcode;
 * inconclusive — the answers prove nothing either way (records dropped, cache not exercised), with the reason.
 */
export type Verdict = 'pass' | 'violation' | 'error' | 'inconclusive';
export const VERDICTS: readonly Verdict[] = ['pass', 'violation', 'error', 'inconclusive'];

/** One question the probe put to the resolver within a test. */
export interface ProbeAsk {
  name: string;
  qtype: string;
  /** Why it was asked: the test's question, or a warm-up of the cache. */
  purpose: 'check' | 'warm-up';
  rcode: string | null;
  transport: 'udp' | 'tcp' | null;
  truncatedOverUdp: boolean;
  elapsedMs: number;
  /** When the question was sent and the answer arrived, ms since the test started (active mode). */
  sentMs?: number;
  receivedMs?: number;
  /** The answer section as received, one presentation line per record. */
  answer: string[];
  /** Questions the authority had received for this test's names when the answer arrived. */
  authorityQueries: number;
  verdict: Verdict;
  note: string;
}

export interface ProbeResult {
  test: string;
  group: string;
  title: string;
  verdict: Verdict;
  /** The analyzer's findings on the worst answer (empty on a pass). */
  findings: Finding[];
  detail: string;
  /** What the resolver did, in a few words: "reordered", "passed through", "servfail at limit", ... */
  behaviour?: string;
  asks: ProbeAsk[];
  /** Every question the authority received for this test's names, ms since the test started (active mode). */
  authorityQuestions?: Array<{ name: string; qtype: string; transport: 'udp' | 'tcp'; atMs: number }>;
  /**
   * A security finding (the injection group's violations): what the resolver served that the authority never
   * gave for that name. Reports list these apart, as the matrix lists wrong-address.
   */
  security?: string;
  /** Partial-expiry tests: whether an answer after the wait was built from a re-fetch, and where each came from (expiry-evidence.ts). */
  evidence?: { exercised: boolean; reason: AnswerSource; answers: AnswerEvidence[] };
  durationMs: number;
}

export interface ProbeDocument {
  schema: typeof PROBE_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  generatedAt: string;
  durationMs: number;
  host: HostFacts;
  inputs: {
    mode: 'active' | 'passive';
    /**
     * `version` is its version.bind (or version.server) answer; `label` the name the report uses, and
     * `labelSource` where that came from: `option` (the caller said: --label), `version.bind` /
     * `version.server` (a guess: whatever answers at the address says it, a packet cache in front
     * included), `none` (no answer to either: only the address names it).
     */
    resolver: { address: string; port: number; version: string | null; label?: string; labelSource?: LabelSource };
    authority: { address: string; port: number } | null;
    zone: string | null;
    runId: string;
    tests: string[];
    names?: string[];
  };
  summary: Record<Verdict, number>;
  /** Groups run, and those where no test reached a verdict on order (every one inconclusive or error): `--require` turns those into exit 1. */
  coverage?: Coverage;
  results: ProbeResult[];
}

export type LabelSource = 'option' | 'version.bind' | 'version.server' | 'none';

export interface Coverage {
  groups: string[];
  notExercised: string[];
}

/** The resolver as the document names it: the caller's label, else what it says it is (a guess), else nothing. */
export function resolverFacts(
  endpoint: { address: string; port: number }, identity: { text: string; from: 'version.bind' | 'version.server' } | undefined, label?: string,
): ProbeDocument['inputs']['resolver'] {
  const version = identity?.text ?? null;
  if (label) return { address: endpoint.address, port: endpoint.port, version, label, labelSource: 'option' };
  if (identity) return { address: endpoint.address, port: endpoint.port, version, label: identity.text, labelSource: identity.from };
  return { address: endpoint.address, port: endpoint.port, version, labelSource: 'none' };
}

/** Where the report's name for the resolver came from, in words; points to --label when it is a guess. */
export function labelProvenance(resolver: ProbeDocument['inputs']['resolver']): string {
  switch (resolver.labelSource) {
    case 'option': return 'named by --label';
    case 'version.bind':
    case 'version.server':
      return `name from its ${resolver.labelSource} answer, a guess: whatever answers at this address says it (a packet cache or load balancer in front passes the question on); name it with --label`;
    case 'none': return `unnamed: no version.bind or version.server answer (Knot Resolver, for one, answers neither); name it with --label`;
    default: return resolver.label ? 'named by the caller' : '';
  }
}

/** A group is exercised when one of its tests reached a verdict on order: pass or violation. */
export function coverage(results: readonly ProbeResult[]): Coverage {
  const groups = [...new Set(results.map((r) => r.group))];
  const notExercised = groups.filter((g) => !results.some((r) => r.group === g && (r.verdict === 'pass' || r.verdict === 'violation')));
  return { groups, notExercised };
}

/** The groups in `required` that ran and were not exercised (a required group that did not run is the caller's to refuse). */
export function unexercised(doc: Pick<ProbeDocument, 'results'>, required: readonly string[]): string[] {
  const { notExercised } = coverage(doc.results);
  return required.filter((g) => notExercised.includes(g));
}

export function summarise(results: readonly ProbeResult[]): Record<Verdict, number> {
  const summary: Record<Verdict, number> = { pass: 0, violation: 0, error: 0, inconclusive: 0 };
  for (const r of results) summary[r.verdict]++;
  return summary;
}

/** The results that are security findings (a record from outside the chain served from the cache), in document order. */
export function securityFindings(doc: Pick<ProbeDocument, 'results'>): ProbeResult[] {
  return doc.results.filter((r) => r.verdict === 'violation' && r.security !== undefined);
}

/** True when some answer broke a MUST: the CLI's exit 1. */
export function hasViolations(doc: Pick<ProbeDocument, 'results'>): boolean {
  return doc.results.some((r) => r.verdict === 'violation');
}

