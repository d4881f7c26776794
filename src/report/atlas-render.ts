// Renderers for the Atlas document (dnsorder.atlas/v1): table (one grep-able
// `test=verdict` line per test — the worst verdict any resolver got — then the
// counts, the tables and the worst offenders with their answers), json,
// Markdown, JUnit (one case per test, failing when a resolver violated) and
// one self-contained HTML page; all from the same document, on the shared
// table and JUnit helpers, as probe-render.ts does for one resolver.

import { UsageError } from '../errors.js';
import type { AtlasDocument, AtlasExample, AtlasTestSummary } from '../atlas/document.js';
import type { Verdict } from '../probe/document.js';
import { renderJunit, type JunitCase } from './junit.js';
import { escapeHtml } from './matrix-html.js';
import { renderMarkdownTable, renderTextTable } from './text-table.js';

export const ATLAS_FORMATS = ['table', 'json', 'md', 'junit', 'html'] as const;

export function renderAtlas(doc: AtlasDocument, format: string): string {
  switch (format) {
    case 'json': return JSON.stringify(doc, null, 2) + '\n';
    case 'table': return renderAtlasText(doc);
    case 'md': return renderAtlasMarkdown(doc);
    case 'junit': return renderAtlasJunit(doc);
    case 'html': return renderAtlasHtml(doc);
    default: throw new UsageError('ERR_FORMAT', `atlas check has no --format ${format} (${ATLAS_FORMATS.join(', ')})`);
  }
}

/** The verdict the worst resolver got on a test (none: no answer). */
export function worstVerdict(t: AtlasTestSummary): Verdict | 'no-answers' {
  if (t.resolvers.violation > 0) return 'violation';
  if (t.resolvers.error > 0 && t.resolvers.pass === 0 && t.resolvers.inconclusive === 0) return 'error';
  if (t.resolvers.inconclusive > 0 && t.resolvers.pass === 0) return 'inconclusive';
  if (t.resolvers.pass > 0) return 'pass';
  return 'no-answers';
}

function heading(doc: AtlasDocument): string {
  const plan = doc.inputs.plan ? `, run ${doc.inputs.plan.runId} in ${doc.inputs.plan.zone}` : '';
  return `dnsorder atlas check ${doc.inputs.files.join(' ')}${plan}`;
}

export function atlasSummaryLine(doc: AtlasDocument): string {
  const r = doc.resolvers;
  return `${r.total} resolvers (${r.public} public, ${r.private} private per probe) from ${doc.probes.total} probes: ${r.violating} violate a MUST, `
    + `${r.passThrough} pass a reordered answer through, ${r.ownOrder} build their own wrong order, ${r.reorder} reorder, ${r.dropChain} drop chain records, `
    + `${r.splitRrsets} split an RRset; ${r.clean} clean, ${r.unjudged} only errors; ${doc.probes.withViolation} probes behind a violating resolver`;
}

function countsLine(doc: AtlasDocument): string {
  const c = doc.counts;
  return `${c.entries} results, ${c.items} answers: ${c.decoded} decoded (${c.warmUps} warm-ups, ${c.passive} passive), ${c.timeouts} timeouts, ${c.errors} errors, `
    + `${c.missingAbuf} without abuf, ${c.malformedAbuf} malformed abuf, ${c.unreadable} unreadable, ${c.notDns} not DNS, ${c.noResult} without result, `
    + `${c.otherRun} of another run, ${c.unattributed} unattributed`;
}

const top = (record: Record<string, number>, n = 3) =>
  Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');

function testRows(doc: AtlasDocument): string[][] {
  return doc.tests.map((t) => [
    t.test, t.group, String(t.answers), String(t.resolvers.pass), String(t.resolvers.violation), String(t.resolvers.inconclusive), String(t.resolvers.error),
    top(t.behaviours), t.evidence ? top(t.evidence) : '',
  ]);
}

const TEST_HEADERS = ['test', 'group', 'answers', 'pass', 'violation', 'inconclusive', 'error', 'behaviour (resolvers)', 'cache evidence (resolvers)'];

