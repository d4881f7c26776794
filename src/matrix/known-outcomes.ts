// `--expectations FILE`: the known outcome of each client × scenario cell, each
// with its reason, so that a known library bug is exit 0 until it changes (in
// the manner of WPT status files: a listed failure that now passes surfaces,
// as an "unexpected pass", just like a new failure).
//
// The file (dnsorder.expectations/v1):
//
//   { "schema": "dnsorder.expectations/v1",
//     "description": "…",                                   (optional)
//     "clients": {
//       "CLIENTS": {                                        ids or globs, comma-separated
//         "SCENARIOS": {                                    ids or globs, comma-separated
//           "outcome": "no-address" | ["ok", "wrong-canonical"],
//           "reason": "why (from the library's source)",
//           "link": "https://…"                            (optional)
//         } } } }
//
// A glob's `*` matches any run of characters (`glibc-*`, `*@trixie`). A cell
// no entry matches is expected `ok`: the file is the whole list of known
// differences, so a client that starts failing anywhere else is a new failure.
// When several entries match a cell, the most specific wins: the client
// pattern decides first, then the scenario pattern; an exact id beats a glob, a
// glob with more literal characters beats one with fewer (`unrelated-*` beats
// `*`), and of equals the first in the file. The same exact cell listed twice
// is an error. `skipped` cells (the client could not run here) are not judged:
// where a client is available is the machine's business, not the library's;
// they are counted in the summary.
import { DnsorderError, UsageError, type ErrorCode, type SourcePosition } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';
import { jsonSyntaxError } from '../clients/custom-client.js';
import { listScenarios } from '../scenarios/index.js';
import { MATRIX_SCHEMA, type MatrixDocument } from './document.js';
import { OUTCOMES, type Outcome } from './outcome.js';

export const EXPECTATIONS_SCHEMA = 'dnsorder.expectations/v1';
/** An expectations file is hand-written JSON: a few hundred entries at most. */
export const EXPECTATIONS_FILE_LIMIT = 4 * 1024 * 1024;
const CODE = 'ERR_EXPECTATIONS';

/** One entry of the file, with the patterns its key holds. */
export interface KnownOutcome {
  /** The client key and scenario key as written (for messages). */
  clients: string;
  scenarios: string;
  /** The outcomes allowed (more than one for a racy cell). */
  outcomes: Outcome[];
  reason: string;
  link?: string;
}

export interface KnownOutcomes {
  file: string;
  description?: string;
  entries: KnownOutcome[];
  /** Parsed patterns, in file order (internal to the judge). */
  rules: Rule[];
}

interface Pattern {
  text: string;
  exact: boolean;
  regex: RegExp;
  literal: number;
}

interface Rule {
  entry: KnownOutcome;
  clients: Pattern[];
  scenarios: Pattern[];
}

/** What a cell was expected to be: the matching entry, or none (expected `ok`). */
export interface CellExpectation {
  outcomes: Outcome[];
  entry?: KnownOutcome;
}

export type DifferenceKind = 'new-failure' | 'unexpected-pass' | 'changed';

export interface CellDifference {
  kind: DifferenceKind;
  scenario: string;
  client: string;
  expected: Outcome[];
  /** The entry that set the expectation (none: an unlisted cell, expected ok). */
  entry?: KnownOutcome;
  got: Outcome;
  detail: string;
}

export interface Judgement {
  differences: CellDifference[];
  /** Cells judged (not skipped). */
  judged: number;
  /** Judged cells that matched a listed non-ok expectation. */
  known: number;
  /** Cells not run (client unavailable): not judged. */
  skipped: number;
}

