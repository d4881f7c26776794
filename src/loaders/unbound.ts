// unbound (1.17) as a zone loader: an auth-zone reading the file with
// `zonemd-check: yes`, started on a loopback port and asked for the SOA.
// Served (NOERROR, AA, SOA) is accept; anything else — SERVFAIL, REFUSED, no
// answer — is reject, with unbound's own log line about the zone as message.
// module-config is iterator only, so ZONEMD RRSIGs are not validated.

import { resolve } from 'node:path';
import { commandProbe } from './command-loader.js';
import { messageLines } from './process.js';
import { isBindFailure, UnboundInstance } from './unbound-daemon.js';
import type { LoaderAdapter, LoaderJudgement, LoaderZone } from './types.js';

export const unboundLoader: LoaderAdapter = {
  id: 'unbound',
  debianPackage: 'unbound',
  timeoutMs: 30_000,
  probe: commandProbe({
    id: 'unbound', debianPackage: 'unbound', command: 'unbound', versionArgs: ['-V'],
    version: (r) => /Version ([0-9.]+)/.exec(r.stdout)?.[1] ?? null,
  }),
  async judge(zone: LoaderZone): Promise<LoaderJudgement> {
    const zonefile = resolve(zone.directory, zone.file);
    // directory: the zone's own, so a relative $INCLUDE resolves as it does for the other loaders.
    const unbound = await UnboundInstance.start({ name: zone.origin, zonefile, zonemdCheck: true }, { directory: resolve(zone.directory) });
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
  },
};
