// The resolver lab: a real recursive resolver as a child process on a free
// loopback port, with a minimal config in its own temp directory that routes
// chosen zones to dnsorder's servers. Never port 53, never a daemon left behind.
//
// Each config is a minimal base (loopback port, foreground, no privilege drop,
// no control channel) plus the lines `dnsorder probe --print-config` prints,
// so the lab runs what users are told to paste. The plain lines turn off what
// would hide expiry from the partial-expiry tests: serve-stale, prefetch and
// minimum cache TTLs above the tests' 2 s (kresd's cache.min_ttl defaults to
// 5 s; BIND prefetches records with a TTL of 9 s or more; pdns_recursor's
// minimum-ttl-override defaults to 1 s). With `settings`, the lines of
// `--print-config KIND --profile production` for those options instead
// (probe-lab-production.test.ts); startPacketCacheFront puts dnsdist in front.
//
// Each resolver runs in a userland (src/roots/userland.ts): this host by
// default, or a root filesystem such as the trixie root of `dnsorder lab build
// trixie` (probe-lab-roots.test.ts), with its temp directory bound at the same
// path inside. The lines are those `--print-config KIND --for-version X.Y`
// prints for the version installed in that userland, read from the program
// itself there (installedResolverVersion, the CLI's default for --for-version).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchange } from '../../src/probe/exchange.js';
import type { Endpoint } from '../../src/probe/address.js';
import { configSnippet, dnstapLines, parseResolverVersion, settingLines, type DnstapTarget, type ResolverKind, type ResolverSetting } from '../../src/probe/config-snippets.js';
import { installedResolverVersion } from '../../src/cli/probe-modes.js';
import { defaultCacheDir } from '../../src/files/cache-dir.js';
import { runCommand } from '../../src/process/run-command.js';
import { hostUserland, type Userland } from '../../src/roots/userland.js';
import { freePort } from './ports.js';
import { until } from './wait.js';

/** The default userland: this host. */
export const HOST_USERLAND: Userland = hostUserland(defaultCacheDir());

export type LabResolverKind = 'unbound' | 'bind' | 'knot-resolver-stub' | 'knot-resolver-forward' | 'powerdns-recursor' | 'dnsmasq';

export const LAB_RESOLVERS: readonly LabResolverKind[] = ['unbound', 'bind', 'knot-resolver-stub', 'knot-resolver-forward', 'powerdns-recursor', 'dnsmasq'];

/** The program each kind runs (for missingPeers). */
export const LAB_COMMAND: Record<LabResolverKind, string> = {
  unbound: 'unbound', bind: 'named', 'knot-resolver-stub': 'kresd', 'knot-resolver-forward': 'kresd',
  'powerdns-recursor': 'pdns_recursor', dnsmasq: 'dnsmasq',
};

/** A zone the resolver sends to one of our servers. */
export interface Route {
  zone: string;
  to: Endpoint;
}

