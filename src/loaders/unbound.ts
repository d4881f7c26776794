// unbound (1.17 on Debian 12) as a zone loader: an auth-zone reading the file with
// `zonemd-check: yes`, started on a loopback port and asked for the SOA.
// Served (NOERROR, AA, SOA) is accept; anything else — SERVFAIL, REFUSED, no
// answer — is reject, with unbound's own log line about the zone as message.
// module-config is iterator only, so ZONEMD RRSIGs are not validated. In a
// root it is the root's unbound, on the host's loopback (unbound-daemon.ts).

import { resolve } from 'node:path';
import { commandProbe } from './command-loader.js';
import { HOST_USERLAND, messageLines } from './process.js';
import { isBindFailure, UnboundInstance } from './unbound-daemon.js';
import type { LoaderAdapter, LoaderJudgement, LoaderZone } from './types.js';
import type { Userland } from '../roots/userland.js';

/** The unbound loader running the unbound of `userland` (the host's by default). */
export function createUnboundLoader(userland: Userland = HOST_USERLAND): LoaderAdapter {
  return {
    id: 'unbound',
    userland: userland.name,
    debianPackage: 'unbound',
    timeoutMs: 30_000,
    probe: commandProbe({
      id: 'unbound', debianPackage: 'unbound', command: 'unbound', versionArgs: ['-V'],
      version: (r) => /Version ([0-9.]+)/.exec(r.stdout)?.[1] ?? null,
    }, userland),
    judge: (zone) => judgeWithUnbound(zone, userland),
  };
}

export const unboundLoader = createUnboundLoader();

async function judgeWithUnbound(zone: LoaderZone, userland: Userland): Promise<LoaderJudgement> {
  const zonefile = resolve(zone.directory, zone.file);
  // directory: the zone's own, so a relative $INCLUDE resolves as it does for the other loaders.
  const unbound = await UnboundInstance.start({ name: zone.origin, zonefile, zonemdCheck: true }, { directory: resolve(zone.directory), userland });
  try {
    const answer = await unbound.waitForAnswer(zone.origin, 10_000);
    // Only unbound's lines about the zone (ZONEMD, errors), without the "[time] unbound[pid:0] level:" prefix.
    const zoneLines = unbound.output.split('\n').filter((l) => /zonemd|error|auth.zone|failed/i.test(l)).map((l) => l.replace(/^\[\d+\] unbound\[\d+:\d+\] /, ''));
    const log = messageLines(zoneLines.join('\n'));
    if (answer === undefined) {
      // An exit over a taken port says nothing about the zone: error, not reject.
      const refused = !unbound.running && !isBindFailure(unbound.output);
      return { verdict: refused ? 'reject' : 'error', message: unbound.running ? `no answer from unbound: ${log}` : `unbound exited: ${log || messageLines(unbound.output)}` };
    }
    if (answer.rcode === 'NOERROR' && answer.aa && answer.serial !== undefined) return { verdict: 'accept', message: `served SOA ${answer.serial}${log ? `; ${log}` : ''}` };
    return { verdict: 'reject', message: `answered ${answer.rcode}${log ? `: ${log}` : ''}` };
  } finally {
    await unbound.stop();
  }
}
