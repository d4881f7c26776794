// Renderers for the probe document (dnsorder.probe/v1): table (one grep-able
// `test=verdict` line per test, ISC genreport style, then the details), json,
// Markdown and JUnit, all from the same document, on the shared table and
// JUnit helpers.

import { UsageError } from '../errors.js';
import { formatEndpoint } from '../probe/address.js';
import { coverage, labelProvenance, securityFindings, type ProbeDocument, type ProbeResult, type Verdict } from '../probe/document.js';
import { renderJunit, type JunitCase } from './junit.js';
import { renderMarkdownTable, renderTextTable } from './text-table.js';

export const PROBE_FORMATS = ['table', 'json', 'md', 'junit'] as const;
export type ProbeFormat = (typeof PROBE_FORMATS)[number];

const COLOUR: Record<Verdict, string> = { pass: '32', violation: '31', error: '35', inconclusive: '33' };

export function renderProbe(doc: ProbeDocument, format: string, options: { colour?: boolean } = {}): string {
  switch (format) {
    case 'json': return JSON.stringify(doc, null, 2) + '\n';
    case 'md': return renderProbeMarkdown(doc);
    case 'junit': return renderProbeJunit(doc);
    case 'table': return renderProbeTable(doc, options.colour ?? false);
    default: throw new UsageError('ERR_USAGE', `unknown probe report format ${format}`);
  }
}

export function resolverName(doc: ProbeDocument): string {
  const r = doc.inputs.resolver;
  const where = formatEndpoint(r);
  const name = r.label ?? r.version;
  return name ? `${name} at ${where}` : where;
}

function heading(doc: ProbeDocument): string {
  const i = doc.inputs;
  const via = i.mode === 'active' && i.authority ? `, authority ${i.authority.address}:${i.authority.port}, zone ${i.zone}` : ', passive (real names)';
  const source = labelProvenance(i.resolver);
  return `dnsorder probe ${resolverName(doc)}${source ? ` (${source})` : ''}${via}, run ${i.runId}`;
}

/** The counts, then the groups where no test reached a verdict on order: a CI gate must see those. */
export function summaryLine(doc: ProbeDocument): string {
  const s = doc.summary;
  const security = securityFindings(doc).length;
  const counts = `${doc.results.length} tests: ${s.pass} pass, ${s.violation} violation${security > 0 ? ` (${security} security)` : ''}, ${s.error} error, ${s.inconclusive} inconclusive (${(doc.durationMs / 1000).toFixed(1)} s)`;
  if (doc.inputs.mode !== 'active') return counts;
  const { notExercised } = doc.coverage ?? coverage(doc.results);
  return notExercised.length > 0 ? `${counts}; never exercised: ${notExercised.join(', ')} (no test in the group reached a verdict)` : counts;
}

function findingLines(r: ProbeResult): string[] {
  return r.findings.map((f) => `${f.severity} ${f.rule} [${f.records.join(',')}]: ${f.message}`);
}

export function renderProbeTable(doc: ProbeDocument, colour = false): string {
  const paint = (v: Verdict, text: string) => (colour ? `\u001b[${COLOUR[v]}m${text}\u001b[0m` : text);
  const lines = [heading(doc), ...doc.results.map((r) => `${r.test}=${paint(r.verdict, r.verdict)}`), ''];
  const rows = doc.results.map((r) => [r.test, r.group, r.verdict, r.behaviour ?? '', r.detail]);
  lines.push(renderTextTable(['test', 'group', 'verdict', 'behaviour', 'detail'], rows, {
    style: colour ? (text, row, column) => (column === 2 ? paint(doc.results[row]!.verdict, text) : text) : undefined,
  }));
  const withFindings = doc.results.filter((r) => r.verdict !== 'pass' && r.findings.length > 0);
  for (const r of withFindings) {
    lines.push(`${r.test}:`);
    for (const f of findingLines(r)) lines.push(`  ${f}`);
    const ask = r.asks.find((a) => a.verdict === r.verdict && a.purpose === 'check');
    if (ask) for (const rr of ask.answer) lines.push(`    ${rr}`);
  }
  const security = securityFindings(doc);
  if (security.length > 0) {
    const title = `SECURITY: ${security.length} test(s): the resolver served a record from outside the chain from its cache:`;
    lines.push(colour ? `\u001b[1;31m${title}\u001b[0m` : title);
    for (const r of security) lines.push(`  ${r.test}: ${r.security}`);
  }
  lines.push(summaryLine(doc));
  return lines.join('\n') + '\n';
}

export function renderProbeMarkdown(doc: ProbeDocument): string {
  const rows = doc.results.map((r) => [`\`${r.test}\``, r.group, `**${r.verdict}**`, r.behaviour ?? '', r.detail]);
  const out = [`## ${heading(doc)}`, '', summaryLine(doc), ''];
  const security = securityFindings(doc);
  if (security.length > 0) {
    out.push('> **Security:** the resolver served a record from outside the chain from its cache:', ...security.map((r) => `> - \`${r.test}\`: ${r.security}`), '');
  }
  out.push(renderMarkdownTable(['test', 'group', 'verdict', 'behaviour', 'detail'], rows));
  for (const r of doc.results.filter((x) => x.verdict !== 'pass' && x.findings.length > 0)) {
    out.push(`### ${r.test}`, '', ...findingLines(r).map((f) => `- ${f}`), '');
  }
  return out.join('\n');
}

export function renderProbeJunit(doc: ProbeDocument): string {
  const groups = [...new Set(doc.results.map((r) => r.group))];
  return renderJunit(groups.map((group) => ({
    name: `probe ${group}`,
    properties: { resolver: resolverName(doc), runId: doc.inputs.runId },
    cases: doc.results.filter((r) => r.group === group).map((r): JunitCase => {
      const body = [r.detail, ...findingLines(r), ...r.asks.flatMap((a) => [`${a.name} ${a.qtype}: ${a.rcode ?? a.note}`, ...a.answer.map((l) => `  ${l}`)])].join('\n');
      return {
        name: r.test, classname: `dnsorder.probe.${group}`, timeMs: r.durationMs,
        failure: r.verdict === 'violation'
          ? { message: r.security ? `SECURITY: ${r.security}` : r.detail, type: r.security ? 'security' : r.findings.find((f) => f.severity === 'violation')?.rule ?? 'violation', body }
          : undefined,
        error: r.verdict === 'error' ? { message: r.detail, type: r.behaviour ?? 'error', body } : undefined,
        skipped: r.verdict === 'inconclusive' ? `inconclusive: ${r.detail}` : undefined,
        systemOut: r.verdict === 'pass' ? body : undefined,
      };
    }),
  })), 'dnsorder probe');
}