export interface LabResolver extends Endpoint {
  kind: LabResolverKind;
  /** "unbound 1.17.1": program and version, from its own --version. */
  label: string;
  /** What the process wrote on stdout and stderr so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface Launch {
  files: Record<string, string>;
  command: string;
  args: string[];
}

/** The cache settings of one lab run: none (the plain snippet), or production options (config-snippets.ts). */
export interface LabOptions {
  settings?: readonly ResolverSetting[];
  /** Log over dnstap to `dnsorder watch` at this socket, with the lines `--print-config KIND --dnstap-socket PATH` prints. */
  dnstap?: DnstapTarget;
  /** Listen on this port (default: a free one). */
  port?: number;
  /** Run the resolver in this userland (default: the host), with the lines printed for the version installed there. */
  userland?: Userland;
}

/** What a config is written for: the lab's port and directory, the routes, the settings, and the resolver's version. */
interface ConfigInput {
  port: number;
  dir: string;
  routes: readonly Route[];
  settings: readonly ResolverSetting[];
  dnstap?: DnstapTarget;
  /** The installed version (`5.2.13`), as `--print-config --for-version` takes it; undefined: unknown. */
  version?: string;
}

type ConfigWriter = (input: ConfigInput) => Launch;

/** A foreground unbound on 127.0.0.1:port, no remote control, no validator: the lines every lab config starts with. */
export function unboundBaseConfig(port: number, dir: string): string[] {
  return [
    'server:', `  interface: 127.0.0.1@${port}`, '  do-ip6: no', '  do-daemonize: no', '  username: ""', '  chroot: ""',
    `  directory: "${dir}"`, '  pidfile: ""', '  use-syslog: no', '  logfile: ""', '  verbosity: 1',
    '  module-config: "iterator"', '  access-control: 127.0.0.0/8 allow',
    'remote-control:', '  control-enable: no',
  ];
}

const CONFIGS: Record<LabResolverKind, ConfigWriter> = {
  unbound: ({ port, dir, ...c }) => ({
    command: 'unbound', args: ['-d', '-c', join(dir, 'unbound.conf')],
    files: {
      'unbound.conf': [...unboundBaseConfig(port, dir), ...snippets('unbound', c)].join('\n'),
    },
  }),
  bind: ({ port, dir, ...c }) => ({
    command: 'named', args: ['-g', '-n', '1', '-c', join(dir, 'named.conf')],
    files: {
      'named.conf': [
        'options {', `  directory "${dir}";`, '  pid-file none;', `  session-keyfile "${dir}/session.key";`,
        `  managed-keys-directory "${dir}";`, `  listen-on port ${port} { 127.0.0.1; };`, '  listen-on-v6 { none; };',
        '  recursion yes;', '  allow-query { 127.0.0.0/8; };', '  dnssec-validation no;', '  notify no;',
        // The snippet's option lines are comments (named.conf has one options block): the same lines, live.
        ...settingLines('bind', c.settings, '//', c.version).map((l) => `  ${l}`),
        // So are its dnstap statements.
        ...(c.dnstap ? dnstapLines('bind', c.dnstap, c.version).map((l) => `  ${l}`) : []),
        '};', 'controls { };',
        // The snippet's zone statement is live.
        ...snippets('bind', { ...c, dnstap: undefined }),
      ].join('\n'),
    },
  }),
  'knot-resolver-stub': (input) => kresd(input, 'STUB'),
  'knot-resolver-forward': (input) => kresd(input, 'FORWARD'),
  'powerdns-recursor': (input) => (powerdnsYaml(input.version) ? powerdnsRecursor5(input) : powerdnsRecursor4(input)),
  dnsmasq: ({ port, dir, ...c }) => ({
    command: 'dnsmasq', files: { 'dnsmasq.conf': snippets('dnsmasq', c).join('\n') },
    args: [
      `--conf-file=${join(dir, 'dnsmasq.conf')}`, '-d', '--keep-in-foreground', '--listen-address=127.0.0.1', `--port=${port}`,
      '--no-resolv', '--no-hosts', '--pid-file=', '--user=root', '--group=root',
    ],
  }),
};

/** PowerDNS Recursor 5 reads YAML settings (5.2 an old-style file only with --enable-old-settings): config-snippets.ts prints YAML for it. */
function powerdnsYaml(version: string | undefined): boolean {
  return (parseResolverVersion(version ?? '')?.[0] ?? 0) >= 5;
}

/** The base settings every lab pdns_recursor gets (old-style names: a config file line in 4.x, a command-line option in 5.x). */
function powerdnsBase(port: number, dir: string): string[] {
  return ['local-address=127.0.0.1', `local-port=${port}`, `socket-dir=${dir}`, 'daemon=no', 'write-pid=no', 'threads=1', 'disable-syslog=yes', 'security-poll-suffix=', 'loglevel=3'];
}

function powerdnsRecursor4({ port, dir, ...c }: ConfigInput): Launch {
  return {
    command: 'pdns_recursor', args: [`--config-dir=${dir}`],
    files: {
      'recursor.conf': [
        ...powerdnsBase(port, dir),
        ...snippets('powerdns-recursor', { ...c, dnstap: undefined }),
        // The snippet's dnstap line belongs in the Lua file lua-config-file names.
        ...(c.dnstap ? [`lua-config-file=${join(dir, 'recursor.lua')}`] : []),
      ].join('\n'),
      ...(c.dnstap ? { 'recursor.lua': dnstapLines('powerdns-recursor', c.dnstap, c.version).join('\n') } : {}),
    },
  };
}

/**
 * 5.x: recursor.yml is the snippet as printed (its YAML sections appear once, so the lab's own settings go
 * on the command line, which takes the old-style names in 5.x too).
 */
function powerdnsRecursor5({ port, dir, ...c }: ConfigInput): Launch {
  return {
    command: 'pdns_recursor', args: [`--config-dir=${dir}`, ...powerdnsBase(port, dir).map((l) => `--${l}`)],
    files: { 'recursor.yml': snippets('powerdns-recursor', c).join('\n') },
  };
}

/** The lines `dnsorder probe --print-config` prints, one block per route (the settings once): the lab runs what users are told to paste. */
function snippets(kind: ResolverKind, c: Omit<ConfigInput, 'port' | 'dir'>, knotMode?: 'STUB' | 'FORWARD'): string[] {
  return c.routes.flatMap((r, i) => configSnippet(kind, {
    authority: r.to, zone: r.zone, knotMode, settings: c.settings, routeOnly: i > 0, dnstap: c.dnstap, version: c.version,
  }).split('\n'));
}

function kresd({ port, dir, ...c }: ConfigInput, mode: 'STUB' | 'FORWARD'): Launch {
  return {
    command: 'kresd', args: ['-n', '-q', '-c', join(dir, 'config.lua'), dir],
    files: {
      'config.lua': [
        `net.listen('127.0.0.1', ${port}, { kind = 'dns' })`,
        "trust_anchors.remove('.')",
        'cache.size = 20 * MB',
        ...snippets('knot-resolver', c, mode),
      ].join('\n'),
    },
  };
}

/** "unbound 1.17.1": the program's name and its version as installed in `userland` ("?" when it says none). */
function versionLabel(kind: LabResolverKind, version: string | undefined): string {
  const v = version ?? '?';
  switch (kind) {
    case 'unbound': return `unbound ${v}`;
    case 'bind': return `BIND ${v}`;
    case 'knot-resolver-stub': return `Knot Resolver ${v} (STUB)`;
    case 'knot-resolver-forward': return `Knot Resolver ${v} (FORWARD)`;
    case 'powerdns-recursor': return `PowerDNS Recursor ${v}`;
    case 'dnsmasq': return `dnsmasq ${v}`;
  }
}

/** The version of a lab resolver installed in `userland` (what its label shows and its config is written for). */
export function labResolverVersion(kind: LabResolverKind, userland: Userland = HOST_USERLAND): Promise<string | undefined> {
  return installedResolverVersion(snippetKind(kind), userland);
}

export interface Daemon extends Endpoint {
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a DNS daemon in the foreground on a free loopback port, with its
 * files in a temp dir; resolves once it answers a CH TXT version.bind query,
 * and stop() ends it and removes the dir.
 */
export async function startDaemon(
  name: string, launchFor: (port: number, dir: string) => Launch, readyTimeoutMs = 15_000, chosenPort?: number, userland: Userland = HOST_USERLAND,
): Promise<Daemon> {
  const port = chosenPort ?? await freePort();
  // In a root the directory is bound at the same path, which must be under /tmp/ there.
  const dir = mkdtempSync(join(userland.dir ? '/tmp' : tmpdir(), `dnsorder-${name}-`));
  const launch = launchFor(port, dir);
  for (const [file, text] of Object.entries(launch.files)) writeFileSync(join(dir, file), text);
  // Every layer of a root's argv (unshare, sh, chroot) execs the next: the child's pid is the daemon's.
  const [command, ...args] = userland.command([launch.command, ...launch.args], { binds: [{ host: dir, inside: dir }] });
  const child: ChildProcess = spawn(command!, args, { cwd: dir, env: userland.environment(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const endpoint = { address: '127.0.0.1', port };
  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Daemons do not announce readiness alike: ask each until it answers, polling (wait.ts). The
  // deadline is a safety net that turns a daemon that never answers into an error with its output.
  const deadline = Date.now() + readyTimeoutMs;
  await until(async () => {
    if (gone) {
      await stop();
      throw new Error(`${name} exited before answering:\n${output}`);
    }
    const probe = await exchange(endpoint, 'version.bind', 'TXT', { qclass: 'CH', timeoutMs: 300, attempts: 1 });
    if (probe.kind === 'answer') return true;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer on 127.0.0.1:${port} within ${readyTimeoutMs} ms:\n${output}`);
    }
    return false;
  }, 100);
  return { ...endpoint, output: () => output, stop };
}

/** Starts a resolver of `kind` routing `routes`; resolves once it answers a query. */
export async function startLabResolver(kind: LabResolverKind, routes: readonly Route[], options: LabOptions = {}, readyTimeoutMs = 15_000): Promise<LabResolver> {
  const settings = options.settings ?? [];
  const userland = options.userland ?? HOST_USERLAND;
  const version = await labResolverVersion(kind, userland);
  const daemon = await startDaemon(kind, (port, dir) => CONFIGS[kind]({ port, dir, routes, settings, dnstap: options.dnstap, version }), readyTimeoutMs, options.port, userland);
  return { kind, label: `${versionLabel(kind, version)}${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`, ...daemon };
}

/** The snippet kind of a lab resolver. */
export function snippetKind(kind: LabResolverKind): ResolverKind {
  return kind === 'knot-resolver-stub' || kind === 'knot-resolver-forward' ? 'knot-resolver' : kind;
}

/**
 * dnsdist in front of `backend` with a packet cache, on a free loopback port: the way operators put a
 * load balancer with a cache in front of a resolver. Loopback only: no console, no web server, no
 * security polling (it would ask a public name through the host's resolver), and the backend health
 * check asks `version.bind CH TXT`, which every lab resolver answers itself (the default,
 * a.root-servers.net, would send the resolver to the root servers).
 */
export async function startPacketCacheFront(backend: Endpoint, readyTimeoutMs = 15_000, userland: Userland = HOST_USERLAND): Promise<Daemon & { label: string }> {
  const daemon = await startDaemon('dnsdist', (port, dir) => ({
    command: 'dnsdist', args: ['--supervised', '--disable-syslog', '-C', join(dir, 'dnsdist.conf')],
    files: {
      'dnsdist.conf': [
        `setLocal('127.0.0.1:${port}')`,
        "setACL({'127.0.0.0/8'})",
        "setSecurityPollSuffix('')",
        `newServer({address='${backend.address}:${backend.port}', checkName='version.bind.', checkType='TXT', checkClass=DNSClass.CHAOS, checkInterval=60})`,
        // dnsdist.conf's example cache: 100k entries, every default (maxTTL 1 day, minTTL 0, no aging off).
        'pc = newPacketCache(100000)',
        "getPool(''):setCache(pc)",
      ].join('\n'),
    },
  }), readyTimeoutMs, undefined, userland);
  const out = await runCommand(userland.command(['dnsdist', '--version']), { env: userland.environment(), timeoutMs: 20_000 });
  const version = /dnsdist\s+(\S+)/.exec(out.stdout)?.[1] ?? '?';
  return { label: `dnsdist ${version} packet cache`, ...daemon };
}