function exampleLines(e: AtlasExample, indent = '  '): string[] {
  const where = `${e.resolver}${e.probe !== undefined ? `, probe ${e.probe}` : ''}${e.timestamp !== undefined ? `, ${new Date(e.timestamp * 1000).toISOString()}` : ''}`;
  return [
    `${indent}${e.verdict}${e.behaviour ? ` (${e.behaviour})` : ''} at ${where}: ${e.note}`,
    ...e.findings.map((f) => `${indent}  ${f}`),
    ...e.answer.slice(0, 12).map((l) => `${indent}    ${l}`),
    ...(e.answer.length > 12 ? [`${indent}    … ${e.answer.length - 12} more records`] : []),
  ];
}

export function renderAtlasText(doc: AtlasDocument): string {
  const lines = [heading(doc), ...doc.tests.map((t) => `${t.test}=${worstVerdict(t)}`), '', countsLine(doc), atlasSummaryLine(doc), ''];
  lines.push(renderTextTable(TEST_HEADERS, testRows(doc)));
  if (doc.offenders.length > 0) {
    lines.push('Worst offenders:');
    lines.push(renderTextTable(['resolver', 'probes', 'ASNs', 'violated', 'behaviour'], doc.offenders.map((o) => [
      o.resolver, String(o.probes), o.asns.map((a) => `AS${a}`).join(' '), o.violations.join(', '), o.behaviours.join(', '),
    ])));
    for (const o of doc.offenders.slice(0, 5)) if (o.example) lines.push(`${o.resolver}:`, ...exampleLines(o.example));
    lines.push('');
  }
  const withExamples = doc.tests.filter((t) => t.examples.length > 0);
  if (withExamples.length > 0) {
    lines.push('Example answers:');
    for (const t of withExamples) {
      lines.push(`${t.test}:`);
      for (const e of t.examples) lines.push(...exampleLines(e));
    }
    lines.push('');
  }
  if (doc.asns) {
    lines.push('Per ASN (the probes\' networks):');
    lines.push(renderTextTable(['ASN', 'probes', 'resolvers', 'violating resolvers'], doc.asns.slice(0, 20).map((a) => [`AS${a.asn}`, String(a.probes), String(a.resolvers), String(a.violatingResolvers)])));
  }
  for (const n of doc.notPlanned) lines.push(`not planned: ${n.test}: ${n.reason}`);
  for (const p of doc.problems) lines.push(`problem: ${p}`);
  lines.push(atlasSummaryLine(doc));
  return lines.join('\n') + '\n';
}

export function renderAtlasMarkdown(doc: AtlasDocument): string {
  const out = [`## ${heading(doc)}`, '', atlasSummaryLine(doc), '', countsLine(doc), '',
    renderMarkdownTable(TEST_HEADERS, testRows(doc).map((r) => [`\`${r[0]}\``, ...r.slice(1)]))];
  if (doc.offenders.length > 0) {
    out.push('### Worst offenders', '', renderMarkdownTable(['resolver', 'probes', 'ASNs', 'violated', 'behaviour'], doc.offenders.map((o) => [
      `\`${o.resolver}\``, String(o.probes), o.asns.map((a) => `AS${a}`).join(' '), o.violations.join(', '), o.behaviours.join(', '),
    ])));
    for (const o of doc.offenders.slice(0, 5)) if (o.example) out.push(`\`${o.resolver}\`:`, '', '```', ...exampleLines(o.example, ''), '```', '');
  }
  if (doc.asns) {
    out.push('### Per ASN', '', renderMarkdownTable(['ASN', 'probes', 'resolvers', 'violating resolvers'], doc.asns.slice(0, 20).map((a) => [`AS${a.asn}`, String(a.probes), String(a.resolvers), String(a.violatingResolvers)])));
  }
  for (const t of doc.tests.filter((x) => x.examples.length > 0)) out.push(`### ${t.test}`, '', '```', ...t.examples.flatMap((e) => exampleLines(e, '')), '```', '');
  if (doc.notPlanned.length > 0) out.push('### Not planned', '', ...doc.notPlanned.map((n) => `- \`${n.test}\`: ${n.reason}`), '');
  if (doc.problems.length > 0) out.push('### Problems', '', ...doc.problems.map((p) => `- ${p}`), '');
  return out.join('\n');
}

