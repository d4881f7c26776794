// Renders a dnsorder.loaders/v1 document: a zone × loader table (verdicts,
// `!` where a loader that judged ZONEMD disagrees with the expected verdict)
// followed by every disagreement with the loader's own message; Markdown and
// a self-contained HTML page carry the same content; JSON is the document.
// With loaders of several userlands (`--suites host,trixie`) the columns are
// grouped per loader, the userlands side by side (bind, bind@trixie), and
// the heading names each userland's OS.

import { escapeHtml } from './matrix-html.js';
import { escapeMarkdown, renderMarkdownTable, renderTextTable } from './text-table.js';
import { agrees, type LoadersDocument, type LoaderResult, type UserlandFacts } from '../loaders/document.js';
import type { ExpectedVerdict, LoaderStatus } from '../loaders/types.js';
import { HOST, splitUserlandId } from '../roots/userland.js';

export type LoadersFormat = 'table' | 'json' | 'md' | 'html';

function cell(result: LoaderResult | undefined): string {
  if (result === undefined) return '';
  return agrees(result) === false ? `${result.verdict}!` : result.verdict;
}

interface Grid {
  headers: string[];
  /** Unescaped cells: zone, expected, one per loader. */
  rows: string[][];
  loaders: string[];
  /** Zones in the order of their first result. */
  zones: string[];
  /** The expected verdict of each zone (from its first result). */
  expected: Map<string, ExpectedVerdict>;
  /** The result of `zone` × `loader`. */
  result(zone: string, loader: string): LoaderResult | undefined;
}

/** The loader a column is of, and its userland (documents before userlands: from the id). */
function columnOf(status: LoaderStatus): { base: string; userland: string } {
  const split = splitUserlandId(status.id);
  return { base: status.base ?? split.base, userland: status.userland ?? split.userland };
}

/** The columns in report order: grouped per loader (first appearance), its userlands side by side in document order. */
export function columnOrder(doc: LoadersDocument): LoaderStatus[] {
  const bases = [...new Set(doc.loaders.map((l) => columnOf(l).base))];
  return bases.flatMap((base) => doc.loaders.filter((l) => columnOf(l).base === base));
}

/** The userlands of a document, host first when there (older documents: the host only). */
function userlandsOf(doc: LoadersDocument): UserlandFacts[] {
  if (doc.userlands !== undefined && doc.userlands.length > 0) return doc.userlands;
  return [{ name: HOST, os: doc.host.os }];
}

/** `Debian GNU/Linux 12 (bookworm)`, or with several userlands `host: Debian … ; trixie: Debian …`. */
function osLine(doc: LoadersDocument): string {
  const userlands = userlandsOf(doc);
  if (userlands.length === 1 && userlands[0]!.name === HOST) return userlands[0]!.os;
  return userlands.map((u) => `${u.name}: ${u.os}`).join('; ');
}

function grid(doc: LoadersDocument): Grid {
  const loaders = columnOrder(doc).map((l) => l.id);
  const zones = [...new Set(doc.results.map((r) => r.zone))];
  const byKey = new Map(doc.results.map((r) => [`${r.zone}\u0000${r.loader}`, r]));
  const result = (zone: string, loader: string) => byKey.get(`${zone}\u0000${loader}`);
  const expected = new Map(zones.map((zone) => [zone, doc.results.find((r) => r.zone === zone)!.expected]));
  const headers = ['zone', 'expected', ...loaders];
  const rows = zones.map((zone) => [zone, expected.get(zone)!, ...loaders.map((l) => cell(result(zone, l)))]);
  return { headers, rows, loaders, zones, expected, result };
}

function loaderLine(doc: LoadersDocument): string[] {
  return columnOrder(doc).map((l) => (l.available ? `${l.id} ${l.version ?? '(version unknown)'}` : `${l.id}: unavailable (${l.reason ?? 'no reason given'})`));
}

function notable(doc: LoadersDocument): LoaderResult[] {
  return doc.results.filter((r) => agrees(r) === false || r.verdict === 'error');
}

