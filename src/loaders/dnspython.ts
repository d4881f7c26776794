// dnspython (python3-dnspython, or pip's dnspython): `dns.zone.from_file(...).verify_digest()`.
// The interpreter is the one the user names (`zonemd loaders --python`), else
// the python3 first on PATH (a virtualenv's, pyenv's, the system's), else
// Debian's /usr/bin/python3: a pyenv python3 often shadows the system one
// that python3-dnspython is installed for. The first with the module wins and
// the report names it; none with it is unavailable, with the reason. The zone
// is read with the apex as origin and names kept absolute; the exception
// class and message are dnspython's verdict. In a root it is that root's
// /usr/bin/python3 (Debian's python3-dnspython is installed for it).

import { commandLoader, firstAvailable } from './command-loader.js';
import { installHint } from '../process/install-hint.js';
import { messageLines } from './process.js';
import type { LoaderAdapter } from './types.js';
import { HOST_USERLAND } from './process.js';
import type { Userland } from '../roots/userland.js';

/** Interpreters tried in order when none is named. */
export const DEFAULT_PYTHONS: readonly string[] = ['python3', '/usr/bin/python3'];
const SCRIPT = [
  'import sys',
  'try:',
  '    import dns.zone, dns.version',
  'except ImportError as e:',
  '    print("unavailable:", e); sys.exit(3)',
  'if sys.argv[1] == "--version":',
  '    print("dnspython", dns.version.version); sys.exit(0)',
  'try:',
  '    dns.zone.from_file(sys.argv[1], origin=sys.argv[2], relativize=False).verify_digest()',
  'except Exception as e:',
  '    print("reject: %s.%s: %s" % (type(e).__module__, type(e).__name__, e)); sys.exit(1)',
  'print("accept: ZONEMD digest verified")',
].join('\n');

/** Debian's interpreter, the one a root's python3-dnspython is for. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/**
 * The dnspython loader run by `python`, or by the first of DEFAULT_PYTHONS
 * that has dnspython; in a root, by the root's /usr/bin/python3 (a path the
 * caller names is taken as seen inside `userland`).
 */
export function createDnspythonLoader(python?: string, userland: Userland = HOST_USERLAND): LoaderAdapter {
  if (python !== undefined) return loaderFor(python, userland);
  if (userland.dir !== undefined) return loaderFor(DEBIAN_PYTHON, userland);
  return firstAvailable(DEFAULT_PYTHONS.map((p) => loaderFor(p, userland)));
}

function loaderFor(python: string, userland: Userland): LoaderAdapter {
  return commandLoader({
    id: 'dnspython',
    debianPackage: 'python3-dnspython',
    command: python,
    versionArgs: ['-c', SCRIPT, '--version'],
    parseVersion: (out) => {
      const version = /dnspython ([0-9.]+)/.exec(out)?.[1];
      return version === undefined ? null : `${version} (${python})`;
    },
    unavailableReason: (out) => {
      if (!/unavailable:/.test(out)) return undefined;
      return userland.dir === undefined
        ? `${python} has no dnspython module: ${installHint('python3-dnspython')}, or pip install dnspython for that interpreter`
        : `${python} in the ${userland.name} root has no dnspython module (python3-dnspython is not installed there)`;
    },
    args: (zone) => ['-c', SCRIPT, zone.file, zone.origin],
    verdict: (r) => {
      const out = r.stdout.trim();
      if (r.code === 0 && out.startsWith('accept:')) return { verdict: 'accept', message: out.slice(8) };
      if (r.code === 1 && out.startsWith('reject:')) return { verdict: 'reject', message: messageLines(out.slice(8)) };
      return { verdict: 'error', message: messageLines(`${r.stderr}\n${r.stdout}`) || `exit status ${r.code}` };
    },
  }, userland);
}

export const dnspythonLoader = createDnspythonLoader();
