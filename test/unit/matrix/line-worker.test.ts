import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/clients/line-worker.js';
import { until } from '../../helpers/wait.js';

// Answers each line with JSON, but on "hang" starts a grandchild that holds stdout open and never answers.
const PROGRAM = `while read q; do if [ "$q" = hang ]; then sleep 61.5; fi; echo "{\\"got\\":\\"$q\\"}"; done`;

function sleepers(): number {
  try {
    return execFileSync('pgrep', ['-f', 'sleep 61.5']).toString().trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('LineWorker after a timeout', () => {
  it('answers the next request normally (the killed program cannot finish it) and leaves no process behind', async () => {
    const pool = new WorkerPool(['sh', '-c', PROGRAM], 1);
    try {
      const hung = await pool.request('hang', 300);
      expect(hung.timedOut).toBe(true);
      const next = await pool.request('after', 5000);
      expect(next).toMatchObject({ timedOut: false, signal: null });
      expect(JSON.parse(next.stdout)).toEqual({ got: 'after' });
      // The killed program's 'close' finished the hung request (that is how it resolved), so
      // nothing of it is left to leak into a third request either.
      expect(JSON.parse((await pool.request('third', 5000)).stdout)).toEqual({ got: 'third' });
    } finally {
      await pool.close();
    }
    // The grandchild dies with its process group (pgrep -f also matches the program's own sh, now closed);
    // a SIGKILLed process is reaped a moment later, which no event of ours announces.
    await until(() => sleepers() === 0);
    expect(sleepers()).toBe(0);
  });
});
