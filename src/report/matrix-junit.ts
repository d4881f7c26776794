// The matrix as JUnit: one suite per client, one test case per scenario; a
// break is a failure, a wrong-address always is, a skip is a skip. With
// `--suites` a client in a root is its own suite whose id (and so classname,
// `dnsorder.matrix.glibc-getaddrinfo@trixie`) names the userland, which its
// properties also carry.
import type { MatrixDocument } from '../matrix/document.js';
import { renderJunit, type JunitSuite } from './junit.js';
import { clientLayout, placeOf } from './matrix-releases.js';

export function renderMatrixJunit(doc: MatrixDocument): string {
  const bySuite = clientLayout(doc).bySuite;
  const suites: JunitSuite[] = doc.clients.map((c) => ({
    name: c.id,
    properties: { version: c.version ?? '', describe: c.describe, ...(bySuite ? place(c) : {}) },
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

/** A real client's base id and userland as suite properties (a model has none). */
function place(c: MatrixDocument['clients'][number]): Record<string, string> {
  const p = placeOf(c);
  return p.userland === undefined ? {} : { base: p.base, userland: p.userland };
}
