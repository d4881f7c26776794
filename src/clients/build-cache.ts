// Probe programs are built once and reused: each build lives in
// <cache>/<client>-<hash>/ where the hash covers the program's sources, the
// toolchain's version and the build command, so a new compiler or an edited
// source gets a fresh build and nothing stale is ever run. Builds go to a
// temporary directory renamed into place, so concurrent runs never see half a build.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientBuildError } from './errors.js';
import { runCommand } from '../process/run-command.js';
import { HOST, type Userland } from '../roots/userland.js';
import { pidAlive } from '../process/pid-alive.js';

/** The probe programs' sources (shipped in src/, used from src/ and dist/ alike). */
export const PROGRAMS_DIR = fileURLToPath(new URL('../../src/clients/programs/', import.meta.url));

export { cacheRoot, defaultCacheDir } from '../files/cache-dir.js';

export interface BuildRecipe {
  client: string;
  /** Source file paths in PROGRAMS_DIR (`hickory/src/main.rs` keeps its subdirectory), copied into the build directory (a root cannot see the host's files). */
  sources: string[];
  /** Toolchain identity (compiler version line): part of the cache key. */
  toolchain: string;
  /** Commands run in the userland; `{src}` and `{out}` expand to the build directory as the userland sees it. None: the sources are the program. */
  commands: string[][];
  env?: NodeJS.ProcessEnv;
  /** Limit for each command (default 5 minutes): a cold cargo build of a crate graph takes longer on a busy machine. */
  timeoutMs?: number;
}

export async function buildKey(recipe: BuildRecipe): Promise<string> {
  const hash = createHash('sha256');
  for (const file of recipe.sources) hash.update(file).update(await readFile(join(PROGRAMS_DIR, file)));
  hash.update(recipe.toolchain).update(JSON.stringify(recipe.commands));
  return hash.digest('hex').slice(0, 16);
}

/** Marks a build in progress: `<client>-<key>.tmp-<pid>-<random>`. */
const TMP_MARK = '.tmp-';
/** A build directory older than this is abandoned even if its PID was reused. */
const STALE_BUILD_MS = 60 * 60 * 1000;

/**
 * Removes the temporary directories of builds that were interrupted (killed,
 * power lost): their process is gone, or they are older than any build takes.
 * A build still running in another process is left alone.
 */
export async function removeStaleBuilds(cacheDir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(cacheDir);
  } catch {
    return removed;
  }
  for (const name of entries) {
    const match = /\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (!match) continue;
    const path = join(cacheDir, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    if (pidAlive(Number(match[1])) && now - info.mtimeMs < STALE_BUILD_MS) continue;
    await rm(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}


/** A built program's directory, on the host and as its userland sees it. */
export interface BuiltProgram {
  hostDir: string;
  dir: string;
}

/**
 * Returns the directory holding the built program, building it first when
 * needed: in `userland.buildDir`, with the userland's own compiler (a root's
 * programs link against the root's libraries).
 */
export async function ensureBuilt(userland: Userland, recipe: BuildRecipe): Promise<BuiltProgram> {
  const cacheDir = userland.buildDir;
  const name = `${recipe.client}-${await buildKey(recipe)}`;
  const dir = join(cacheDir, name);
  const inside = (hostPath: string) => join(userland.buildDirInside, relative(cacheDir, hostPath));
  if (existsSync(join(dir, '.built'))) return { hostDir: dir, dir: inside(dir) };
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  await removeStaleBuilds(cacheDir);
  // mkdir of a fresh random name fails rather than reuse anything already there (a planted link included).
  const tmp = `${dir}${TMP_MARK}${process.pid}-${randomBytes(8).toString('hex')}`;
  await mkdir(tmp, { mode: 0o700 });
  try {
    for (const file of recipe.sources) {
      await mkdir(dirname(join(tmp, file)), { recursive: true });
      await copyFile(join(PROGRAMS_DIR, file), join(tmp, file));
    }
    for (const command of recipe.commands) {
      const argv = command.map((a) => a.replaceAll('{src}', inside(tmp)).replaceAll('{out}', inside(tmp)));
      const r = await runCommand(userland.command(argv), { cwd: tmp, env: userland.environment(recipe.env), timeoutMs: recipe.timeoutMs ?? 300_000 });
      if (r.exitCode !== 0) {
        const where = userland.name === HOST ? '' : ` in ${userland.name}`;
        throw new ClientBuildError(recipe.client, `\`${argv.join(' ')}\`${where} failed: ${(r.stderr || r.error?.message || '').trim().slice(0, 2000)}`);
      }
    }
    await writeFile(join(tmp, '.built'), `${recipe.toolchain}\n`);
    try {
      await rename(tmp, dir);
    } catch (err) {
      if (!existsSync(join(dir, '.built'))) throw err; // someone else finished first: use theirs
    }
    return { hostDir: dir, dir: inside(dir) };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
