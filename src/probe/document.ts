// The one result document of `dnsorder probe` (schema dnsorder.probe/v1,
// DESIGN.md "Result schema"). Every format is rendered from it.

import type { Finding } from '../order/finding.js';
import type { HostFacts } from '../report/matrix-document.js';
import type { DnsRecord } from '../wire/message.js';
import { rdataText } from '../wire/present.js';

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
    /** `label` names the resolver when the caller knows it (the lab: "unbound 1.17.1"); `version` is its version.bind answer. */
    resolver: { address: string; port: number; version: string | null; label?: string };
    authority: { address: string; port: number } | null;
    zone: string | null;
    runId: string;
    tests: string[];
    names?: string[];
  };
  summary: Record<Verdict, number>;
  results: ProbeResult[];
}

export function summarise(results: readonly ProbeResult[]): Record<Verdict, number> {
  const summary: Record<Verdict, number> = { pass: 0, violation: 0, error: 0, inconclusive: 0 };
  for (const r of results) summary[r.verdict]++;
  return summary;
}

/** True when some answer broke a MUST: the CLI's exit 1. */
export function hasViolations(doc: Pick<ProbeDocument, 'results'>): boolean {
  return doc.results.some((r) => r.verdict === 'violation');
}

export function recordLine(r: DnsRecord): string {
  return `${r.name}. ${r.ttl ?? 0} ${r.class ?? 'IN'} ${r.type} ${rdataText(r.data)}`;
}
