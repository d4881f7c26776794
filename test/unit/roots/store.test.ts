import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRoot, listRoots, resolveUserlands, rootKey, userRoot } from '../../../src/roots/store.js';
import { suitePackages } from '../../../src/roots/suites.js';
import { idIn, splitUserlandId } from '../../../src/roots/userland.js';

let cache: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'dnsorder-roots-'));
  env = { DNSORDER_CACHE_DIR: cache };
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

function fakeRoot(suite: string, key: string, builtAt = '2026-12-01T00:00:00Z'): string {
  const dir = join(cache, 'roots', `${suite}-${key}`);
  mkdirSync(join(dir, 'rootfs', 'bin'), { recursive: true });
  writeFileSync(join(dir, 'rootfs', 'bin', 'sh'), '');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ suite, key, builtAt, installed: {}, packages: [], missing: [], diskBytes: 1, buildSeconds: 1 }));
  return dir;
}

describe('the root store', () => {
  it('keys a root by suite and package set', () => {
    expect(rootKey('trixie')).toMatch(/^[0-9a-f]{12}$/);
    expect(rootKey('trixie')).not.toBe(rootKey('sid'));
    expect(rootKey('trixie', ['unbound'])).not.toBe(rootKey('trixie', ['unbound', 'bind9']));
    expect(rootKey('trixie', ['b', 'a'])).toBe(rootKey('trixie', ['a', 'b']));
  });

  it('knows that unstable ships Knot Resolver 6 under another name', () => {
    expect(suitePackages('trixie')).toContain('knot-resolver');
    expect(suitePackages('sid')).toContain('knot-resolver6');
    expect(suitePackages('sid')).not.toContain('knot-resolver');
  });

  it('lists finished roots, tells current from stale, and ignores temporary builds and strays', () => {
    fakeRoot('trixie', rootKey('trixie'));
    fakeRoot('trixie', 'aaaaaaaaaaaa', '2026-01-01T00:00:00Z');
    mkdirSync(join(cache, 'roots', `sid-${rootKey('sid')}.tmp-1-abcdef`), { recursive: true });
    writeFileSync(join(cache, 'roots', 'trixie.lock'), '1\n');
    const roots = listRoots(join(cache, 'roots'));
    expect(roots).toHaveLength(2);
    expect(roots.map((r) => [r.suite, r.current])).toEqual(expect.arrayContaining([['trixie', false], ['trixie', true]]));
    expect(findRoot('trixie', join(cache, 'roots'))!.current).toBe(true);
    expect(findRoot('sid', join(cache, 'roots'))).toBeUndefined();
  });

  it('uses a stale root when it is the only one (matrix warns rather than rebuilds)', () => {
    fakeRoot('trixie', 'aaaaaaaaaaaa');
    expect(findRoot('trixie', join(cache, 'roots'))).toMatchObject({ key: 'aaaaaaaaaaaa', current: false });
  });
});

describe('userlands for --suites and --root', () => {
  it('gives host first as it is named, a built suite as a root, and refuses what is not built', () => {
    fakeRoot('trixie', rootKey('trixie'));
    const [host, trixie] = resolveUserlands(['host', 'trixie'], [], env);
    expect(host!.name).toBe('host');
    expect(host!.dir).toBeUndefined();
    expect(trixie!.dir).toBe(join(cache, 'roots', `trixie-${rootKey('trixie')}`, 'rootfs'));
    expect(() => resolveUserlands(['sid'], [], env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_NOT_BUILT', message: expect.stringContaining('dnsorder lab build sid') }));
    expect(() => resolveUserlands(['Trixie'], [], env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_NAME' }));
    expect(() => resolveUserlands(['host', 'host'], [], env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_NAME' }));
  });

  it('accepts a user root NAME=DIR with a shell, and keeps its builds outside it', () => {
    const dir = join(cache, 'alpine');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(join(dir, 'bin', 'sh'), '');
    const u = userRoot(`alpine=${dir}`, env);
    expect(u).toMatchObject({ name: 'alpine', dir });
    expect(u.buildDir.startsWith(join(cache, 'user-roots'))).toBe(true);
    expect(() => userRoot('alpine', env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_NAME' }));
    expect(() => userRoot(`x=${join(cache, 'nope')}`, env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_MISSING' }));
    mkdirSync(join(cache, 'empty'));
    expect(() => userRoot(`x=${join(cache, 'empty')}`, env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_MISSING', message: expect.stringContaining('/bin/sh') }));
    expect(() => resolveUserlands(['host'], [`host=${dir}`], env)).toThrow(expect.objectContaining({ code: 'ERR_ROOT_NAME' }));
  });

  it('names a client in a root id@root and splits it back', () => {
    expect(idIn('glibc-getaddrinfo', { name: 'host' })).toBe('glibc-getaddrinfo');
    expect(idIn('glibc-getaddrinfo', { name: 'trixie' })).toBe('glibc-getaddrinfo@trixie');
    expect(splitUserlandId('glibc-getaddrinfo@trixie')).toEqual({ base: 'glibc-getaddrinfo', userland: 'trixie' });
    expect(splitUserlandId('go-pure')).toEqual({ base: 'go-pure', userland: 'host' });
  });
});

describe('the argv that enters a root', () => {
  it('binds only under the fresh /run and /tmp, and enters through the network namespace when given', () => {
    fakeRoot('trixie', rootKey('trixie'));
    const [, trixie] = resolveUserlands(['host', 'trixie'], [], env);
    const argv = trixie!.command(['cc', '--version'], { namespace: 'dnsorder-1-abc', binds: [{ host: '/tmp/x', inside: '/tmp/x' }] });
    expect(argv.slice(0, 4)).toEqual(['ip', 'netns', 'exec', 'dnsorder-1-abc']);
    expect(argv).toContain('--resolver');
    expect(argv.slice(-3)).toEqual(['--', 'cc', '--version']);
    expect(trixie!.command(['true'])[0]).toBe('unshare');
    for (const inside of ['/etc/x', '/tmp/../etc', '/tmp', '/run']) {
      expect(() => trixie!.command(['true'], { binds: [{ host: '/tmp/x', inside }] })).toThrow(expect.objectContaining({ code: 'ERR_ROOT_BIND' }));
    }
    expect(trixie!.environment().PATH).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    const [host] = resolveUserlands(['host'], [], env);
    expect(host!.command(['true'], { namespace: 'n' })).toEqual(['ip', 'netns', 'exec', 'n', 'true']);
    expect(() => host!.command(['true'], { binds: [{ host: '/a', inside: '/b' }] })).toThrow(expect.objectContaining({ code: 'ERR_ROOT_BIND' }));
  });

  it('accepts a root whose /bin/sh is a link (merged /usr)', () => {
    const dir = join(cache, 'r');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    symlinkSync('/bin/sh', join(dir, 'bin', 'sh'));
    expect(userRoot(`r=${dir}`, env).dir).toBe(dir);
  });
});
