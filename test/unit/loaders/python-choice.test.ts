// The dnspython loader runs the python3 a user has (PATH, or --python), and a
// missing peer's hint names a command that works where dnsorder is installed.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDnspythonLoader, DEFAULT_PYTHONS } from '../../../src/loaders/dnspython.js';
import { configuredLoaders, LOADERS } from '../../../src/loaders/registry.js';
import { INSTALL_SCRIPT, installHint } from '../../../src/process/install-hint.js';
import { runCli } from '../../helpers/cli.js';
import { missingPeers, requirement } from '../../helpers/peers.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('missing-peer hints', () => {
  it('name the Debian packages and the install script by an absolute path that exists', () => {
    const hint = installHint('python3-dnspython');
    expect(hint).toContain('apt-get install python3-dnspython');
    expect(hint).toContain(`bash ${INSTALL_SCRIPT}`);
    expect(INSTALL_SCRIPT.startsWith('/')).toBe(true);
    expect(existsSync(INSTALL_SCRIPT)).toBe(true);
  });
});

describe('the dnspython zone loader', () => {
  it('tries python3 from PATH first, then Debian\'s, and names the one it runs', async () => {
    expect(DEFAULT_PYTHONS[0]).toBe('python3');
    expect(configuredLoaders().find((l) => l.id === 'dnspython')).toBe(LOADERS.find((l) => l.id === 'dnspython'));
    const status = await LOADERS.find((l) => l.id === 'dnspython')!.probe();
    if (status.available) expect(status.version).toMatch(/^[0-9.]+ \((python3|\/usr\/bin\/python3)\)$/);
    else expect(status.reason).toContain('python3');
  });

  it('reports a named interpreter that does not exist, with the install hint', async () => {
    const missing = join(dir, 'no-such-python');
    const status = await configuredLoaders({ python: missing }).find((l) => l.id === 'dnspython')!.probe();
    expect(status.available).toBe(false);
    expect(status.reason).toContain(`${missing} not found`);
    expect(status.reason).toContain(INSTALL_SCRIPT);
  });

  const skip = missingPeers('python3');
  it.skipIf(skip !== undefined)('reports an interpreter without the dnspython module by its name', async () => {
    // python3 -S leaves site-packages (where Debian and pip put dnspython) off sys.path.
    const bare = join(dir, 'bare-python');
    writeFileSync(bare, '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(bare, 0o755);
    const status = await createDnspythonLoader(bare).probe();
    expect(status.available).toBe(false);
    expect(status.reason).toContain(`${bare} has no dnspython module`);
  });
});

describe('zonemd loaders --python', () => {
  it('runs the dnspython loader with the named interpreter, and says so when it is missing', async () => {
    const missing = join(dir, 'not-a-python');
    const r = await runCli(['zonemd', 'loaders', '--loader', 'dnspython', '--python', missing, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`dnspython: ${missing} not found`);
    expect(r.stderr).toContain('[ERR_NO_LOADERS]');
  });

  // Debian's python3-dnspython (the lab) is installed for /usr/bin/python3; under CI its absence is a failure.
  const noDebianDnspython = requirement(spawnSync('/usr/bin/python3', ['-c', 'import dns.zone']).status === 0 ? undefined
    : '/usr/bin/python3 has no dnspython (python3-dnspython; run scripts/install-lab.sh as root)');
  it.skipIf(noDebianDnspython)('with an interpreter that has dnspython, the report names it', async () => {
    const r = await runCli(['zonemd', 'loaders', '--loader', 'dnspython', '--python', '/usr/bin/python3', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { loaders: Array<{ id: string; available: boolean; version: string }> };
    expect(doc.loaders[0]).toMatchObject({ id: 'dnspython', available: true, version: expect.stringMatching(/ \(\/usr\/bin\/python3\)$/) });
  });
});
