// Fresh npm projects outside the repository, installed offline from the npm
// cache with the repository's locked versions, for the packaging test.
//
// Each project gets a package-lock.json cut from the repository's: its
// dependencies' entries exactly as locked, plus the packed tarball. npm then
// installs by integrity from the tarballs `npm ci` left in the cache. Without
// a lockfile, `npm install --offline` would have to pick versions from the
// registry's full package documents (npm 11 asks for those), which an
// `npm ci` never caches: ENOTCACHED even with every tarball at hand.

import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

interface LockEntry {
  version?: string;
  integrity?: string;
  optional?: boolean;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
export const repoPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  name: string; version: string; license: string; bin: Record<string, string>; engines: Record<string, string>;
  dependencies: Record<string, string>; peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** The locked version of a package the repository installs at top level. */
export function lockedVersion(name: string): string {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** Node's lookup over the lockfile's paths: nested first, then each ancestor. */
function lockPathOf(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[key]) return key;
    if (!dir) return undefined;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

/** Lockfile paths of these top-level packages and everything they need. */
function lockClosure(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const todo = names.map((n) => `node_modules/${n}`);
  while (todo.length > 0) {
    const key = todo.pop()!;
    if (seen.has(key)) continue;
    const entry = lock.packages[key];
    if (!entry) throw new Error(`package-lock.json has no ${key}`);
    seen.add(key);
    const optional = Object.keys(entry.optionalDependencies ?? {});
    const required = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !entry.peerDependenciesMeta?.[n]?.optional),
    ];
    for (const name of [...required, ...optional]) {
      const path = lockPathOf(key, name);
      if (path) todo.push(path);
      else if (!optional.includes(name)) throw new Error(`package-lock.json: ${key} needs ${name}, which it does not lock`);
    }
  }
  return [...seen].sort();
}

export interface ProjectSpec {
  /** Top-level devDependencies, at the repository's locked versions. */
  devDependencies: readonly string[];
}

/** Packages (name@version) the installs need that the npm cache does not hold, or [] when all are there. */
export function missingFromNpmCache(projects: readonly ProjectSpec[]): string[] {
  const keys = lockClosure([...new Set([...projects.flatMap((p) => p.devDependencies), ...Object.keys(repoPackage.dependencies)])]);
  // Optional packages for other platforms (esbuild/rolldown binaries) are never fetched here:
  // expect only those this machine's own install of the lockfile has.
  const wanted = keys.filter((k) => !lock.packages[k]!.optional || existsInRepo(k));
  const cached = new Set(
    execFileSync('npm', ['cache', 'ls'], { encoding: 'utf8', env: npmEnv() }).split('\n')
      .map((line) => /\/((?:@[^/]+\/)?[^/]+)\/-\/[^/]+-(\d[^/]*)\.tgz$/.exec(line.trim()))
      .filter((m) => m !== null).map((m) => `${m[1]}@${m[2]}`),
  );
  return wanted.map((k) => `${k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${lock.packages[k]!.version}`)
    .filter((p) => !cached.has(p));
}

function registryTarball(key: string, version: string): string {
  const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${version}.tgz`;
}

function existsInRepo(key: string): boolean {
  try {
    readFileSync(join(repoRoot, key, 'package.json'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes package.json and package-lock.json for a project that depends on the
 * tarball and on `devDependencies` at their locked versions.
 */
export function writeProject(dir: string, tarball: string, spec: ProjectSpec, type: 'module' | 'commonjs'): void {
  mkdirSync(dir, { recursive: true });
  const dependencies = { [repoPackage.name]: `file:${tarball}` };
  const devDependencies = Object.fromEntries(spec.devDependencies.map((n) => [n, lockedVersion(n)]));
  const root = { name: 'fresh-project', version: '0.0.0', private: true, type, dependencies, devDependencies };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(root, null, 2)}\n`);

  const packages: Record<string, unknown> = {
    '': { name: root.name, version: root.version, dependencies, devDependencies },
    [`node_modules/${repoPackage.name}`]: {
      version: repoPackage.version,
      resolved: `file:${tarball}`,
      license: repoPackage.license,
      dependencies: repoPackage.dependencies,
      bin: repoPackage.bin,
      engines: repoPackage.engines,
      peerDependencies: repoPackage.peerDependencies,
      peerDependenciesMeta: repoPackage.peerDependenciesMeta,
    },
  };
  for (const key of lockClosure([...spec.devDependencies, ...Object.keys(repoPackage.dependencies)])) {
    // npm recomputes these flags for the new root.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[key]!;
    // Without `resolved` npm asks the registry where the tarball is, which an offline install cannot;
    // the registry's tarball URL is also the npm cache's key for it.
    packages[key] = { resolved: registryTarball(key, entry.version as string), ...entry };
  }
  const lockfile = { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
}

/**
 * The environment for npm, npx, node and vitest in a fresh project: no npm
 * run-script variables pointing at the repository (npm test sets them), no
 * vitest worker variables, nothing on PATH or NODE_PATH from the repository,
 * and npm offline.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_registry']);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$)/i.test(key) && !keep.has(key.toLowerCase())) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '').split(':').filter((p) => p && !resolve(p).startsWith(repoRoot)).join(':');
  env.npm_config_offline = 'true';
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never rejects on a non-zero exit (the caller asserts the code). */
export function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((done, fail) => {
    execFile(command, args, { cwd, env: npmEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        // Not an exit status: the command did not start, or it was killed.
        if (error.killed || error.signal) done({ code: null, stdout, stderr: `${stderr}\n[${command} ${args.join(' ')}: ${error.signal ?? 'killed'}]` });
        else fail(error);
        return;
      }
      done({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Compact text of a run for assertion messages. */
export function describeRun(label: string, result: RunResult): string {
  return `${label} exited ${result.code}\n--- stdout\n${result.stdout.slice(-6000)}\n--- stderr\n${result.stderr.slice(-6000)}`;
}
