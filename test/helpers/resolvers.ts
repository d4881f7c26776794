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

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exchange } from '../../src/probe/exchange.js';
import type { Endpoint } from '../../src/probe/address.js';
import { configSnippet, dnstapLines, settingLines, type DnstapTarget, type ResolverKind, type ResolverSetting } from '../../src/probe/config-snippets.js';
import { freePort } from './ports.js';

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
}

type ConfigWriter = (port: number, dir: string, routes: readonly Route[], settings: readonly ResolverSetting[], dnstap?: DnstapTarget) => Launch;

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
  unbound: (port, dir, routes, settings, dnstap) => ({
    command: 'unbound', args: ['-d', '-c', join(dir, 'unbound.conf')],
    files: {
      'unbound.conf': [...unboundBaseConfig(port, dir), ...snippets('unbound', routes, settings, undefined, dnstap)].join('\n'),
    },
  }),
  bind: (port, dir, routes, settings, dnstap) => ({
    command: 'named', args: ['-g', '-n', '1', '-c', join(dir, 'named.conf')],
    files: {
      'named.conf': [
        'options {', `  directory "${dir}";`, '  pid-file none;', `  session-keyfile "${dir}/session.key";`,
        `  managed-keys-directory "${dir}";`, `  listen-on port ${port} { 127.0.0.1; };`, '  listen-on-v6 { none; };',
        '  recursion yes;', '  allow-query { 127.0.0.0/8; };', '  dnssec-validation no;', '  notify no;',
        // The snippet's option lines are comments (named.conf has one options block): the same lines, live.
        ...settingLines('bind', settings, '//').map((l) => `  ${l}`),
        // So are its dnstap statements.
        ...(dnstap ? dnstapLines('bind', dnstap).map((l) => `  ${l}`) : []),
        '};', 'controls { };',
        // The snippet's zone statement is live.
        ...snippets('bind', routes, settings),
      ].join('\n'),
    },
  }),
  'knot-resolver-stub': (port, dir, routes, settings, dnstap) => kresd(port, dir, routes, settings, 'STUB', dnstap),
  'knot-resolver-forward': (port, dir, routes, settings, dnstap) => kresd(port, dir, routes, settings, 'FORWARD', dnstap),
  'powerdns-recursor': (port, dir, routes, settings, dnstap) => ({
    command: 'pdns_recursor', args: [`--config-dir=${dir}`],
    files: {
      'recursor.conf': [
        'local-address=127.0.0.1', `local-port=${port}`, `socket-dir=${dir}`, 'daemon=no', 'write-pid=no', 'threads=1',
        'disable-syslog=yes', 'security-poll-suffix=', 'loglevel=3',
        ...snippets('powerdns-recursor', routes, settings),
        // The snippet's dnstap line belongs in the Lua file lua-config-file names.
        ...(dnstap ? [`lua-config-file=${join(dir, 'recursor.lua')}`] : []),
      ].join('\n'),
      ...(dnstap ? { 'recursor.lua': dnstapLines('powerdns-recursor', dnstap).join('\n') } : {}),
    },
  }),
  dnsmasq: (port, dir, routes, settings) => ({
    command: 'dnsmasq', files: { 'dnsmasq.conf': snippets('dnsmasq', routes, settings).join('\n') },
    args: [
      `--conf-file=${join(dir, 'dnsmasq.conf')}`, '-d', '--keep-in-foreground', '--listen-address=127.0.0.1', `--port=${port}`,
      '--no-resolv', '--no-hosts', '--pid-file=', '--user=root', '--group=root',
    ],
  }),
};

/** The lines `dnsorder probe --print-config` prints, one block per route (the settings once): the lab runs what users are told to paste. */
function snippets(kind: ResolverKind, routes: readonly Route[], settings: readonly ResolverSetting[], knotMode?: 'STUB' | 'FORWARD', dnstap?: DnstapTarget): string[] {
  return routes.flatMap((r, i) => configSnippet(kind, { authority: r.to, zone: r.zone, knotMode, settings, routeOnly: i > 0, dnstap }).split('\n'));
}

