// What `dnsorder watch` prints every interval: the collector's counters as a
// screenful of text, or as one JSON line; and the JSON line it logs for each
// violating response (--log-json), which carries the message in hex so that
// `dnsorder check - --hex` can judge it again.

import { isDnsorderError } from '../errors.js';
import { printable } from '../text/safe-text.js';
import { decodeMessage } from '../wire/decode.js';
import { recordText } from '../rdata/record-text.js';
import type { CollectorStats, RecentViolation, SourceStats, ViolationEvent } from './collector.js';

const number = (n: number) => n.toLocaleString('en-US');

function duration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function counts(table: Record<string, number>, limit = 8): string {
  const entries = Object.entries(table).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return 'none';
  const shown = entries.slice(0, limit).map(([k, v]) => `${printable(k)} ${number(v)}`);
  if (entries.length > limit) shown.push(`… ${entries.length - limit} more`);
  return shown.join(', ');
}

export function sourceName(s: Pick<SourceStats, 'identity' | 'version' | 'id'>): string {
  const who = s.identity ?? '(no identity)';
  return `${who}${s.version ? ` (${s.version})` : ''} ${s.id}`;
}

/** The answer section of a logged response, one record a line. */
export function answerLines(message: Uint8Array): string[] {
  try {
    return decodeMessage(message).answers.map((a) => printable(recordText(a)));
  } catch (err) {
    if (!isDnsorderError(err)) throw err;
    return [`(not a DNS message: ${err.message})`];
  }
}

export interface SummaryContext {
  /** Responses judged at the previous summary, and when: for the rate. */
  previous?: { responses: number; uptimeSeconds: number };
  listening: string[];
}

/** The text summary: one screenful. */
export function renderSummaryText(stats: CollectorStats, context: SummaryContext): string {
  const rate = context.previous && stats.uptimeSeconds > context.previous.uptimeSeconds
    ? ` (${number(Math.round((stats.responses - context.previous.responses) / (stats.uptimeSeconds - context.previous.uptimeSeconds)))}/s)`
    : '';
  const lines = [
    `dnsorder watch — ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, up ${duration(stats.uptimeSeconds)}, listening on ${context.listening.join(', ')}`,
    `  responses ${number(stats.responses)}${rate}, queries ${number(stats.queries)}, violating ${number(stats.violating)}` +
      `, malformed ${number(stats.malformed)}, invalid frames ${number(stats.invalidFrames)}, dropped ${number(stats.dropped)}`,
    `  violations by rule:  ${counts(stats.byRule)}`,
    `  by message type:     ${Object.entries(stats.byType).filter(([t]) => t.endsWith('_RESPONSE'))
      .map(([t, c]) => `${t} ${number(c!.violating)} of ${number(c!.messages)}`).join(', ') || 'none'}`,
    `  by zone:             ${counts(stats.byZone)}`,
  ];
  if (Object.keys(stats.warningsByRule).length > 0) lines.push(`  warnings by rule:    ${counts(stats.warningsByRule)}`);
  const shown = stats.sources.filter((s) => s.open || s.frames > 0).slice(-8);
  lines.push(`  sources (${stats.connections.open} connected, ${stats.connections.total} in all${stats.connections.refused ? `, ${stats.connections.refused} refused` : ''}):`);
  if (shown.length === 0) lines.push('    none yet');
  for (const s of shown) {
    const state = s.open ? 'open' : `closed${s.error ? ` (${s.error.code})` : ''}`;
    lines.push(`    ${sourceName(s)}, ${state}: ${number(s.responses)} responses, ${number(s.violating)} violating, ${number(s.queries)} queries` +
      `${s.invalidFrames ? `, ${number(s.invalidFrames)} invalid` : ''}${s.dropped ? `, ${number(s.dropped)} dropped` : ''}`);
  }
  if (stats.recent.length > 0) {
    lines.push(`  last ${stats.recent.length === 1 ? 'offending answer' : `${stats.recent.length} offending answers`}:`);
    for (const r of stats.recent) lines.push(...recentLines(r));
  }
  return lines.join('\n') + '\n';
}

function recentLines(r: RecentViolation): string[] {
  const q = r.question ? `${printable(r.question.name)} ${r.question.type}` : '(no question)';
  return [
    `    ${r.time} ${r.type} from ${printable(r.identity ?? r.source)}: ${q} — ${r.rules.join(', ')}`,
    ...answerLines(r.message).map((l) => `      ${l}`),
  ];
}

/** The JSON summary line (--format json). */
export function summaryJson(stats: CollectorStats, event: 'summary' | 'final'): string {
  const { recent, ...rest } = stats;
  return JSON.stringify({
    event, ...rest,
    recent: recent.map((r) => ({ ...r, message: Buffer.from(r.message).toString('hex'), answer: answerLines(r.message) })),
  }) + '\n';
}

/** One --log-json line: a violating response, replayable with `dnsorder check - --hex`. */
export function violationJson(v: ViolationEvent): string {
  return JSON.stringify({
    event: 'violation', time: v.time, source: v.source, identity: v.identity ?? null, version: v.version ?? null,
    type: v.type, protocol: v.record.protocol ?? null,
    queryAddress: v.record.queryAddress ?? null, queryPort: v.record.queryPort ?? null,
    responseAddress: v.record.responseAddress ?? null, responsePort: v.record.responsePort ?? null,
    zone: v.zone, question: v.question ?? null, rules: v.rules,
    findings: v.verdict.findings.map((f) => ({ rule: f.rule, severity: f.severity, records: f.records, message: f.message })),
    message: Buffer.from(v.message).toString('hex'),
  }) + '\n';
}
