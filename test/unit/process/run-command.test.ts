// The one process runner: exit codes, a time limit, bounded output, and the
// loaders' view of it (missing command, timed out).
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../src/loaders/process.js';
import { runCommand } from '../../../src/process/run-command.js';

describe('runCommand', () => {
  it('returns output and exit code', async () => {
    const r = await runCommand(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, timedOut: false });
    expect(r.error).toBeUndefined();
  });

  it('kills a command at its time limit', async () => {
    const r = await runCommand(['sleep', '5'], { timeoutMs: 100 });
    expect(r).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGKILL' });
  });

  it('kills a command whose output passes the bound, keeping what fits', async () => {
    const r = await runCommand(['sh', '-c', 'yes 0123456789 | head -c 40000000']);
    expect(r.error?.message).toMatch(/more than \d+ characters of output/);
    expect(r.stdout.length).toBeLessThanOrEqual(16 << 20);
    expect(r.stdout.length).toBeGreaterThan(1 << 20);
  });
});

describe('runProcess (loaders)', () => {
  it('tells a missing command from a timeout', async () => {
    expect(await runProcess('no-such-command-dnsorder', [])).toMatchObject({ missing: true, timedOut: false, code: null });
    expect(await runProcess('sleep', ['5'], { timeoutMs: 100 })).toMatchObject({ missing: false, timedOut: true, code: null });
    expect(await runProcess('sh', ['-c', 'exit 2'])).toMatchObject({ missing: false, timedOut: false, code: 2 });
  });
});
