import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRoot, defaultCacheDir } from '../../../src/clients/build-cache.js';

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
