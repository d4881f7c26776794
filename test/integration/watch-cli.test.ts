// `dnsorder watch` as an operator runs it (bin/dnsorder.js, needs the build):
// two real resolvers (unbound, and Knot Resolver in STUB mode, which passes
// an out-of-order answer on) logging to one watcher at once while the
// probe's tests go through them. The watcher names each by its dnstap
// identity/version and connection, logs the violating answer as a JSON line
// that `dnsorder check - --hex` judges the same way, serves the counters at
// /metrics, and prints the final summary and exits 0 on SIGTERM.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeAuthority, type ProbeAuthority } from '../../src/probe/authority.js';
import { probeResolver } from '../../src/probe/runner.js';
import { runCli } from '../helpers/cli.js';
import { missingPeers } from '../helpers/peers.js';
import { outputMatches } from '../helpers/wait.js';
import { startLabResolver, type LabResolver } from '../helpers/resolvers.js';

const BIN = join(import.meta.dirname, '../../bin/dnsorder.js');

describe.skipIf(missingPeers('unbound', 'kresd'))('dnsorder watch with real resolvers', () => {
  let dir: string;
  let watch: ChildProcess;
  let stdout = '';
  let stderr = '';
  let authority: ProbeAuthority;
  const resolvers: LabResolver[] = [];
  let metricsPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dnsorder-watch-cli-'));
    const socketPath = join(dir, 'dnstap.sock');
    watch = spawn(process.execPath, [BIN, 'watch', '--dnstap-socket', socketPath, '--log-json', '--interval', '0.5', '--metrics', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    watch.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    watch.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const ready = await outputMatches([watch.stdout!, watch.stderr!], () => stderr, (s) => s.includes('"event":"listening"'), 'the ready line');
    metricsPort = JSON.parse(ready.split('\n').find((l) => l.includes('"listening"'))!).metrics.port;
    authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
    for (const kind of ['unbound', 'knot-resolver-stub'] as const) {
      resolvers.push(await startLabResolver(kind, [{ zone: authority.origin, to: authority }], { dnstap: { socketPath } }));
    }
    await Promise.all(resolvers.map((resolver) => probeResolver({ resolver, authority, tests: ['whole-chain', 'authority-a-first'] })));
  }, 120_000);

  afterAll(async () => {
    watch?.kill('SIGKILL');
    for (const r of resolvers) await r.stop();
    await authority?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs the violating answer as a JSON line that dnsorder check judges the same way', async () => {
    await outputMatches([watch.stdout!, watch.stderr!], () => stdout, (s) => s.includes('"event":"violation"'), 'a violation line');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.every((l) => l.event === 'violation')).toBe(true);
    expect(lines).toHaveLength(1);
    const [v] = lines;
    expect(v).toMatchObject({ type: 'CLIENT_RESPONSE', version: '5.6.0', rules: ['chain-start', 'terminal-after-chain'], protocol: 'UDP' });
    expect(v.question.name).toMatch(/^authority-a-first\./);
    const replay = await runCli(['check', '-', '--hex', '--format', 'json'], v.message);
    expect(replay.code).toBe(1);
    const [result] = JSON.parse(replay.stdout).results;
    expect(result.findings.filter((f: { severity: string }) => f.severity === 'violation').map((f: { rule: string }) => f.rule)).toEqual(v.rules);
  });

  it('serves the counters in the Prometheus text format', async () => {
    const body = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(body).toMatch(/^dnsorder_dnstap_violating_responses_total 1$/m);
    expect(body).toMatch(/^dnsorder_dnstap_rule_violations_total\{rule="terminal-after-chain"\} 1$/m);
    expect(body).toMatch(/^dnsorder_dnstap_connections 2$/m);
  });

  it('prints a summary every interval naming both resolvers, and the final one on SIGTERM, then exits 0', async () => {
    await outputMatches([watch.stdout!, watch.stderr!], () => stderr, (s) => /unbound 1\.\d+\.\d+\) unix#\d, open/.test(s) && /\(5\.6\.0\) unix#\d, open: \d+ responses, 1 violating/.test(s), 'both sources in a summary');
    const exit = new Promise<number | null>((resolve) => watch.once('exit', (code) => resolve(code)));
    const before = stderr.length;
    watch.kill('SIGTERM');
    expect(await exit).toBe(0);
    const final = stderr.slice(before);
    expect(final).toContain('violations by rule:  chain-start 1, terminal-after-chain 1');
    expect(final).toMatch(/by message type:     CLIENT_RESPONSE 1 of \d+/);
    expect(final).toMatch(/last offending answer:\n\s+\S+ CLIENT_RESPONSE from \S+: authority-a-first\.\S+ A — chain-start, terminal-after-chain\n\s+edge\.authority-a-first\.\S+ \d+ IN A 192\.0\.2\.[12]\n/);
    expect(final).toContain('{"event":"closed","reason":"SIGTERM"}');
  });
});
