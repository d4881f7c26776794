// kzonecheck (knot-dnssecutils): Knot's semantic checks, and DNSSEC checks
// when the SOA is signed (at `-t`, default now). Knot 3.2's kzonecheck has no
// ZONEMD option and measured, it loads zones whose ZONEMD is wrong (Verisign
// cases 30–35), so a zone it loads is `not-checked`. Knot 3.3 added `-z`
// (`--zonemd`, "Also check ZONEMD"): where the program's --help lists it
// (Debian 13's 3.4), it is passed and a zone it loads is `accept`. With -z
// kzonecheck's exit status is the ZONEMD check's alone (zone_check.c assigns
// the digest verification's result over that of the semantic checks), so a
// zone with semantic errors (a bad RRSIG, data below a DNAME) exits 0 when
// its digest matches: its "Error summary:" still makes it `reject`, as it
// does without -z.

import { commandLoader, exitStatusVerdict } from './command-loader.js';
import { HOST_USERLAND } from './process.js';
import type { Userland } from '../roots/userland.js';
import type { LoaderAdapter } from './types.js';

/** The knot loader running the kzonecheck of `userland` (the host's by default). */
export function createKnotLoader(userland: Userland = HOST_USERLAND): LoaderAdapter {
  return commandLoader({
    id: 'knot',
    debianPackage: 'knot-dnssecutils',
    command: 'kzonecheck',
    versionArgs: ['-V'],
    // 3.2: "kzonecheck (Knot DNS), version 3.2.6"; 3.4: "kzonecheck, Knot DNS 3.4.6".
    parseVersion: (out) => /(?:version|Knot DNS) ([0-9]+\.[0-9.]+)/.exec(out)?.[1] ?? null,
    features: { args: ['--help'], detect: (out) => (/--zonemd\b/.test(out) ? ['zonemd'] : []) },
    args: (zone, has) => ['-o', zone.origin, ...(has.has('zonemd') ? ['-z'] : []), ...(zone.validationTime ? ['-t', zone.validationTime] : []), zone.file],
    verdict: (r, _zone, has) => {
      const judged = exitStatusVerdict(r, has.has('zonemd') ? 'accept' : 'not-checked', (l) => !/^(Error summary:|Serious semantic error detected)$/.test(l));
      if (judged.verdict !== 'reject' && judged.verdict !== 'error' && /^Error summary:$/m.test(r.stderr)) judged.verdict = 'reject';
      return judged;
    },
  }, userland);
}

export const knotLoader = createKnotLoader();
