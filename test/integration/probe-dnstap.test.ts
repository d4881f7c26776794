// `dnsorder probe … --dnstap-socket PATH`: the probe collects the resolver's
// own dnstap while it runs and puts, beside each verdict (what the probe
// received), what the resolver says it sent and, where it logs them, what
// it received. Knot Resolver in STUB mode passes the authority's
// out-of-order answer on: both sides show it. pdns_recursor 4.8 logs only
// what it received: the authority's disorder, which it then reordered.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DnstapProbeView } from '../../src/dnstap/probe-view.js';
import { runCli } from '../helpers/cli.js';
import { missingPeers } from '../helpers/peers.js';
import { freePort } from '../helpers/ports.js';
import { startLabResolver, type LabResolverKind } from '../helpers/resolvers.js';
import { fileAppears } from '../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-probe-dnstap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts the probe CLI with --dnstap-socket, then the resolver once the socket is there: Knot Resolver 5.6
 * tries its dnstap socket only when it starts (measured: it never reconnects), so a watcher or a probe
 * must be listening first. (Resolvers on libfstrm's reopen loop, pdns_recursor and BIND, reconnect
 * within 5 s; the probe waits up to 10 s for the connection.)
 */
async function probeWithDnstap(kind: LabResolverKind, format: string) {
  const [authorityPort, resolverPort] = [await freePort(), await freePort()];
  const socketPath = join(dir, `${kind}-${format}.sock`);
  const run = runCli(['probe', `127.0.0.1:${resolverPort}`, '--authority', `127.0.0.1:${authorityPort}`, '--tests', 'whole-chain,authority-a-first',
    '--dnstap-socket', socketPath, '--format', format, '--require', 'none']);
  // The probe has created its socket: the watch on the directory reports it (or the run ends first, failing).
  await Promise.race([fileAppears(socketPath), run.then((r) => {
    throw new Error(`the probe ended before listening on ${socketPath}: ${r.stderr}`);
  })]);
  const resolver = await startLabResolver(kind, [{ zone: 'probe.test', to: { address: '127.0.0.1', port: authorityPort } }], { dnstap: { socketPath }, port: resolverPort });
  try {
    return await run;
  } finally {
    await resolver.stop();
  }
}

describe.skipIf(missingPeers('kresd'))('dnsorder probe --dnstap-socket with Knot Resolver (STUB)', () => {
  it('JSON: each test with what the resolver sent and received', async () => {
    const r = await probeWithDnstap('knot-resolver-stub', 'json');
    expect(r.code, r.stderr).toBe(1);
    const view = JSON.parse(r.stdout).dnstap as DnstapProbeView;
    expect(view.sources).toEqual([{ identity: expect.any(String), version: '5.6.0' }]);
    expect(view.notLogged).toBe(0);
    const byTest = Object.fromEntries(view.tests.map((t) => [t.test, t]));
    expect(byTest['authority-a-first']).toMatchObject({ verdict: 'violation', sent: { violating: 1, rules: ['chain-start', 'terminal-after-chain'] } });
    expect(byTest['whole-chain']).toMatchObject({ verdict: 'pass', sent: { responses: 1, violating: 0 } });
  });

  it('table: the view after the report', async () => {
    const r = await probeWithDnstap('knot-resolver-stub', 'table');
    expect(r.stdout).toMatch(/dnstap from the resolver at \S+: \S+ \(5\.6\.0\)/);
    expect(r.stdout).toMatch(/^\s+authority-a-first\s+violation\s+1\/1 chain-start,terminal-after-chain\s+–$/m);
  });
});

describe.skipIf(missingPeers('pdns_recursor'))('dnsorder probe --dnstap-socket with PowerDNS Recursor', () => {
  it('shows the out-of-order answer it received and reordered', async () => {
    const r = await probeWithDnstap('powerdns-recursor', 'json');
    expect(r.code, r.stderr).toBe(0);
    const byTest = Object.fromEntries((JSON.parse(r.stdout).dnstap as DnstapProbeView).tests.map((t) => [t.test, t]));
    expect(byTest['authority-a-first']).toMatchObject({ verdict: 'pass', sent: { responses: 0 }, received: { rules: ['chain-start', 'terminal-after-chain'] } });
    expect(byTest['whole-chain']!.received.violating).toBe(0);
  });
});
