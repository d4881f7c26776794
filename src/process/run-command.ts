// Runs a command to completion with a time limit and bounded output: the
// clients' toolchain checks and builds, and (through loaders/process.ts) the
// zone loaders.
import { spawn } from 'node:child_process';

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  error?: Error;
}

/** Output kept per stream; a process that writes more is killed (a runaway build or loader must not fill memory). */
const MAX_OUTPUT_CHARS = 16 << 20;

export function runCommand(argv: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; input?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let overflow: Error | undefined;
    const child = spawn(argv[0]!, argv.slice(1), { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    const collect = (text: string, d: Buffer): string => {
      if (text.length + d.length <= MAX_OUTPUT_CHARS) return text + d.toString();
      overflow ??= new Error(`${argv[0]} wrote more than ${MAX_OUTPUT_CHARS} characters of output`);
      child.kill('SIGKILL');
      return text;
    };
    child.stdout.on('data', (d: Buffer) => (stdout = collect(stdout, d)));
    child.stderr.on('data', (d: Buffer) => (stderr = collect(stderr, d)));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: null, signal: null, timedOut, error });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode, signal, timedOut, ...(overflow ? { error: overflow } : {}) });
    });
  });
}

/** First line of a command's stdout, or undefined when it failed. */
export async function commandLine(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await runCommand(argv, { env, timeoutMs: 20_000 });
  if (r.error || r.exitCode !== 0) return undefined;
  return r.stdout.trim().split('\n')[0]?.trim() || undefined;
}
