// nsd-checkzone (nsd): NSD's zone parser and checks; NSD 4.6 does not verify
// ZONEMD (it leaves that to an external `verifier`), so a zone it loads is
// `not-checked`.

import { commandLoader, exitStatusVerdict } from './command-loader.js';

export const nsdLoader = commandLoader({
  id: 'nsd',
  debianPackage: 'nsd',
  command: 'nsd-checkzone',
  versionArgs: ['-h'],
  parseVersion: (out) => /Version ([0-9]+(?:\.[0-9]+)*)/.exec(out)?.[1] ?? null,
  args: (zone) => [zone.origin, zone.file],
  verdict: (r) => exitStatusVerdict(r, 'not-checked', (l) => /error/i.test(l) && !/has \d+ errors$/.test(l)),
});
