// The zonemd group's runner against stand-in resolvers (no real peer): each
// one transfers the zone by real AXFR when NOTIFYed, then takes, refuses or
// ignores the new copy by a policy on the variant, so the runner's judgement
// of "served new", "refused" and "kept the older copy" is exercised end to end.

import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startProbeAuthority, type ProbeAuthority } from '../../../src/probe/authority.js';
import type { Endpoint } from '../../../src/probe/address.js';
import { ProbeError } from '../../../src/probe/errors.js';
import { runZonemdGroup } from '../../../src/probe/zonemd-group.js';
import { splitZonemdSelectors } from '../../../src/probe/zonemd-plan.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage } from '../../../src/wire/message.js';

type Policy = (variant: string) => 'take' | 'refuse' | 'keep' | 'ignore-notify';

interface StandIn extends Endpoint {
  close(): Promise<void>;
}

/** One AXFR over TCP, closed after the first message: enough for the authority to count a transfer. */
function axfr(authority: Endpoint, zone: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: authority.address, port: authority.port });
    const query = encodeMessage(emptyMessage({ id: 7, questions: [{ name: zone, type: 'AXFR', class: 'IN' }] }));
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from([query.length >> 8, query.length & 0xff]), query])));
    socket.on('data', () => socket.destroy());
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

async function startStandIn(authority: ProbeAuthority, policy: Policy): Promise<StandIn> {
  const zone = authority.zonemd!;
  let serving: number | 'servfail' = zone.serial;
  const socket = createSocket('udp4');
  socket.on('message', async (bytes, peer) => {
    const query = decodeMessage(bytes);
    const q = query.questions[0]!;
    if (query.opcode === 4) {
      socket.send(encodeMessage(emptyMessage({ id: query.id, qr: true, opcode: 4, aa: true, questions: [q] })), peer.port, peer.address);
      const variant = zone.variant;
      const serial = zone.serial;
      const action = policy(variant);
      if (action === 'ignore-notify') return;
      await axfr(authority, zone.origin);
      if (action === 'take') serving = serial;
      else if (action === 'refuse') serving = 'servfail';
      return;
    }
    const soa = { name: zone.origin, type: 'SOA', class: 'IN', ttl: 1, data: { mname: `ns.${zone.origin}`, rname: `h.${zone.origin}`, serial: serving === 'servfail' ? 0 : serving, refresh: 5, retry: 2, expire: 86400, minimum: 1 } };
    socket.send(encodeMessage(emptyMessage({
      id: query.id, qr: true, rd: true, ra: true, aa: true, rcode: serving === 'servfail' ? 2 : 0, questions: [q], answers: serving === 'servfail' ? [] : [soa],
    })), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: '127.0.0.1', port: socket.address().port, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

const VALID = ['valid-sha384', 'valid-sha512', 'valid-both'];
const fast = { timeoutMs: 300, transferTimeoutMs: 800, settleMs: 300 };
/** In the catalogue's order: valid-sha384, private-algorithm-241, serial-mismatch, stale-zonemd. */
const tests = splitZonemdSelectors(['zonemd-valid-sha384', 'zonemd-stale-zonemd', 'zonemd-serial-mismatch', 'zonemd-private-algorithm-241']).tests;

describe('zonemd group runner (stand-in resolvers)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const setUp = async (policy: Policy) => {
    const authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
    cleanup.push(() => authority.close());
    const resolver = await startStandIn(authority, policy);
    cleanup.push(() => resolver.close());
    return { authority, resolver };
  };

  it('judges a resolver that keeps the older copy after a failed update: the 2023 stale copy, a violation', async () => {
    const { authority, resolver } = await setUp((v) => (VALID.includes(v) || v === 'private-algorithm-241' ? 'take' : 'keep'));
    const results = await runZonemdGroup({ resolver, authority, tests, ...fast });
    expect(results.map((r) => [r.test, r.verdict, r.behaviour])).toEqual([
      ['zonemd-valid-sha384', 'pass', 'served new copy'],
      ['zonemd-private-algorithm-241', 'pass', 'served new copy'],
      ['zonemd-serial-mismatch', 'violation', 'kept older copy'],
      ['zonemd-stale-zonemd', 'violation', 'kept older copy'],
    ]);
    expect(results[3]!.detail).toMatch(/2023 stale-copy failure/);
    expect(authority.zonemd!.variant).toBe('valid-sha384');
  });

  it('judges a strict resolver: refusals pass, and a valid copy goes in before each test after one', async () => {
    const { authority, resolver } = await setUp((v) => (VALID.includes(v) ? 'take' : 'refuse'));
    const results = await runZonemdGroup({ resolver, authority, tests, ...fast });
    expect(results.map((r) => [r.test, r.verdict, r.behaviour])).toEqual([
      ['zonemd-valid-sha384', 'pass', 'served new copy'],
      ['zonemd-private-algorithm-241', 'pass', 'refused'],
      ['zonemd-serial-mismatch', 'pass', 'refused'],
      ['zonemd-stale-zonemd', 'pass', 'refused'],
    ]);
    expect(results[2]!.detail).toMatch(/valid copy \d+ in first/);
  });

  it('judges a resolver that serves a copy whose digest fails: a violation', async () => {
    const { authority, resolver } = await setUp(() => 'take');
    const results = await runZonemdGroup({ resolver, authority, tests, ...fast });
    expect(results.map((r) => r.verdict)).toEqual(['pass', 'pass', 'violation', 'violation']);
    expect(results[3]!.detail).toMatch(/served the new copy .* although its ZONEMD does not verify/);
  });

  it('stops with ERR_PROBE_ZONEMD_NOT_LOADED when the resolver never transfers the zone', async () => {
    const { authority, resolver } = await setUp(() => 'ignore-notify');
    const run = runZonemdGroup({ resolver, authority, tests, ...fast });
    await expect(run).rejects.toBeInstanceOf(ProbeError);
    await expect(run).rejects.toMatchObject({ code: 'ERR_PROBE_ZONEMD_NOT_LOADED', message: expect.stringMatching(/never transferred it .*--print-config unbound/) });
  });
});
