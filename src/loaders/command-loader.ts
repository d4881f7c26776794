// A loader that is one command line per zone: the adapter files only say how
// to call it, how to read its version and how to read its verdict.

import { messageLines, runProcess, timeoutJudgement, whichCommand, type ProcessResult } from './process.js';
import type { LoaderAdapter, LoaderId, LoaderJudgement, LoaderStatus, LoaderZone } from './types.js';
import { installHint } from '../process/install-hint.js';

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
  args(zone: LoaderZone): string[];
  verdict(result: ProcessResult, zone: LoaderZone): LoaderJudgement;
}

export interface CommandProbeSpec {
  id: LoaderId;
  debianPackage: string;
  command: string;
  versionArgs: readonly string[];
  /** Version from the result of `command ...versionArgs`. */
  version(result: ProcessResult): string | null;
  /** Extra availability check after the command was found; a reason when missing. */
  unavailableReason?(result: ProcessResult): string | undefined;
}

/**
 * A loader's probe(): the command on PATH (else the Debian package that has
 * it), then its version. Runs once; later calls get the same result.
 */
export function commandProbe(spec: CommandProbeSpec): () => Promise<LoaderStatus> {
  let status: Promise<LoaderStatus> | undefined;
  return () => {
    status ??= (async (): Promise<LoaderStatus> => {
      if ((await whichCommand(spec.command)) === undefined) {
        return { id: spec.id, version: null, available: false, reason: `${spec.command} not found: ${installHint(spec.debianPackage)}` };
      }
      const r = await runProcess(spec.command, spec.versionArgs, { timeoutMs: 10_000 });
      const reason = spec.unavailableReason?.(r);
      if (reason !== undefined) return { id: spec.id, version: null, available: false, reason };
      return { id: spec.id, version: spec.version(r), available: true };
    })();
    return status;
  };
}

export function commandLoader(spec: CommandLoaderSpec): LoaderAdapter {
  const timeoutMs = spec.timeoutMs ?? 120_000;
  const output = (r: ProcessResult) => `${r.stdout}\n${r.stderr}`;
  return {
    id: spec.id,
    debianPackage: spec.debianPackage,
    timeoutMs,
    probe: commandProbe({
      id: spec.id, debianPackage: spec.debianPackage, command: spec.command, versionArgs: spec.versionArgs,
      version: (r) => spec.parseVersion(output(r)),
      unavailableReason: (r) => spec.unavailableReason?.(output(r)),
    }),
    async judge(zone: LoaderZone): Promise<LoaderJudgement> {
      const r = await runProcess(spec.command, spec.args(zone), { cwd: zone.directory, timeoutMs });
      if (r.missing) return { verdict: 'unavailable', message: `${spec.command} not found` };
      if (r.timedOut) return timeoutJudgement(spec.command, timeoutMs);
      return spec.verdict(r, zone);
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
  let chosen: Promise<{ loader: LoaderAdapter; status: LoaderStatus }> | undefined;
  const choose = () => chosen ??= (async () => {
    const statuses = await Promise.all(candidates.map((c) => c.probe()));
    const index = statuses.findIndex((s) => s.available);
    if (index >= 0) return { loader: candidates[index]!, status: statuses[index]! };
    const reason = [...new Set(statuses.map((s) => s.reason).filter(Boolean))].join('; ');
    return { loader: candidates[0]!, status: { ...statuses[0]!, reason } };
  })();
  return {
    id: candidates[0]!.id,
    debianPackage: candidates[0]!.debianPackage,
    timeoutMs: candidates[0]!.timeoutMs,
    probe: async () => (await choose()).status,
    judge: async (zone) => (await choose()).loader.judge(zone),
  };
}
