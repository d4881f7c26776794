// The order analyzer: answer section in, findings out. It first reads the
// chain the way RFC 1034 §5.2.2 does (as a set, ignoring order), gives every
// record a role in that chain, and then checks the order of the roles against
// the drafts' rules. Pure and total: any decoded message gives findings.

import { decodeMessage, type DecodedMessage } from '../wire/decode.js';
import type { DnsRecord, Question } from '../wire/message.js';
import { isDnsorderError } from '../errors.js';
import { resolveChain, safeKey, type ChainResolution } from './chain.js';
import { finding, type Finding } from './finding.js';

type Role =
  | { kind: 'cname'; unit: number }
  | { kind: 'terminal'; unit: number }
  | { kind: 'dname'; unit: number }
  | { kind: 'rrsig' }
  | { kind: 'unrelated' };

export interface AnswerAnalysis {
  question: Question;
  chain: ChainResolution;
  findings: Finding[];
  /** No violation (warnings allowed). */
  conformant: boolean;
}

export function analyzeAnswer(records: readonly DnsRecord[], question: Question): AnswerAnalysis {
  const chain = resolveChain(records, question.name, question.type);
  const roles = assignRoles(records, chain, question);
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);

  if (chain.loop) {
    add(finding('cname-loop', chain.cnameIndexes, `the CNAME chain from ${question.name} returns to ${chain.canonical ? recordTarget(records[chain.cnameIndexes.at(-1)!]!) : ''}`));
  }
  checkMultipleCnames(records, add);
  checkDuplicates(records, add);
  checkContiguity(records, add);
  checkOrder(records, roles, chain, question, add);
  checkSignatures(records, add);
  if (chain.dangling && chain.cnameIndexes.length > 0 && question.type.toUpperCase() !== 'CNAME') {
    add(finding('dangling-chain', [chain.cnameIndexes.at(-1)!], `the chain ends at ${chain.canonical}, which has no ${question.type} record in the answer`));
  }
  roles.forEach((role, i) => {
    if (role.kind === 'unrelated') {
      const r = records[i]!;
      add(finding('unrelated-record', [i], `${r.name} ${r.type} is not part of the chain from ${question.name}`));
    }
  });
  findings.sort((a, b) => (a.records[0] ?? 0) - (b.records[0] ?? 0) || severityRank(a) - severityRank(b));
  return { question, chain, findings, conformant: !findings.some((f) => f.severity === 'violation') };
}

function severityRank(f: Finding): number {
  return f.severity === 'violation' ? 0 : 1;
}

function recordTarget(r: DnsRecord): string {
  return String(r.data);
}

function assignRoles(records: readonly DnsRecord[], chain: ChainResolution, question: Question): Role[] {
  const hops = chain.cnameIndexes.length;
  const ownerUnit = new Map<string, number>();
  chain.cnameIndexes.forEach((recordIndex, unit) => ownerUnit.set(safeKey(records[recordIndex]!.name), unit));
  const chainTargets = chain.cnameIndexes.map((i) => safeKey(recordTarget(records[i]!)));
  const terminal = new Set(chain.terminalIndexes);
  const terminalKey = safeKey(chain.canonical);
  return records.map((r, i): Role => {
    const type = r.type.toUpperCase();
    if (terminal.has(i)) return { kind: 'terminal', unit: hops };
    if (type === 'CNAME') {
      const unit = ownerUnit.get(safeKey(r.name));
      if (unit !== undefined && safeKey(recordTarget(r)) === chainTargets[unit]) return { kind: 'cname', unit };
      return { kind: 'unrelated' };
    }
    if (type === 'RRSIG') {
      const covered = String((r.data as { typeCovered?: unknown })?.typeCovered ?? '').toUpperCase();
      const owner = safeKey(r.name);
      if (covered === 'CNAME' && ownerUnit.has(owner)) return { kind: 'rrsig' };
      if (covered === question.type.toUpperCase() && owner === terminalKey && !chain.loop) return { kind: 'rrsig' };
      if (covered === 'DNAME' && dnameUnit(records, r.name, chain) !== undefined) return { kind: 'rrsig' };
      return { kind: 'unrelated' };
    }
    if (type === 'DNAME') {
      const unit = dnameUnit(records, r.name, chain, recordTarget(r));
      if (unit !== undefined) return { kind: 'dname', unit };
    }
    return { kind: 'unrelated' };
  });
}