function positionAt(file: string, text: string, offset: number): SourcePosition {
  const lines = text.slice(0, Math.max(0, Math.min(offset, text.length))).split('\n');
  return { file, line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function parsePattern(text: string, where: string, bad: (where: string, what: string) => UsageError, kind: 'client' | 'scenario'): Pattern {
  const allowed = kind === 'client' ? /^[A-Za-z0-9._@*-]+$/ : /^[A-Za-z0-9._*-]+$/;
  if (!allowed.test(text)) {
    throw bad(where, `"${text}" is not a ${kind} id or glob (${kind === 'client' ? 'letters, digits, ".", "_", "-", "@ROOT"' : 'letters, digits, "-"'} and "*")`);
  }
  const regex = new RegExp(`^${text.split('*').map((p) => p.replace(/[.]/g, '\\.')).join('.*')}$`);
  return { text, exact: !text.includes('*'), regex, literal: text.replace(/\*/g, '').length };
}

function splitKey(key: string): string[] {
  return key.split(',').map((p) => p.trim());
}

/** Parses and checks an expectations document; `file` names it in errors. */
export function parseKnownOutcomes(text: string, file = '<expectations>'): KnownOutcomes {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = jsonSyntaxError(text);
    throw new UsageError(CODE, `not JSON: ${at.message}`, { position: positionAt(file, text, at.offset) });
  }
  const bad = (where: string, what: string) => new UsageError(CODE, `${file}: ${where}: ${what}`);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw bad('top level', `want an object { "schema": "${EXPECTATIONS_SCHEMA}", "clients": { … } }`);
  if (value.schema === MATRIX_SCHEMA) throw bad('schema', `this is a matrix report (${MATRIX_SCHEMA}): compare with it by --expect, not --expectations`);
  if (value.schema !== EXPECTATIONS_SCHEMA) throw bad('schema', `want "${EXPECTATIONS_SCHEMA}", not ${JSON.stringify(value.schema) ?? 'nothing'}`);
  for (const key of Object.keys(value)) {
    if (!['schema', 'description', 'clients'].includes(key)) throw bad(key, 'unknown key (known: schema, description, clients)');
  }
  if (value.description !== undefined && typeof value.description !== 'string') throw bad('description', 'want a string');
  if (!isObject(value.clients)) throw bad('clients', 'want an object: client ids or globs → { scenario ids or globs → { outcome, reason, link? } }');
  const catalogue = listScenarios().map((s) => s.id);
  const known = new Set(catalogue);
  const outcomes = OUTCOMES.filter((o) => o !== 'skipped');
  const entries: KnownOutcome[] = [];
  const rules: Rule[] = [];
  const exactCells = new Map<string, string>();
  for (const [clientKey, block] of Object.entries(value.clients)) {
    const cw = `clients[${JSON.stringify(clientKey)}]`;
    const clients = splitKey(clientKey).map((p) => parsePattern(p, cw, bad, 'client'));
    if (!isObject(block)) throw bad(cw, 'want an object: scenario ids or globs → { outcome, reason, link? }');
    for (const [scenarioKey, cell] of Object.entries(block)) {
      const where = `${cw}[${JSON.stringify(scenarioKey)}]`;
      const scenarios = splitKey(scenarioKey).map((p) => parsePattern(p, where, bad, 'scenario'));
      for (const s of scenarios) {
        if (s.exact && !known.has(s.text)) throw bad(where, `no scenario "${s.text}" (dnsorder scenarios lists them)`);
        if (!s.exact && !catalogue.some((id) => s.regex.test(id))) throw bad(where, `"${s.text}" matches no scenario`);
      }
      if (!isObject(cell)) throw bad(where, 'want an object { "outcome", "reason", "link"? }');
      for (const key of Object.keys(cell)) if (!['outcome', 'reason', 'link'].includes(key)) throw bad(`${where}.${key}`, 'unknown key (known: outcome, reason, link)');
      const list = Array.isArray(cell.outcome) ? cell.outcome : [cell.outcome];
      if (list.length === 0) throw bad(`${where}.outcome`, 'want an outcome or a non-empty list of them');
      for (const o of list) {
        if (o === 'skipped') throw bad(`${where}.outcome`, '"skipped" is not a library\'s outcome (a client that cannot run here is not judged)');
        if (typeof o !== 'string' || !(outcomes as readonly string[]).includes(o)) throw bad(`${where}.outcome`, `${JSON.stringify(o)} is not an outcome (${outcomes.join(', ')})`);
      }
      if (new Set(list).size !== list.length) throw bad(`${where}.outcome`, 'an outcome is listed twice');
      if (list.length === 1 && list[0] === 'ok') throw bad(`${where}.outcome`, '"ok" alone is what an unlisted cell is expected to be: leave the cell out');
      if (typeof cell.reason !== 'string' || cell.reason.trim() === '') throw bad(`${where}.reason`, 'want a non-empty string: why the library behaves so');
      if (cell.link !== undefined && (typeof cell.link !== 'string' || cell.link.trim() === '')) throw bad(`${where}.link`, 'want a non-empty string (where it is tracked)');
      for (const c of clients.filter((p) => p.exact)) {
        for (const s of scenarios.filter((p) => p.exact)) {
          const cellKey = `${c.text}\u0000${s.text}`;
          const before = exactCells.get(cellKey);
          if (before) throw bad(where, `${s.text} × ${c.text} is listed twice (also at ${before})`);
          exactCells.set(cellKey, where);
        }
      }
      const entry: KnownOutcome = {
        clients: clientKey, scenarios: scenarioKey, outcomes: list as Outcome[], reason: cell.reason,
        ...(cell.link !== undefined ? { link: cell.link as string } : {}),
      };
      entries.push(entry);
      rules.push({ entry, clients, scenarios });
    }
  }
  return { file, ...(value.description !== undefined ? { description: value.description as string } : {}), entries, rules };
}

/** Reads and checks an expectations file (exit 2 material: a UsageError with code ERR_EXPECTATIONS, or ERR_INPUT_TOO_LARGE). */
export function loadKnownOutcomes(file: string): KnownOutcomes {
  let text: string;
  try {
    text = readTextBounded(file, Math.min(EXPECTATIONS_FILE_LIMIT, INPUT_LIMITS.list));
  } catch (err) {
    if (err instanceof DnsorderError) throw new UsageError(err.code as ErrorCode, `expectations file ${err.message}`, { cause: err });
    throw new UsageError(CODE, `cannot read expectations file ${file}: ${fsReason(err)}`, { cause: err });
  }
  return parseKnownOutcomes(text, file);
}

/** The best match of a pattern list for an id: [exact, literal], or undefined. */
function bestMatch(patterns: readonly Pattern[], id: string): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const p of patterns) {
    if (!p.regex.test(id)) continue;
    const score: [number, number] = [p.exact ? 1 : 0, p.literal];
    if (!best || score[0] > best[0] || (score[0] === best[0] && score[1] > best[1])) best = score;
  }
  return best;
}

