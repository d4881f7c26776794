// The probe end to end against in-process stand-ins: a resolver that forwards
// faithfully passes, one that reverses every answer is caught, and the ways a
// probe cannot run end with a typed error (the CLI's exit 2).

import { createSocket } from 'node:dgram';
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeAuthority, type ProbeAuthority } from '../../../src/probe/authority.js';
import type { ProbeDocument } from '../../../src/probe/document.js';
import { ProbeError } from '../../../src/probe/errors.js';
import { probeResolver } from '../../../src/probe/runner.js';
import { runCli } from '../../helpers/cli.js';
import { freePort } from '../../helpers/ports.js';
import { startFakeResolver, type FakeResolver } from './fake-resolver.js';

const WHOLE = ['whole-chain', 'authority-a-first', 'whole-chain-aaaa', 'dname-canonical'];

describe('probeResolver', () => {
  let authority: ProbeAuthority;
  let faithful: FakeResolver;
  let reversing: FakeResolver;
  beforeAll(async () => {
    authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
    faithful = await startFakeResolver(authority);
    reversing = await startFakeResolver(authority, (answers) => [...answers].reverse());
  });
  afterAll(async () => {
    await Promise.all([faithful.close(), reversing.close()]);
    await authority.close();
  });

  it('passes a resolver that returns the authority\'s canonical answers, and flags the one that passes disorder through', async () => {
    const doc = await probeResolver({ resolver: faithful, authority, tests: WHOLE });
    expect(doc.schema).toBe('dnsorder.probe/v1');
    expect(Object.fromEntries(doc.results.map((r) => [r.test, r.verdict]))).toEqual({
      'whole-chain': 'pass', 'authority-a-first': 'violation', 'whole-chain-aaaa': 'pass', 'dname-canonical': 'pass',
    });
    expect(doc.results.find((r) => r.test === 'authority-a-first')!.behaviour).toBe('passed through');
    expect(doc.inputs).toMatchObject({ mode: 'active', resolver: { address: '127.0.0.1', port: faithful.port }, zone: 'probe.test' });
  });

  it('finds the reversing resolver\'s violations with the analyzer\'s rule ids', async () => {
    const doc = await probeResolver({ resolver: reversing, authority, tests: ['whole-chain', 'dname-canonical'] });
    expect(doc.results.map((r) => r.verdict)).toEqual(['violation', 'violation']);
    expect(doc.results[0]!.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['chain-start', 'terminal-after-chain']));
    expect(doc.results[1]!.findings.map((f) => f.rule)).toContain('dname-before-cname');
  });

  it('tells a forwarder that does not chase (no chase) from one that drops records', async () => {
    const doc = await probeResolver({ resolver: faithful, authority, tests: ['chase-three-hops', 'cache-merge-tail'] });
    expect(doc.results.map((r) => [r.test, r.verdict, r.behaviour])).toEqual([
      ['chase-three-hops', 'inconclusive', 'no chase'], ['cache-merge-tail', 'inconclusive', 'no chase'],
    ]);
    const dropping = await startFakeResolver(authority, (answers) => answers.filter((r) => r.type !== 'A' || r.data !== '192.0.2.2'));
    try {
      const dropped = await probeResolver({ resolver: dropping, authority, tests: ['whole-chain'] });
      expect(dropped.results[0]).toMatchObject({ verdict: 'inconclusive', behaviour: 'dropped records' });
    } finally {
      await dropping.close();
    }
  });

  it('runs the tests whose verdict rests on the cache on their own, before the rest: nothing else reaches the resolver while they wait', async () => {
    const doc = await probeResolver({ resolver: faithful, authority, tests: ['whole-chain', 'expiry-last-hop', 'long-8', 'cache-repeat'], jobs: 8 });
    // The report keeps the suite's order whatever order they ran in.
    expect(doc.results.map((r) => r.test)).toEqual(['whole-chain', 'expiry-last-hop', 'cache-repeat', 'long-8']);
    const times = (test: string) => {
      const r = doc.results.find((x) => x.test === test)!;
      return [...new Set([...r.asks.map((a) => a.name), ...(r.authorityQuestions ?? []).map((q) => q.name)])].flatMap((n) => authority.asked(n).map((q) => q.time));
    };
    const cacheTests = [...times('expiry-last-hop'), ...times('cache-repeat')];
    const others = [...times('whole-chain'), ...times('long-8')];
    expect(cacheTests.length).toBeGreaterThan(0);
    expect(Math.min(...others)).toBeGreaterThan(Math.max(...cacheTests));
  });

  it('names a resolver that does not say what it is after its address, and points to --label', async () => {
    const doc = await probeResolver({ resolver: faithful, authority, tests: ['whole-chain'] });
    expect(doc.inputs.resolver).toMatchObject({ version: null, labelSource: 'none' });
    expect(doc.inputs.resolver.label).toBeUndefined();
    const named = await probeResolver({ resolver: faithful, authority, tests: ['whole-chain'], label: 'fake 1.0' });
    expect(named.inputs.resolver).toMatchObject({ label: 'fake 1.0', labelSource: 'option' });
  });

  it('uses fresh names on every run', async () => {
    const a = await probeResolver({ resolver: faithful, authority, tests: ['whole-chain'] });
    const b = await probeResolver({ resolver: faithful, authority, tests: ['whole-chain'] });
    expect(a.inputs.runId).not.toBe(b.inputs.runId);
    expect(a.results[0]!.asks[0]!.name).not.toBe(b.results[0]!.asks[0]!.name);
  });

  it('refuses to run when the resolver never asks the authority (zone not routed)', async () => {
    const elsewhere = await startProbeAuthority({ listen: '127.0.0.1:0' });
    const stray = await startFakeResolver(elsewhere);
    try {
      await expect(probeResolver({ resolver: stray, authority, tests: ['whole-chain'] })).rejects.toMatchObject({ code: 'ERR_PROBE_NOT_ROUTED' });
    } finally {
      await stray.close();
      await elsewhere.close();
    }
  });

  it('refuses to run when the resolver does not answer', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const error = await probeResolver({ resolver: `127.0.0.1:${silent.address().port}`, authority, tests: ['whole-chain'], timeoutMs: 200 }).catch((e) => e);
      expect(error).toBeInstanceOf(ProbeError);
      expect(error.code).toBe('ERR_PROBE_RESOLVER_UNREACHABLE');
    } finally {
      silent.close();
    }
  });
});

