// systemd-resolved as the stub in front of an application: the daemon itself,
// run inside a root and the run's network namespace, upstream = the scenario
// server; the application is glibc getaddrinfo with resolv.conf naming its
// stub listener 127.0.0.53, as on a desktop or server that uses resolved.
// Never on the host: there it would take over the resolver configuration.
//
// What the daemon needs when it runs as a plain process (no init system, no
// D-Bus): its runtime directory /run/systemd/resolve owned by the
// systemd-resolve user it drops to; its settings as a drop-in under
// /run/systemd/resolved.conf.d (the root is never written; /run is the run's
// own tmpfs); and a non-loopback link that is up — with loopback only it
// considers the network down and answers SERVFAIL, so the namespace gets a
// veth pair. Its cache is off (Cache=no): every cell must reach the scenario
// server (resolved would not cache answers from a loopback upstream anyway,
// CacheFromLocalhost=no). The probe's injection test turns it on ({ cache: true }). DNSSEC, LLMNR, mDNS and /etc/hosts are off so that
// only the answer under test decides.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DnsorderError } from '../errors.js';
import { runCommand } from '../process/run-command.js';
import { installHint } from '../process/install-hint.js';
import { netnsExec } from '../process/netns-exec.js';
import { defineProgramClient, type Sidecar } from './program-client.js';
import type { Userland } from '../roots/userland.js';
import type { RunContext, ServerEndpoint } from './types.js';

const DAEMON = '/usr/lib/systemd/systemd-resolved';
/** Where the daemon's start script and the application's resolv.conf are seen inside the root. */
const SIDECAR_DIR = '/run/dnsorder/resolved';

/** The resolv.conf systemd-resolved itself ships for applications (stub-resolv.conf). */
export const STUB_RESOLV_CONF = 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n';

export interface ResolvedOptions {
  /**
   * Keep the cache on (resolved's default, Cache=yes) instead of the matrix's Cache=no, and cache answers
   * from this loopback upstream too (CacheFromLocalhost=yes; resolved's default `no` would leave the cache
   * empty here): the probe's `injection` group asks what the cache keeps.
   */
  cache?: boolean;
}

/** resolved.conf settings with `upstream` as its only server (`ADDR:PORT`, IPv6 in brackets). */
export function resolvedSettings(upstream: ServerEndpoint, options: ResolvedOptions = {}): string {
  const server = upstream.address.includes(':') ? `[${upstream.address}]:${upstream.port}` : `${upstream.address}:${upstream.port}`;
  const cache = options.cache ? ['Cache=yes', 'CacheFromLocalhost=yes'] : ['Cache=no'];
  return ['[Resolve]', `DNS=${server}`, 'DNSSEC=no', 'DNSOverTLS=no', 'LLMNR=no', 'MulticastDNS=no', 'ReadEtcHosts=no', ...cache, ''].join('\n');
}

const START_SCRIPT = `set -e
mkdir -p /run/systemd/resolve /run/systemd/resolved.conf.d
chown systemd-resolve:systemd-resolve /run/systemd/resolve
cp ${SIDECAR_DIR}/dnsorder.conf /run/systemd/resolved.conf.d/dnsorder.conf
exec ${DAEMON}
`;

class ResolvedError extends DnsorderError {}

async function hasDaemon(userland: Userland): Promise<boolean> {
  return (await userland.firstLine(['sh', '-c', `test -x ${DAEMON} && id -u systemd-resolve`])) !== undefined;
}

/** Waits until the stub listener is bound in the namespace, or the daemon has died. */
async function untilListening(namespace: string, daemon: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null || daemon.signalCode !== null) throw new ResolvedError('ERR_CLIENT_START', `systemd-resolved exited: ${output().trim().slice(-600)}`);
    const r = await runCommand(netnsExec(namespace, ['ss', '-Hlun', 'src 127.0.0.53 and sport = :53']), { timeoutMs: 5000 });
    if (r.exitCode === 0 && r.stdout.trim() !== '') return;
    await delay(50); // a daemon's start has no event to wait on from outside its namespace
  }
  throw new ResolvedError('ERR_CLIENT_START', `systemd-resolved did not listen on 127.0.0.53 within 20 s: ${output().trim().slice(-600)}`);
}

/** A systemd-resolved daemon running in a root and a network namespace. */
export interface ResolvedDaemon extends Sidecar {
  /** "systemd 257": the daemon's own version line. */
  version?: string;
  /** What the daemon has printed so far (its first 16 KiB): "Flushing caches" lines say why a cache emptied. */
  log(): string;
}

/**
 * Starts the root's systemd-resolved in `namespace` (a namespace dnsorder made:
 * it gets a veth pair), forwarding to `upstream`; its stub listens on
 * 127.0.0.53 and its proxy on 127.0.0.54 there. `runIn` says how a program
 * must run to use it as its resolver (resolv.conf → 127.0.0.53).
 */
