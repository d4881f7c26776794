import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRoot, defaultCacheDir, removeStaleBuilds } from '../../../src/clients/build-cache.js';

describe("dnsorder's cache directory", () => {
  it('is $DNSORDER_CACHE_DIR first, made absolute', () => {
    expect(cacheRoot({ DNSORDER_CACHE_DIR: '/var/cache/x', XDG_CACHE_HOME: '/xdg', HOME: '/home/u' })).toBe('/var/cache/x');
    expect(cacheRoot({ DNSORDER_CACHE_DIR: 'rel/dir' })).toBe(resolve('rel/dir'));
  });
  it('then $XDG_CACHE_HOME/dnsorder, ignoring a relative XDG_CACHE_HOME as the XDG spec says', () => {
    expect(cacheRoot({ XDG_CACHE_HOME: '/xdg', HOME: '/home/u' })).toBe('/xdg/dnsorder');
    expect(cacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/dnsorder');
  });
  it('then ~/.cache/dnsorder, and never a folder of the installed package', () => {
    expect(cacheRoot({ HOME: '/home/u' })).toBe('/home/u/.cache/dnsorder');
    expect(cacheRoot({})).toBe(join(homedir(), '.cache', 'dnsorder'));
    const packageRoot = resolve(__dirname, '../../..');
    expect(defaultCacheDir({}).startsWith(packageRoot)).toBe(false);
    expect(defaultCacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/dnsorder/clients');
  });
});

describe('interrupted client builds', () => {
  it('leave no temporary directory behind: a dead build is removed, a live one and finished builds stay', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'dnsorder-cache-'));
    try {
      // A PID that is not running: a child that has exited.
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      mkdirSync(join(cache, `glibc-getaddrinfo-0123456789abcdef.tmp-${dead}-00ff00ff00ff00ff`));
      mkdirSync(join(cache, `go-pure-0123456789abcdef.tmp-${process.pid}-aabbccddeeff0011`));
      mkdirSync(join(cache, 'glibc-getaddrinfo-0123456789abcdef'));
      const removed = await removeStaleBuilds(cache);
      expect(removed).toEqual([`glibc-getaddrinfo-0123456789abcdef.tmp-${dead}-00ff00ff00ff00ff`]);
      expect(readdirSync(cache).sort()).toEqual(['glibc-getaddrinfo-0123456789abcdef', `go-pure-0123456789abcdef.tmp-${process.pid}-aabbccddeeff0011`]);
      // A live PID's build older than any build takes was abandoned (the PID was reused).
      expect(await removeStaleBuilds(cache, Date.now() + 2 * 60 * 60 * 1000)).toEqual([`go-pure-0123456789abcdef.tmp-${process.pid}-aabbccddeeff0011`]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
