// The matrix as a terminal table and as Markdown: one row per scenario, one
// column per client, one symbol per outcome, the legend, then per client the
// layouts that break it and, called out, every wrong-address finding. When the
// clients ran in several userlands (`--suites`), each client is a column group
// with one column per userland, and a section lists what changed between
// releases (src/report/matrix-releases.ts).
import { ansi, outcomeStyle, OUTCOME_STYLES } from './outcome-style.js';
import type { ClientInfo, MatrixDocument } from '../matrix/document.js';
import { breaksByClient, resultIndex, securityByClient, securityFindings } from './matrix-summary.js';
import { displayWidth, escapeMarkdown, renderLegend, renderMarkdownTable, renderTextTable } from './text-table.js';
import { resultKey } from '../matrix/document.js';
import { CHANGES_NOTE, CHANGES_TITLE, clientLayout, compareReleases, describeNotRun, describeSides, NO_CHANGES, type ClientGroup } from './matrix-releases.js';

function symbolRows(doc: MatrixDocument, columns: readonly ClientInfo[]): string[][] {
  const index = resultIndex(doc);
  return doc.scenarios.map((s) => [
    s.conformant ? s.id : `${s.id} *`,
    ...columns.map((c) => {
      const r = index.get(resultKey({ scenario: s.id, client: c.id }));
      return r ? outcomeStyle(r.outcome).symbol : ' ';
    }),
  ]);
}

function gridRows(doc: MatrixDocument): { headers: string[]; rows: string[][] } {
  return { headers: ['scenario', ...doc.clients.map((c) => c.id)], rows: symbolRows(doc, doc.clients) };
}

/**
 * The grid with client groups: a first header row where each client's name
 * spans its userland columns, a second with the userlands (and the scenario
 * and model columns, which have no group).
 */
interface GroupedGrid {
  /** Left to right, one per group: its label ('' over the scenario and model columns) and how many columns it spans. */
  spans: Array<{ label: string; columns: number }>;
  headers: string[];
  rows: string[][];
}

function groupedGrid(doc: MatrixDocument, groups: readonly ClientGroup[]): GroupedGrid {
  return {
    spans: [{ label: '', columns: 1 }, ...groups.map((g) => ({ label: g.isModel ? '' : g.base, columns: g.columns.length }))],
    headers: ['scenario', ...groups.flatMap((g) => (g.isModel ? [g.base] : g.columns.map((c) => c.userland!)))],
    rows: symbolRows(doc, groups.flatMap((g) => g.columns.map((c) => c.client))),
  };
}

function pad(text: string, width: number, align: 'left' | 'center'): string {
  const gap = Math.max(0, width - displayWidth(text));
  return align === 'center' ? ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2)) : text + ' '.repeat(gap);
}

/** Like renderTextTable, with a spanning row above the headers; a span's columns widen until its label fits. */
function renderGroupedTextTable(grid: GroupedGrid, style?: (text: string, column: number) => string): string {
  const widths = grid.headers.map((h, c) => Math.max(displayWidth(h), ...grid.rows.map((r) => displayWidth(r[c] ?? ''))));
  const spanWidths: number[] = [];
  let first = 0;
  for (const span of grid.spans) {
    const inner = () => widths.slice(first, first + span.columns).reduce((a, b) => a + b, 0) + 2 * (span.columns - 1);
    for (let i = 0; inner() < displayWidth(span.label); i = (i + 1) % span.columns) widths[first + i]!++;
    spanWidths.push(inner());
    first += span.columns;
  }
  const align = (c: number) => (c === 0 ? 'left' : 'center');
  const line = (cells: readonly string[], styled: boolean) =>
    cells.map((cell, c) => {
      const padded = pad(cell, widths[c]!, align(c));
      return styled && style ? style(padded, c) : padded;
    }).join('  ').trimEnd();
  return [
    grid.spans.map((span, i) => pad(span.label, spanWidths[i]!, 'center')).join('  ').trimEnd(),
    line(grid.headers, false),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...grid.rows.map((r) => line(r, true)),
  ].join('\n') + '\n';
}

function versionsLine(doc: MatrixDocument): string {
  return doc.clients.map((c) => `${c.id}: ${c.available ? c.version ?? '?' : `skipped (${c.reason})`}`).join('; ');
}

