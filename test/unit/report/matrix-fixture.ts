// A small hand-made matrix document for renderer tests.
import { MATRIX_SCHEMA, type MatrixDocument } from '../../../src/report/matrix-document.js';

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
