// A finding: one rule the answer section breaks (violation of a MUST in the
// drafts/RFCs) or bends (warning: unspecified or SHOULD-level behaviour).

import { specReference, type SpecReference } from '../spec/references.js';

export type Severity = 'violation' | 'warning';

export interface RuleDefinition {
  id: string;
  severity: Severity;
  summary: string;
  spec: string;
}

/** Every rule the analyzer applies; ids are stable (reports and expectation files use them). */
export const RULES = {
  'chain-start': { id: 'chain-start', severity: 'violation', summary: 'the answer must start with the RRset owned by the QNAME (the first CNAME of the chain, or the answer itself)', spec: 'draft-cname-order' },
  'chain-order': { id: 'chain-order', severity: 'violation', summary: 'each RRset after a CNAME must be owned by that CNAME\'s target', spec: 'draft-ordered' },
  'terminal-after-chain': { id: 'terminal-after-chain', severity: 'violation', summary: 'the terminal RRset must follow the last CNAME of the chain', spec: 'draft-cname-order' },
  'rrset-contiguous': { id: 'rrset-contiguous', severity: 'violation', summary: 'the records of one RRset must be adjacent', spec: 'draft-ordered' },
  'unrelated-inside-chain': { id: 'unrelated-inside-chain', severity: 'violation', summary: 'a record unrelated to the chain sits after a CNAME, where the CNAME\'s target must follow', spec: 'draft-ordered' },
  'dname-before-cname': { id: 'dname-before-cname', severity: 'violation', summary: 'a DNAME must precede the CNAME synthesized from it', spec: 'rfc6672' },
  'cname-loop': { id: 'cname-loop', severity: 'violation', summary: 'the CNAME chain loops', spec: 'rfc1034-3.6.2' },
  'multiple-cname': { id: 'multiple-cname', severity: 'violation', summary: 'an owner has CNAMEs to different targets', spec: 'rfc2181-10.1' },
  'malformed': { id: 'malformed', severity: 'violation', summary: 'the message cannot be decoded', spec: 'rfc1035-4.1.3' },
  'rrsig-adjacent': { id: 'rrsig-adjacent', severity: 'warning', summary: 'an RRSIG is not placed right after the RRset it covers', spec: 'rfc4035-3.1.1' },
  'dangling-chain': { id: 'dangling-chain', severity: 'warning', summary: 'the chain ends at a name with no record of the query type', spec: 'rfc1034-4.3.1' },
  'unrelated-record': { id: 'unrelated-record', severity: 'warning', summary: 'a record is neither part of the chain nor its terminal RRset nor a signature over them', spec: 'rfc1034-4.3.1' },
  'duplicate-record': { id: 'duplicate-record', severity: 'warning', summary: 'the same record appears more than once', spec: 'rfc2181-5' },
} as const satisfies Record<string, RuleDefinition>;

export type RuleId = keyof typeof RULES;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Positions in the answer section (from 0) of the records involved. */
  records: number[];
  message: string;
  spec: SpecReference;
}

export function finding(rule: RuleId, records: number[], message: string): Finding {
  const def = RULES[rule];
  return { rule, severity: def.severity, records, message, spec: specReference(def.spec) };
}

/** What a finding's line shows: a Finding, or one as a document carries it (the spec by its reference). */
export type FindingLine = Pick<Finding, 'rule' | 'severity' | 'records' | 'message'> & { spec: Pick<SpecReference, 'ref'> };

/** One line for a finding, as `check` and the test matchers print it: "violation chain-start [0,2]: ... (ref)". */
export function formatFinding(f: FindingLine): string {
  return `${f.severity} ${f.rule}${f.records.length ? ` [${f.records.join(',')}]` : ''}: ${f.message} (${f.spec.ref})`;
}

export function hasViolation(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'violation');
}
