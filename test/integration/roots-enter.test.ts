// Entering a root filesystem (src/roots/enter-root.sh through Userland.command)
// changes neither the root nor the host. Uses a root made here from the host's
// own dash and the libraries it links, so it needs no built suite, only root.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkNamespace } from '../../src/clients/namespace.js';
import { runCommand } from '../../src/process/run-command.js';
import { userRoot } from '../../src/roots/store.js';
import { runMatrix } from '../../src/matrix/runner.js';
import type { Userland } from '../../src/roots/userland.js';
import { isRoot, missingPeers, requirement } from '../helpers/peers.js';

const skip = requirement(isRoot ? undefined : 'needs root (mount namespaces, chroot)') ?? missingPeers('unshare', 'chroot', 'ip', 'dash');

/** A root with /bin/sh (the host's dash) and the shared libraries it needs. */
function miniRoot(dir: string, resolv: 'file' | 'link' = 'file'): void {
  for (const d of ['bin', 'etc', 'proc', 'dev', 'run', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  copyFileSync('/bin/dash', join(dir, 'bin', 'sh'));
  execFileSync('chmod', ['755', join(dir, 'bin', 'sh')]);
  const libs = execFileSync('ldd', ['/bin/dash'], { encoding: 'utf8' }).match(/\/\S+/g) ?? [];
  for (const lib of libs) {
    mkdirSync(join(dir, dirname(lib)), { recursive: true });
    copyFileSync(lib, join(dir, lib));
  }
  if (resolv === 'file') writeFileSync(join(dir, 'etc', 'resolv.conf'), 'nameserver 10.9.9.9\n');
  else symlinkSync('/run/systemd/resolve/stub-resolv.conf', join(dir, 'etc', 'resolv.conf'));
  writeFileSync(join(dir, 'etc', 'hosts'), '127.0.0.1 mini\n');
}

describe.skipIf(skip)('entering a root', () => {
  let base: string;
  let mini: Userland;
  let ns: NetworkNamespace;
  const run = async (u: Userland, script: string, where: Parameters<Userland['command']>[1] = {}) =>
    runCommand(u.command(['/bin/sh', '-c', script], where), { env: u.environment(), timeoutMs: 20_000 });

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'dnsorder-mini-'));
    miniRoot(join(base, 'root'));
    mini = userRoot(`mini=${join(base, 'root')}`, { DNSORDER_CACHE_DIR: join(base, 'cache') });
    ns = NetworkNamespace.create();
  });
  afterAll(() => {
    ns?.closeSync();
    rmSync(base, { recursive: true, force: true });
  });

  it('runs the root\'s own shell with the root\'s own files and a clean PATH', async () => {
    const r = await run(mini, 'read l < /etc/resolv.conf; echo "$l"; echo "$PATH"');
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['nameserver 10.9.9.9', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('sees the run\'s resolver files inside the network namespace, and the root keeps its own', async () => {
    const r = await run(mini, 'read l < /etc/resolv.conf; echo "$l"; read h < /etc/hosts; echo "$h"', { namespace: ns.name });
    expect(r.stdout.split('\n')[0]).toBe('nameserver 127.0.0.1');
    expect(r.stdout.split('\n')[1]).toMatch(/^127\.0\.0\.1\s+localhost/);
    expect(readFileSync(join(base, 'root', 'etc', 'resolv.conf'), 'utf8')).toBe('nameserver 10.9.9.9\n');
    expect(readFileSync(join(base, 'root', 'etc', 'hosts'), 'utf8')).toBe('127.0.0.1 mini\n');
  });

  it('binds host directories under /tmp or /run, and what the command writes there does not stay in the root', async () => {
    const shared = join(base, 'shared');
    mkdirSync(shared);
    writeFileSync(join(shared, 'in'), 'from the host\n');
    const r = await run(mini, 'read l < /tmp/shared/in; echo "$l"; echo out > /tmp/shared/out; echo left > /tmp/left; echo run > /run/left',
      { binds: [{ host: shared, inside: '/tmp/shared' }] });
    expect(r.stdout.trim()).toBe('from the host');
    expect(readFileSync(join(shared, 'out'), 'utf8')).toBe('out\n');
    expect(existsSync(join(base, 'root', 'tmp', 'left'))).toBe(false);
    expect(existsSync(join(base, 'root', 'run', 'left'))).toBe(false);
    expect(existsSync(join(base, 'root', 'tmp', 'shared'))).toBe(false);
  });

  it('leaves no mount behind on the host', async () => {
    await run(mini, 'true', { namespace: ns.name });
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(join(base, 'root'));
  });

  it('refuses a root whose resolv.conf is a link (mount would follow it out of the root)', async () => {
    const linked = join(base, 'linked');
    miniRoot(linked, 'link');
    const u = userRoot(`linked=${linked}`, { DNSORDER_CACHE_DIR: join(base, 'cache') });
    const r = await run(u, 'true', { namespace: ns.name });
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toMatch(/resolv\.conf must be a regular file/);
  });

  it('in the matrix, says for each client why it cannot build or run in a root that lacks its toolchain', async () => {
    const doc = await runMatrix({ suites: [], roots: [`mini=${join(base, 'root')}`], clients: 'real', scenarios: 'canonical' });
    const mini = doc.clients.filter((c) => c.userland === 'mini');
    expect(mini.length).toBeGreaterThan(10);
    for (const c of mini) {
      expect(c.available, c.id).toBe(false);
      expect(c.reason, c.id).toMatch(/ in mini|only inside a root|not installed|not packaged|missing|no /);
    }
    expect(mini.find((c) => c.id === 'glibc-getaddrinfo@mini')!.reason).toMatch(/no C compiler \(cc\) in mini/);
    expect(doc.results.every((r) => r.outcome === 'skipped')).toBe(true);
  }, 120_000);

  it('refuses a tree without /run or /tmp with a clear reason', async () => {
    const bare = join(base, 'bare');
    miniRoot(bare);
    rmSync(join(bare, 'run'), { recursive: true });
    const u = userRoot(`bare=${bare}`, { DNSORDER_CACHE_DIR: join(base, 'cache') });
    const r = await run(u, 'true');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toMatch(/\/run is not a directory/);
  });
});
