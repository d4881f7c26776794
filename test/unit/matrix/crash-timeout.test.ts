// A client program that crashes or hangs is reported as crash / timeout and
// the run goes on: real programs (a shell killing itself with SIGSEGV, a
// sleep) behind fake adapters, against the real scenario server in-process.
import { describe, expect, it } from 'vitest';
import { defineProgramClient } from '../../../src/clients/program-client.js';
import { runMatrix } from '../../../src/matrix/runner.js';

function fake(id: string, script: string) {
  return defineProgramClient({
    id,
    discovery: 'explicit-server',
    describe: `fake client: ${script}`,
    toolchain: async () => ({ identity: 'sh' }),
    argv: () => ['sh', '-c', script],
    version: async () => 'fake 1',
  });
}

// Answers every request with the two canonical addresses, then keeps going.
const ANSWER = `while read q n; do echo '{"addresses":["192.0.2.1","192.0.2.2"],"canonical":null,"error":null}'; done`;

describe('crashing and hanging clients', () => {
  it('are crash and timeout, and every other cell still runs', async () => {
    const doc = await runMatrix({
      adapters: [fake('fake-crash', 'read line; kill -SEGV $$'), fake('fake-hang', 'sleep 60'), fake('fake-good', ANSWER), fake('fake-silent', 'read line; exit 7')],
      scenarios: 'canonical,cname-last',
      isolation: 'none',
      timeoutMs: 700,
      jobs: 2,
    });
    const outcome = (s: string, c: string) => doc.results.find((r) => r.scenario === s && r.client === c)!;
    for (const s of ['canonical', 'cname-last']) {
      expect(outcome(s, 'fake-crash').outcome).toBe('crash');
      expect(outcome(s, 'fake-crash').raw!.signal).toBe('SIGSEGV');
      expect(outcome(s, 'fake-hang').outcome).toBe('timeout');
      expect(outcome(s, 'fake-hang').raw!.timedOut).toBe(true);
      expect(outcome(s, 'fake-good').outcome).toBe('ok');
      expect(outcome(s, 'fake-silent').outcome).toBe('error');
      expect(outcome(s, 'fake-silent').detail).toContain('exited with 7');
    }
    expect(doc.results).toHaveLength(8);
    // The fake clients never query the server.
    expect(doc.results.every((r) => r.queries === 0)).toBe(true);
  });
});
