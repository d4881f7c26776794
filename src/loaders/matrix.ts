// Runs zones × loaders with bounded parallelism into one result document
// (`dnsorder.loaders/v1`); every renderer reads that document.

import { hostname, cpus } from 'node:os';
import { TOOL } from '../version.js';
import type { ExpectedVerdict, LoaderAdapter, LoaderId, LoaderStatus, LoaderVerdict, LoaderZone } from './types.js';
import { mapBounded } from '../concurrency/map-bounded.js';
import { hostFacts } from '../report/host-facts.js';

export const LOADERS_SCHEMA = 'dnsorder.loaders/v1';

export interface LoaderResult {
  zone: string;
  loader: LoaderId;
  verdict: LoaderVerdict;
  expected: ExpectedVerdict;
  message: string;
}

export interface LoadersDocument {
  schema: typeof LOADERS_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  host: { os: string; hostname: string };
  input: { zones: string };
  loaders: LoaderStatus[];
  results: LoaderResult[];
}

export interface LoaderRunOptions {
  /** Zones judged at once (default: the number of CPUs, at least 2). */
  concurrency?: number;
  /** Where the zones came from, for the document. */
  source: string;
  /** Called as each result arrives (progress on stderr): `done` of `total` zone × loader cells. */
  onResult?: (result: LoaderResult, done: number, total: number) => void;
}

export async function runLoaderMatrix(zones: readonly LoaderZone[], loaders: readonly LoaderAdapter[], options: LoaderRunOptions): Promise<LoadersDocument> {
  const statuses = await Promise.all(loaders.map((l) => l.probe()));
  const tasks: Array<() => Promise<LoaderResult>> = [];
  const total = zones.length * loaders.length;
  let done = 0;
  for (const zone of zones) {
    loaders.forEach((loader, i) => {
      const status = statuses[i]!;
      tasks.push(async () => {
        const base = { zone: zone.name, loader: loader.id, expected: zone.expected };
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
    loaders: statuses,
    results,
  };
}

/** Whether a loader that judged ZONEMD (accept/reject) agrees with the expected verdict; undefined when it did not judge. */
export function agrees(result: LoaderResult): boolean | undefined {
  if (result.verdict === 'accept' || result.verdict === 'reject') return result.verdict === result.expected;
  return undefined;
}
