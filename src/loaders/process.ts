// Runs a loader's command line: captured output, exit code, a time limit, and
// the loader's message boiled down to its first meaningful lines.

import { runCommand } from '../process/run-command.js';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The command is not installed (spawn ENOENT). */
  missing: boolean;
}

export async function runProcess(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
  const r = await runCommand([command, ...args], { cwd: options.cwd, env: options.env, timeoutMs: options.timeoutMs ?? 60_000 });
  const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut && !missing, missing };
}

/** Where a command is on PATH, or undefined. */
export async function whichCommand(command: string): Promise<string | undefined> {
  const r = await runProcess('sh', ['-c', `command -v "$0"`, command], { timeoutMs: 5000 });
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
