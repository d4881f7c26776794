// `dnsorder lab build|list|clean`: the store of Debian roots. The listing and
// cleaning run on a cache directory made here; the real trixie root (built by
// .ci/run, or `dnsorder lab build trixie`) is checked for what it must hold.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRoot, rootKey } from '../../src/roots/store.js';
import { suitePackages } from '../../src/roots/suites.js';
import { runCli } from '../helpers/cli.js';
import { isRoot, requirement } from '../helpers/peers.js';

let cache: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'dnsorder-lab-'));
  env = { DNSORDER_CACHE_DIR: cache };
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

function fakeRoot(suite: string, key: string): string {
  const dir = join(cache, 'roots', `${suite}-${key}`);
  mkdirSync(join(dir, 'rootfs', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'rootfs', 'bin', 'sh'), '');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    suite, key, arch: 'x64', mirror: 'http://deb.example/debian', packages: ['libc6'], missing: [],
    installed: { libc6: '2.41-12+deb13u5', unbound: '1.26.2-0+deb13u1', 'knot-resolver': '5.7.5-1' },
    builtAt: '2026-12-01T00:00:00Z', buildSeconds: 107.4, diskBytes: 1.3 * 2 ** 30,
  }));
  return dir;
}

describe('dnsorder lab', () => {
  it('lists nothing in an empty cache, and says how to build', async () => {
    const r = await runCli(['lab', 'list'], '', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no roots built (dnsorder lab build trixie)');
  });

  it('lists each root with its state, size, build time and upstream versions', async () => {
    fakeRoot('trixie', rootKey('trixie'));
    fakeRoot('sid', 'aaaaaaaaaaaa');
    const r = await runCli(['lab', 'list'], '', env);
    expect(r.code).toBe(0);
    const trixie = r.stdout.split('\n').find((l) => l.startsWith('trixie'))!;
    expect(trixie).toMatch(/current\s+1\.3 GiB\s+107\.4 s\s+glibc 2\.41, unbound 1\.26\.2, kresd 5\.7\.5/);
    expect(r.stdout.split('\n').find((l) => l.startsWith('sid'))).toContain('stale (package set changed)');
    const json = JSON.parse((await runCli(['lab', 'list', '--format', 'json'], '', env)).stdout) as Array<{ suite: string; current: boolean }>;
    expect(json.map((x) => [x.suite, x.current])).toEqual([['sid', false], ['trixie', true]]);
  });

  it('reuses a root already built for this package set instead of building again', async (ctx) => {
    if (requirement(isRoot ? undefined : 'building needs root')) return ctx.skip();
    const dir = fakeRoot('trixie', rootKey('trixie'));
    const r = await runCli(['lab', 'build', 'trixie'], '', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`trixie: already built at ${dir}`);
  });

  it('cleans every root of a suite, and only that suite', async () => {
    const trixie = fakeRoot('trixie', rootKey('trixie'));
    const stale = fakeRoot('trixie', 'bbbbbbbbbbbb');
    const sid = fakeRoot('sid', rootKey('sid'));
    const r = await runCli(['lab', 'clean', 'trixie'], '', env);
    expect(r.code).toBe(0);
    expect(existsSync(trixie) || existsSync(stale)).toBe(false);
    expect(existsSync(sid)).toBe(true);
    expect((await runCli(['lab', 'clean', 'forky'], '', env)).stdout).toContain('forky: nothing built');
  });

  it.each([
    [['lab', 'build'], /needs at least one suite/],
    [['lab', 'clean'], /needs at least one suite/],
    [['lab', 'build', 'Trixie!'], /not a Debian suite name/],
    [['lab', 'build', 'host'], /not a Debian suite name/],
    [['lab', 'frobnicate'], /Invalid values|Choices/],
  ])('refuses %j with a usage error', async (argv, message) => {
    const r = await runCli(argv, '', env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

const trixie = findRoot('trixie');
const noTrixie = requirement(trixie ? undefined : 'trixie root not built: run `dnsorder lab build trixie`');

describe.skipIf(noTrixie)('the trixie root on this machine', () => {
  it('holds the package set of its key, with trixie\'s libraries and resolvers', () => {
    const m = trixie!.manifest!;
    expect(m.suite).toBe('trixie');
    expect(m.packages).toEqual(suitePackages('trixie'));
    expect(m.missing).toEqual([]);
    expect(m.installed.libc6).toMatch(/^2\.41-/);
    expect(m.installed.unbound).toMatch(/^1\.26\./);
    expect(m.installed['pdns-recursor']).toMatch(/^5\.2\./);
    expect(m.mirror).toMatch(/^https?:\/\//);
    // Nothing of the run is left in it: resolver files are the inert ones the build wrote.
    expect(existsSync(join(trixie!.dir, 'rootfs', 'usr/sbin/policy-rc.d'))).toBe(true);
  });
});
