// A loader that is one command line per zone: the adapter files only say how
// to call it, how to read its version and how to read its verdict; the
// userland it is made for (host by default, or a root) says where it runs.

import { HOST_USERLAND, messageLines, runProcess, timeoutJudgement, whichCommand, type ProcessResult } from './process.js';
import type { LoaderAdapter, LoaderAvailability, LoaderId, LoaderJudgement, LoaderZone } from './types.js';
import { installHint } from '../process/install-hint.js';
import type { Userland } from '../roots/userland.js';

/** Options a loader's program has in this userland (e.g. kzonecheck's -z, new in Knot 3.3), by name. */
export type LoaderFeatures = ReadonlySet<string>;

export interface CommandLoaderSpec {
  id: LoaderId;
  debianPackage: string;
  command: string;
  timeoutMs?: number;
  versionArgs: readonly string[];
  /** Version from the output of `command ...versionArgs` (stdout and stderr together). */
  parseVersion(output: string): string | null;
  /** Extra availability check after the command was found (e.g. a Python module); a reason when missing. */
  unavailableReason?(versionOutput: string): string | undefined;
  /** Asks the program (e.g. its --help) which options it has; run once, in the probe, when it is there. */
  features?: { args: readonly string[]; detect(output: string): string[] };
  args(zone: LoaderZone, features: LoaderFeatures): string[];
  verdict(result: ProcessResult, zone: LoaderZone, features: LoaderFeatures): LoaderJudgement;
}

export interface CommandProbeSpec {
  id: LoaderId;
  debianPackage: string;
  command: string;
  versionArgs: readonly string[];
  /** Version from the result of `command ...versionArgs` (run in the userland). */
  version(result: ProcessResult): string | null;
  /** Extra availability check after the command was found; a reason when missing. */
  unavailableReason?(result: ProcessResult): string | undefined;
}

/** Why a program is not in a userland: on the host, the package to install; in a root, that the root lacks it. */
export function notFoundReason(command: string, debianPackage: string, userland: Userland): string {
  return userland.dir === undefined
    ? `${command} not found: ${installHint(debianPackage)}`
    : `${command} not found in the ${userland.name} root (${userland.dir}): its package ${debianPackage} is not installed there`;
}

/**
 * A loader's probe(): the command on the userland's PATH (else the Debian
 * package that has it), then its version, read in that userland. Runs once;
 * later calls get the same result.
 */
export function commandProbe(spec: CommandProbeSpec, userland: Userland = HOST_USERLAND): () => Promise<LoaderAvailability> {
  let status: Promise<LoaderAvailability> | undefined;
  return () => {
    status ??= (async (): Promise<LoaderAvailability> => {
      if ((await whichCommand(spec.command, userland)) === undefined) {
        return { version: null, available: false, reason: notFoundReason(spec.command, spec.debianPackage, userland) };
      }
      const r = await runProcess(spec.command, spec.versionArgs, { timeoutMs: userland.dir === undefined ? 10_000 : 30_000, userland });
      const reason = spec.unavailableReason?.(r);
      if (reason !== undefined) return { version: null, available: false, reason };
      return { version: spec.version(r), available: true };
    })();
    return status;
  };
}

/** The adapter of a one-command loader, running the program of `userland`. */
export function commandLoader(spec: CommandLoaderSpec, userland: Userland = HOST_USERLAND): LoaderAdapter {
  const timeoutMs = spec.timeoutMs ?? 120_000;
  const output = (r: ProcessResult) => `${r.stdout}\n${r.stderr}`;
  const probe = commandProbe({
    id: spec.id, debianPackage: spec.debianPackage, command: spec.command, versionArgs: spec.versionArgs,
    version: (r) => spec.parseVersion(output(r)),
    unavailableReason: (r) => spec.unavailableReason?.(output(r)),
  }, userland);
  let features: Promise<LoaderFeatures> | undefined;
  const detect = () => features ??= (async () => {
    if (spec.features === undefined || !(await probe()).available) return new Set<string>();
    const r = await runProcess(spec.command, spec.features.args, { timeoutMs: userland.dir === undefined ? 10_000 : 30_000, userland });
    return new Set(spec.features.detect(output(r)));
  })();
  return {
    id: spec.id,
    userland: userland.name,
    debianPackage: spec.debianPackage,
    timeoutMs,
    probe: async () => {
      const status = await probe();
      await detect();
      return status;
    },
    async judge(zone: LoaderZone): Promise<LoaderJudgement> {
      const has = await detect();
      const r = await runProcess(spec.command, spec.args(zone, has), { cwd: zone.directory, timeoutMs, userland });
      if (r.missing) return { verdict: 'unavailable', message: `${spec.command} not found` };
      if (r.timedOut) return timeoutJudgement(spec.command, timeoutMs);
      return spec.verdict(r, zone, has);
    },
  };
}

/** Exit status 0 → `onSuccess`, anything else → reject; the message is the loader's own. */
export function exitStatusVerdict(r: ProcessResult, onSuccess: LoaderJudgement['verdict'], pick?: (line: string) => boolean): LoaderJudgement {
  const output = `${r.stderr}\n${r.stdout}`;
  if (r.code === null) return { verdict: 'error', message: `killed by a signal: ${messageLines(output)}` };
  const message = messageLines(output, 2, pick) || `exit status ${r.code}`;
  return { verdict: r.code === 0 ? onSuccess : 'reject', message };
}

/**
 * One loader out of several ways to run it (interpreters, paths): the first
 * whose probe says available judges every zone; when none is, the first's
 * reason stands, with the others' after it.
 */
export function firstAvailable(candidates: readonly LoaderAdapter[]): LoaderAdapter {
  let chosen: Promise<{ loader: LoaderAdapter; status: LoaderAvailability }> | undefined;
  const choose = () => chosen ??= (async () => {
    const statuses = await Promise.all(candidates.map((c) => c.probe()));
    const index = statuses.findIndex((s) => s.available);
    if (index >= 0) return { loader: candidates[index]!, status: statuses[index]! };
    const reason = [...new Set(statuses.map((s) => s.reason).filter(Boolean))].join('; ');
    return { loader: candidates[0]!, status: { ...statuses[0]!, reason } };
  })();
  return {
    id: candidates[0]!.id,
    userland: candidates[0]!.userland,
    debianPackage: candidates[0]!.debianPackage,
    timeoutMs: candidates[0]!.timeoutMs,
    probe: async () => (await choose()).status,
    judge: async (zone) => (await choose()).loader.judge(zone),
  };
}
