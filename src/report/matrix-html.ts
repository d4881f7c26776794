// The matrix as one self-contained HTML file: a colour grid with a legend and,
// on click, a cell's detail (client output, queries sent, the answer layout as
// served, what was expected). The document itself is embedded as JSON; the
// grid is static HTML so it reads without JavaScript, the detail needs it.
// Clients that ran in several userlands (`--suites`) are column groups: the
// client's name spans one column per userland, and a section lists what
// changed between releases (src/report/matrix-releases.ts).
import type { ClientInfo, MatrixDocument } from '../matrix/document.js';
import { resultKey } from '../matrix/document.js';
import { CHANGES_NOTE, CHANGES_TITLE, clientLayout, compareReleases, describeNotRun, describeSides, NO_CHANGES, type ClientLayout } from './matrix-releases.js';
import { breaksByClient, resultIndex, securityFindings } from './matrix-summary.js';
import { OUTCOME_STYLES, outcomeStyle } from './outcome-style.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside <script>: no "</script", no U+2028/9 surprises. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem}
table.grid{border-collapse:collapse}
table.grid th,table.grid td{border:1px solid #ddd;padding:0}
table.grid th.client{writing-mode:vertical-rl;transform:rotate(180deg);padding:.4rem .2rem;font-weight:600;white-space:nowrap}
table.grid th.scenario{text-align:left;padding:.15rem .5rem;font-weight:normal;white-space:nowrap}
table.grid th.scenario.nc::after{content:" *";color:#999}
td.cell button{width:2rem;height:1.6rem;border:0;color:#fff;font-size:1rem;cursor:pointer}
td.cell button:focus{outline:3px solid #000}
.legend span{display:inline-block;margin:.2rem .8rem .2rem 0}
.legend b{display:inline-block;width:1.4rem;text-align:center;color:#fff;border-radius:3px}
#detail{position:fixed;right:1rem;top:1rem;bottom:1rem;width:min(42rem,45vw);overflow:auto;background:#fff;border:1px solid #999;box-shadow:0 2px 12px #0004;padding:1rem}
#detail pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap;word-break:break-all}
.security{background:#fde8ea;border-left:4px solid #c0182b;padding:.5rem 1rem}
`;

/** Only in a report with column groups, so a host-only report stays as it was. */
const GROUP_CSS = `
table.grid th.userland{writing-mode:vertical-rl;transform:rotate(180deg);padding:.3rem .2rem;font-weight:normal;font-style:italic;white-space:nowrap}
table.grid th.group{text-align:center;vertical-align:bottom;border-bottom:2px solid #999}
table.grid .first{border-left:2px solid #999}
ul.changes b{display:inline-block;width:1.4rem;text-align:center;color:#fff;border-radius:3px}
`;

const SCRIPT = `
const doc = JSON.parse(document.getElementById('matrix-data').textContent);
const results = new Map(doc.results.map((r) => [r.scenario + '\\u0000' + r.client, r]));
const scenarios = new Map(doc.scenarios.map((s) => [s.id, s]));
const clients = new Map(doc.clients.map((c) => [c.id, c]));
const panel = document.getElementById('detail');
function text(tag, content) { const el = document.createElement(tag); el.textContent = content; return el; }
function show(scenarioId, clientId) {
  const r = results.get(scenarioId + '\\u0000' + clientId);
  const s = scenarios.get(scenarioId);
  const c = clients.get(clientId);
  panel.replaceChildren();
  const close = text('button', 'close'); close.id = 'detail-close'; close.onclick = () => { panel.hidden = true; };
  panel.append(close, text('h2', scenarioId + ' × ' + clientId));
  panel.append(text('p', s.title + (s.conformant ? '' : ' (not conformant to the ordered-answer draft)')));
  panel.append(text('p', 'outcome: ' + r.outcome + (r.breaks ? ' — breaks' : '') + ' — ' + r.detail));
  panel.append(text('p', 'client: ' + c.describe + ' — ' + (c.version || 'n/a')));
  if (r.query) panel.append(text('p', 'asked: ' + r.query + ' ' + s.queryType + ' — queries sent: ' + (r.queries ?? 'n/a')));
  panel.append(text('h3', 'returned'));
  panel.append(text('pre', 'addresses: ' + (r.addresses.join(', ') || '(none)') + '\\ncanonical: ' + r.canonical));
  panel.append(text('h3', 'expected'));
  panel.append(text('pre', 'addresses: ' + (s.expected.addresses.join(', ') || '(none)') + '\\ncanonical: ' + s.expected.canonical));
  panel.append(text('h3', 'answer section as served (for ' + scenarioId + '.' + doc.inputs.zone + ')'));
  panel.append(text('pre', s.answer.join('\\n')));
  if (r.raw) {
    panel.append(text('h3', 'client output'));
    panel.append(text('pre', r.raw.stdout || '(no output)'));
    if (r.raw.stderr) { panel.append(text('h3', 'stderr')); panel.append(text('pre', r.raw.stderr)); }
    panel.append(text('p', 'exit ' + r.raw.exitCode + ', signal ' + r.raw.signal + ', timed out ' + r.raw.timedOut + ', ' + r.raw.durationMs + ' ms'));
  }
  panel.hidden = false;
}
document.querySelectorAll('td.cell button').forEach((b) => b.addEventListener('click', () => show(b.dataset.scenario, b.dataset.client)));
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') panel.hidden = true; });
`;

function clientTitle(c: ClientInfo): string {
  return escapeHtml(`${c.describe} — ${c.version ?? c.reason ?? ''}`);
}

/** The header row(s): one per client, or with suites a group row over a userland row. */
function gridHead(doc: MatrixDocument, layout: ClientLayout): string {
  if (!layout.bySuite) {
    return `<tr><th></th>${doc.clients.map((c) => `<th class="client" title="${clientTitle(c)}">${escapeHtml(c.id)}</th>`).join('')}</tr>`;
  }
  const top = layout.groups.map((g) => (g.isModel
    ? `<th class="client first" rowspan="2" scope="col" title="${clientTitle(g.columns[0]!.client)}">${escapeHtml(g.base)}</th>`
    : `<th class="client group first" colspan="${g.columns.length}" scope="colgroup" title="${escapeHtml(g.columns[0]!.client.describe)}">${escapeHtml(g.base)}</th>`)).join('');
  const userlands = layout.groups.filter((g) => !g.isModel).flatMap((g) => g.columns.map((col, i) =>
    `<th class="userland${i === 0 ? ' first' : ''}" scope="col" data-client="${escapeHtml(col.client.id)}" title="${escapeHtml(`${col.client.id}: `)}${clientTitle(col.client)}">${escapeHtml(col.userland!)}</th>`)).join('');
  return `<tr><th rowspan="2"></th>${top}</tr>\n<tr>${userlands}</tr>`;
}

/** The "changed between releases" section ('' when there is nothing to compare). */
function changesHtml(doc: MatrixDocument): string {
  const releases = compareReleases(doc);
  if (!releases) return '';
  const badge = (outcome: Parameters<typeof outcomeStyle>[0]) => {
    const st = outcomeStyle(outcome);
    return `<b style="background:${st.css}">${st.symbol}</b> ${outcome}`;
  };
  const items = releases.changes.map((c) =>
    `<li data-scenario="${escapeHtml(c.scenario)}" data-base="${escapeHtml(c.base)}"><code>${escapeHtml(c.scenario)}</code> <code>${escapeHtml(c.base)}</code>: ${describeSides(c, (x) => badge(x.outcome), escapeHtml)}</li>`).join('');
  const list = releases.changes.length === 0 ? `<p>${NO_CHANGES}</p>` : `<p>${escapeHtml(CHANGES_NOTE)}.</p><ul class="changes">${items}</ul>`;
  const notRun = releases.notRun.length === 0 ? '' : `<p class="not-run">Not run, so not compared: ${releases.notRun.map((n) => escapeHtml(describeNotRun(n))).join('; ')}</p>`;
  return `<section id="changes"><h2>${CHANGES_TITLE}</h2>${list}${notRun}</section>\n`;
}

export function renderMatrixHtml(doc: MatrixDocument): string {
  const index = resultIndex(doc);
  const layout = clientLayout(doc);
  // The first column of each group gets a rule on its left (only with suites).
  const firsts = new Set(layout.bySuite ? layout.groups.map((g) => g.columns[0]!.client.id) : []);
  const head = gridHead(doc, layout);
  const body = doc.scenarios.map((s) => {
    const cells = layout.columns.map((c) => {
      const r = index.get(resultKey({ scenario: s.id, client: c.id }));
      const first = firsts.has(c.id) ? ' first' : '';
      if (!r) return first ? '<td class="first"></td>' : '<td></td>';
      const st = outcomeStyle(r.outcome);
      return `<td class="cell${first}"><button type="button" data-scenario="${escapeHtml(s.id)}" data-client="${escapeHtml(c.id)}" data-outcome="${r.outcome}" style="background:${st.css}" title="${escapeHtml(`${s.id} × ${c.id}: ${r.outcome}`)}">${st.symbol}</button></td>`;
    }).join('');
    return `<tr><th class="scenario${s.conformant ? '' : ' nc'}" title="${escapeHtml(s.title)}">${escapeHtml(s.id)}</th>${cells}</tr>`;
  }).join('\n');
  const legend = OUTCOME_STYLES.map((s) => `<span><b style="background:${s.css}">${s.symbol}</b> ${s.name}: ${escapeHtml(s.meaning)}</span>`).join('');
  const security = securityFindings(doc);
  const securityHtml = security.length === 0 ? '' : `<div class="security"><strong>Security:</strong> ${security.map((r) => `${escapeHtml(r.client)} on ${escapeHtml(r.scenario)}`).join(', ')} returned an address the chain does not lead to.</div>`;
  const breaks = breaksByClient(doc).map((b) => `<li><code>${escapeHtml(b.client)}</code> (${escapeHtml(b.version ?? 'n/a')}): ${escapeHtml(b.skipped ? `skipped: ${b.skipped}` : b.scenarios.join(', ') || 'none')}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dnsorder matrix</title><style>${layout.bySuite ? CSS + GROUP_CSS : CSS}</style></head>
<body>
<h1>dnsorder matrix</h1>
<p>${escapeHtml(`${doc.host.os}, ${doc.host.kernel}, ${doc.host.libc}; dnsorder ${doc.tool.version}; ${doc.results.length} cells in ${(doc.durationMs / 1000).toFixed(1)} s; generated ${doc.generatedAt}`)}</p>
${securityHtml}
<div class="legend">${legend} <span>* layout not conformant to draft-jabley-dnsop-ordered-answer-section</span></div>
<table class="grid"><thead>${head}</thead><tbody>
${body}
</tbody></table>
${changesHtml(doc)}<h2>Layouts that break each client</h2><ul>${breaks}</ul>
<section id="detail" hidden aria-live="polite"></section>
<script type="application/json" id="matrix-data">${scriptJson(doc)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
