// probeResolver: the active probe. Starts (or uses) the authority, fills the
// probe zone for a fresh run id, checks that the resolver answers and routes
// the zone here, then runs the selected tests with bounded concurrency (the
// expiry tests spend most of their time waiting) and returns the document.

import { randomBytes } from 'node:crypto';
import { DEFAULT_RESOLVER_PORT, formatEndpoint, parseEndpoint, type Endpoint } from './address.js';
import { DEFAULT_PROBE_ZONE, startProbeAuthority, type ProbeAuthority } from './authority.js';
import { coverage, PROBE_SCHEMA, resolverFacts, summarise, type ProbeDocument, type ProbeResult } from './document.js';
import { ProbeError } from './errors.js';
import { exchange, resolverIdentity } from './exchange.js';
import { runBase, planTest } from './plan.js';
import { mapBounded } from '../concurrency/map-bounded.js';
import { runPlannedTest } from './run-test.js';
import { selectProbeTests } from './suite.js';
import { runZonemdGroup } from './zonemd-group.js';
import { splitZonemdSelectors } from './zonemd-plan.js';
import { runHeader } from '../run-header.js';

export type ProbeProgress =
  | { kind: 'start'; runId: string; tests: number; resolver: string; authority: string; version: string | null }
  | { kind: 'result'; result: ProbeResult; done: number; total: number };

export interface ProbeOptions {
  /** The resolver under test: `IP[:port]` (default port 53) or an endpoint. */
  resolver: string | Endpoint;
  /** Where to serve the probe zone (`IP[:port]`, default 127.0.0.1:5300), or an authority already running. */
  authority?: string | ProbeAuthority;
  /** Probe zone (default probe.test); ignored when `authority` is running already. */
  zone?: string;
  /** The `zonemd` group's transferable zone (default zonemd.<zone>); ignored when `authority` is running already. */
  zonemdZone?: string;
  /** Test ids, groups or globs (default: all the chain tests; the `zonemd` group runs only when named). */
  tests?: readonly string[] | string;
  /** Tests run at once (default 8). */
  jobs?: number;
  /** Per-attempt timeout of each question to the resolver, ms (default 2000). */
  timeoutMs?: number;
  /**
   * A name for the resolver in the report ("unbound 1.17.1"). Default: its version.bind (or version.server)
   * answer, reported as a guess: whatever answers at the address says it, a packet cache in front included.
   */
  label?: string;
  /** Fixed run label (default: fresh and random). */
  runId?: string;
  onProgress?: (event: ProbeProgress) => void;
}

export const DEFAULT_PROBE_JOBS = 8;

export function newRunId(): string {
  return `r${Date.now().toString(36).slice(-5)}${randomBytes(3).toString('hex')}`;
}

export async function probeResolver(options: ProbeOptions): Promise<ProbeDocument> {
  const started = performance.now();
  const given = typeof options.resolver === 'string' ? parseEndpoint(options.resolver, DEFAULT_RESOLVER_PORT, 'resolver') : options.resolver;
  const resolver: Endpoint = { address: given.address, port: given.port };
  const selectors = typeof options.tests === 'string' ? options.tests.split(',') : options.tests;
  // The zonemd group is opt-in: it needs a resolver configured to transfer the zonemd zone.
  const zonemd = splitZonemdSelectors(selectors);
  const onlyZonemd = zonemd.tests.length > 0 && zonemd.rest.length === 0;
  const chosen = onlyZonemd ? { tests: [], unknown: [] } : selectProbeTests(zonemd.rest);
  const tests = chosen.tests;
  const unknown = [...zonemd.unknown, ...chosen.unknown];
  if (unknown.length > 0) throw new ProbeError('ERR_PROBE_UNKNOWN_TEST', `no probe test or group matches ${unknown.join(', ')} (see dnsorder probe --list)`);

  const owned = typeof options.authority !== 'object';
  const authority = typeof options.authority === 'object'
    ? options.authority
    : await startProbeAuthority({ listen: options.authority, zone: options.zone ?? DEFAULT_PROBE_ZONE, zonemdZone: options.zonemdZone });
  try {
    const runId = options.runId ?? newRunId();
    const zone = authority.origin;
    if (tests.length > 0) await preflight(resolver, authority, runId, options.timeoutMs);
    const identity = await resolverIdentity(resolver);
    const version = identity?.text ?? null;
    const plans = tests.map((t) => planTest(t, runId, zone));
    plans.forEach((p) => authority.zone.addPlan(p));
    const total = plans.length + zonemd.tests.length;
    options.onProgress?.({ kind: 'start', runId, tests: total, resolver: formatEndpoint(resolver), authority: formatEndpoint(authority), version });
    let done = 0;
    const run = (batch: typeof plans) => mapBounded(batch, options.jobs ?? DEFAULT_PROBE_JOBS, async (plan) => {
      const result = await runPlannedTest(plan, { resolver, authority, timeoutMs: options.timeoutMs });
      options.onProgress?.({ kind: 'result', result, done: ++done, total });
      return result;
    });
    // The tests whose verdict rests on what the resolver's cache holds (partial expiry, cache) run first,
    // on their own: the rest of the suite (90-record answers, 33-hop chains) never fills the cache
    // while they wait, so their verdict does not depend on --jobs or on the resolver's cache size.
    const cached = await run(plans.filter((p) => p.test.needs !== undefined));
    const rest = await run(plans.filter((p) => p.test.needs === undefined));
    const byId = new Map([...cached, ...rest].map((r) => [r.test, r]));
    const results = plans.map((p) => byId.get(p.test.id)!);
    if (zonemd.tests.length > 0) {
      results.push(...await runZonemdGroup({
        resolver, authority, tests: zonemd.tests, timeoutMs: options.timeoutMs,
        onResult: (result) => options.onProgress?.({ kind: 'result', result, done: ++done, total }),
      }));
    }
    return {
      ...runHeader(PROBE_SCHEMA, started),
      inputs: {
        mode: 'active', resolver: resolverFacts(resolver, identity, options.label), authority: { address: authority.address, port: authority.port },
        zone, runId, tests: [...tests.map((t) => t.id), ...zonemd.tests.map((t) => t.id)],
      },
      summary: summarise(results),
      coverage: coverage(results),
      results,
    };
  } finally {
    if (owned) await authority.close();
  }
}

/** One question before the tests: does the resolver answer at all, and does it send the probe zone to us? */
async function preflight(resolver: Endpoint, authority: ProbeAuthority, runId: string, timeoutMs?: number): Promise<void> {
  const name = `preflight.${runBase(runId, authority.origin)}`;
  authority.zone.addRecords([{ name, type: 'A', class: 'IN', ttl: 1, data: '192.0.2.53' }]);
  const result = await exchange(resolver, name, 'A', { timeoutMs: timeoutMs ?? 2000, attempts: 3 });
  if (result.kind !== 'answer') {
    throw new ProbeError('ERR_PROBE_RESOLVER_UNREACHABLE',
      `resolver ${formatEndpoint(resolver)} did not answer (${result.kind === 'timeout' ? `no reply in ${result.elapsedMs} ms` : result.reason})`);
  }
  if (authority.asked(name).length === 0) {
    throw new ProbeError('ERR_PROBE_NOT_ROUTED',
      `resolver ${formatEndpoint(resolver)} answered rcode ${result.message.rcode} but never asked the authority at ${formatEndpoint(authority)}: route ${authority.origin} there (dnsorder probe --print-config <resolver> --authority ${formatEndpoint(authority)})`);
  }
}
