// Lab: `dnsorder probe --group zonemd` against unbound 1.17.1 configured with
// exactly what `--print-config unbound` prints (stub-zone for the probe zone,
// auth-zone with `primary:` at the authority and `zonemd-check: yes` for the
// zonemd zone). The probe swaps the zone between ZONEMD variants, sends
// NOTIFY, and judges what unbound serves. Measured, then asserted: unbound
// refuses (SERVFAIL) every copy whose digest, serial or digest length fails,
// serves unsupported-only ZONEMDs, and never keeps the older copy.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeAuthority, type ProbeAuthority } from '../../src/probe/authority.js';
import { configSnippet } from '../../src/probe/config-snippets.js';
import type { ProbeDocument } from '../../src/probe/document.js';
import { exchange } from '../../src/probe/exchange.js';
import { probeResolver } from '../../src/probe/runner.js';
import { zonemdProbeTests } from '../../src/probe/zonemd-plan.js';
import { missingPeers } from '../helpers/peers.js';
import { startDaemon, unboundBaseConfig, type Daemon } from '../helpers/resolvers.js';

/** What unbound 1.17.1 did with each transferred variant (the same as test/integration/zonemd-axfr.test.ts saw). */
const MEASURED_REFUSED = ['repeated-scheme-algorithm', 'serial-mismatch', 'digest-too-short', 'digest-truncated', 'stale-zonemd'];

/** unbound in the foreground on a free loopback port: a bare server block plus the printed snippet. */
function startUnbound(authority: ProbeAuthority): Promise<Daemon> {
  const snippet = configSnippet('unbound', { authority, zone: authority.origin, zonemdZone: authority.zonemd!.origin });
  return startDaemon('zonemd-unbound', (port, dir) => ({
    command: 'unbound', args: ['-d', '-c', join(dir, 'unbound.conf')],
    files: {
      'unbound.conf': [...unboundBaseConfig(port, dir), snippet].join('\n'),
    },
  }), 10_000);
}

const skip = missingPeers('unbound');
describe.skipIf(skip)('probe --group zonemd against unbound (auth-zone from --print-config)', () => {
  let authority: ProbeAuthority;
  let unbound: Daemon;
  let doc: ProbeDocument;
  beforeAll(async () => {
    authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
    unbound = await startUnbound(authority);
    doc = await probeResolver({ resolver: { address: '127.0.0.1', port: unbound.port }, authority, tests: 'zonemd', label: 'unbound 1.17.1' });
  }, 90_000);
  afterAll(async () => {
    await unbound?.stop();
    await authority?.close();
  });

  it('runs every zonemd test and no chain test', () => {
    expect(doc.results.map((r) => r.test)).toEqual(zonemdProbeTests().map((t) => t.id));
    expect(doc.results.every((r) => r.group === 'zonemd')).toBe(true);
  });

  it('gives the measured behaviour for every variant', () => {
    const got = Object.fromEntries(doc.results.map((r) => [r.test, r.behaviour]));
    const want = Object.fromEntries(zonemdProbeTests().map((t) => [t.id, MEASURED_REFUSED.includes(t.variant) ? 'refused' : 'served new copy']));
    expect(got, unbound.output()).toEqual(want);
  });

  it('passes every variant: refuses the broken copies without keeping the older one, serves the rest', () => {
    expect(doc.results.filter((r) => r.verdict !== 'pass').map((r) => `${r.test}=${r.verdict}: ${r.detail}`)).toEqual([]);
    // The unsupported-only copies are served as unverified (not strict RFC 8976 §4, still a pass).
    expect(doc.results.find((r) => r.test === 'zonemd-private-algorithm-241')?.detail).toMatch(/served the new copy .* treated as unverified/);
    expect(doc.results.find((r) => r.test === 'zonemd-stale-zonemd')?.detail).toMatch(/refused \(SERVFAIL\) .* without falling back to the older copy/);
    expect(unbound.output()).toMatch(/ZONEMD verification failed/);
  });

  it('leaves unbound serving a valid copy', async () => {
    const answer = await exchange({ address: '127.0.0.1', port: unbound.port }, authority.zonemd!.origin, 'SOA');
    expect(answer.kind === 'answer' && answer.message.rcode).toBe(0);
    expect(authority.zonemd!.variant).toBe('valid-sha384');
  });
});
