// The matrix as JUnit: one suite per client, one test case per scenario; a
// break is a failure, a wrong-address always is, a skip is a skip.
import type { MatrixDocument } from './matrix-document.js';
import { renderJunit, type JunitSuite } from './junit.js';

export function renderMatrixJunit(doc: MatrixDocument): string {
  const suites: JunitSuite[] = doc.clients.map((c) => ({
    name: c.id,
    properties: { version: c.version ?? '', describe: c.describe },
    cases: doc.results.filter((r) => r.client === c.id).map((r) => ({
      name: r.scenario,
      classname: `dnsorder.matrix.${c.id}`,
      timeMs: r.raw?.durationMs,
      failure: r.breaks || r.outcome === 'wrong-address' ? { message: `${r.outcome}: ${r.detail}`, type: r.outcome, body: r.raw?.stdout ?? '' } : undefined,
      skipped: r.outcome === 'skipped' ? r.detail : undefined,
      systemOut: r.raw ? `query ${r.query} (${r.queries ?? '?'} queries)\n${r.raw.stdout}` : undefined,
    })),
  }));
  return renderJunit(suites, 'dnsorder matrix');
}
