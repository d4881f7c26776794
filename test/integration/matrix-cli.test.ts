// `dnsorder matrix` end to end through bin/dnsorder.js (needs `npm run build`):
// exit codes, --format json/--out, --expect with a changed cell, and the
// namespace being removed when the run is interrupted with SIGINT.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/wait.js';

const BIN = fileURLToPath(new URL('../../bin/dnsorder.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dnsorder-matrix-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'matrix', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });

/** Alive and not a zombie (a killed orphan may wait for a busy init to reap it). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('dnsorder matrix (CLI)', () => {
  const baseline = join(dir, 'baseline.json');

  it('writes a dnsorder.matrix/v1 document and exits 0 when the run completed', () => {
    const r = cli('--clients', 'dnspython,glibc-getaddrinfo', '--scenarios', 'canonical,cname-last', '--format', 'json', '--out', baseline);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(doc.schema).toBe('dnsorder.matrix/v1');
    expect(doc.host.kernel).toMatch(/^linux /);
    expect(doc.results.map((x: { scenario: string; client: string; outcome: string }) => `${x.scenario}/${x.client}/${x.outcome}`)).toEqual([
      'canonical/glibc-getaddrinfo/ok', 'canonical/dnspython/ok', 'cname-last/glibc-getaddrinfo/no-address', 'cname-last/dnspython/ok',
    ]);
    expect(r.stderr).toContain('4 cells, 2/2 clients');
  });

  it('--expect: same outcomes exit 0, a changed cell exits 1 and is printed', () => {
    expect(cli('--clients', 'dnspython,glibc-getaddrinfo', '--scenarios', 'canonical,cname-last', '--expect', baseline).status).toBe(0);
    const doc = JSON.parse(readFileSync(baseline, 'utf8'));
    doc.results.find((x: { scenario: string; client: string }) => x.scenario === 'cname-last' && x.client === 'glibc-getaddrinfo').outcome = 'ok';
    const changed = join(dir, 'changed.json');
    writeFileSync(changed, JSON.stringify(doc));
    const r = cli('--clients', 'dnspython,glibc-getaddrinfo', '--scenarios', 'canonical,cname-last', '--expect', changed);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('changed: cname-last × glibc-getaddrinfo: ok → no-address');
  });

  it('table output: one row per scenario, no colour when not a TTY', () => {
    const r = cli('--clients', 'go-pure', '--scenarios', 'unrelated-first');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toMatch(/unrelated-first \*\s+✗/);
    expect(r.stdout).toContain('SECURITY: 1 cell(s)');
  });

  it('usage errors exit 2', () => {
    const r = cli('--clients', 'no-such-client');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown client "no-such-client"');
    expect(cli('--scenarios', 'nothing-matches-*').status).toBe(2);
  });

  it('SIGINT mid-run removes the namespace, its /etc/netns files and the server', async () => {
    const child = spawn(process.execPath, [BIN, 'matrix', '--clients', 'glibc-getaddrinfo', '--scenarios', 'all', '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const ns = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = /network namespace (dnsorder-\d+-[0-9a-f]+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => reject(new Error(`exited before starting: ${stderr}`)));
    });
    expect(existsSync(`/etc/netns/${ns}/resolv.conf`)).toBe(true);
    const inside = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    expect(inside.length).toBeGreaterThan(0); // at least the scenario server
    child.kill('SIGINT');
    const signal = await new Promise((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGINT');
    expect(existsSync(`/etc/netns/${ns}`)).toBe(false);
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain(ns);
    // Everything that ran inside it (server, client workers) is gone too: they exit as their
    // parent goes, which no event of ours announces (a process left running fails by the timeout).
    for (const pid of inside) await until(() => !running(pid));
    for (const pid of inside) expect(running(pid), `pid ${pid} still runs`).toBe(false);
  });
});
