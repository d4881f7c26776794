// Several probe documents side by side: test × resolver → verdict (and what
// the resolver did when that says more than "in order"). This is the table
// the README shows, generated from the lab's reports by `dnsorder probe --combine`.

import type { ProbeDocument, ProbeResult } from '../probe/document.js';
import { renderMarkdownTable, renderTextTable } from './text-table.js';

function cell(r: ProbeResult | undefined): string {
  if (!r) return '–';
  return r.behaviour && r.behaviour !== 'in order' ? `${r.verdict} (${r.behaviour})` : r.verdict;
}

function column(doc: ProbeDocument): string {
  return doc.inputs.resolver.label ?? doc.inputs.resolver.version ?? `${doc.inputs.resolver.address}:${doc.inputs.resolver.port}`;
}

/** `columns`: the resolvers' names, when the documents' own could repeat (a fleet of one software). */
export function renderProbeComparison(docs: readonly ProbeDocument[], format: 'md' | 'table', columns?: readonly string[]): string {
  const tests: string[] = [];
  for (const d of docs) for (const r of d.results) if (!tests.includes(r.test)) tests.push(r.test);
  const headers = ['test', ...docs.map((d, i) => columns?.[i] ?? column(d))];
  const rows = tests.map((t) => [t, ...docs.map((d) => cell(d.results.find((r) => r.test === t)))]);
  return format === 'md' ? renderMarkdownTable(headers.map((h, i) => (i === 0 ? h : h)), rows.map((r) => [`\`${r[0]}\``, ...r.slice(1)]))
    : renderTextTable(headers, rows);
}