export async function startSystemdResolved(userland: Userland, namespace: string, upstream: ServerEndpoint, options: ResolvedOptions = {}): Promise<ResolvedDaemon> {
  if (!userland.dir) throw new ResolvedError('ERR_CLIENT_START', 'systemd-resolved runs only inside a root');
  // A link that is up, so resolved does not consider the network down (veth: the dummy driver may be absent).
  const link = await runCommand(['ip', '-n', namespace, 'link', 'add', 'dnsorder-rv0', 'type', 'veth', 'peer', 'name', 'dnsorder-rv1'], { timeoutMs: 10_000 });
  if (link.exitCode !== 0) throw new ResolvedError('ERR_CLIENT_START', `cannot add a veth pair to ${namespace} (one systemd-resolved per run): ${link.stderr.trim()}`);
  for (const argv of [['addr', 'add', '198.18.0.2/24', 'dev', 'dnsorder-rv0'], ['link', 'set', 'dnsorder-rv0', 'up'], ['link', 'set', 'dnsorder-rv1', 'up']]) {
    await runCommand(['ip', '-n', namespace, ...argv], { timeoutMs: 10_000 });
  }
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-resolved-'));
  writeFileSync(join(dir, 'start.sh'), START_SCRIPT);
  writeFileSync(join(dir, 'dnsorder.conf'), resolvedSettings(upstream, options));
  writeFileSync(join(dir, 'resolv.conf'), STUB_RESOLV_CONF);
  const binds = [{ host: dir, inside: SIDECAR_DIR }];
  const argv = userland.command(['sh', `${SIDECAR_DIR}/start.sh`], { namespace, binds });
  // No memory-pressure watch: without systemd, sd-event watches the cgroup's (or the system's)
  // memory.pressure and resolved flushes its whole cache each time it fires (resolved-manager.c
  // manager_memory_pressure, "Under memory pressure, flushing caches"), which a loaded test
  // machine triggers. "/dev/null" is sd-event's documented off switch (docs/MEMORY_PRESSURE.md).
  const env = userland.environment({ MEMORY_PRESSURE_WATCH: '/dev/null' });
  const daemon = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    if (output.length < 16_384) output += chunk.toString();
  };
  daemon.stdout!.on('data', keep);
  daemon.stderr!.on('data', keep);
  const closed = new Promise<void>((resolve) => daemon.once('close', () => resolve()));
  const stop = async () => {
    try {
      process.kill(-daemon.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await closed;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilListening(namespace, daemon, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  const version = (await userland.firstLine([DAEMON, '--version']))?.replace(/\s*\(.*$/, '');
  return { runIn: { binds, resolvConf: join(dir, 'resolv.conf') }, stop, version, log: () => output };
}

async function startResolved(userland: Userland, context: RunContext): Promise<Sidecar> {
  if (!context.namespace) throw new ResolvedError('ERR_CLIENT_START', 'systemd-resolved needs the run\'s network namespace (run as root)');
  return startSystemdResolved(userland, context.namespace, context.server);
}

export const systemdResolved = defineProgramClient({
  id: 'systemd-resolved',
  discovery: 'system-config',
  describe: 'systemd-resolved (the daemon, in a root) behind glibc getaddrinfo with resolv.conf → its stub 127.0.0.53',
  toolchain: async (userland) => {
    if (!userland.dir) return { missing: 'systemd-resolved runs only inside a root (on the host it would take over the resolver configuration): dnsorder matrix --suites host,trixie' };
    if (!(await hasDaemon(userland))) return { missing: `no systemd-resolved in ${userland.name}: ${installHint('systemd-resolved')}` };
    const identity = await userland.firstLine(['cc', '--version']);
    return identity ? { identity } : { missing: `no C compiler (cc) in ${userland.name}: ${installHint('build-essential')}` };
  },
  recipe: (identity) => ({
    client: 'glibc',
    sources: ['resolve.c', 'json-out.h'],
    toolchain: identity,
    commands: [['cc', '-O1', '-Wall', '-o', '{out}/resolve', '{src}/resolve.c']],
  }),
  argv: (dir) => [join(dir, 'resolve'), 'getaddrinfo'],
  version: async (dir, userland) => {
    const daemon = await userland.firstLine([DAEMON, '--version']);
    const glibc = await userland.firstLine([join(dir, 'resolve'), '--version']);
    return daemon ? `${daemon.replace(/\s*\(.*$/, '')}${glibc ? ` (via ${glibc})` : ''}` : undefined;
  },
  onlyInRoots: true,
  sidecar: startResolved,
});
