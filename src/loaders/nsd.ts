// nsd-checkzone (nsd): NSD's zone parser and checks; NSD 4.6 does not verify
// ZONEMD (it leaves that to an external `verifier`), so a zone it loads is
// `not-checked`. Neither does 4.12 (Debian 13), whose simdzone parser (NSD
// 4.10+) refuses a ZONEMD digest of the wrong length while reading.

import { commandLoader, exitStatusVerdict } from './command-loader.js';
import { HOST_USERLAND } from './process.js';
import type { Userland } from '../roots/userland.js';
import type { LoaderAdapter } from './types.js';

/** The nsd loader running the program of `userland` (the host's by default). */
export function createNsdLoader(userland: Userland = HOST_USERLAND): LoaderAdapter {
  return commandLoader({
    id: 'nsd',
    debianPackage: 'nsd',
    command: 'nsd-checkzone',
    versionArgs: ['-h'],
    parseVersion: (out) => /Version ([0-9]+(?:\.[0-9]+)*)/.exec(out)?.[1] ?? null,
    args: (zone) => [zone.origin, zone.file],
    verdict: (r) => exitStatusVerdict(r, 'not-checked', (l) => /error/i.test(l) && !/has \d+ errors$/.test(l)),
  }, userland);
}

export const nsdLoader = createNsdLoader();
