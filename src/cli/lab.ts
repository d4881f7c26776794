// `dnsorder lab build SUITE…`, `lab list`, `lab clean SUITE…`: the root
// filesystems of other Debian releases the matrix, the probe lab and the zone
// loaders run in (src/roots). Building needs root and debootstrap; it is
// cached, keyed by suite and package set, and reused until that set changes.
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { buildRoot, cleanRoots, formatBytes } from '../roots/build.js';
import { listRoots, rootsDir } from '../roots/store.js';
import { isSuiteName } from '../roots/suites.js';
import { EXIT_OK, notice, type CliCommand, type CliIo } from './command.js';
import { renderTextTable } from '../report/text-table.js';

interface LabArgs {
  action: 'build' | 'list' | 'clean';
  suites: string[];
  force: boolean;
  mirror?: string;
  'ignore-release-expiry': boolean;
  format: 'text' | 'json';
}

export const labCommand: CliCommand<LabArgs> = {
  command: 'lab <action> [suites..]',
  describe: 'build, list or remove the root filesystems of Debian releases (trixie, sid, …) that matrix, probe and zonemd loaders run in',
  builder: (y: Argv) => y
    .positional('action', { choices: ['build', 'list', 'clean'] as const, describe: 'build SUITE…: debootstrap and install the peers; list: what is built; clean SUITE…: remove' })
    .positional('suites', { type: 'string', array: true, default: [] as string[], describe: 'Debian suites (codenames): trixie, sid, bookworm, …' })
    .option('force', { type: 'boolean', default: false, describe: 'build: rebuild even when a root for this package set exists' })
    .option('mirror', { type: 'string', describe: 'build: Debian archive URI (default: the host\'s, from /etc/apt)' })
    .option('ignore-release-expiry', { type: 'boolean', default: false, describe: 'build: accept Release files past their Valid-Until (a frozen mirror or snapshot.debian.org)' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'list: output format' }) as unknown as Argv<LabArgs>,
  examples: [
    ['dnsorder lab list', 'the roots built so far: suite, key, size, build time, key package versions'],
    ['dnsorder lab build trixie', 'build (or reuse) the Debian 13 root with the lab\'s peers (about 2 minutes cold)'],
    ['dnsorder lab clean sid', 'remove the unstable root'],
  ],
  exitCodes: { 0: 'built, listed or removed', 2: 'bad arguments, not root, no debootstrap, or the build failed' },
  run: lab,
};

/** The versions a list shows: the libraries and resolvers this wave compares across releases. */
const SHOWN: ReadonlyArray<readonly [pkg: string, name: string]> = [
  ['libc6', 'glibc'], ['musl', 'musl'], ['libc-ares-dev', 'c-ares'], ['golang-go', 'go'], ['python3-dnspython', 'dnspython'],
  ['default-jdk-headless', 'jdk'], ['nodejs', 'node'], ['unbound', 'unbound'], ['bind9', 'bind'], ['knot-resolver', 'kresd'],
  ['pdns-recursor', 'pdns-recursor'], ['dnsmasq-base', 'dnsmasq'], ['knot-resolver6', 'kresd'], ['systemd-resolved', 'systemd-resolved'],
];

/** `1:9.20.30-1~deb13u1` → `9.20.30`: the upstream part of a Debian version. */
export function upstreamVersion(debian: string): string {
  return debian.replace(/^\d+:/, '').replace(/-[^-]*$/, '').replace(/[~+].*$/, '');
}

async function lab(args: LabArgs, io: CliIo): Promise<number> {
  const suites = args.suites.map(String);
  for (const s of suites) if (!isSuiteName(s)) throw new UsageError('ERR_USAGE', `"${s}" is not a Debian suite name`);
  if (args.action === 'list') {
    const roots = listRoots(rootsDir(io.env));
    if (args.format === 'json') {
      io.stdout.write(`${JSON.stringify(roots.map((r) => ({ suite: r.suite, key: r.key, dir: r.dir, current: r.current, manifest: r.manifest ?? null })), null, 2)}\n`);
      return EXIT_OK;
    }
    if (roots.length === 0) {
      io.stdout.write('no roots built (dnsorder lab build trixie)\n');
      return EXIT_OK;
    }
    const rows = roots.map((r) => [
      r.suite, r.key, r.current ? 'current' : 'stale (package set changed)', r.manifest ? formatBytes(r.manifest.diskBytes) : '?',
      r.manifest ? `${r.manifest.buildSeconds} s` : '?',
      r.manifest ? SHOWN.filter(([p]) => r.manifest!.installed[p]).map(([p, name]) => `${name} ${upstreamVersion(r.manifest!.installed[p]!)}`).join(', ') : '',
    ]);
    io.stdout.write(renderTextTable(['suite', 'key', 'state', 'disk', 'build', 'versions'], rows));
    return EXIT_OK;
  }
  if (suites.length === 0) throw new UsageError('ERR_USAGE', `lab ${args.action} needs at least one suite, e.g. \`dnsorder lab ${args.action} trixie\``);
  if (args.action === 'clean') {
    for (const s of suites) {
      const removed = await cleanRoots(s, rootsDir(io.env));
      io.stdout.write(removed.length > 0 ? `${s}: removed ${removed.join(', ')}\n` : `${s}: nothing built\n`);
    }
    return EXIT_OK;
  }
  for (const s of suites) {
    const r = await buildRoot(s, { dir: rootsDir(io.env), force: args.force, mirror: args.mirror, ignoreReleaseExpiry: args['ignore-release-expiry'], onProgress: (m) => notice(io, `lab: ${m}`) });
    const m = r.root.manifest;
    const facts = m ? `${formatBytes(m.diskBytes)}, built in ${m.buildSeconds} s${m.missing.length > 0 ? `, left out: ${m.missing.join(', ')}` : ''}` : '';
    io.stdout.write(`${s}: ${r.built ? 'built' : 'already built'} at ${r.root.dir} (${facts})\n`);
  }
  return EXIT_OK;
}
