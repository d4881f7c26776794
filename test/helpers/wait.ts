// Waiting in tests is for an event, never for a length of time. Each helper
// resolves when the thing the test needs has happened; the test's own timeout
// (or a test-chosen safety net) turns a hang into a failure, and nothing here
// asserts how long it took. test/unit/repository/no-sleeps.test.ts keeps
// fixed sleeps out of test/: extend this file rather than write another.

import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Waiting for a condition no event announces (another process's exit, a port
 * a daemon has bound): check it again after each short pause until it holds.
 * The pause is a polling interval, not a guess at how long anything takes.
 */
export async function until(condition: () => boolean | Promise<boolean>, pauseMs = 20): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, pauseMs));
}

/**
 * Resolves once `path` exists: a watch on its directory reports the entry,
 * and the existence check after the watch starts closes the race with a file
 * created before it.
 */
export function fileAppears(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const name = basename(path);
    const watcher = watch(dirname(path), (_event, entry) => {
      if ((entry === null || entry === name) && existsSync(path)) done();
    });
    const done = () => {
      watcher.close();
      resolve();
    };
    watcher.once('error', (error) => {
      watcher.close();
      reject(error);
    });
    if (existsSync(path)) done();
  });
}

/**
 * Resolves with everything read so far once it satisfies `test`, checked on
 * every chunk of each of `streams` (e.g. a child's stdout and stderr) and at
 * once. `text` is what the caller has collected; `what` names the wait when
 * a stream ends first.
 */
export function outputMatches(streams: Readable[], text: () => string, test: (s: string) => boolean, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      for (const s of streams) {
        s.off('data', check);
        s.off('close', ended);
      }
    };
    const check = () => {
      if (!test(text())) return;
      stop();
      resolve(text());
    };
    // Checked after the caller's own 'data' listener (registered first) has added the chunk.
    const ended = () => {
      if (test(text())) return check();
      stop();
      reject(new Error(`the output ended before ${what}:\n${text()}`));
    };
    for (const s of streams) {
      s.on('data', check);
      s.once('close', ended);
    }
    check();
  });
}

/**
 * A count of events that tests can wait on: `add()` from an event handler
 * (an onQuery hook, a socket's 'message'), `reaches(n)` resolves as soon as
 * the count is at least n.
 */
export class EventCount {
  private value = 0;
  private waiters: Array<{ n: number; resolve: () => void }> = [];

  get count(): number {
    return this.value;
  }

  add(by = 1): void {
    this.value += by;
    this.waiters = this.waiters.filter((w) => {
      if (this.value < w.n) return true;
      w.resolve();
      return false;
    });
  }

  reaches(n: number): Promise<void> {
    if (this.value >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
}
