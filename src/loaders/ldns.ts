// ldns-verify-zone (ldnsutils). `-Z` "requires a valid ZONEMD RR to be
// present" (one of them must match; given once, an unsigned zone's ZONEMD is
// enough). It also validates every RRSIG against the apex DNSKEYs at the
// validation time (`-t`, default now), so a signed zone with expired
// signatures is rejected whatever its ZONEMD.

import { commandLoader, exitStatusVerdict } from './command-loader.js';
import { HOST_USERLAND } from './process.js';
import type { Userland } from '../roots/userland.js';
import type { LoaderAdapter } from './types.js';

/** The ldns loader running the program of `userland` (the host's by default). */
export function createLdnsLoader(userland: Userland = HOST_USERLAND): LoaderAdapter {
  return commandLoader({
    id: 'ldns',
    debianPackage: 'ldnsutils',
    command: 'ldns-verify-zone',
    versionArgs: ['-v'],
    parseVersion: (out) => /ldns version ([0-9.]+)/.exec(out)?.[1] ?? null,
    args: (zone) => ['-Z', ...(zone.validationTime ? ['-t', zone.validationTime] : []), zone.file],
    // "There were errors in the zone" closes every failure; the first Error line says which.
    verdict: (r) => exitStatusVerdict(r, 'accept', (l) => /^(Error|Could not|Unable)/.test(l)),
  }, userland);
}

export const ldnsLoader = createLdnsLoader();
