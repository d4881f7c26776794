// `dnsorder probe` end to end against a real unbound started by the test:
// the CLI serves the probe zone at --authority, unbound sends the zone there
// (stub-zone), and the report says what unbound did with every test.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeDocument } from '../../src/probe/document.js';
import { runCli } from '../helpers/cli.js';
import { missingPeers } from '../helpers/peers.js';
import { freePort } from '../helpers/ports.js';
import { startLabResolver, type LabResolver } from '../helpers/resolvers.js';

const skip = missingPeers('unbound');

describe.skipIf(skip)('dnsorder probe against unbound', () => {
  let unbound: LabResolver;
  let authorityPort: number;
  beforeAll(async () => {
    authorityPort = await freePort();
    unbound = await startLabResolver('unbound', [{ zone: 'probe.test', to: { address: '127.0.0.1', port: authorityPort } }]);
  });
  afterAll(async () => {
    await unbound?.stop();
  });

  it('runs every test, reports dnsorder.probe/v1 and exits 0 (unbound violates nothing)', async () => {
    const result = await runCli(['probe', `127.0.0.1:${unbound.port}`, '--authority', `127.0.0.1:${authorityPort}`, '--format', 'json', '--label', unbound.label]);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as ProbeDocument;
    expect(doc.schema).toBe('dnsorder.probe/v1');
    expect(doc.inputs.resolver).toMatchObject({ port: unbound.port, version: expect.stringMatching(/^unbound 1\./) });
    expect(doc.results.length).toBeGreaterThanOrEqual(28);
    // unbound builds every answer from its own cache in chain order, whatever order the authority used.
    expect(doc.results.filter((r) => r.verdict !== 'pass').map((r) => `${r.test}=${r.verdict}: ${r.detail}`)).toEqual([]);
    const behaviour = Object.fromEntries(doc.results.map((r) => [r.test, r.behaviour]));
    expect(behaviour).toMatchObject({
      'authority-a-first': 'reordered', 'authority-shuffled': 'reordered', 'dname-address-first': 'reordered',
      // unbound 1.17's iterator gives up after 8 CNAME restarts (MAX_RESTART_COUNT) with SERVFAIL.
      'long-8': 'in order', 'long-16': 'servfail', 'long-17': 'servfail', 'long-33': 'servfail',
    });
    expect(doc.results.find((r) => r.test === 'large-answer')!.asks[0]).toMatchObject({ truncatedOverUdp: true, transport: 'tcp' });
    // The pass rests on evidence: unbound re-fetched the expired A RRset while answering the question after the wait.
    expect(doc.results.find((r) => r.test === 'expiry-last-hop')!.detail).toContain('was built from a re-fetch');
    expect(doc.coverage!.notExercised).toEqual([]);
    expect(doc.inputs.resolver).toMatchObject({ label: unbound.label, labelSource: 'option' });
  });

  it('prints one grep-able test=verdict line per test in the table format', async () => {
    const result = await runCli(['probe', `127.0.0.1:${unbound.port}`, '--authority', `127.0.0.1:${authorityPort}`, '--tests', 'whole-chain,chase']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((l) => /^[a-z0-9-]+=[a-z]+$/.test(l))).toEqual([
      'whole-chain=pass', 'chase-three-hops=pass', 'chase-delegated=pass',
    ]);
  });
});
