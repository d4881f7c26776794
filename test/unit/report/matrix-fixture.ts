// A small hand-made matrix document for renderer tests.
import { MATRIX_SCHEMA, type MatrixDocument } from '../../../src/matrix/document.js';

export function sampleMatrix(): MatrixDocument {
  const scenario = (id: string, conformant: boolean) => ({
    id, title: `title of ${id}`, category: 'order', conformant, queryType: 'A' as const,
    answer: [`${id}.order.test 300 IN CNAME cdn.${id}.order.test`], expected: { addresses: ['192.0.2.1', '192.0.2.2'], canonical: `edge.${id}.order.test`, kind: 'addresses' },
  });
  const raw = { stdout: '{"addresses":[]}', stderr: '', exitCode: null, signal: null, timedOut: false, durationMs: 4 };
  return {
    schema: MATRIX_SCHEMA,
    tool: { name: 'dnsorder', version: '0.0.0-test' },
    generatedAt: '2026-01-08T00:00:00.000Z',
    durationMs: 1234,
    host: { os: 'Debian GNU/Linux 12 (bookworm)', kernel: 'linux 6.1', arch: 'x64', libc: 'glibc 2.36', node: 'v20', cpus: 2 },
    inputs: { clients: ['lib-a', 'lib-b'], scenarios: ['canonical', 'cname-last'], zone: 'order.test', jobs: 2, timeoutMs: 8000, isolation: 'none' },
    clients: [
      { id: 'lib-a', kind: 'real', describe: 'library a', version: 'a 1.0', available: true, discovery: 'explicit-server' },
      { id: 'lib-b', kind: 'real', describe: 'library b', version: null, available: false, reason: 'not installed <here>', discovery: 'system-config' },
    ],
    scenarios: [scenario('canonical', true), scenario('cname-last', false)],
    results: [
      { scenario: 'canonical', client: 'lib-a', outcome: 'ok', addresses: ['192.0.2.1', '192.0.2.2'], canonical: null, queries: 1, detail: 'all addresses', breaks: false, query: 'canonical.x.order.test', raw },
      { scenario: 'canonical', client: 'lib-b', outcome: 'skipped', addresses: [], canonical: null, queries: null, detail: 'not installed <here>', breaks: false },
      { scenario: 'cname-last', client: 'lib-a', outcome: 'wrong-address', addresses: ['198.51.100.66'], canonical: null, queries: 2, detail: 'returned 198.51.100.66, which the chain does not lead to', breaks: true, query: 'cname-last.y.order.test', raw },
      { scenario: 'cname-last', client: 'lib-b', outcome: 'skipped', addresses: [], canonical: null, queries: null, detail: 'not installed <here>', breaks: false },
    ],
  };
}

/**
 * The same clients on the host and in a trixie root (`--suites host,trixie`),
 * plus a model: glibc-getaddrinfo changes on cname-last (no-address on the
 * host, ok in trixie) and not elsewhere; musl-getaddrinfo is not installed in
 * trixie, so its trixie cells are skipped; model-glibc has no userland.
 */
export function suitesMatrix(): MatrixDocument {
  const base = sampleMatrix();
  const scenario = (id: string, conformant: boolean) => ({ ...base.scenarios[0]!, id, title: `title of ${id}`, conformant });
  type Cell = MatrixDocument['results'][number];
  const cell = (scenario: string, client: string, userland: string | undefined, outcome: Cell['outcome'], breaks = false): Cell => ({
    scenario, client, ...(userland ? { userland } : {}), outcome,
    addresses: outcome === 'ok' ? ['192.0.2.1', '192.0.2.2'] : [], canonical: null,
    queries: outcome === 'skipped' || userland === undefined ? null : 1,
    detail: outcome === 'skipped' ? 'musl-dev is not installed in trixie' : outcome === 'ok' ? 'all addresses' : 'EAI_NONAME: Name or service not known',
    breaks,
  });
  return {
    ...base,
    inputs: { ...base.inputs, clients: ['glibc-getaddrinfo', 'glibc-getaddrinfo@trixie', 'musl-getaddrinfo', 'musl-getaddrinfo@trixie', 'model-glibc'], scenarios: ['canonical', 'cname-last', 'unrelated-first'], userlands: ['host', 'trixie'] },
    clients: [
      { id: 'glibc-getaddrinfo', base: 'glibc-getaddrinfo', userland: 'host', kind: 'real', describe: 'glibc getaddrinfo()', version: 'glibc 2.36', available: true, discovery: 'system-config' },
      { id: 'glibc-getaddrinfo@trixie', base: 'glibc-getaddrinfo', userland: 'trixie', kind: 'real', describe: 'glibc getaddrinfo()', version: 'glibc 2.41', available: true, discovery: 'system-config' },
      { id: 'musl-getaddrinfo', base: 'musl-getaddrinfo', userland: 'host', kind: 'real', describe: 'musl getaddrinfo()', version: 'musl 1.2.3', available: true, discovery: 'explicit-server' },
      { id: 'musl-getaddrinfo@trixie', base: 'musl-getaddrinfo', userland: 'trixie', kind: 'real', describe: 'musl getaddrinfo()', version: null, available: false, reason: 'musl-dev is not installed in trixie', discovery: 'explicit-server' },
      { id: 'model-glibc', kind: 'model', describe: 'model of glibc getaddrinfo', version: 'model', available: true, discovery: 'explicit-server' },
    ],
    scenarios: [scenario('canonical', true), scenario('cname-last', false), scenario('unrelated-first', false)],
    results: [
      cell('canonical', 'glibc-getaddrinfo', 'host', 'ok'),
      cell('canonical', 'glibc-getaddrinfo@trixie', 'trixie', 'ok'),
      cell('canonical', 'musl-getaddrinfo', 'host', 'ok'),
      cell('canonical', 'musl-getaddrinfo@trixie', 'trixie', 'skipped'),
      cell('canonical', 'model-glibc', undefined, 'ok'),
      cell('cname-last', 'glibc-getaddrinfo', 'host', 'no-address', true),
      cell('cname-last', 'glibc-getaddrinfo@trixie', 'trixie', 'ok'),
      cell('cname-last', 'musl-getaddrinfo', 'host', 'no-address', true),
      cell('cname-last', 'musl-getaddrinfo@trixie', 'trixie', 'skipped'),
      cell('cname-last', 'model-glibc', undefined, 'no-address', true),
      cell('unrelated-first', 'glibc-getaddrinfo', 'host', 'ok'),
      cell('unrelated-first', 'glibc-getaddrinfo@trixie', 'trixie', 'ok'),
      cell('unrelated-first', 'musl-getaddrinfo', 'host', 'ok'),
      cell('unrelated-first', 'musl-getaddrinfo@trixie', 'trixie', 'skipped'),
      cell('unrelated-first', 'model-glibc', undefined, 'ok'),
    ],
  };
}

/** suitesMatrix() as a host-only run (`--suites host`, the default): the trixie columns removed. */
export function hostOnlyMatrix(): MatrixDocument {
  const doc = suitesMatrix();
  const keep = (id: string) => !id.endsWith('@trixie');
  return {
    ...doc,
    inputs: { ...doc.inputs, clients: doc.inputs.clients.filter(keep), userlands: ['host'] },
    clients: doc.clients.filter((c) => keep(c.id)),
    results: doc.results.filter((r) => keep(r.client)),
  };
}
