// `dnsorder lab build SUITE`: a Debian root with the lab's peer packages.
// debootstrap (minbase) from the host's own archive, then apt-get inside the
// root for the packages that suite has, then a manifest of what is installed.
// The build goes to a temporary sibling renamed into place, under a lock, so a
// concurrent build of the same suite waits and then reuses it. The host's
// package state and /etc are never touched: everything happens under the
// cache directory, inside a private mount namespace.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { arch } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../process/run-command.js';
import { installHint } from '../process/install-hint.js';
import { debianArchive, parseDeb822Sources, parseOneLineSources, type AptSource } from './apt-sources.js';
import { RootError } from './errors.js';
import { acquireLock } from './lock.js';
import { findRoot, listRoots, rootKey, rootsDir, type RootManifest, type StoredRoot } from './store.js';
import { isSuiteName, suitePackages } from './suites.js';
import { rootUserland } from './userland.js';
import { writeFileAtomic } from '../files/atomic-output.js';

export interface BuildOptions {
  /** Rebuild even when a root for this package set exists. */
  force?: boolean;
  /** Archive URI; default the host's Debian archive from its apt sources. */
  mirror?: string;
  /**
   * Accept Release files past their Valid-Until date: for a frozen mirror or a
   * snapshot.debian.org archive (unstable's Release expires within a week).
   */
  ignoreReleaseExpiry?: boolean;
  /** Cache root's `roots` directory (default from the environment). */
  dir?: string;
  onProgress?: (message: string) => void;
}

export interface BuildResult {
  root: StoredRoot;
  /** False when an existing root was reused. */
  built: boolean;
}

/** The host's apt sources: /etc/apt/sources.list and sources.list.d/*.list|*.sources. */
export function hostAptSources(etcApt = '/etc/apt'): AptSource[] {
  const sources: AptSource[] = [];
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  sources.push(...parseOneLineSources(read(join(etcApt, 'sources.list'))));
  const dir = join(etcApt, 'sources.list.d');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      if (f.endsWith('.list')) sources.push(...parseOneLineSources(read(join(dir, f))));
      else if (f.endsWith('.sources')) sources.push(...parseDeb822Sources(read(join(dir, f))));
    }
  }
  return sources;
}

/** Runs a command, passing each output line to `onLine`; rejects with the last lines when it fails. */
function runStreaming(argv: readonly string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let partial = '';
    const take = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onLine(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new RootError('ERR_ROOT_BUILD', `${argv[0]}: ${err.message}`, { cause: err }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else {
        // The last lines say why (one line: error messages stay single-line).
        const why = tail.map((l) => l.trim()).filter(Boolean).slice(-4).join(' | ');
        reject(new RootError('ERR_ROOT_BUILD', `\`${argv.slice(0, 6).join(' ')}…\` failed (${signal ?? `exit ${code}`}): ${why}`));
      }
    });
  });
}

/** Package → candidate version in the root's archive (`(none)` entries and unknown packages are absent). */
export function parseAptPolicy(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head) {
      current = head[1];
      continue;
    }
    const cand = /^\s+Candidate:\s*(\S+)/.exec(line);
    if (cand && current && cand[1] !== '(none)') out.set(current, cand[1]!);
  }
  return out;
}

const ROOT_RESOLV_CONF = '# dnsorder: replaced by the run\'s own file whenever a client runs in this root\nnameserver 127.0.0.1\n';
const ROOT_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n';