/** The chain hop whose CNAME a DNAME at `owner` (→ `target`) synthesizes, if any. */
function dnameUnit(records: readonly DnsRecord[], owner: string, chain: ChainResolution, target?: string): number | undefined {
  const ownerKey = safeKey(owner);
  for (let unit = 0; unit < chain.cnameIndexes.length; unit++) {
    const from = safeKey(chain.names[unit]!);
    const to = safeKey(recordTarget(records[chain.cnameIndexes[unit]!]!));
    if (!from.endsWith(`.${ownerKey}`)) continue;
    const prefix = from.slice(0, from.length - ownerKey.length - 1);
    if (target === undefined || to === `${prefix}.${safeKey(target)}`) return unit;
  }
  return undefined;
}

function recordIdentity(r: DnsRecord): string {
  const data = r.data instanceof Uint8Array ? Buffer.from(r.data).toString('hex') : JSON.stringify(r.data, (_k, v) =>
    v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data) ? Buffer.from(v.data).toString('hex') : typeof v === 'string' ? v.toLowerCase() : v);
  return `${safeKey(r.name)}|${r.type.toUpperCase()}|${(r.class ?? 'IN').toUpperCase()}|${data}`;
}

function rrsetKey(r: DnsRecord): string {
  return `${safeKey(r.name)}|${r.type.toUpperCase()}|${(r.class ?? 'IN').toUpperCase()}`;
}

function checkMultipleCnames(records: readonly DnsRecord[], add: (f: Finding) => void): void {
  const targets = new Map<string, { target: string; index: number }>();
  records.forEach((r, i) => {
    if (r.type.toUpperCase() !== 'CNAME') return;
    const owner = safeKey(r.name);
    const seen = targets.get(owner);
    if (!seen) targets.set(owner, { target: safeKey(recordTarget(r)), index: i });
    else if (seen.target !== safeKey(recordTarget(r))) {
      add(finding('multiple-cname', [seen.index, i], `${r.name} has CNAMEs to ${seen.target} and to ${recordTarget(r)}`));
    }
  });
}

function checkDuplicates(records: readonly DnsRecord[], add: (f: Finding) => void): void {
  const first = new Map<string, number>();
  records.forEach((r, i) => {
    const id = recordIdentity(r);
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else add(finding('duplicate-record', [seen, i], `${r.name} ${r.type} at ${i} repeats the record at ${seen}`));
  });
}

function checkContiguity(records: readonly DnsRecord[], add: (f: Finding) => void): void {
  const positions = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r.type.toUpperCase() === 'RRSIG') return;
    const key = rrsetKey(r);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  for (const list of positions.values()) {
    if (list.length > 1 && list.at(-1)! - list[0]! + 1 !== list.length) {
      const r = records[list[0]!]!;
      add(finding('rrset-contiguous', list, `the ${r.name} ${r.type} RRset is split over positions ${list.join(', ')}`));
    }
  }
}

