// The probe end to end against in-process stand-ins: a resolver that forwards
// faithfully passes, one that reverses every answer is caught, and the ways a
// probe cannot run end with a typed error (the CLI's exit 2).

import { createSocket } from 'node:dgram';
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeAuthority, type ProbeAuthority } from '../../../src/probe/authority.js';
import { ProbeError } from '../../../src/probe/errors.js';
import { probeResolver } from '../../../src/probe/runner.js';
import { runCli } from '../../helpers/cli.js';
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

  it('lists the tests', async () => {
    const r = await runCli(['probe', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/expiry-last-hop\s+partial-expiry\s+A/);
  });
});
