// kzonecheck (knot-dnssecutils): Knot's semantic checks, and DNSSEC checks
// when the SOA is signed (at `-t`, default now). Knot 3.2's kzonecheck has no
// ZONEMD option (`-z` arrived later) and measured, it loads zones whose
// ZONEMD is wrong (Verisign cases 30–35), so a zone it loads is `not-checked`.

import { commandLoader, exitStatusVerdict } from './command-loader.js';

export const knotLoader = commandLoader({
  id: 'knot',
  debianPackage: 'knot-dnssecutils',
  command: 'kzonecheck',
  versionArgs: ['-V'],
  parseVersion: (out) => /version ([0-9.]+)/.exec(out)?.[1] ?? null,
  args: (zone) => ['-o', zone.origin, ...(zone.validationTime ? ['-t', zone.validationTime] : []), zone.file],
  verdict: (r) => exitStatusVerdict(r, 'not-checked', (l) => !/^(Error summary:|Serious semantic error detected)$/.test(l)),
});
