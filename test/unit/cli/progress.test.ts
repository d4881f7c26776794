// Progress on stderr: a status line redrawn in place on a terminal, nothing
// in pipes or with --quiet — for every command that can run for long
// (matrix, probe, zonemd loaders, fixtures --measure). The commands run
// in-process with a stderr that says it is a TTY, as a terminal's does.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { showsProgress, startProgress } from '../../../src/cli/progress.js';
import { freePort } from '../../helpers/ports.js';
import { startFakeResolver } from '../probe/fake-resolver.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STATUS = /\r\u001b\[K\[\s*\d+\/\d+\] /;

function stream(tty: boolean): PassThrough & { isTTY?: boolean; text(): string } {
  const s = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  let text = '';
  s.on('data', (c) => (text += c));
  return Object.assign(s, { text: () => text });
}

async function run(argv: string[], tty: boolean): Promise<{ code: number; stderr: string }> {
  const stderr = stream(tty);
  const code = await main(argv, { stdout: stream(false), stderr, stdin: Readable.from([]), env: {} });
  return { code, stderr: stderr.text() };
}

describe('showsProgress', () => {
  it('is on only for a terminal without --quiet', () => {
    expect(showsProgress({ stderr: stream(true) })).toBe(true);
    expect(showsProgress({ stderr: stream(true), quiet: true })).toBe(false);
    expect(showsProgress({ stderr: stream(false) })).toBe(false);
  });
});

describe('startProgress', () => {
  const io = (tty: boolean, quiet = false) => ({ stdout: stream(false), stderr: stream(tty), stdin: Readable.from([]), env: {}, quiet });

  it('redraws one line on a terminal, clears it for a notice, and ends it with a line break', () => {
    const t = io(true);
    const p = startProgress(t);
    p.step(1, 12, 'a');
    p.note('a notice');
    p.step(2, 12, 'b');
    p.end();
    expect(t.stderr.text()).toBe('\r\u001b[K[ 1/12] a\r\u001b[Ka notice\n\r\u001b[K[ 2/12] b\n');
  });

  it('prints only notices in a pipe, and nothing at all with --quiet', () => {
    for (const [t, expected] of [[io(false), 'a notice\n'], [io(true, true), '']] as const) {
      const p = startProgress(t);
      p.step(1, 2, 'a');
      p.note('a notice');
      p.end();
      expect(t.stderr.text()).toBe(expected);
    }
  });
});

describe('long-running commands', () => {
  it('zonemd loaders: a status line per zone × loader on a terminal; none in a pipe or with --quiet', async () => {
    const argv = ['zonemd', 'loaders', '--loader', 'dnsorder', '--format', 'json'];
    const tty = await run(argv, true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\r\u001b\[K\[ 1\/(\d+)\] \S+ × dnsorder: (accept|reject)/);
    const total = Number(/\[ 1\/(\d+)\]/.exec(tty.stderr)![1]);
    expect(tty.stderr).toContain(`[${total}/${total}] `);
    expect(tty.stderr.endsWith('\n')).toBe(true);
    expect(await run(argv, false)).toEqual({ code: 0, stderr: '' });
    expect(await run([...argv, '--quiet'], true)).toEqual({ code: 0, stderr: '' });
  });

  it('fixtures --measure and matrix: a status line on a terminal, none in a pipe', async () => {
    for (const argv of [
      ['fixtures', '--out', join(dir, 'fixtures'), '--formats', 'json', '--scenarios', 'canonical,cname-last', '--measure', 'model-glibc'],
      ['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical,cname-last'],
    ]) {
      const tty = await run(argv, true);
      expect(tty.code, argv[0]).toBe(0);
      expect(tty.stderr, argv[0]).toContain('\r\u001b[K[2/2] cname-last × model-glibc: no-address');
      const pipe = await run(argv, false);
      expect(pipe.code, argv[0]).toBe(0);
      expect(pipe.stderr, argv[0]).not.toMatch(STATUS);
      expect(pipe.stderr, argv[0]).not.toContain('\r');
    }
  });

  it('probe: a status line per test on a terminal, none in a pipe', async () => {
    const authority = await freePort();
    const resolver = await startFakeResolver({ address: '127.0.0.1', port: authority });
    try {
      const argv = ['probe', `127.0.0.1:${resolver.port}`, '--authority', `127.0.0.1:${authority}`, '--tests', 'whole-chain,chase', '--format', 'json'];
      const tty = await run(argv, true);
      expect(tty.code, tty.stderr).toBe(0);
      expect(tty.stderr).toMatch(/\r\u001b\[K\[1\/3\] [a-z-]+=[a-z]+/);
      expect(tty.stderr).toMatch(/\r\u001b\[K\[3\/3\] [a-z-]+=[a-z]+\n/);
      const pipe = await run(argv, false);
      expect(pipe.code).toBe(0);
      expect(pipe.stderr).not.toContain('\r');
      expect(pipe.stderr).toMatch(/^probe: .*\d+ pass, 0 violation/m);
    } finally {
      await resolver.close();
    }
  });
});
