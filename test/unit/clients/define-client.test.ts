// The library side of users' clients: defineClient({ id, run }) with
// runMatrix({ extraClients }), against the real scenario server on loopback
// (no namespace): a run() that resolves with node:dns against the server it is
// handed, one that throws, one that never settles, one that returns garbage.
import { Resolver } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { defineClient, runMatrix, type ClientRequest, type ClientResult } from '../../../src/index.js';
import { namespaceSupport } from '../../../src/clients/namespace.js';
import { requirement } from '../../helpers/peers.js';

async function cares(request: ClientRequest): Promise<ClientResult> {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`${request.server.address}:${request.server.port}`]);
  try {
    const addresses = request.type === 'AAAA' ? await resolver.resolve6(request.name) : await resolver.resolve4(request.name);
    return { addresses, canonical: null, error: null };
  } catch (err) {
    return { addresses: [], error: { code: (err as NodeJS.ErrnoException).code ?? 'ERROR', text: (err as Error).message } };
  }
}

describe('defineClient({ id, run }) in runMatrix', () => {
  it('runs beside the selected clients and is judged like any other', async () => {
    let aborted = 0;
    const doc = await runMatrix({
      clients: 'model-glibc',
      extraClients: [
        defineClient({ id: 'mine', run: cares, describe: 'node:dns Resolver', version: 'mine 1' }),
        defineClient({ id: 'throws', run: () => { throw new Error('boom'); } }),
        defineClient({ id: 'hangs', run: (r) => new Promise<ClientResult>(() => r.signal.addEventListener('abort', () => aborted++)) }),
        defineClient({ id: 'garbage', run: async () => ({ nope: true }) as unknown as ClientResult }),
      ],
      scenarios: 'canonical,cname-last,canonical-aaaa',
      isolation: 'none',
      timeoutMs: 1500,
      jobs: 2,
    });
    const cell = (s: string, c: string) => doc.results.find((r) => r.scenario === s && r.client === c)!;
    expect(doc.clients.map((c) => [c.id, c.discovery, c.available, c.version])).toEqual([
      ['model-glibc', 'explicit-server', true, expect.any(String)],
      ['mine', 'explicit-server', true, 'mine 1'], ['throws', 'explicit-server', true, null],
      ['hangs', 'explicit-server', true, null], ['garbage', 'explicit-server', true, null],
    ]);
    // node:dns resolve4 is c-ares 1.34 (node-cares): every address on both layouts.
    expect(cell('canonical', 'mine')).toMatchObject({ outcome: 'ok', addresses: ['192.0.2.1', '192.0.2.2'], queries: 1 });
    expect(cell('cname-last', 'mine')).toMatchObject({ outcome: 'ok', addresses: ['192.0.2.1', '192.0.2.2'] });
    expect(cell('canonical-aaaa', 'mine')).toMatchObject({ outcome: 'ok', addresses: ['2001:db8::1', '2001:db8::2'] });
    expect(cell('cname-last', 'model-glibc').outcome).toBe('no-address');
    for (const s of ['canonical', 'cname-last', 'canonical-aaaa']) {
      expect(cell(s, 'throws')).toMatchObject({ outcome: 'error' });
      expect(cell(s, 'throws').detail).toContain('run() threw: boom');
      expect(cell(s, 'hangs')).toMatchObject({ outcome: 'timeout' });
      expect(cell(s, 'garbage')).toMatchObject({ outcome: 'error' });
    }
    expect(aborted).toBe(3);
    expect(doc.results).toHaveLength(15);
  });

  it('a command client from defineClient gets {server} and {port}', async () => {
    const script = 'const [n, t, s, p] = process.argv.slice(1); console.log(JSON.stringify({ addresses: [], canonical: null, error: { code: "ECHO", text: [n, t, s, p].join(" ") } }))';
    const doc = await runMatrix({
      adapters: [],
      extraClients: [defineClient({ id: 'echo', command: ['node', '-e', script, '{name}', '{type}', '{server}', '{port}'] })],
      scenarios: 'canonical-aaaa',
      isolation: 'none',
    });
    const [r] = doc.results;
    const [name, type, server, port] = r!.detail.replace(/^ECHO: /, '').split(' ');
    expect({ name, type }).toEqual({ name: r!.query, type: 'AAAA' });
    expect(server).toMatch(/^127\.0\.0\.1$|^::1$/);
    expect(Number(port)).toBeGreaterThan(0);
    expect(r!.outcome).toBe('error'); // no address and an error that is not "not found"
  });
});

const support = await namespaceSupport();

describe.skipIf(requirement(support.ok ? undefined : `network namespaces are not available: ${support.reason}`))('a run() client beside clients that need the namespace', () => {
  it('is skipped with the reason: it cannot reach the server inside the namespace', async () => {
    const doc = await runMatrix({
      clients: 'glibc-getaddrinfo',
      extraClients: [defineClient({ id: 'mine', run: cares })],
      scenarios: 'canonical',
    });
    const mine = doc.clients.find((c) => c.id === 'mine')!;
    expect(mine.available).toBe(false);
    expect(mine.reason).toMatch(/cannot reach the scenario server inside network namespace/);
    expect(doc.results.find((r) => r.client === 'mine')!.outcome).toBe('skipped');
    expect(doc.results.find((r) => r.client === 'glibc-getaddrinfo')!.outcome).toBe('ok');
  });
});