describe('startProbeAuthority binding', () => {
  it('reports a port whose TCP side is taken (UDP free) as in use, naming it, and leaves no UDP socket behind', async () => {
    // Only TCP holds the port: UDP binds, TCP fails, and the UDP socket must be
    // closed before the error is built (reading its port then used to throw "Not running").
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const error = await startProbeAuthority({ listen: `127.0.0.1:${port}` }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ProbeError);
      expect(error).toMatchObject({ code: 'ERR_PROBE_AUTHORITY_PORT_TAKEN', message: expect.stringContaining(`127.0.0.1:${port}`) });
      const udp = createSocket('udp4');
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(port, '127.0.0.1', resolve);
      });
      udp.close();
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('on port 0 serves UDP and TCP on one port', async () => {
    const authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
    try {
      const tcp = await new Promise<boolean>((resolve) => {
        const socket = connect(authority.port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(tcp).toBe(true);
    } finally {
      await authority.close();
    }
  });
});

describe('dnsorder probe (CLI exit codes)', () => {
  /** An authority already holding its port, so the CLI's own authority cannot bind there. */
  let taken: ProbeAuthority;
  let resolver: FakeResolver;
  beforeAll(async () => {
    taken = await startProbeAuthority({ listen: '127.0.0.1:0' });
    resolver = await startFakeResolver(taken);
  });
  afterAll(async () => {
    await resolver.close();
    await taken.close();
  });

  it('exits 2 with a one-line reason and code when the authority port is taken', async () => {
    const result = await runCli(['probe', `127.0.0.1:${resolver.port}`, '--authority', `127.0.0.1:${taken.port}`]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/in use .*\[ERR_PROBE_AUTHORITY_PORT_TAKEN\]$/);
  });

  it('exits 2 when the resolver does not answer', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const result = await runCli(['probe', `127.0.0.1:${silent.address().port}`, '--authority', '127.0.0.1:0', '--timeout', '200']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[ERR_PROBE_RESOLVER_UNREACHABLE]');
    } finally {
      silent.close();
    }
  });

  it('exits 2 for an unknown test and for a resolver kind without a snippet', async () => {
    expect((await runCli(['probe', '127.0.0.1:9', '--tests', 'no-such-test', '--authority', '127.0.0.1:0'])).stderr).toContain('ERR_PROBE_UNKNOWN_TEST');
    const r = await runCli(['probe', '--print-config', 'nsd']);
    expect([r.code, r.stderr.includes('ERR_PROBE_UNKNOWN_RESOLVER_KIND')]).toEqual([2, true]);
  });

  it('exits 1 when the partial-expiry group was never exercised, naming it; --require none and runs without the group exit 0', async () => {
    // The stand-in forwards every question and keeps nothing: after the wait it asks for the whole chain
    // again and relays it at full TTL, so no answer joins cached and re-fetched records.
    const port = await freePort();
    const forwarder = await startFakeResolver({ address: '127.0.0.1', port });
    try {
      const args = ['probe', `127.0.0.1:${forwarder.port}`, '--authority', `127.0.0.1:${port}`];
      const gate = await runCli([...args, '--tests', 'expiry-last-hop,expiry-first-hop', '--format', 'json']);
      expect(gate.code, gate.stderr).toBe(1);
      const doc = JSON.parse(gate.stdout) as ProbeDocument;
      expect(doc.results.map((r) => [r.test, r.verdict, r.behaviour])).toEqual([
        ['expiry-last-hop', 'inconclusive', 'not from cache'], ['expiry-first-hop', 'inconclusive', 'not from cache'],
      ]);
      expect(doc.coverage).toEqual({ groups: ['partial-expiry'], notExercised: ['partial-expiry'] });
      expect(gate.stderr).toContain('never exercised: partial-expiry');
      expect(gate.stderr).toMatch(/exit 1: required group\(s\) never exercised: partial-expiry/);

      const accepted = await runCli([...args, '--tests', 'expiry-last-hop', '--require', 'none']);
      expect(accepted.code, accepted.stderr).toBe(0);
      expect(accepted.stdout).toMatch(/1 tests: 0 pass, 0 violation, 0 error, 1 inconclusive \([\d.]+ s\); never exercised: partial-expiry/);

      const without = await runCli([...args, '--tests', 'whole-chain']);
      expect(without.code, without.stderr).toBe(0);
      const required = await runCli([...args, '--tests', 'whole-chain', '--require', 'chase']);
      expect([required.code, required.stderr]).toEqual([2, expect.stringContaining('--require chase: no test of that group ran')]);
    } finally {
      await forwarder.close();
    }
  });

  it('exits 2 for --require of a group that does not exist, and documents the exit codes in --help', async () => {
    const r = await runCli(['probe', '127.0.0.1:9', '--require', 'partial-expiry,nope', '--authority', '127.0.0.1:0']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('--require: no probe group nope')]);
    const help = await runCli(['probe', '--help']);
    expect(help.stdout).toMatch(/--require/);
    expect(help.stdout).toMatch(/1 +the resolver violated a MUST, or a --require'd group \(default partial-expiry\) was never\s+exercised/);
  });

  it('lists the tests', async () => {
    const r = await runCli(['probe', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/expiry-last-hop\s+partial-expiry\s+A/);
  });
});
