// pdnsutil zonemd-verify-file (pdns-server 4.7+): reads the file with
// PowerDNS's zone parser and verifies the digest; it does not validate
// DNSSEC signatures. Exit 0 with "Verification of ZONEMD record succeeded"
// is accept, anything else reject with its message.

import { commandLoader, exitStatusVerdict } from './command-loader.js';
import { HOST_USERLAND } from './process.js';
import type { Userland } from '../roots/userland.js';
import type { LoaderAdapter } from './types.js';

/** The powerdns loader running the program of `userland` (the host's by default). */
export function createPowerdnsLoader(userland: Userland = HOST_USERLAND): LoaderAdapter {
  return commandLoader({
    id: 'powerdns',
    debianPackage: 'pdns-server',
    command: 'pdnsutil',
    versionArgs: ['--version'],
    parseVersion: (out) => /pdnsutil ([0-9.]+)/.exec(out)?.[1] ?? null,
    args: (zone) => ['zonemd-verify-file', zone.origin, zone.file],
    verdict: (r) => {
      const judged = exitStatusVerdict(r, 'accept', (l) => l.startsWith('zonemd-verify-file:'));
      judged.message = judged.message.replace(/zonemd-verify-file: /g, '');
      return judged;
    },
  }, userland);
}

export const powerdnsLoader = createPowerdnsLoader();