export async function buildRoot(suite: string, options: BuildOptions = {}): Promise<BuildResult> {
  if (!isSuiteName(suite)) throw new RootError('ERR_ROOT_NAME', `"${suite}" is not a Debian suite name`);
  if (process.platform !== 'linux' || process.getuid?.() !== 0) throw new RootError('ERR_ROOT_PRIVILEGE', 'building a root needs Linux and root (debootstrap, chroot)');
  const dir = options.dir ?? rootsDir();
  const progress = options.onProgress ?? (() => {});
  const packages = suitePackages(suite);
  const key = rootKey(suite, packages);
  const finalDir = join(dir, `${suite}-${key}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const release = await acquireLock(join(dir, `${suite}.lock`), (holder) => progress(`waiting for another build of ${suite} (pid ${holder})…`));
  try {
    const existing = findRoot(suite, dir);
    if (existing?.current && !options.force) return { root: existing, built: false };
    // Holding the lock, any temporary build of this suite is one that was killed.
    for (const name of readdirSync(dir)) if (name.startsWith(`${suite}-`) && name.includes('.tmp-')) await rm(join(dir, name), { recursive: true, force: true });

    const debootstrap = await runCommand(['debootstrap', '--version'], { timeoutMs: 10_000 });
    if (debootstrap.error) throw new RootError('ERR_ROOT_TOOL', `debootstrap not found: ${installHint('debootstrap')}`);
    const mirror = options.mirror ?? debianArchive(hostAptSources());
    if (!mirror) throw new RootError('ERR_ROOT_MIRROR', 'no Debian archive in the host\'s apt sources (/etc/apt); give one with --mirror URL');

    const started = performance.now();
    const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;
    const tmp = `${finalDir}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
    const rootfs = join(tmp, 'rootfs');
    await mkdir(tmp, { mode: 0o700 });
    try {
      progress(`${suite}: debootstrap --variant=minbase from ${mirror}`);
      let fetched = 0;
      let phase = '';
      await runStreaming(['debootstrap', '--variant=minbase', suite, rootfs, mirror], process.env, (line) => {
        const step = /^I: (Retrieving|Extracting|Installing|Unpacking|Configuring)/.exec(line)?.[1];
        if (step === 'Retrieving' && ++fetched % 20 === 0) progress(`${suite}: ${fetched} base packages fetched (${elapsed()})`);
        // One line per phase: debootstrap names every package it extracts or configures.
        if (step && step !== 'Retrieving' && step !== phase) progress(`${suite}: debootstrap: ${step.toLowerCase()} (${elapsed()})`);
        if (step) phase = step;
      }, 30 * 60_000);

      // Daemons never start from a package's maintainer scripts inside the root.
      await writeFile(join(rootfs, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
      const buildsDir = join(tmp, 'builds');
      await mkdir(buildsDir, { mode: 0o700 });
      const root = rootUserland(suite, rootfs, buildsDir);
      const inRoot = (argv: string[]) => root.command(argv);
      const env = root.environment({ DEBIAN_FRONTEND: 'noninteractive' });

      const aptOptions = options.ignoreReleaseExpiry ? ['-o', 'Acquire::Check-Valid-Until=false'] : [];
      progress(`${suite}: apt-get update (${elapsed()})`);
      await runStreaming(inRoot(['apt-get', ...aptOptions, 'update', '-q']), env, () => {}, 10 * 60_000).catch((err: RootError) => {
        if (/expired/.test(err.message) && !options.ignoreReleaseExpiry) {
          throw new RootError('ERR_ROOT_BUILD', `${err.message} — the archive's Release file for ${suite} has expired (a frozen mirror or a snapshot?): --ignore-release-expiry accepts it`);
        }
        throw err;
      });
      const policy = await runCommand(inRoot(['apt-cache', 'policy', ...packages]), { env, timeoutMs: 120_000 });
      const candidates = parseAptPolicy(policy.stdout);
      const available = packages.filter((p) => candidates.has(p));
      const missing = packages.filter((p) => !candidates.has(p));
      if (missing.length > 0) progress(`${suite}: not in this suite, left out: ${missing.join(', ')}`);

      progress(`${suite}: apt-get install ${available.length} packages (${elapsed()})`);
      // A line every 100 packages fetched, unpacked or set up: a cold install is several hundred.
      const counts = { fetched: 0, unpacked: 0, 'set up': 0 };
      await runStreaming(inRoot(['apt-get', 'install', '-y', '-q', '--no-install-recommends', '-o', 'Dpkg::Use-Pty=0', ...available]), env, (line) => {
        const step = /^Get:\d/.test(line) ? 'fetched' : /^Unpacking /.test(line) ? 'unpacked' : /^Setting up /.test(line) ? 'set up' : undefined;
        if (step && ++counts[step] % 100 === 0) progress(`${suite}: ${counts[step]} packages ${step} (${elapsed()})`);
      }, 30 * 60_000);
      await runCommand(inRoot(['apt-get', 'clean']), { env, timeoutMs: 120_000 });

      // Regular files, so a run can bind its namespace's own over them (enter-root.sh refuses links).
      await rm(join(rootfs, 'etc/resolv.conf'), { force: true });
      await writeFile(join(rootfs, 'etc/resolv.conf'), ROOT_RESOLV_CONF);
      await rm(join(rootfs, 'etc/hosts'), { force: true });
      await writeFile(join(rootfs, 'etc/hosts'), ROOT_HOSTS);

      const installed = await installedPackages(rootfs);
      const diskBytes = await diskUsage(tmp);
      const manifest: RootManifest = {
        suite, key, arch: arch(), mirror, packages, missing, installed,
        builtAt: new Date().toISOString(), buildSeconds: Math.round((performance.now() - started) / 100) / 10, diskBytes,
      };
      await writeFileAtomic(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      if (existsSync(finalDir)) await rm(finalDir, { recursive: true, force: true }); // --force
      await rename(tmp, finalDir);
      progress(`${suite}: built in ${manifest.buildSeconds} s, ${formatBytes(diskBytes)} on disk`);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    // Older roots of this suite (another package set) are replaced.
    for (const old of listRoots(dir).filter((r) => r.suite === suite && r.key !== key)) await rm(old.dir, { recursive: true, force: true });
    return { root: findRoot(suite, dir)!, built: true };
  } finally {
    await release();
  }
}

async function installedPackages(rootfs: string): Promise<Record<string, string>> {
  const r = await runCommand(['dpkg-query', `--admindir=${join(rootfs, 'var/lib/dpkg')}`, '-W', '-f=${Package}\t${Version}\n'], { timeoutMs: 60_000 });
  const out: Record<string, string> = {};
  for (const line of r.stdout.split('\n')) {
    const [p, v] = line.split('\t');
    if (p && v) out[p] = v;
  }
  return out;
}

export async function diskUsage(path: string): Promise<number> {
  const r = await runCommand(['du', '-sb', '--one-file-system', path], { timeoutMs: 120_000 });
  return Number(r.stdout.split('\t')[0]) || 0;
}

export function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${Math.round(n / (1 << 20))} MiB`;
  return `${Math.round(n / 1024)} KiB`;
}

/** Removes every root of a suite (and abandoned temporary builds of it). Returns the directories removed. */
export async function cleanRoots(suite: string, dir = rootsDir()): Promise<string[]> {
  if (!isSuiteName(suite)) throw new RootError('ERR_ROOT_NAME', `"${suite}" is not a Debian suite name`);
  if (!existsSync(dir)) return [];
  const release = await acquireLock(join(dir, `${suite}.lock`));
  try {
    const removed: string[] = [];
    for (const name of readdirSync(dir)) {
      if (new RegExp(`^${suite}-[0-9a-f]{12}(\\.tmp-\\d+-[0-9a-f]+)?$`).test(name)) {
        await rm(join(dir, name), { recursive: true, force: true });
        removed.push(join(dir, name));
      }
    }
    return removed;
  } finally {
    await release();
  }
}
