// named-checkzone (bind9-utils): loads the zone with BIND's checks but never
// verifies ZONEMD (BIND 9.18 only parses the record), so a zone it loads is
// `not-checked`, one it refuses is `reject` with its reason.

import { commandLoader, exitStatusVerdict } from './command-loader.js';
import { HOST_USERLAND } from './process.js';
import type { Userland } from '../roots/userland.js';
import type { LoaderAdapter } from './types.js';

/** The bind loader running the program of `userland` (the host's by default). */
export function createBindLoader(userland: Userland = HOST_USERLAND): LoaderAdapter {
  return commandLoader({
    id: 'bind',
    debianPackage: 'bind9-utils',
    command: 'named-checkzone',
    versionArgs: ['-v'],
    parseVersion: (out) => /^([0-9]+\.[0-9]+\.[0-9]+)/m.exec(out.trim())?.[1] ?? null,
    // -i local: check only in-zone NS/MX/SRV targets; the default (full) looks
    // out-of-zone ones up in the DNS, which on a loopback-only lab makes the
    // 2.1 MB root zone (Verisign case 45) take over two minutes.
    args: (zone) => ['-i', 'local', zone.origin, zone.file],
    // The reason first: not the closing "not loaded" line, nor the warnings
    // (TTL semantics, old-style DNSSEC) that come before it.
    verdict: (r) => exitStatusVerdict(r, 'not-checked', (l) => !/^zone .* not loaded due to errors\.$|: using RFC1035 TTL semantics$|: old style DNSSEC +zone detected$/.test(l)),
  }, userland);
}

export const bindLoader = createBindLoader();