function checkOrder(records: readonly DnsRecord[], roles: Role[], chain: ChainResolution, question: Question, add: (f: Finding) => void): void {
  const hops = chain.cnameIndexes.length;
  const firstOf = (kind: Role['kind'], unit: number) => roles.findIndex((r) => r.kind === kind && 'unit' in r && r.unit === unit);

  // The first record that is not a signature must start the chain.
  const first = roles.findIndex((r) => r.kind !== 'rrsig');
  if (first >= 0) {
    const role = roles[first]!;
    const starts = (role.kind === 'cname' && role.unit === 0) || (role.kind === 'dname' && role.unit === 0) || (role.kind === 'terminal' && hops === 0);
    if (!starts) {
      const r = records[first]!;
      add(finding('chain-start', [first], `the answer starts with ${r.name} ${r.type}, not with the RRset owned by ${question.name}`));
    }
  }
  // Each CNAME after the CNAME whose target owns it; the terminal RRset after the last CNAME.
  for (let unit = 1; unit < hops; unit++) {
    const here = firstOf('cname', unit);
    const before = firstOf('cname', unit - 1);
    if (here >= 0 && before >= 0 && here < before) {
      add(finding('chain-order', [here, before], `the CNAME owned by ${records[here]!.name} (hop ${unit}) comes before the CNAME whose target it is (hop ${unit - 1})`));
    }
  }
  const terminalFirst = chain.terminalIndexes[0];
  if (terminalFirst !== undefined && hops > 0) {
    const lastCname = firstOf('cname', hops - 1);
    if (lastCname > terminalFirst) {
      add(finding('terminal-after-chain', [terminalFirst, lastCname], `the ${question.type} RRset of ${chain.canonical} comes before the CNAME that leads to it`));
    }
  }
  roles.forEach((role, i) => {
    if (role.kind !== 'dname') return;
    const synthesized = firstOf('cname', role.unit);
    if (synthesized >= 0 && synthesized < i) {
      add(finding('dname-before-cname', [i, synthesized], `the DNAME ${records[i]!.name} comes after the CNAME synthesized from it`));
    }
  });
  // After a CNAME, the next RRset must be owned by its target.
  let previous = -1;
  roles.forEach((role, i) => {
    if (role.kind === 'rrsig') return;
    const prev = previous >= 0 ? records[previous]! : undefined;
    previous = i;
    if (!prev || prev.type.toUpperCase() !== 'CNAME' || role.kind !== 'unrelated') return;
    const r = records[i]!;
    if (rrsetKey(r) === rrsetKey(prev) || safeKey(r.name) === safeKey(recordTarget(prev))) return;
    add(finding('unrelated-inside-chain', [i], `${r.name} ${r.type} follows the CNAME to ${recordTarget(prev)}, where that name's RRset must come`));
  });
}

function checkSignatures(records: readonly DnsRecord[], add: (f: Finding) => void): void {
  records.forEach((r, i) => {
    if (r.type.toUpperCase() !== 'RRSIG') return;
    const covered = String((r.data as { typeCovered?: unknown })?.typeCovered ?? '').toUpperCase();
    let j = i - 1;
    while (j >= 0 && records[j]!.type.toUpperCase() === 'RRSIG') j--;
    const before = j >= 0 ? records[j]! : undefined;
    if (!before || safeKey(before.name) !== safeKey(r.name) || before.type.toUpperCase() !== covered) {
      add(finding('rrsig-adjacent', [i], `the RRSIG over ${r.name} ${covered} does not follow that RRset`));
    }
  });
}

export interface MessageAnalysis extends AnswerAnalysis {
  message: DecodedMessage;
}

/** Analyzes a decoded response against its own question. */
export function analyzeMessage(message: DecodedMessage): MessageAnalysis | { message: DecodedMessage; findings: Finding[]; conformant: false; error: string } {
  const question = message.questions[0];
  if (!question) {
    return { message, findings: [finding('malformed', [], 'the response has no question, so its answer cannot be read as a chain')], conformant: false, error: 'no question' };
  }
  return { ...analyzeAnswer(message.answers, question), message };
}

export interface BytesAnalysis {
  message?: DecodedMessage;
  question?: Question;
  findings: Finding[];
  conformant: boolean;
  /** The wire error code when the bytes did not decode. */
  error?: { code: string; message: string };
}

/** Decodes and analyzes; a message that does not decode gives one `malformed` finding with the wire error. */
export function analyzeBytes(bytes: Uint8Array): BytesAnalysis {
  let message: DecodedMessage;
  try {
    message = decodeMessage(bytes);
  } catch (err) {
    if (!isDnsorderError(err)) throw err;
    return { findings: [finding('malformed', [], `${err.message} [${err.code}]`)], conformant: false, error: { code: err.code, message: err.message } };
  }
  const result = analyzeMessage(message);
  return { message, question: 'question' in result ? result.question : undefined, findings: result.findings, conformant: result.conformant };
}
