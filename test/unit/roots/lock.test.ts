import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock } from '../../../src/roots/lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dnsorder-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the per-suite build lock', () => {
  it('makes a second taker wait until the first releases it', async () => {
    const path = join(dir, 'trixie.lock');
    const release = await acquireLock(path);
    let waitedFor: number | undefined;
    let second = false;
    let reported!: () => void;
    const sawHolder = new Promise<void>((resolve) => (reported = resolve));
    const waiting = acquireLock(path, (holder) => {
      waitedFor = holder;
      reported();
    }).then((r) => {
      second = true;
      return r;
    });
    // The waiter has seen the holder once it reports it (the callback is the event); it must not have the lock yet.
    await sawHolder;
    expect(waitedFor).toBe(process.pid);
    expect(second).toBe(false);
    await release();
    const releaseSecond = await waiting;
    expect(second).toBe(true);
    await releaseSecond();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock whose holder is dead', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((resolve) => child.on('exit', resolve));
    const path = join(dir, 'sid.lock');
    writeFileSync(path, `${pid}\n`);
    const release = await acquireLock(path);
    await release();
  });
});