/** The "changed between releases" section of the terminal table ('' when there is nothing to compare). */
function changesText(doc: MatrixDocument, colour: boolean): string {
  const releases = compareReleases(doc);
  if (!releases) return '';
  const out: string[] = [];
  if (releases.changes.length === 0) {
    out.push(`${NO_CHANGES}\n`);
  } else {
    out.push(`${CHANGES_TITLE} (${CHANGES_NOTE}):\n`);
    const scenarioWidth = Math.max(...releases.changes.map((c) => displayWidth(c.scenario)));
    const baseWidth = Math.max(...releases.changes.map((c) => displayWidth(c.base)));
    for (const c of releases.changes) {
      const sides = describeSides(c, (side) => ansi(side.outcome, outcomeStyle(side.outcome).ansi, colour));
      out.push(`  ${pad(c.scenario, scenarioWidth, 'left')}  ${pad(c.base, baseWidth, 'left')}  ${sides}\n`);
    }
  }
  if (releases.notRun.length > 0) out.push(`Not run, so not compared: ${releases.notRun.map(describeNotRun).join('; ')}\n`);
  return out.join('') + '\n';
}

/** The same section in Markdown ('' when there is nothing to compare). */
function changesMarkdown(doc: MatrixDocument): string {
  const releases = compareReleases(doc);
  if (!releases) return '';
  const out: string[] = [];
  if (releases.changes.length === 0) {
    out.push(`**${NO_CHANGES}**\n`);
  } else {
    out.push(`**${CHANGES_TITLE}** (${CHANGES_NOTE})\n\n`);
    out.push(renderMarkdownTable(['scenario', 'client', 'outcomes'], releases.changes.map((c) => [c.scenario, `\`${c.base}\``, describeSides(c)])));
  }
  if (releases.notRun.length > 0) {
    out.push(`\nNot run, so not compared: ${releases.notRun.map((n) => `\`${n.client}\` (${escapeMarkdown(n.reason)})`).join('; ')}\n`);
  }
  return out.join('') + '\n';
}

export function renderMatrixTable(doc: MatrixDocument, colour: boolean): string {
  const layout = clientLayout(doc);
  const symbolStyle = new Map(OUTCOME_STYLES.map((s) => [s.symbol, s.ansi]));
  const styleCell = (text: string, column: number) => (column === 0 ? text : ansi(text, symbolStyle.get(text.trim()) ?? '0', true));
  const out: string[] = [];
  out.push(`dnsorder matrix — ${doc.host.os}, ${doc.host.kernel}, ${doc.host.libc}; ${doc.results.length} cells in ${(doc.durationMs / 1000).toFixed(1)} s\n\n`);
  if (layout.bySuite) {
    out.push(renderGroupedTextTable(groupedGrid(doc, layout.groups), colour ? styleCell : undefined));
  } else {
    const { headers, rows } = gridRows(doc);
    out.push(renderTextTable(headers, rows, {
      align: headers.map((_, i) => (i === 0 ? 'left' : 'center')),
      style: colour ? (text, _row, column) => styleCell(text, column) : undefined,
    }));
  }
  out.push('\n');
  out.push(renderLegend(OUTCOME_STYLES, colour ? (symbol, name) => ansi(symbol, outcomeStyle(name as never).ansi, true) : undefined));
  out.push('* the layout does not follow draft-jabley-dnsop-ordered-answer-section\n\n');
  out.push(changesText(doc, colour));
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
  const layout = clientLayout(doc);
  const out: string[] = [];
  out.push(`**dnsorder matrix** on ${doc.host.os} (${doc.host.kernel}, ${doc.host.arch}), dnsorder ${doc.tool.version}\n\n`);
  if (layout.bySuite) {
    // Markdown tables cannot span: the client name heads its first userland column, the userlands are the first row.
    const grid = groupedGrid(doc, layout.groups);
    const headers = ['scenario', ...layout.groups.flatMap((g) => g.columns.map((_, i) => (i === 0 ? `\`${g.base}\`` : '')))];
    const userlandRow = ['', ...layout.groups.flatMap((g) => g.columns.map((c) => (g.isModel ? '' : `*${c.userland}*`)))];
    out.push(renderMarkdownTable(headers, [userlandRow, ...grid.rows], headers.map((_, i) => (i === 0 ? 'left' : 'center'))));
  } else {
    const { headers, rows } = gridRows(doc);
    out.push(renderMarkdownTable(headers.map((h, i) => (i === 0 ? h : `\`${h}\``)), rows, headers.map((_, i) => (i === 0 ? 'left' : 'center'))));
  }
  out.push('\n');
  out.push(OUTCOME_STYLES.map((s) => `${s.symbol} ${s.name}`).join(' · ') + ' — `*` layout not conformant to draft-jabley-dnsop-ordered-answer-section\n\n');
  out.push(changesMarkdown(doc));
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
