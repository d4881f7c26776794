// The result document of `dnsorder check` (schema dnsorder.check/v1): every
// response judged, where it came from (a capture frame, a dnstap frame), its
// answer section and its findings; for a dnstap file also what else the file
// held. The check command gathers the responses and builds it here;
// src/report/check-render.ts renders it (JSON is the document itself).

import { TOOL } from '../version.js';
import type { Question } from '../wire/message.js';
import { rdataText } from '../rdata/record-text.js';
import type { BytesAnalysis } from './analyze.js';
import type { RuleId, Severity } from './finding.js';

export const CHECK_SCHEMA = 'dnsorder.check/v1';

/** One response as the check command found it: its analysis, and where it was in the input. */
export interface CheckedResponse extends BytesAnalysis {
  index: number;
  frame?: number;
  from?: string;
  to?: string;
  /** From a dnstap file: where the frame is, and what the resolver logged about the message. */
  dnstap?: DnstapOrigin;
}

export interface DnstapOrigin {
  offset: number;
  type: string;
  identity: string | null;
  version: string | null;
  protocol: string | null;
  /** ISO 8601, as the resolver logged it. */
  time: string | null;
}

/** What a dnstap file held besides the responses. */
export interface DnstapTotals {
  frames: number;
  queries: number;
  responses: number;
  responsesWithoutMessage: number;
  /** Frames that are not dnstap messages (the first of them; `invalidCount` counts all). */
  invalid: Array<{ frame: number; offset: number; code: string; message: string }>;
  invalidCount: number;
  truncatedOctets: number;
  truncatedAt: number | null;
}

export interface CheckResult {
  response: number;
  frame: number | null;
  from: string | null;
  to: string | null;
  id: number | null;
  question: Question | null;
  conformant: boolean;
  /** The answer section in order, RDATA as presentation text; null when the message did not decode. */
  answer: Array<{ name: string; type: string; class: string; ttl: number | undefined; data: string }> | null;
  findings: Array<{ rule: RuleId; severity: Severity; records: number[]; message: string; spec: string }>;
  error: { code: string; message: string } | null;
  dnstap?: DnstapOrigin;
}

export interface CheckDocument {
  schema: typeof CHECK_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  /** The input as given on the command line (a path, or - for stdin). */
  input: string;
  results: CheckResult[];
  dnstap?: DnstapTotals;
}

export function checkDocument(input: string, responses: readonly CheckedResponse[], dnstap?: DnstapTotals): CheckDocument {
  return { schema: CHECK_SCHEMA, tool: TOOL, input, results: responses.map(checkResult), ...(dnstap ? { dnstap } : {}) };
}

function checkResult(r: CheckedResponse): CheckResult {
  return {
    response: r.index, frame: r.frame ?? null, from: r.from ?? null, to: r.to ?? null,
    id: r.message?.id ?? null, question: r.question ?? null, conformant: r.conformant,
    answer: r.message?.answers.map((a) => ({ name: a.name, type: a.type, class: a.class, ttl: a.ttl, data: rdataText(a.type, a.data) })) ?? null,
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, records: f.records, message: f.message, spec: f.spec.ref })),
    error: r.error ?? null,
    ...(r.dnstap ? { dnstap: r.dnstap } : {}),
  };
}

/** Some response breaks a rule, or some dnstap frame is not a dnstap message: check's exit 1. */
export function checkHasFindings(doc: CheckDocument): boolean {
  return doc.results.some((r) => !r.conformant) || (doc.dnstap?.invalidCount ?? 0) > 0;
}
