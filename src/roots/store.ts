// Where roots live: `<cache>/roots/<suite>-<key>/` holds `rootfs/` (the
// root filesystem), `builds/` (client programs built for it, bound into it at
// run time) and `manifest.json`. The key covers the suite, the architecture and
// the package set, so a changed package table builds a new root and an
// unchanged one is reused. Roots the user names (`--root NAME=DIR`) are never
// written: their builds go to `<cache>/user-roots/<NAME>-<hash of DIR>/`.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { arch } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheRoot, defaultCacheDir } from '../files/cache-dir.js';
import { RootError } from './errors.js';
import { suitePackages, isSuiteName } from './suites.js';
import { HOST, hostUserland, rootUserland, type Userland } from './userland.js';

/** Bumped when the way a root is built changes (not its package list, which is in the key already). */
const RECIPE_VERSION = 1;

export interface RootManifest {
  suite: string;
  key: string;
  arch: string;
  mirror: string;
  /** Packages asked for. */
  packages: string[];
  /** Packages the suite does not have (left out). */
  missing: string[];
  /** Every installed package and its version. */
  installed: Record<string, string>;
  builtAt: string;
  buildSeconds: number;
  diskBytes: number;
}

export function rootsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'roots');
}

export function rootKey(suite: string, packages: readonly string[] = suitePackages(suite)): string {
  return createHash('sha256').update(JSON.stringify({ suite, arch: arch(), packages: [...packages].sort(), RECIPE_VERSION })).digest('hex').slice(0, 12);
}

export interface StoredRoot {
  suite: string;
  key: string;
  dir: string;
  /** Built for the current package table. */
  current: boolean;
  manifest?: RootManifest;
}

/** Every finished root in the store (temporary build directories are not roots). */
export function listRoots(dir = rootsDir()): StoredRoot[] {
  if (!existsSync(dir)) return [];
  const roots: StoredRoot[] = [];
  for (const name of readdirSync(dir).sort()) {
    const m = /^([a-z][a-z0-9-]*)-([0-9a-f]{12})$/.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    if (!lstatSync(path).isDirectory() || !existsSync(join(path, 'manifest.json'))) continue;
    let manifest: RootManifest | undefined;
    try {
      manifest = JSON.parse(readFileSync(join(path, 'manifest.json'), 'utf8')) as RootManifest;
    } catch {
      manifest = undefined;
    }
    roots.push({ suite: m[1]!, key: m[2]!, dir: path, current: m[2] === rootKey(m[1]!), manifest });
  }
  return roots;
}

/** The built root of a suite: the current one, else the newest stale one; undefined when none is built. */
export function findRoot(suite: string, dir = rootsDir()): StoredRoot | undefined {
  const all = listRoots(dir).filter((r) => r.suite === suite);
  return all.find((r) => r.current) ?? all.sort((a, b) => (b.manifest?.builtAt ?? '').localeCompare(a.manifest?.builtAt ?? ''))[0];
}

/** A userland for each name of `--suites` (`host` or a built suite) and `--root NAME=DIR`. */
export function resolveUserlands(suites: readonly string[], userRoots: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Userland[] {
  const out: Userland[] = [];
  const seen = new Set<string>();
  const add = (u: Userland) => {
    if (seen.has(u.name)) throw new RootError('ERR_ROOT_NAME', `the userland name "${u.name}" is given twice`);
    seen.add(u.name);
    out.push(u);
  };
  for (const suite of suites) {
    if (suite === HOST) {
      add(hostUserland(defaultCacheDir(env)));
      continue;
    }
    if (!isSuiteName(suite)) throw new RootError('ERR_ROOT_NAME', `"${suite}" is not a Debian suite name`);
    const root = findRoot(suite, rootsDir(env));
    if (!root) throw new RootError('ERR_ROOT_NOT_BUILT', `no ${suite} root is built: run \`dnsorder lab build ${suite}\` first`);
    add(rootUserland(suite, join(root.dir, 'rootfs'), join(root.dir, 'builds')));
  }
  for (const spec of userRoots) add(userRoot(spec, env));
  return out;
}

/** `NAME=DIR`: a root filesystem the user already has. */
export function userRoot(spec: string, env: NodeJS.ProcessEnv = process.env): Userland {
  const eq = spec.indexOf('=');
  const name = eq > 0 ? spec.slice(0, eq) : '';
  const dir = eq > 0 ? resolve(spec.slice(eq + 1)) : '';
  if (!isSuiteName(name)) throw new RootError('ERR_ROOT_NAME', `--root wants NAME=DIR with NAME in lowercase letters, digits and -, not "${spec}"`);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new RootError('ERR_ROOT_MISSING', `--root ${name}: ${dir} is not a directory`);
  if (!existsSync(join(dir, 'bin/sh')) && !existsSync(join(dir, 'usr/bin/sh'))) {
    throw new RootError('ERR_ROOT_MISSING', `--root ${name}: ${dir} has no /bin/sh, so it is not a root filesystem`);
  }
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return rootUserland(name, dir, join(cacheRoot(env), 'user-roots', `${name}-${hash}`, 'builds'));
}
