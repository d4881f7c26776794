// Passive mode (`dnsorder probe RESOLVER --names …`) against lab resolvers
// that serve a local zone: dnsorder's scenario server, routed to by the
// resolver, stands in for the real names an operator would check. Loopback only.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ProbeDocument } from '../../src/probe/document.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { runCli } from '../helpers/cli.js';
import { missingPeers } from '../helpers/peers.js';
import { startLabResolver, type LabResolver } from '../helpers/resolvers.js';

const skip = missingPeers('unbound', 'dnsmasq');
const run = `p${Date.now().toString(36)}`;
const name = (scenario: string) => `${scenario}.${run}.order.test`;

describe.skipIf(skip)('dnsorder probe --names (passive)', () => {
  let scenarios: RunningServer;
  let unbound: LabResolver;
  let dnsmasq: LabResolver;
  beforeAll(async () => {
    scenarios = await startServer({ port: 0 });
    const routes = [{ zone: 'order.test', to: { address: scenarios.address, port: scenarios.port } }];
    [unbound, dnsmasq] = await Promise.all([startLabResolver('unbound', routes), startLabResolver('dnsmasq', routes)]);
  });
  afterAll(async () => {
    await Promise.all([unbound?.stop(), dnsmasq?.stop()]);
    await scenarios?.close();
  });

  it('checks each answer with a chain; unbound puts even the 2026-01-08 layout in order (exit 0)', async () => {
    const result = await runCli(['probe', `127.0.0.1:${unbound.port}`, '--names', [name('canonical'), name('cname-last'), name('no-chain')].join(','),
      '--types', 'A', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout) as ProbeDocument;
    expect(doc.inputs).toMatchObject({ mode: 'passive', authority: null, names: [name('canonical'), name('cname-last'), name('no-chain')] });
    expect(doc.results.map((r) => [r.test, r.verdict])).toEqual([
      [`${name('canonical')} A`, 'pass'], [`${name('cname-last')} A`, 'pass'],
      // Nothing to order without a CNAME: inconclusive, with that reason.
      [`${name('no-chain')} A`, 'inconclusive'],
    ]);
    expect(doc.results[2]!.detail).toContain('no CNAME chain');
    expect(doc.results[1]!.asks[0]).toMatchObject({ rcode: 'NOERROR', answer: [expect.stringMatching(/ CNAME /), expect.stringMatching(/ CNAME /), expect.stringMatching(/ A /), expect.stringMatching(/ A /)] });
  });

  it('catches dnsmasq relaying the cname-last layout (exit 1), reading names from a file', async () => {
    const namesDir = mkdtempSync(join(tmpdir(), 'dnsorder-names-'));
    onTestFinished(() => rmSync(namesDir, { recursive: true, force: true }));
    const file = join(namesDir, 'names.txt');
    writeFileSync(file, `# names to check\n${name('canonical')}\n\n${name('cname-last')}\n`);
    const result = await runCli(['probe', `127.0.0.1:${dnsmasq.port}`, '--names-file', file]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`${name('canonical')} A=pass\n`);
    expect(result.stdout).toContain(`${name('cname-last')} A=violation\n`);
    expect(result.stdout).toContain(`${name('cname-last')} AAAA=violation\n`);
    expect(result.stdout).toMatch(/violation chain-start \[0\]/);
  });

  it('exits 2 without names, and when the resolver answers nothing', async () => {
    expect((await runCli(['probe', '127.0.0.1:9', '--names-file', '/nonexistent/names'])).stderr).toContain('ERR_PROBE_NAMES');
    const silent = await runCli(['probe', '127.0.0.1:9', '--names', name('canonical'), '--types', 'A', '--timeout', '200']);
    expect([silent.code, silent.stderr.includes('ERR_PROBE_RESOLVER_UNREACHABLE')]).toEqual([2, true]);
  });
});
