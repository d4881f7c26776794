// dnsorder's cache directory: built client programs, root filesystems, user roots' builds.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * dnsorder's cache: `$DNSORDER_CACHE_DIR`, else `$XDG_CACHE_HOME/dnsorder`,
 * else `~/.cache/dnsorder` (XDG Base Directory). Never inside the package: a
 * non-root user cannot write there, and `npm ci` would wipe it.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DNSORDER_CACHE_DIR) return resolve(env.DNSORDER_CACHE_DIR);
  // The spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'dnsorder');
  return join(env.HOME || homedir(), '.cache', 'dnsorder');
}

/** Where client programs are built: `<cache root>/clients`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'clients');
}

