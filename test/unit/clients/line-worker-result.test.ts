// A probe program's line is parsed once, where it is read: the run carries the
// ResolverResult the matrix classifies (src/matrix/outcome.ts reads only that).
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../src/clients/line-worker.js';

// Prints a well-formed result line for "good", anything else verbatim.
const PROGRAM = `while read q; do if [ "$q" = good ]; then echo '{"addresses":["192.0.2.1"],"canonical":"a.test","error":null}'; else echo "$q"; fi; done`;

describe('LineWorker runs carry the parsed result', () => {
  it('a result line becomes the value; a line that is no result leaves it undefined', async () => {
    const pool = new WorkerPool(['sh', '-c', PROGRAM], 1);
    try {
      const good = await pool.request('good', 5000);
      expect(good.result).toEqual({ addresses: ['192.0.2.1'], canonical: 'a.test', error: null });
      expect(good.stdout).toContain('"addresses"');
      const bad = await pool.request('garbage', 5000);
      expect(bad.result).toBeUndefined();
      expect(bad.stdout).toBe('garbage');
    } finally {
      await pool.close();
    }
  });
});
