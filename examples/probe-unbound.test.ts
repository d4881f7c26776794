// An example resolver test suite with dnsorder's probe: start your resolver,
// point it at dnsorder's probe authority, expect every probe test to pass.
// Copy it into your project; here the resolver is unbound (apt install unbound).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeResolver } from 'dnsorder';
import { expectProbeToPass, installProbeMatchers, withProbeAuthority } from 'dnsorder/testing';

installProbeMatchers();
const authority = withProbeAuthority(); // the probe zone (probe.test) on 127.0.0.1, a free port

/** A free loopback port for the resolver. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('unbound against the dnsorder probe', () => {
  let unbound: ChildProcess;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'unbound-probe-'));
    writeFileSync(join(dir, 'unbound.conf'), [
      'server:',
      `  interface: 127.0.0.1@${port}`,
      '  do-daemonize: no', '  username: ""', '  chroot: ""', `  directory: "${dir}"`, '  pidfile: ""', '  use-syslog: no',
      '  access-control: 127.0.0.0/8 allow',
      'remote-control:', '  control-enable: no',
      // dnsorder prints the lines that send the probe zone to its authority.
      authority.configFor('unbound'),
    ].join('\n'));
    unbound = spawn('unbound', ['-d', '-c', join(dir, 'unbound.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    // unbound says so on stderr once it serves.
    await new Promise<void>((resolve, reject) => {
      let log = '';
      unbound.stderr!.on('data', (chunk) => {
        log += chunk;
        if (log.includes('start of service')) resolve();
      });
      unbound.once('exit', (code) => reject(new Error(`unbound exited (${code}):\n${log}`)));
    });
  });

  afterAll(() => {
    unbound?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every probe test in order, including partially expired chains', async () => {
    const report = await probeResolver({ resolver: `127.0.0.1:${port}`, authority });
    // Every test's verdict and what unbound did are in the report (schema dnsorder.probe/v1).
    expectProbeToPass(report);
  });

  it('or, with the matcher, just the tests you care about', async () => {
    const report = await probeResolver({ resolver: `127.0.0.1:${port}`, authority, tests: ['partial-expiry', 'out-of-order'] });
    expect(report).toPassProbe();
  });
});
