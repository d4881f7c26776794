// Runs zones × loaders with bounded parallelism into one result document
// (`dnsorder.loaders/v1`, document.ts); every renderer reads that document.
// A loader of a root is its own column (`bind@trixie`), and every status and
// result names the userland it ran in.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname, cpus } from 'node:os';
import { HOST, idIn, type Userland } from '../roots/userland.js';
import { TOOL } from '../version.js';
import type { LoaderAdapter, LoaderId, LoaderStatus, LoaderZone } from './types.js';
import { LOADERS_SCHEMA, type LoaderResult, type LoadersDocument, type UserlandFacts } from './document.js';
import { mapBounded } from '../concurrency/map-bounded.js';
import { hostFacts } from '../run-header.js';

/** The OS of a userland: PRETTY_NAME of its os-release (a root's own file). */
export function userlandFacts(userland: Pick<Userland, 'name' | 'dir'>): UserlandFacts {
  if (userland.dir === undefined) return { name: userland.name, os: hostFacts().os };
  let os = 'unknown';
  // /etc/os-release is a link to ../usr/lib/os-release on Debian: read the target inside the root.
  for (const file of ['usr/lib/os-release', 'etc/os-release']) {
    try {
      const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync(join(userland.dir, file), 'utf8'));
      if (m) {
        os = m[1]!;
        break;
      }
    } catch {
      // not there: the next
    }
  }
  return { name: userland.name, os, dir: userland.dir };
}

export interface LoaderRunOptions {
  /** The userlands the loaders were made for, for the document (default: those the loaders name, the host's facts for `host`). */
  userlands?: readonly Pick<Userland, 'name' | 'dir'>[];
  /** Zones judged at once (default: the number of CPUs, at least 2). */
  concurrency?: number;
  /** Where the zones came from, for the document. */
  source: string;
  /** Called as each result arrives (progress on stderr): `done` of `total` zone × loader cells. */
  onResult?: (result: LoaderResult, done: number, total: number) => void;
}

export async function runLoaderMatrix(zones: readonly LoaderZone[], loaders: readonly LoaderAdapter[], options: LoaderRunOptions): Promise<LoadersDocument> {
  const statuses: LoaderStatus[] = await Promise.all(loaders.map(async (l) => ({ id: idIn(l.id, { name: l.userland }), base: l.id, userland: l.userland, ...(await l.probe()) })));
  const tasks: Array<() => Promise<LoaderResult>> = [];
  const total = zones.length * loaders.length;
  let done = 0;
  for (const zone of zones) {
    loaders.forEach((loader, i) => {
      const status = statuses[i]!;
      tasks.push(async () => {
        const base = { zone: zone.name, loader: status.id, userland: status.userland, expected: zone.expected };
        const judged = status.available ? await loader.judge(zone) : { verdict: 'unavailable' as const, message: status.reason ?? 'unavailable' };
        const result = { ...base, ...judged };
        options.onResult?.(result, ++done, total);
        return result;
      });
    });
  }
  const results = await mapBounded(tasks, options.concurrency ?? Math.max(2, cpus().length), (task) => task());
  return {
    schema: LOADERS_SCHEMA,
    tool: TOOL,
    host: { os: hostFacts().os, hostname: hostname() },
    input: { zones: options.source },
    userlands: documentUserlands(loaders, options.userlands),
    loaders: statuses,
    results,
  };
}

function documentUserlands(loaders: readonly LoaderAdapter[], given: LoaderRunOptions['userlands']): UserlandFacts[] {
  const named = [...new Set(loaders.map((l) => l.userland))];
  const all = given ?? [];
  const names = [...new Set([...all.map((u) => u.name), ...named])];
  return names.map((name) => {
    const userland = all.find((u) => u.name === name);
    if (userland !== undefined) return userlandFacts(userland);
    return name === HOST ? userlandFacts({ name }) : { name, os: 'unknown' };
  });
}
