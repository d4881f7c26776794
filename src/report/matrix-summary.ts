// Facts every matrix format states the same way: the grid lookup, which
// layouts break each client, and the wrong-address security findings.
import { resultKey, type MatrixDocument, type MatrixResult } from '../matrix/document.js';

export function resultIndex(doc: MatrixDocument): Map<string, MatrixResult> {
  return new Map(doc.results.map((r) => [resultKey(r), r]));
}

export interface ClientBreaks {
  client: string;
  version: string | null;
  /** Scenario ids the client breaks on, in scenario order. */
  scenarios: string[];
  skipped?: string;
}

export function breaksByClient(doc: MatrixDocument): ClientBreaks[] {
  return doc.clients.map((c) => ({
    client: c.id,
    version: c.version,
    scenarios: doc.results.filter((r) => r.client === c.id && r.breaks).map((r) => r.scenario),
    skipped: c.available ? undefined : c.reason,
  }));
}

export function securityFindings(doc: MatrixDocument): MatrixResult[] {
  return doc.results.filter((r) => r.outcome === 'wrong-address');
}

export function outcomeCounts(doc: MatrixDocument): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of doc.results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

/** wrong-address cells grouped by client, in client order: "client → scenarios". */
export function securityByClient(doc: MatrixDocument): Array<{ client: string; scenarios: string[] }> {
  const findings = securityFindings(doc);
  return doc.clients
    .map((c) => ({ client: c.id, scenarios: findings.filter((r) => r.client === c.id).map((r) => r.scenario) }))
    .filter((x) => x.scenarios.length > 0);
}
