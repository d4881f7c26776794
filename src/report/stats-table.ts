// The `--stats` summary printed on exit: totals, drops, then one row per
// scenario × qtype with UDP and TCP counts.

import { renderTextTable } from './text-table.js';
import type { ServerStats } from '../server/index.js';

export function formatStatsTable(stats: ServerStats): string {
  const lines: string[] = [];
  lines.push(`queries ${stats.queries}  responses ${stats.responses}  udp ${stats.byTransport.udp}  tcp ${stats.byTransport.tcp}`);
  lines.push(`truncated (TC) ${stats.truncated}  tcp retries after TC ${stats.tcpRetriesAfterTruncation}  follow-ups ${stats.followUps}  transfers ${stats.transfers}  errors ${stats.errors}`);
  lines.push(`rcodes  ${Object.entries(stats.byRcode).map(([k, v]) => `${k} ${v}`).join('  ') || '-'}`);
  lines.push(`drops   ${Object.entries(stats.drops).map(([k, v]) => `${k} ${v}`).join('  ')}`);
  lines.push(`tcp     accepted ${stats.tcp.accepted}  open ${stats.tcp.open}  idle timeouts ${stats.tcp.idleTimeouts} (incomplete query ${stats.tcp.incompleteQueryTimeouts})`);
  const t = stats.transfer;
  lines.push(`xfr     started ${stats.transfers}  completed ${t.completed}  aborted ${t.aborted}  refused over limit ${t.refusedOverLimit}`);
  if (stats.mutations.retargeted + stats.mutations.skipped > 0) {
    lines.push(`mutations not fitting the answer: retargeted ${stats.mutations.retargeted}  skipped ${stats.mutations.skipped}`);
  }
  lines.push(`clients ${Object.keys(stats.byClient).length}`);
  const rows: string[][] = [];
  for (const [scenario, byType] of Object.entries(stats.byScenario).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [qtype, counts] of Object.entries(byType)) rows.push([scenario, qtype, String(counts.udp), String(counts.tcp)]);
  }
  const table = rows.length > 0 ? `\n${renderTextTable(['scenario', 'qtype', 'udp', 'tcp'], rows, { align: ['left', 'left', 'right', 'right'] })}` : '';
  return lines.join('\n') + '\n' + table;
}