export function renderAtlasJunit(doc: AtlasDocument): string {
  const groups = [...new Set(doc.tests.map((t) => t.group))];
  return renderJunit(groups.map((group) => ({
    name: `atlas ${group}`,
    properties: { files: doc.inputs.files.join(' '), ...(doc.inputs.plan ? { runId: doc.inputs.plan.runId } : {}) },
    cases: doc.tests.filter((t) => t.group === group).map((t): JunitCase => {
      const verdict = worstVerdict(t);
      const body = [`${t.answers} answers; resolvers: ${t.resolvers.pass} pass, ${t.resolvers.violation} violation, ${t.resolvers.inconclusive} inconclusive, ${t.resolvers.error} error`,
        `behaviour: ${top(t.behaviours, 10)}`, ...t.examples.flatMap((e) => exampleLines(e, ''))].join('\n');
      return {
        name: t.test, classname: `dnsorder.atlas.${group}`,
        failure: verdict === 'violation' ? { message: `${t.resolvers.violation} resolvers violate a MUST`, type: 'violation', body } : undefined,
        skipped: verdict === 'no-answers' ? 'no answers' : verdict === 'inconclusive' || verdict === 'error' ? `${verdict}: no resolver reached a verdict on order` : undefined,
        systemOut: body,
      };
    }),
  })), 'dnsorder atlas');
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right}
tr.violation td:first-child{border-left:4px solid #c0182b}
pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap;word-break:break-all}
`;

export function renderAtlasHtml(doc: AtlasDocument): string {
  const table = (headers: string[], rows: string[][], numeric: number[] = [], rowClass?: (i: number) => string) => `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${rows.map((r, i) => `<tr${rowClass ? ` class="${rowClass(i)}"` : ''}>${r.map((c, j) => `<td${numeric.includes(j) ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
  const parts = [
    `<h1>${escapeHtml(heading(doc))}</h1>`,
    `<p>${escapeHtml(atlasSummaryLine(doc))}</p>`,
    `<p>${escapeHtml(countsLine(doc))}</p>`,
    '<h2>Tests</h2>',
    table(TEST_HEADERS, testRows(doc), [2, 3, 4, 5, 6], (i) => worstVerdict(doc.tests[i]!)),
  ];
  if (doc.offenders.length > 0) {
    parts.push('<h2>Worst offenders</h2>', table(['resolver', 'probes', 'ASNs', 'violated', 'behaviour'], doc.offenders.map((o) => [
      o.resolver, String(o.probes), o.asns.map((a) => `AS${a}`).join(' '), o.violations.join(', '), o.behaviours.join(', '),
    ]), [1]));
    for (const o of doc.offenders.slice(0, 5)) if (o.example) parts.push(`<h3>${escapeHtml(o.resolver)}</h3><pre>${escapeHtml(exampleLines(o.example, '').join('\n'))}</pre>`);
  }
  if (doc.asns) parts.push('<h2>Per ASN</h2>', table(['ASN', 'probes', 'resolvers', 'violating resolvers'], doc.asns.slice(0, 20).map((a) => [`AS${a.asn}`, String(a.probes), String(a.resolvers), String(a.violatingResolvers)]), [1, 2, 3]));
  const withExamples = doc.tests.filter((t) => t.examples.length > 0);
  if (withExamples.length > 0) {
    parts.push('<h2>Example answers</h2>');
    for (const t of withExamples) parts.push(`<h3>${escapeHtml(t.test)}</h3><pre>${escapeHtml(t.examples.flatMap((e) => exampleLines(e, '')).join('\n'))}</pre>`);
  }
  if (doc.notPlanned.length > 0) parts.push('<h2>Not planned</h2><ul>', ...doc.notPlanned.map((n) => `<li><code>${escapeHtml(n.test)}</code>: ${escapeHtml(n.reason)}</li>`), '</ul>');
  if (doc.problems.length > 0) parts.push('<h2>Problems</h2><ul>', ...doc.problems.map((p) => `<li>${escapeHtml(p)}</li>`), '</ul>');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dnsorder atlas check</title><style>${CSS}</style></head>
<body>
${parts.join('\n')}
<p>${escapeHtml(`dnsorder ${doc.tool.version}; generated ${doc.generatedAt}; ${(doc.durationMs / 1000).toFixed(1)} s`)}</p>
</body></html>
`;
}
