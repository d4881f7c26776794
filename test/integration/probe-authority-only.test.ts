// `dnsorder probe --authority-only`: the probe zone alone, for resolvers
// elsewhere (RIPE Atlas probes' resolvers). It serves the names of the plan
// `dnsorder atlas plan` wrote, in each test's own answer layout, over UDP and
// TCP, with response-rate limiting when asked (on by default beyond
// loopback), logs queries with --log-json, and stops on SIGTERM. A real
// resolver routed to it answers the plan's names as Atlas probes would ask.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocket } from 'node:dgram';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { planAtlas } from '../../src/atlas/plan.js';
import { main } from '../../src/cli/main.js';
import { exchange } from '../../src/probe/exchange.js';
import { missingPeers } from '../helpers/peers.js';
import { startLabResolver } from '../helpers/resolvers.js';
import { EventCount, outputMatches } from '../helpers/wait.js';
import { buildQuery } from '../unit/server/support/dns-client.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-authority-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = planAtlas({ zone: 'probe.example.net', runId: 'rauth1', tests: 'whole-chain,authority-a-first,large-answer', now: Date.UTC(2026, 0, 20) });
const planFile = join(dir, 'plan.json');
writeFileSync(planFile, JSON.stringify(plan));

interface Running {
  port: number;
  stdoutStream: PassThrough;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<number>;
}

/** The CLI in-process until its ready line; stop() sends SIGTERM (to the handler it installed) and waits for its exit code. */
async function startAuthorityOnly(args: string[]): Promise<Running> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  const ready = new Promise<number>((resolve, reject) => {
    stderr.on('data', (c) => {
      err += c;
      const line = err.split('\n').find((l) => l.startsWith('{"event":"listening"'));
      if (line) resolve(JSON.parse(line).port);
    });
    setTimeout(() => reject(new Error(`no ready line: ${err}`)), 10_000).unref();
  });
  const exited = main(['probe', '--authority-only', ...args], { stdout, stderr, stdin: Readable.from([]), env: {} });
  const port = await Promise.race([ready, exited.then((code) => { throw new Error(`exited ${code}: ${err}`); })]);
  return {
    port, stdoutStream: stdout, stdout: () => out, stderr: () => err,
    stop: async () => {
      process.emit('SIGTERM', 'SIGTERM');
      return exited;
    },
  };
}

const name = (test: string) => plan.tests.find((t) => t.test === test)!.queries[0]!.query_argument;

describe('dnsorder probe --authority-only', () => {
  it('serves the plan\'s names in each test\'s layout, logs each query and exits 0 on SIGTERM', async () => {
    const auth = await startAuthorityOnly(['--listen', '127.0.0.1:0', '--plan', planFile, '--log-json']);
    const at = { address: '127.0.0.1', port: auth.port };
    const whole = await exchange(at, name('whole-chain'), 'A');
    expect(whole.kind === 'answer' && whole.message.aa && whole.message.answers.map((r) => r.type)).toEqual(['CNAME', 'CNAME', 'A', 'A']);
    const reordered = await exchange(at, name('authority-a-first'), 'A');
    expect(reordered.kind === 'answer' && reordered.message.answers.map((r) => r.type)).toEqual(['A', 'A', 'CNAME', 'CNAME']);
    const large = await exchange(at, name('large-answer'), 'A');
    expect(large.kind === 'answer' && [large.truncatedOverUdp, large.transport, large.message.answers.length]).toEqual([true, 'tcp', 92]);
    const otherRun = await exchange(at, 'whole-chain.rother.probe.example.net', 'A');
    expect(otherRun.kind === 'answer' && otherRun.message.rcode).toBe(3);
    expect(await auth.stop()).toBe(0);
    const log = auth.stdout().trim().split('\n').map((l) => JSON.parse(l));
    expect(log.map((e) => [e.qname, e.transport])).toContainEqual([name('large-answer'), 'tcp']);
    expect(JSON.parse(auth.stderr().split('\n')[0]!)).toMatchObject({ event: 'listening', zone: 'probe.example.net', runId: 'rauth1', tests: 3, rateLimit: 0 });
    expect(auth.stderr()).toContain('"event":"closed"');
  });

  it('drops what exceeds --rate from one source, as serve does', async () => {
    const auth = await startAuthorityOnly(['--listen', '127.0.0.1:0', '--run-id', 'rauth1', '--zone', 'probe.example.net', '--tests', 'whole-chain', '--rate', '3', '--log-json']);
    const lines = () => auth.stdout().split('\n').filter((l) => l !== '');
    const socket = createSocket('udp4');
    const answers = new EventCount();
    socket.on('message', () => answers.add());
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    try {
      const query = buildQuery(name('whole-chain'), 'A');
      for (let i = 0; i < 10; i++) socket.send(query, auth.port, '127.0.0.1');
      // The authority logs every query as it takes it, answered or dropped: the ten lines are the
      // event to wait for, not a silence of some milliseconds after each query.
      await outputMatches([auth.stdoutStream], auth.stdout, () => lines().length >= 10, 'ten query log lines');
      const events = lines().map((l) => JSON.parse(l) as { dropped?: string });
      const answered = events.filter((e) => e.dropped === undefined).length;
      expect(answered).toBeGreaterThanOrEqual(3);
      expect(answered).toBeLessThan(10);
      expect(events.filter((e) => e.dropped === 'rate')).toHaveLength(10 - answered);
      // What was logged as answered reached the client.
      await answers.reaches(answered);
      expect(answers.count).toBe(answered);
    } finally {
      socket.close();
    }
    expect(await auth.stop()).toBe(0);
  });

  it('refuses to run without a run, beyond loopback without --allow-remote, or on 0.0.0.0 without --ns-address', async () => {
    const run = (args: string[]) => main(['probe', '--authority-only', ...args], { stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]), env: {} });
    expect(await run(['--listen', '127.0.0.1:0'])).toBe(2);
    expect(await run(['--listen', '192.0.2.1:53', '--run-id', 'r1'])).toBe(2);
    expect(await run(['--listen', '0.0.0.0:0', '--run-id', 'r1', '--allow-remote'])).toBe(2);
  });

  it.skipIf(missingPeers('unbound'))('answers the plan\'s names through a real resolver routed to it, as an Atlas probe\'s resolver would', async () => {
    const auth = await startAuthorityOnly(['--listen', '127.0.0.1:0', '--plan', planFile]);
    const unbound = await startLabResolver('unbound', [{ zone: 'probe.example.net', to: { address: '127.0.0.1', port: auth.port } }]);
    try {
      const r = await exchange(unbound, name('authority-a-first'), 'A');
      // unbound rebuilds the out-of-order answer in chain order.
      expect(r.kind === 'answer' && r.message.answers.map((x) => x.type)).toEqual(['CNAME', 'CNAME', 'A', 'A']);
    } finally {
      await unbound.stop();
      expect(await auth.stop()).toBe(0);
    }
  });
});
