// The CLI as a user meets it, through bin/dnsorder.js (needs the build):
// -h/-V, every help example run as written (from a directory where fixtures/
// is this checkout's), and the progress line under a real pseudo-terminal
// (script(1)), absent in a pipe.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_TABLE } from '../../src/cli/commands.js';
import { VERSION } from '../../src/version.js';
import { rootKey } from '../../src/roots/store.js';
import { isRoot, missingPeers, requirement } from '../helpers/peers.js';

const root = join(import.meta.dirname, '../..');
const BIN = join(root, 'bin/dnsorder.js');
const work = mkdtempSync(join(tmpdir(), 'dnsorder-examples-'));
symlinkSync(join(root, 'fixtures'), join(work, 'fixtures'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An example line as the shell runs it, `dnsorder` being this checkout's bin. */
const shell = (line: string) => line.replace(/^dnsorder /, `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} `);
const sh = (line: string) => spawnSync('sh', ['-c', shell(line)], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });

async function examples(name: string): Promise<ReadonlyArray<readonly [string, string]>> {
  return (await COMMAND_TABLE.find((e) => e.name === name)!.load()).examples;
}

/** Examples whose success is exit 1 (they find violations or changes on purpose); the others exit 0. */
const EXIT_1 = new Set([
  'dnsorder check fixtures/hex/cname-last.response.hex',
  'dnsorder check fixtures/pcap/scenarios.pcap --port 53 --format json',
]);

/** Runs an example and checks it worked: its exit code, and no error line. */
function expectWorks(line: string): void {
  const r = sh(line);
  expect(r.status, `${line}\n${r.stderr}`).toBe(EXIT_1.has(line) ? 1 : 0);
  expect(r.stderr, line).not.toMatch(/\[ERR_[A-Z_]+\]/);
}

describe('dnsorder -h / -V through the bin', () => {
  it('prints help and version on stdout with exit 0', () => {
    const help = sh('dnsorder -h');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('dnsorder help [command]');
    expect(sh('dnsorder help check').stdout).toBe(sh('dnsorder check --help').stdout);
    expect(sh('dnsorder -V')).toMatchObject({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('help examples work as written', () => {
  for (const name of ['scenarios', 'check', 'fixtures', 'zonemd']) {
    it(`dnsorder ${name}: all of them`, async () => {
      for (const [line] of await examples(name)) expectWorks(line);
    });
  }

  // The check example needs results downloaded from Atlas: test/unit/atlas/check.test.ts runs it on results built from the format.
  // In a cache of its own holding a (fake) current trixie root and a sid root: `build trixie` finds it
  // built, `clean sid` removes the fake one, and nothing of this machine's roots is touched.
  it('dnsorder lab: all of them, in a cache of their own', async (ctx) => {
    const reason = requirement(isRoot ? undefined : 'the lab examples enter roots: needs root');
    if (reason) return ctx.skip(reason);
    const cache = mkdtempSync(join(tmpdir(), 'dnsorder-lab-examples-'));
    try {
      for (const [suite, key] of [['trixie', rootKey('trixie')], ['sid', rootKey('sid')]] as const) {
        const dir = join(cache, 'roots', `${suite}-${key}`);
        mkdirSync(join(dir, 'rootfs', 'bin'), { recursive: true });
        writeFileSync(join(dir, 'rootfs', 'bin', 'sh'), '');
        writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ suite, key, installed: {}, packages: [], missing: [], builtAt: '2026-12-01T00:00:00Z', buildSeconds: 1, diskBytes: 1 }));
      }
      for (const [line] of await examples('lab')) {
        const r = spawnSync('sh', ['-c', shell(line)], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', DNSORDER_CACHE_DIR: cache }, timeout: 120_000 });
        expect(r.status, `${line}\n${r.stderr}`).toBe(0);
        expect(r.stderr, line).not.toMatch(/\[ERR_[A-Z_]+\]/);
      }
      expect(existsSync(join(cache, 'roots', `sid-${rootKey('sid')}`))).toBe(false);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('dnsorder atlas: the plan', async () => {
    const [plan] = await examples('atlas');
    expectWorks(plan![0]);
    expect(JSON.parse(readFileSync(join(work, 'plan.json'), 'utf8')).schema).toBe('dnsorder.atlas-plan/v1');
  });

  it('dnsorder matrix: the models run anywhere', async () => {
    const [models] = await examples('matrix');
    expectWorks(models![0]);
  });

  it.skipIf(missingPeers('go', 'cc') ?? requirement(isRoot ? undefined : 'the real clients run in a network namespace: needs root'))('dnsorder matrix: the real clients, then --expect against that baseline', async () => {
    const [, baseline, expectation] = await examples('matrix');
    expectWorks(baseline![0]);
    expect(JSON.parse(readFileSync(join(work, 'baseline.json'), 'utf8')).schema).toBe('dnsorder.matrix/v1');
    expectWorks(expectation![0]);
  });

  // The other two need a resolver on 127.0.0.1:53 that routes probe.test to
  // the probe, and saved reports: test/integration/probe-cli.test.ts runs that setup.
  it('dnsorder probe: --print-config', async () => {
    const [config] = await examples('probe');
    expectWorks(config![0]);
    expect(sh(config![0]).stdout).toContain('stub-addr: 127.0.0.1@5300');
  });

  it('dnsorder serve: each starts, prints its ready line and exits 0 on SIGTERM', async () => {
    let started = 0;
    for (const [line] of await examples('serve')) {
      const child = spawn('sh', ['-c', shell(line)], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      const ready = await new Promise<boolean>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('"event":"listening"')) resolve(true);
        });
        child.on('exit', () => resolve(false));
      });
      if (!ready) {
        // Another program may hold the example's fixed port on this machine; anything else is a failure.
        expect(stderr, line).toMatch(/the address is in use \[ERR_IO\]/);
        continue;
      }
      started++;
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit, line).toBe(0);
    }
    expect(started).toBeGreaterThanOrEqual(1); // `--port 0` always can
  });

  it('dnsorder watch: each starts, prints its ready line and exits 0 on SIGTERM with its final summary', async () => {
    for (const [line] of await examples('watch')) {
      const child = spawn('sh', ['-c', shell(line)], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const ready = await new Promise<boolean>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('"event":"listening"')) resolve(true);
        });
        child.on('exit', () => resolve(false));
      });
      expect(ready, `${line}\n${stderr}`).toBe(true);
      child.kill('SIGTERM');
      expect(await exit, line).toBe(0);
      expect(stdout + stderr, line).toMatch(/dnsorder watch —|"event":"final"/);
    }
  });
});

describe.skipIf(missingPeers('script'))('progress under a pseudo-terminal (script)', () => {
  const command = (extra: string) => `${shell('dnsorder zonemd loaders --loader dnsorder --format json')} --out ${join(work, 'loaders.json')}${extra}`;
  const pty = (extra: string) => execFileSync('script', ['-qec', command(extra), '/dev/null'], { cwd: work, encoding: 'utf8' });

  it('draws the status line on a terminal and nothing in a pipe or with --quiet', () => {
    expect(pty('')).toMatch(/\r\u001b\[K\[\s*\d+\/\d+\] \S+ × dnsorder: (accept|reject)/);
    expect(pty(' --quiet')).not.toContain('\u001b[K');
    const piped = spawnSync('sh', ['-c', command('')], { cwd: work, encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toBe('');
  });
});
