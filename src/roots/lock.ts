// A lock file for one suite's root: created with O_EXCL and holding the
// holder's PID. A lock whose holder died (killed build, power loss) is taken
// over; a live holder is waited for (a build takes minutes, so a poll every
// half second costs nothing).
import { randomBytes } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { RootError } from './errors.js';
import { pidAlive } from '../process/pid-alive.js';


/** Waits for the lock and returns its release. `onWait` is told the holder's PID once. */
export async function acquireLock(path: string, onWait?: (holder: number) => void, timeoutMs = 60 * 60_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    // Written whole under a private name, then linked: the lock never exists without its PID.
    const mine = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(mine, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      await link(mine, path);
      return async () => {
        await rm(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new RootError('ERR_ROOT_LOCK', `cannot create ${path}: ${(err as Error).message}`, { cause: err });
    } finally {
      await rm(mine, { force: true });
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(holder) || holder <= 0 || !pidAlive(holder)) {
      await rm(path, { force: true }); // its holder is gone
      continue;
    }
    if (!told) onWait?.(holder);
    told = true;
    if (Date.now() > deadline) throw new RootError('ERR_ROOT_LOCK', `${path} is held by process ${holder} for too long`);
    await delay(500);
  }
}
