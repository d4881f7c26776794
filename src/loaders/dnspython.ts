// dnspython (python3-dnspython, or pip's dnspython): `dns.zone.from_file(...).verify_digest()`.
// The interpreter is the one the user names (`zonemd loaders --python`), else
// the python3 first on PATH (a virtualenv's, pyenv's, the system's), else
// Debian's /usr/bin/python3: a pyenv python3 often shadows the system one
// that python3-dnspython is installed for. The first with the module wins and
// the report names it; none with it is unavailable, with the reason. The zone
// is read with the apex as origin and names kept absolute; the exception
// class and message are dnspython's verdict.

import { commandLoader, firstAvailable } from './command-loader.js';
import { installHint } from '../process/install-hint.js';
import { messageLines } from './process.js';
import type { LoaderAdapter } from './types.js';

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

/** The dnspython loader run by `python`, or by the first of DEFAULT_PYTHONS that has dnspython. */
export function createDnspythonLoader(python?: string): LoaderAdapter {
  if (python !== undefined) return loaderFor(python);
  return firstAvailable(DEFAULT_PYTHONS.map(loaderFor));
}

function loaderFor(python: string): LoaderAdapter {
  return commandLoader({
    id: 'dnspython',
    debianPackage: 'python3-dnspython',
    command: python,
    versionArgs: ['-c', SCRIPT, '--version'],
    parseVersion: (out) => {
      const version = /dnspython ([0-9.]+)/.exec(out)?.[1];
      return version === undefined ? null : `${version} (${python})`;
    },
    unavailableReason: (out) => (/unavailable:/.test(out) ? `${python} has no dnspython module: ${installHint('python3-dnspython')}, or pip install dnspython for that interpreter` : undefined),
    args: (zone) => ['-c', SCRIPT, zone.file, zone.origin],
    verdict: (r) => {
      const out = r.stdout.trim();
      if (r.code === 0 && out.startsWith('accept:')) return { verdict: 'accept', message: out.slice(8) };
      if (r.code === 1 && out.startsWith('reject:')) return { verdict: 'reject', message: messageLines(out.slice(8)) };
      return { verdict: 'error', message: messageLines(`${r.stderr}\n${r.stdout}`) || `exit status ${r.code}` };
    },
  });
}

export const dnspythonLoader = createDnspythonLoader();