/** The expectation of one cell: the most specific matching entry, or `ok`. */
export function expectationFor(known: KnownOutcomes, client: string, scenario: string): CellExpectation {
  let winner: { rule: Rule; score: number[] } | undefined;
  for (const rule of known.rules) {
    const c = bestMatch(rule.clients, client);
    if (!c) continue;
    const s = bestMatch(rule.scenarios, scenario);
    if (!s) continue;
    const score = [...c, ...s];
    // Strictly more specific only: of equals, the first in the file stays.
    const i = winner ? score.findIndex((v, k) => v !== winner!.score[k]) : -1;
    const better = !winner || (i >= 0 && score[i]! > winner.score[i]!);
    if (better) winner = { rule, score };
  }
  return winner ? { outcomes: winner.rule.entry.outcomes, entry: winner.rule.entry } : { outcomes: ['ok'] };
}

/** Every cell of a run against the file. */
export function judgeMatrix(known: KnownOutcomes, doc: Pick<MatrixDocument, 'results'>): Judgement {
  const differences: CellDifference[] = [];
  let judged = 0;
  let knownCells = 0;
  let skipped = 0;
  for (const r of doc.results) {
    if (r.outcome === 'skipped') {
      skipped++;
      continue;
    }
    judged++;
    const expected = expectationFor(known, r.client, r.scenario);
    if (expected.outcomes.includes(r.outcome)) {
      if (r.outcome !== 'ok') knownCells++;
      continue;
    }
    const kind: DifferenceKind = r.outcome === 'ok' ? 'unexpected-pass' : expected.outcomes.includes('ok') ? 'new-failure' : 'changed';
    differences.push({
      kind, scenario: r.scenario, client: r.client, expected: expected.outcomes, got: r.outcome, detail: r.detail,
      ...(expected.entry ? { entry: expected.entry } : {}),
    });
  }
  return { differences, judged, known: knownCells, skipped };
}

const LABEL: Record<DifferenceKind, string> = { 'new-failure': 'new failure', 'unexpected-pass': 'unexpected pass', changed: 'changed' };

/** The differences, one line each, and a summary line (for stderr). */
export function describeJudgement(j: Judgement, known?: Pick<KnownOutcomes, 'file'>): string {
  const lines = j.differences.map((d) => {
    const why = d.entry ? ` (${d.entry.reason}${d.entry.link ? `; ${d.entry.link}` : ''})` : ' (not listed)';
    const hint = d.kind === 'unexpected-pass' ? ' — fixed? remove or narrow the entry' : '';
    return `${LABEL[d.kind]}: ${d.scenario} × ${d.client}: expected ${d.expected.join(' or ')}${why}, got ${d.got}${d.got === 'ok' ? '' : ` (${d.detail})`}${hint}`;
  });
  const count = (k: DifferenceKind) => j.differences.filter((d) => d.kind === k).length;
  const from = known ? ` of ${known.file}` : '';
  lines.push(`expectations${from}: ${j.judged} cell(s) judged, ${j.judged - j.differences.length} as expected (${j.known} known difference(s)); `
    + `${count('new-failure')} new failure(s), ${count('unexpected-pass')} unexpected pass(es), ${count('changed')} changed`
    + `${j.skipped ? `; ${j.skipped} skipped cell(s) not judged` : ''}`);
  return lines.join('\n') + '\n';
}
