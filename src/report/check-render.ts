// Renders a dnsorder.check/v1 document: per response one line (where it came
// from, its id and question, conformant or not), its answer section and its
// findings; for a dnstap file the frames that were not judged; then one
// summary line. JSON is the document.

import { formatFinding } from '../order/finding.js';
import type { CheckDocument, CheckResult, DnstapTotals } from '../order/check-document.js';

export type CheckFormat = 'text' | 'json';

export function renderCheck(doc: CheckDocument, format: CheckFormat): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  const { results, dnstap } = doc;
  const bad = results.filter((r) => !r.conformant).length;
  return results.map(responseText).join('') + (dnstap ? dnstapText(dnstap) : '') + `${results.length} response(s), ${bad} with violations` +
    (dnstap ? `; ${dnstap.queries} query message(s) counted, ${dnstap.invalidCount} frame(s) not dnstap messages` : '') + '\n';
}

function dnstapText(t: DnstapTotals): string {
  const lines = t.invalid.map((i) => `frame ${i.frame} (at octet ${i.offset}): not a dnstap message: ${i.message} [${i.code}]`);
  if (t.invalidCount > t.invalid.length) lines.push(`… and ${t.invalidCount - t.invalid.length} more frame(s) that are not dnstap messages`);
  if (t.responsesWithoutMessage > 0) lines.push(`${t.responsesWithoutMessage} response message(s) logged without the DNS message (not judged)`);
  return lines.map((l) => `${l}\n`).join('');
}

function responseText(r: CheckResult): string {
  const where = r.dnstap ? ` (frame ${r.frame} at octet ${r.dnstap.offset}, ${r.dnstap.type}${r.from ? `, ${r.from} → ${r.to ?? '?'}` : ''}` +
      `${r.dnstap.identity ? `, ${r.dnstap.identity}${r.dnstap.version ? ` ${r.dnstap.version}` : ''}` : ''})`
    : r.frame !== null ? ` (frame ${r.frame}, ${r.from} → ${r.to})` : '';
  const q = r.question ? ` ${r.question.name} ${r.question.type}` : '';
  const id = r.id !== null ? ` id ${r.id}` : '';
  const violations = r.findings.filter((f) => f.severity === 'violation').length;
  const warnings = r.findings.length - violations;
  const lines = [`response ${r.response}${where}${id}${q}: ${r.conformant ? 'conformant' : 'NOT conformant'}, ${violations} violation(s), ${warnings} warning(s)`];
  if (r.answer) {
    // A zone file line per record (owner with its dot), as every report prints records.
    r.answer.forEach((a, i) => lines.push(`  [${i}] ${a.name === '.' ? '.' : `${a.name}.`} ${a.ttl ?? 0} ${a.class} ${a.type} ${a.data}`));
  }
  for (const f of r.findings) {
    lines.push(`  ${formatFinding({ ...f, spec: { ref: f.spec } })}`);
  }
  return lines.join('\n') + '\n';
}
