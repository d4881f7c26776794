// Runs a loader's command line in its userland: captured output, exit code,
// a time limit, and the loader's message boiled down to its first meaningful
// lines. In a root the working directory (the zone's) is bound in and entered
// before the loader starts, so relative file names and $INCLUDE resolve as on
// the host.

import { runCommand } from '../process/run-command.js';
import { defaultCacheDir } from '../files/cache-dir.js';
import { hostUserland, type Bind, type Userland } from '../roots/userland.js';

/** The host's userland, where every loader runs unless it is made for a root. */
export const HOST_USERLAND: Userland = hostUserland(defaultCacheDir());

/**
 * Where a host directory is seen inside `userland`: itself on the host and,
 * in a root, itself when under /tmp/ (a fresh tmpfs there, so the path can be
 * kept), else `fallback` (a path under /run/).
 */
export function pathInside(userland: Userland, hostDir: string, fallback: string): string {
  if (userland.dir === undefined) return hostDir;
  return /^\/tmp\/./.test(hostDir) && !hostDir.split('/').includes('..') ? hostDir : fallback;
}

/** Where a root sees the directory a loader works in, when it is not under /tmp/. */
export const WORK_DIR_INSIDE = '/run/dnsorder/zone';

/**
 * The argv and spawn options that run `argv` in `userland` with `cwd` (a host
 * directory) as working directory: on the host unchanged; in a root that
 * directory is bound in and `sh` enters it before exec'ing the program (one
 * process: a time limit's kill reaches the loader itself).
 */
export function commandIn(userland: Userland, argv: readonly string[], cwd?: string, binds: readonly Bind[] = []): { argv: string[]; cwd?: string } {
  if (userland.dir === undefined) return { argv: userland.command(argv, { binds }), cwd };
  if (cwd === undefined) return { argv: userland.command(argv, { binds }) };
  const inside = pathInside(userland, cwd, WORK_DIR_INSIDE);
  return { argv: userland.command(['sh', '-c', 'cd "$0" && exec "$@"', inside, ...argv], { binds: [{ host: cwd, inside }, ...binds] }) };
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The command is not installed (spawn ENOENT). */
  missing: boolean;
}

export interface RunProcessOptions {
  /** Working directory (a host directory; bound into a root). */
  cwd?: string;
  timeoutMs?: number;
  /** Added to the userland's environment. */
  env?: NodeJS.ProcessEnv;
  /** Where the command runs (default: the host). */
  userland?: Userland;
}

export async function runProcess(command: string, args: readonly string[], options: RunProcessOptions = {}): Promise<ProcessResult> {
  const userland = options.userland ?? HOST_USERLAND;
  const run = commandIn(userland, [command, ...args], options.cwd);
  const r = await runCommand(run.argv, { cwd: run.cwd, env: userland.environment(options.env), timeoutMs: options.timeoutMs ?? 60_000 });
  // In a root the shell that execs the program says so with status 127 (the spawn itself always succeeds).
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
    || (userland.dir !== undefined && r.exitCode === 127 && /not found|No such file/i.test(r.stderr));
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut && !missing, missing };
}

/** Where a command is on the userland's PATH, or undefined. */
export async function whichCommand(command: string, userland: Userland = HOST_USERLAND): Promise<string | undefined> {
  // Entering a root (mounts, chroot) takes longer than a host fork: a wider limit there.
  const r = await runProcess('sh', ['-c', `command -v "$0"`, command], { timeoutMs: userland.dir === undefined ? 5000 : 20_000, userland });
  const path = r.stdout.trim();
  return r.code === 0 && path !== '' ? path : undefined;
}

/** The first `count` non-empty output lines, with log prefixes (timestamps, program[pid]:) removed, at most 240 characters. */
export function messageLines(output: string, count = 2, pick?: (line: string) => boolean): string {
  const lines = output
    .split('\n')
    .map((l) => l.replace(/^\[[0-9-]+ [0-9:.]+\] [\w-]+\[\d+\]: /, '').replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
  const chosen = pick ? [...lines.filter(pick), ...lines.filter((l) => !pick(l))] : lines;
  const text = chosen.slice(0, count).join(' | ');
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

export function timeoutJudgement(command: string, timeoutMs: number) {
  return { verdict: 'error' as const, message: `${command} did not finish within ${Math.round(timeoutMs / 1000)} s` };
}
