// `dnsorder check` on responses captured from a real server: NSD serves a
// CNAME chain, dig asks, tshark records the exchange, and check judges the
// capture. Nothing here is hand-written bytes.

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingPeers, isRoot, requirement } from '../helpers/peers.js';
import { freePort } from '../helpers/ports.js';
import { runCli } from '../helpers/cli.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { outputMatches, until } from '../helpers/wait.js';

const skip = missingPeers('nsd', 'dig', 'tshark') ?? requirement(isRoot ? undefined : 'capturing on lo needs root');

const execAsync = promisify(execFile);

/**
 * Captures UDP on `port` of lo into `file` (in the given format) while `exchange` runs. tshark
 * prints each packet it captures (-P, line-buffered): dumpcap may report "Capturing" a moment
 * before its filter is live under load, so the exchange is repeated until a captured answer is
 * printed — the event that says the file will hold one — rather than spaced out by pauses.
 */
async function capture(file: string, port: number, format: string, exchange: () => Promise<void>): Promise<void> {
  const tshark = spawn('tshark', ['-i', 'lo', '-f', `udp port ${port}`, '-F', format, '-w', file, '-l', '-P'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  let packets = '';
  tshark.stderr!.on('data', (c) => (log += c));
  tshark.stdout!.on('data', (c) => (packets += c));
  const exited = new Promise((r) => tshark.once('exit', r));
  try {
    await outputMatches([tshark.stderr!], () => log, (s) => s.includes('Capturing on'), 'tshark capturing');
    do await exchange();
    while (!/Standard query response/.test(packets));
  } finally {
    tshark.kill('SIGINT');
    await exited;
  }
}

describe.skipIf(skip)('check on a capture of dnsorder serve (dig + tshark)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('flags the cname-last answer that dig received', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsorder-capture-'));
    const pcap = join(dir, 'serve.pcap');
    await capture(pcap, server.port, 'pcap', async () => {
      // Asynchronously: the server under test runs in this process's event loop.
      const { stdout: answer } = await execAsync('dig', ['+tries=1', '+time=2', '-p', String(server.port), '@127.0.0.1', 'cname-last.c0.order.test', 'A']);
      expect(answer).toMatch(/ANSWER: 4/);
    });
    const out = await runCli(['check', pcap, '--port', String(server.port), '--format', 'json']);
    const doc = JSON.parse(out.stdout);
    expect(doc.results.length).toBeGreaterThanOrEqual(1);
    for (const result of doc.results) {
      expect(result.answer.map((a: { type: string }) => a.type)).toEqual(['A', 'A', 'CNAME', 'CNAME']);
      expect(result.conformant).toBe(false);
      expect(result.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['chain-start', 'terminal-after-chain']));
    }
    expect(out.code).toBe(1);
  });
});

describe.skipIf(skip)('check on a capture of a real server (NSD + dig + tshark)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-capture-'));
  let nsd: ChildProcess | undefined;
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    writeFileSync(join(dir, 'chain.test.zone'), [
      '$ORIGIN chain.test.', '$TTL 300',
      '@ SOA ns hostmaster 1 3600 900 604800 300', '@ NS ns', 'ns A 127.0.0.1',
      'www CNAME cdn', 'cdn CNAME edge', 'edge A 192.0.2.1', 'edge A 192.0.2.2', '',
    ].join('\n'));
    writeFileSync(join(dir, 'nsd.conf'), [
      'server:', `  ip-address: 127.0.0.1@${port}`, '  username: ""', '  chroot: ""', `  zonesdir: "${dir}"`,
      `  pidfile: "${dir}/nsd.pid"`, `  xfrdfile: "${dir}/xfrd.state"`, `  zonelistfile: "${dir}/zone.list"`,
      '  database: ""', '  server-count: 1', '  verbosity: 0', 'remote-control:', '  control-enable: no',
      'zone:', '  name: chain.test', '  zonefile: chain.test.zone', '',
    ].join('\n'));
    nsd = spawn('nsd', ['-d', '-c', join(dir, 'nsd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    // NSD says nothing when it is ready: ask until it answers (a failed dig is the pause between tries).
    await until(async () => {
      try {
        return (await execAsync('dig', ['+short', '+tries=1', '+time=1', '-p', String(port), '@127.0.0.1', 'ns.chain.test', 'A'])).stdout.includes('127.0.0.1');
      } catch {
        return false;
      }
    });
  });

  afterAll(() => {
    nsd?.kill('SIGTERM');
  });

  it.each([['pcapng'], ['pcap']])('finds NSD\'s CNAME chain answer conformant (%s capture)', async (format) => {
    const pcap = join(dir, `nsd.${format}`);
    await capture(pcap, port, format, async () => {
      const { stdout: answer } = await execAsync('dig', ['+tries=1', '+time=2', '-p', String(port), '@127.0.0.1', 'www.chain.test', 'A']);
      expect(answer).toMatch(/www\.chain\.test\.\s+\d+\s+IN\s+CNAME\s+cdn\.chain\.test\./);
    });
    expect(existsSync(pcap)).toBe(true);
    const out = await runCli(['check', pcap, '--port', String(port), '--format', 'json']);
    const doc = JSON.parse(out.stdout);
    expect(doc.results.length).toBeGreaterThanOrEqual(1);
    for (const result of doc.results) {
      expect(result.question.name).toBe('www.chain.test');
      expect(result.answer.map((a: { type: string }) => a.type)).toEqual(['CNAME', 'CNAME', 'A', 'A']);
      expect(result.conformant).toBe(true);
    }
    expect(out.code).toBe(0);
  });
});
