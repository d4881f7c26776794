// The `--stats` summary printed on exit: totals, drops, then one row per
// scenario × qtype with UDP and TCP counts.

import type { ServerStats } from './stats.js';

export function formatStatsTable(stats: ServerStats): string {
  const lines: string[] = [];
  lines.push(`queries ${stats.queries}  responses ${stats.responses}  udp ${stats.byTransport.udp}  tcp ${stats.byTransport.tcp}`);
  lines.push(`truncated (TC) ${stats.truncated}  tcp retries after TC ${stats.tcpRetriesAfterTruncation}  follow-ups ${stats.followUps}  transfers ${stats.transfers}  errors ${stats.errors}`);
  lines.push(`rcodes  ${Object.entries(stats.byRcode).map(([k, v]) => `${k} ${v}`).join('  ') || '-'}`);
  lines.push(`drops   ${Object.entries(stats.drops).map(([k, v]) => `${k} ${v}`).join('  ')}`);
  lines.push(`tcp     accepted ${stats.tcp.accepted}  open ${stats.tcp.open}  idle timeouts ${stats.tcp.idleTimeouts}`);
  lines.push(`clients ${Object.keys(stats.byClient).length}`);
  const rows: string[][] = [];
  for (const [scenario, byType] of Object.entries(stats.byScenario).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [qtype, counts] of Object.entries(byType)) rows.push([scenario, qtype, String(counts.udp), String(counts.tcp)]);
  }
  if (rows.length > 0) {
    const header = ['scenario', 'qtype', 'udp', 'tcp'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const format = (r: string[]) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
    lines.push('', format(header), ...rows.map(format));
  }
  return lines.join('\n') + '\n';
}
