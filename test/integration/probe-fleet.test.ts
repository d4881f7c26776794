// `dnsorder probe --resolvers-file`: two real resolvers of the lab probed at
// once through one authority, each with its own fresh labels — unbound, which
// rebuilds every answer in order, and dnsmasq, which passes the authority's
// out-of-order answer through — in one combined report, with each resolver's
// exit status under it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { missingPeers } from '../helpers/peers.js';
import { freePort } from '../helpers/ports.js';
import { startLabResolver, type LabResolver } from '../helpers/resolvers.js';

const skip = missingPeers('unbound', 'dnsmasq');
const TESTS = 'whole-chain,authority-a-first,authority-reversed,dname-cname-first,expiry-last-hop';

describe.skipIf(skip)('dnsorder probe --resolvers-file', () => {
  let unbound: LabResolver;
  let dnsmasq: LabResolver;
  let authorityPort: number;
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-fleet-'));
  beforeAll(async () => {
    authorityPort = await freePort();
    const routes = [{ zone: 'probe.test', to: { address: '127.0.0.1', port: authorityPort } }];
    [unbound, dnsmasq] = await Promise.all([startLabResolver('unbound', routes), startLabResolver('dnsmasq', routes)]);
  });
  afterAll(async () => {
    await Promise.all([unbound?.stop(), dnsmasq?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('probes both at once into one combined report and exits 1 for the one that violates', async () => {
    const file = join(dir, 'resolvers.txt');
    writeFileSync(file, `# the lab\n127.0.0.1:${unbound.port} ${unbound.label}\n\n127.0.0.1:${dnsmasq.port}   ${dnsmasq.label}  # a forwarder\n`);
    const r = await runCli(['probe', '--resolvers-file', file, '--authority', `127.0.0.1:${authorityPort}`, '--tests', TESTS, '--jobs', '2']);
    expect(r.code, r.stderr).toBe(1);
    const [header, , ...rows] = r.stdout.split('\n');
    expect(header).toContain(`${unbound.label} 127.0.0.1:${unbound.port}`);
    expect(header).toContain(`${dnsmasq.label} 127.0.0.1:${dnsmasq.port}`);
    const row = (test: string) => rows.find((l) => l.startsWith(`${test} `))!.split(/\s{2,}/).slice(1);
    expect(row('authority-a-first')).toEqual(['pass (reordered)', 'violation (passed through)']);
    expect(row('dname-cname-first')).toEqual(['pass (reordered)', 'violation (passed through)']);
    expect(row('expiry-last-hop')).toEqual(['pass', 'inconclusive (not from cache)']);
    // Each resolver's exit status, as a run against it alone would end.
    expect(r.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${unbound.port} \\(${unbound.label.replace(/[.()]/g, '\\$&')}\\): exit 0 — 5 tests: 5 pass`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^127\\.0\\.0\\.1:${dnsmasq.port} \\(${dnsmasq.label.replace(/[.()]/g, '\\$&')}\\): exit 1 — 5 tests: 1 pass, 3 violation`, 'm'));
    expect(r.stderr).toMatch(/probe: \[2\/2\]/);
  }, 60_000);

  it('writes JSON with each resolver\'s report, probed at once, and exit 2 for a resolver that does not answer', async () => {
    const silent = await freePort();
    const file = join(dir, 'three.txt');
    writeFileSync(file, `127.0.0.1:${unbound.port}\n127.0.0.1:${dnsmasq.port}\n127.0.0.1:${silent} nobody\n`);
    const r = await runCli(['probe', '--resolvers-file', file, '--authority', `127.0.0.1:${authorityPort}`, '--tests', 'whole-chain,expiry-last-hop', '--timeout', '300', '--format', 'json']);
    expect(r.code, r.stderr).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('dnsorder.probe-fleet/v1');
    expect(doc.resolvers.map((x: { exit: number }) => x.exit)).toEqual([0, 1, 2]);
    expect(doc.resolvers[0].report.schema).toBe('dnsorder.probe/v1');
    expect(doc.resolvers[2]).toMatchObject({ label: 'nobody', error: { code: 'ERR_PROBE_RESOLVER_UNREACHABLE' } });
    // At once, not one after the other: each run spends the expiry test's wait (> 3 s), and the two overlap.
    const span = (report: { generatedAt: string; durationMs: number }) => [Date.parse(report.generatedAt) - report.durationMs, Date.parse(report.generatedAt)];
    const [a, b] = [span(doc.resolvers[0].report), span(doc.resolvers[1].report)];
    expect(a[0]! < b[1]! && b[0]! < a[1]!, JSON.stringify([a, b])).toBe(true);
    // Each with its own fresh labels.
    expect(doc.resolvers[0].report.inputs.runId).not.toBe(doc.resolvers[1].report.inputs.runId);
  }, 60_000);

  it('refuses a resolver beside the file, and a bad line, with exit 2', async () => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, '127.0.0.1:53\nnot-an-address\n');
    expect((await runCli(['probe', '--resolvers-file', file])).stderr).toMatch(/bad\.txt:2: resolver "not-an-address"/);
    expect((await runCli(['probe', '127.0.0.1:53', '--resolvers-file', file])).stderr).toMatch(/leave out 127\.0\.0\.1:53/);
  });
});