function kresd(port: number, dir: string, routes: readonly Route[], settings: readonly ResolverSetting[], mode: 'STUB' | 'FORWARD', dnstap?: DnstapTarget): Launch {
  return {
    command: 'kresd', args: ['-n', '-q', '-c', join(dir, 'config.lua'), dir],
    files: {
      'config.lua': [
        `net.listen('127.0.0.1', ${port}, { kind = 'dns' })`,
        "trust_anchors.remove('.')",
        'cache.size = 20 * MB',
        ...snippets('knot-resolver', routes, settings, mode, dnstap),
      ].join('\n'),
    },
  };
}

function versionLabel(kind: LabResolverKind): string {
  // Some print their version on stderr (pdns_recursor), some on stdout, some exit non-zero after it.
  const run = (cmd: string, args: string[]) => {
    const out = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000 });
    return `${out.stdout ?? ''}${out.stderr ?? ''}`;
  };
  const pick = (text: string, re: RegExp) => re.exec(text)?.[1] ?? '?';
  switch (kind) {
    case 'unbound': return `unbound ${pick(run('unbound', ['-V']), /Version\s+(\S+)/)}`;
    case 'bind': return `BIND ${pick(run('named', ['-v']), /BIND\s+([0-9.]+)/)}`;
    case 'knot-resolver-stub': return `Knot Resolver ${pick(run('kresd', ['--version']), /version\s+(\S+)/i)} (STUB)`;
    case 'knot-resolver-forward': return `Knot Resolver ${pick(run('kresd', ['--version']), /version\s+(\S+)/i)} (FORWARD)`;
    case 'powerdns-recursor': return `PowerDNS Recursor ${pick(run('pdns_recursor', ['--version']), /Recursor\s+(\S+)/)}`;
    case 'dnsmasq': return `dnsmasq ${pick(run('dnsmasq', ['--version']), /version\s+(\S+)/)}`;
  }
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
export async function startDaemon(name: string, launchFor: (port: number, dir: string) => Launch, readyTimeoutMs = 15_000, chosenPort?: number): Promise<Daemon> {
  const port = chosenPort ?? await freePort();
  const dir = mkdtempSync(join(tmpdir(), `dnsorder-${name}-`));
  const launch = launchFor(port, dir);
  for (const [file, text] of Object.entries(launch.files)) writeFileSync(join(dir, file), text);
  const child: ChildProcess = spawn(launch.command, launch.args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (gone) {
      await stop();
      throw new Error(`${name} exited before answering:\n${output}`);
    }
    const probe = await exchange(endpoint, 'version.bind', 'TXT', { qclass: 'CH', timeoutMs: 300, attempts: 1 });
    if (probe.kind === 'answer') break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer on 127.0.0.1:${port} within ${readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...endpoint, output: () => output, stop };
}

/** Starts a resolver of `kind` routing `routes`; resolves once it answers a query. */
export async function startLabResolver(kind: LabResolverKind, routes: readonly Route[], options: LabOptions = {}, readyTimeoutMs = 15_000): Promise<LabResolver> {
  const settings = options.settings ?? [];
  const daemon = await startDaemon(kind, (port, dir) => CONFIGS[kind](port, dir, routes, settings, options.dnstap), readyTimeoutMs, options.port);
  return { kind, label: `${versionLabel(kind)}${settings.length > 0 ? ` [${settings.join(', ')}]` : ''}`, ...daemon };
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
export async function startPacketCacheFront(backend: Endpoint, readyTimeoutMs = 15_000): Promise<Daemon & { label: string }> {
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
  }), readyTimeoutMs);
  const version = /dnsdist\s+(\S+)/.exec(spawnSync('dnsdist', ['--version'], { encoding: 'utf8', timeout: 5000 }).stdout ?? '')?.[1] ?? '?';
  return { label: `dnsdist ${version} packet cache`, ...daemon };
}
