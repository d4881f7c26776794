// dnspython (python3-dnspython): `dns.zone.from_file(...).verify_digest()`.
// Debian's module is installed for /usr/bin/python3 only, so that interpreter
// is used rather than whatever python3 is first on PATH. The zone is read
// with the apex as origin and names kept absolute; the exception class and
// message are dnspython's verdict.

import { commandLoader } from './command-loader.js';
import { messageLines } from './process.js';

const PYTHON = '/usr/bin/python3';
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

export const dnspythonLoader = commandLoader({
  id: 'dnspython',
  debianPackage: 'python3-dnspython',
  command: PYTHON,
  versionArgs: ['-c', SCRIPT, '--version'],
  parseVersion: (out) => /dnspython ([0-9.]+)/.exec(out)?.[1] ?? null,
  unavailableReason: (out) => (/unavailable:/.test(out) ? `${PYTHON} has no dnspython (Debian package python3-dnspython)` : undefined),
  args: (zone) => ['-c', SCRIPT, zone.file, zone.origin],
  verdict: (r) => {
    const out = r.stdout.trim();
    if (r.code === 0 && out.startsWith('accept:')) return { verdict: 'accept', message: out.slice(8) };
    if (r.code === 1 && out.startsWith('reject:')) return { verdict: 'reject', message: messageLines(out.slice(8)) };
    return { verdict: 'error', message: messageLines(`${r.stderr}\n${r.stdout}`) || `exit status ${r.code}` };
  },
});
