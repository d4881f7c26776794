// The matrix as a terminal table and as Markdown: one row per scenario, one
// column per client, one symbol per outcome, the legend, then per client the
// layouts that break it and, called out, every wrong-address finding.
import { ansi, outcomeStyle, OUTCOME_STYLES } from './outcome-style.js';
import type { MatrixDocument } from './matrix-document.js';
import { breaksByClient, resultIndex, securityByClient, securityFindings } from './matrix-summary.js';
import { renderLegend, renderMarkdownTable, renderTextTable } from './text-table.js';
import { resultKey } from './matrix-document.js';

function gridRows(doc: MatrixDocument): { headers: string[]; rows: string[][] } {
  const index = resultIndex(doc);
  const headers = ['scenario', ...doc.clients.map((c) => c.id)];
  const rows = doc.scenarios.map((s) => [
    s.conformant ? s.id : `${s.id} *`,
    ...doc.clients.map((c) => {
      const r = index.get(resultKey({ scenario: s.id, client: c.id }));
      return r ? outcomeStyle(r.outcome).symbol : ' ';
    }),
  ]);
  return { headers, rows };
}

function versionsLine(doc: MatrixDocument): string {
  return doc.clients.map((c) => `${c.id}: ${c.available ? c.version ?? '?' : `skipped (${c.reason})`}`).join('; ');
}

export function renderMatrixTable(doc: MatrixDocument, colour: boolean): string {
  const { headers, rows } = gridRows(doc);
  const symbolStyle = new Map(OUTCOME_STYLES.map((s) => [s.symbol, s.ansi]));
  const out: string[] = [];
  out.push(`dnsorder matrix — ${doc.host.os}, ${doc.host.kernel}, ${doc.host.libc}; ${doc.results.length} cells in ${(doc.durationMs / 1000).toFixed(1)} s\n\n`);
  out.push(renderTextTable(headers, rows, {
    align: headers.map((_, i) => (i === 0 ? 'left' : 'center')),
    style: colour ? (text, _row, column) => (column === 0 ? text : ansi(text, symbolStyle.get(text.trim()) ?? '0', true)) : undefined,
  }));
  out.push('\n');
  out.push(renderLegend(OUTCOME_STYLES, colour ? (symbol, name) => ansi(symbol, outcomeStyle(name as never).ansi, true) : undefined));
  out.push('* the layout does not follow draft-jabley-dnsop-ordered-answer-section\n\n');
  out.push('Layouts that break each client (answer held the addresses, outcome not ok):\n');
  for (const b of breaksByClient(doc)) {
    const what = b.skipped ? `skipped: ${b.skipped}` : b.scenarios.length === 0 ? 'none' : `${b.scenarios.length}: ${b.scenarios.join(', ')}`;
    out.push(`  ${b.client} (${b.version ?? 'n/a'}): ${what}\n`);
  }
  const security = securityFindings(doc);
  out.push('\n');
  if (security.length > 0) {
    out.push(ansi(`SECURITY: ${security.length} cell(s) returned an address the chain does not lead to:`, '1;31', colour) + '\n');
    for (const r of security) out.push(`  ${r.client} on ${r.scenario}: ${r.detail}\n`);
  } else {
    out.push('No client returned an address outside the chain.\n');
  }
  return out.join('');
}

export function renderMatrixMarkdown(doc: MatrixDocument): string {
  const { headers, rows } = gridRows(doc);
  const out: string[] = [];
  out.push(`**dnsorder matrix** on ${doc.host.os} (${doc.host.kernel}, ${doc.host.arch}), dnsorder ${doc.tool.version}\n\n`);
  out.push(renderMarkdownTable(headers.map((h, i) => (i === 0 ? h : `\`${h}\``)), rows, headers.map((_, i) => (i === 0 ? 'left' : 'center'))));
  out.push('\n');
  out.push(OUTCOME_STYLES.map((s) => `${s.symbol} ${s.name}`).join(' · ') + ' — `*` layout not conformant to draft-jabley-dnsop-ordered-answer-section\n\n');
  out.push('| client | version | breaks on |\n| --- | --- | --- |\n');
  for (const b of breaksByClient(doc)) {
    const what = b.skipped ? `skipped: ${b.skipped}` : b.scenarios.length === 0 ? '—' : b.scenarios.join(', ');
    out.push(`| \`${b.client}\` | ${b.version ?? 'n/a'} | ${what.replace(/\|/g, '\\|')} |\n`);
  }
  const security = securityFindings(doc);
  if (security.length > 0) {
    out.push('\n> **Security:** these clients returned an address the chain does not lead to:\n');
    for (const x of securityByClient(doc)) out.push(`> - \`${x.client}\` on ${x.scenarios.join(', ')}\n`);
  }
  out.push(`\n<sub>${versionsLine(doc)}</sub>\n`);
  return out.join('');
}