export function renderLoadersText(doc: LoadersDocument): string {
  const { headers, rows } = grid(doc);
  let out = `${doc.tool.name} ${doc.tool.version} on ${osLine(doc)}: ${loaderLine(doc).join(', ')}\n\n`;
  out += renderTextTable(headers, rows) + '\n';
  const odd = notable(doc);
  if (odd.length > 0) {
    out += `\nDisagreements with the expected verdict (!) and errors:\n`;
    for (const r of odd) out += `  ${r.zone} ${r.loader}: ${r.verdict}, expected ${r.expected}: ${r.message}\n`;
  }
  out += '\nnot-checked: loaded without verifying ZONEMD; ! : judged ZONEMD and disagrees with the expected verdict\n';
  return out;
}

export function renderLoadersMarkdown(doc: LoadersDocument): string {
  const { headers, rows } = grid(doc);
  let out = `Loaders (${escapeMarkdown(osLine(doc))}): ${loaderLine(doc).map(escapeMarkdown).join(', ')}\n\n`;
  out += renderMarkdownTable(headers, rows) + '\n'; // it escapes the cells
  const odd = notable(doc);
  if (odd.length > 0) {
    out += '\n| zone | loader | verdict | expected | message |\n|---|---|---|---|---|\n';
    for (const r of odd) out += `| ${[r.zone, r.loader, r.verdict, r.expected, r.message].map(escapeMarkdown).join(' | ')} |\n`;
  }
  out += '\n`not-checked`: loaded without verifying ZONEMD; `!`: judged ZONEMD and disagrees with the expected verdict.\n';
  return out;
}

/** The table head: one row; with several userlands two, the loader over its userlands. */
function htmlHead(doc: LoadersDocument, headers: readonly string[]): string {
  const columns = columnOrder(doc);
  if (userlandsOf(doc).length < 2) return `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const groups: Array<{ base: string; columns: LoaderStatus[] }> = [];
  for (const c of columns) {
    const { base } = columnOf(c);
    if (groups.at(-1)?.base === base) groups.at(-1)!.columns.push(c);
    else groups.push({ base, columns: [c] });
  }
  const top = groups.map((g) => `<th colspan="${g.columns.length}" scope="colgroup">${escapeHtml(g.base)}</th>`).join('');
  const sub = columns.map((c) => `<th scope="col" title="${escapeHtml(c.id)}">${escapeHtml(columnOf(c).userland)}</th>`).join('');
  return `<tr><th rowspan="2">zone</th><th rowspan="2">expected</th>${top}</tr>\n<tr>${sub}</tr>`;
}

export function renderLoadersHtml(doc: LoadersDocument): string {
  const { headers, loaders, zones, expected, result } = grid(doc);
  const body = zones.map((zone) => {
    const cells = loaders.map((l) => {
      const r = result(zone, l);
      if (r === undefined) return '<td></td>';
      const cls = agrees(r) === false ? 'disagree' : r.verdict;
      return `<td class="${cls}" title="${escapeHtml(r.message)}">${escapeHtml(cell(r))}</td>`;
    });
    return `<tr><th>${escapeHtml(zone)}</th><td>${expected.get(zone)}</td>${cells.join('')}</tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dnsorder zone loaders</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
.accept{background:#e6f4ea}.reject{background:#fde8e8}.not-checked{background:#f1f1f1}.disagree{background:#ffd27a;font-weight:bold}.unavailable,.error{color:#888}</style></head>
<body><h1>Zone loaders and ZONEMD</h1>
<p>${escapeHtml(doc.tool.name)} ${escapeHtml(doc.tool.version)} on ${escapeHtml(osLine(doc))}. ${loaderLine(doc).map(escapeHtml).join(', ')}. Hover a cell for the loader's message.</p>
<table><thead>${htmlHead(doc, headers)}</thead><tbody>
${body.join('\n')}
</tbody></table>
<p><code>not-checked</code>: loaded without verifying ZONEMD; <code>!</code>: judged ZONEMD and disagrees with the expected verdict.</p>
<script type="application/json" id="dnsorder-loaders">${JSON.stringify(doc).replace(/</g, '\\u003c')}</script>
</body></html>
`;
}

export function renderLoaders(doc: LoadersDocument, format: LoadersFormat): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  if (format === 'md') return renderLoadersMarkdown(doc);
  if (format === 'html') return renderLoadersHtml(doc);
  return renderLoadersText(doc);
}
