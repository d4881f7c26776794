// A long-running probe program that answers one request line with one JSON
// line. Starting a JVM or a Python interpreter per query would dominate a
// matrix run, so each program stays up and resolves many names in turn. A
// request is still isolated in what matters: if the program dies or hangs on
// it, that request's run carries the signal or the timeout, the program is
// killed, and the next request starts a fresh one.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { parseClientOutput } from './client-output.js';
import type { RawRun } from './types.js';
import { DnsorderError } from '../errors.js';

interface Pending {
  resolve: (run: RawRun) => void;
  started: number;
  timer: NodeJS.Timeout;
}

export class LineWorker {
  private child?: ChildProcessWithoutNullStreams;
  private stdout = '';
  private stderr = '';
  private pending?: Pending;

  constructor(private readonly argv: readonly string[], private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Sends one request line; resolves with the program's answer line or how it failed. */
  request(line: string, timeoutMs: number): Promise<RawRun> {
    if (this.pending) throw new DnsorderError('ERR_INTERNAL', 'LineWorker: one request at a time');
    const child = this.child ?? this.start();
    this.stdout = '';
    this.stderr = '';
    return new Promise<RawRun>((resolve) => {
      const timer = setTimeout(() => {
        // Kill the program; the 'close' handler finishes the request as timed out.
        this.finish({ timedOut: true, exitCode: null, signal: null });
        killGroup(child);
      }, timeoutMs);
      this.pending = { resolve, started: performance.now(), timer };
      child.stdin.write(`${line}\n`);
    });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => killGroup(child), 2000);
      child.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (child.exitCode !== null || child.signalCode !== null) {
        clearTimeout(timer);
        resolve();
        return;
      }
      child.stdin.end();
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    // Its own process group, so a kill reaches what a wrapper (sh, ip netns exec) started too.
    const child = spawn(this.argv[0]!, this.argv.slice(1), { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    child.stdin.on('error', () => {}); // EPIPE when the program died; reported through 'close'
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child !== child) return;
      this.stdout += chunk.toString();
      const newline = this.stdout.indexOf('\n');
      if (newline >= 0 && this.pending) {
        const line = this.stdout.slice(0, newline);
        this.stdout = this.stdout.slice(newline + 1);
        this.finish({ stdout: line, timedOut: false, exitCode: null, signal: null });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.child === child && this.stderr.length < 64 * 1024) this.stderr += chunk.toString();
    });
    // Only the current child may finish a request: a child killed after a timeout closes later,
    // when the worker may already be serving the next request.
    child.on('error', (err) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.stderr += `${err.message}\n`;
      this.finish({ timedOut: false, exitCode: null, signal: null });
    });
    child.on('close', (exitCode, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.finish({ timedOut: false, exitCode, signal });
    });
    return child;
  }

  private finish(outcome: { stdout?: string; timedOut: boolean; exitCode: number | null; signal: NodeJS.Signals | null }): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (outcome.timedOut) this.child = undefined; // killed right after; never reuse it
    const stdout = outcome.stdout ?? this.stdout.trim();
    pending.resolve({
      result: parseClientOutput(stdout),
      stdout,
      stderr: this.stderr,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      durationMs: Math.round(performance.now() - pending.started),
    });
  }
}

function killGroup(child: ChildProcessWithoutNullStreams): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL'); // the group is gone or was never ours
  }
}

/** Up to `size` workers running the same program; requests wait for a free one. */
export class WorkerPool {
  private readonly idle: LineWorker[] = [];
  private readonly all: LineWorker[] = [];
  private readonly waiting: Array<(w: LineWorker) => void> = [];

  constructor(private readonly argv: readonly string[], private readonly size: number, private readonly env?: NodeJS.ProcessEnv) {}

  async request(line: string, timeoutMs: number): Promise<RawRun> {
    const worker = await this.acquire();
    try {
      return await worker.request(line, timeoutMs);
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.close()));
  }

  private acquire(): Promise<LineWorker> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.all.length < this.size) {
      const worker = new LineWorker(this.argv, this.env);
      this.all.push(worker);
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
