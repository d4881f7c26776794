// `dnsorder serve` as a child process, the way the matrix runs it: one JSON
// ready line, queries answered and logged, a clean exit 0 on SIGTERM/SIGINT
// with its sockets released.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage } from '../../src/wire/decode.js';
import { buildQuery, tcpExchange, udpExchange } from '../unit/server/support/dns-client.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const children: ChildProcess[] = [];
const tempDirs: string[] = [];

beforeAll(async () => {
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT });
}, 120_000);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Started { child: ChildProcess; ready: { event: string; address: string; port: number }; stdout: () => string; stderr: () => string }

function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['bin/dnsorder.js', 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line: ${err}`)), 10_000);
    child.stderr!.on('data', (d) => {
      err += d;
      const line = err.split('\n').find((l) => l.startsWith('{"event":"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(line), stdout: () => out, stderr: () => err });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${err}`)));
  });
}

/** The exit code, once it exits (a server that never stops fails the test by its timeout, not a clock reading). */
function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

async function portIsFree(port: number): Promise<boolean> {
  const udpFree = await new Promise<boolean>((resolve) => {
    const s = dgram.createSocket('udp4');
    s.once('error', () => resolve(false));
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  const tcpFree = await new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  return udpFree && tcpFree;
}

describe('dnsorder serve (child process)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`answers, logs JSON lines, and exits 0 on ${signal} with its sockets released`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dnsorder-serve-cli-'));
      tempDirs.push(dir);
      const statsFile = join(dir, 'stats.json');
      const { child, ready, stdout, stderr } = await startCli(['--listen', '127.0.0.1:0', '--log-json', '--stats', '--stats-json', statsFile]);
      expect(ready).toMatchObject({ event: 'listening', address: '127.0.0.1' });
      expect(ready.port).toBeGreaterThan(0);
      const answer = decodeMessage(await udpExchange(ready.port, buildQuery('cname-last.cli.order.test', 'A')));
      expect(answer.answers.map((r) => r.type)).toEqual(['A', 'A', 'CNAME', 'CNAME']);
      const [tcp] = await tcpExchange(ready.port, [buildQuery('canonical.cli.order.test', 'A')]);
      expect(decodeMessage(tcp!).answers).toHaveLength(4);
      child.kill(signal);
      expect(await exitOf(child)).toBe(0);
      expect(await portIsFree(ready.port)).toBe(true);
      const lines = stdout().trim().split('\n').map((l) => JSON.parse(l));
      expect(lines[0]).toMatchObject({ event: 'listening' });
      expect(lines.slice(1)).toEqual([
        expect.objectContaining({ transport: 'udp', qname: 'cname-last.cli.order.test', qtype: 'A', scenario: 'cname-last', rcode: 'NOERROR', answers: 4, tc: false }),
        expect.objectContaining({ transport: 'tcp', qname: 'canonical.cli.order.test', scenario: 'canonical', answers: 4 }),
      ]);
      expect(stderr()).toMatch(/cname-last\s+A\s+1\s+0/); // the --stats table
      expect(stderr()).toContain(`"event":"closed","reason":"${signal}"`);
      const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
      expect(stats.byQuestion['cname-last.cli.order.test A']).toMatchObject({ queries: 1, udp: 1, scenario: 'cname-last' });
      expect(stats.byScenario.canonical.A).toEqual({ udp: 0, tcp: 1 });
    });
  }

  it('refuses a non-loopback address without --allow-remote (exit 2, one line)', async () => {
    const result = await run(process.execPath, ['bin/dnsorder.js', 'serve', '--listen', '0.0.0.0:0'], { cwd: ROOT }).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/ERR_SERVER_REMOTE_NOT_ALLOWED/);
  });

  it('refuses an unwritable --stats-json before serving (exit 2, one line, no socket opened)', async () => {
    const result = await run(process.execPath, ['bin/dnsorder.js', 'serve', '--listen', '127.0.0.1:0', '--stats-json', '/nonexistent-dir/stats.json'], { cwd: ROOT }).catch((e) => e);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot write \/nonexistent-dir\/stats\.json.*\[ERR_OUTPUT\]$/)]);
    expect(result.stderr).not.toContain('"event":"listening"');
  });

  it('stops by itself after --duration', async () => {
    const { child } = await startCli(['--listen', '127.0.0.1:0', '--duration', '0.3']);
    expect(await exitOf(child)).toBe(0);
  });
});
