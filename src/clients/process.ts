// Small process helpers shared by adapters: run a command to completion
// (toolchain versions, builds) with a time limit.
import { spawn } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  error?: Error;
}

export function runCommand(argv: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; input?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const child = spawn(argv[0]!, argv.slice(1), { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: null, signal: null, timedOut, error });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode, signal, timedOut });
    });
  });
}

/** First line of a command's stdout, or undefined when it failed. */
export async function commandLine(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await runCommand(argv, { env, timeoutMs: 20_000 });
  if (r.error || r.exitCode !== 0) return undefined;
  return r.stdout.trim().split('\n')[0]?.trim() || undefined;
}
