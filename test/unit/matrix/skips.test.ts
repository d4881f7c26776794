// Cells that cannot run are `skipped` with the reason, and the run goes on.
import { describe, expect, it } from 'vitest';
import { defineProgramClient } from '../../../src/clients/program-client.js';
import { runMatrix } from '../../../src/matrix/runner.js';

const ANSWER = `while read q n; do echo '{"addresses":["192.0.2.1","192.0.2.2"],"canonical":null,"error":null}'; done`;

describe('skipped clients', () => {
  it('a missing toolchain and a system-config client without a namespace are skipped with their reasons', async () => {
    const missing = defineProgramClient({
      id: 'fake-missing', discovery: 'explicit-server', describe: 'not installed',
      toolchain: async () => ({ missing: 'no frobnicator; install frob-dev' }),
      argv: () => ['false'], version: async () => 'x',
    });
    const systemConfig = defineProgramClient({
      id: 'fake-libc', discovery: 'system-config', describe: 'reads resolv.conf',
      toolchain: async () => ({ identity: 'sh' }), argv: () => ['sh', '-c', ANSWER], version: async () => 'x',
    });
    const good = defineProgramClient({
      id: 'fake-good', discovery: 'explicit-server', describe: 'answers',
      toolchain: async () => ({ identity: 'sh' }), argv: () => ['sh', '-c', ANSWER], version: async () => 'fake 1',
    });
    const doc = await runMatrix({ adapters: [missing, systemConfig, good], scenarios: 'canonical', isolation: 'none' });
    const byClient = Object.fromEntries(doc.results.map((r) => [r.client, r]));
    expect(byClient['fake-missing']).toMatchObject({ outcome: 'skipped', detail: 'no frobnicator; install frob-dev', breaks: false, queries: null });
    expect(byClient['fake-libc']!.outcome).toBe('skipped');
    expect(byClient['fake-libc']!.detail).toMatch(/needs a network namespace: namespaces turned off/);
    expect(byClient['fake-good']!.outcome).toBe('ok');
    expect(doc.clients.map((c) => [c.id, c.available])).toEqual([['fake-missing', false], ['fake-libc', false], ['fake-good', true]]);
  });
});
