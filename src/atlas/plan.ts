// `dnsorder atlas plan`: the probe's tests as RIPE Atlas DNS measurements.
// Every probe asks its own local resolver(s) (use_probe_resolver) for the
// test's query name and returns the raw answer (include_abuf); the names are
// the probe's own plan (src/probe/plan.ts: fresh labels under a run id, one
// subtree per test), served from the Internet by
// `dnsorder probe --authority-only --zone Z --run-id R`.
//
// How each kind of test becomes measurements (and what the results can show,
// see ATLAS_JUDGEMENT):
// - one question (order, DNAME, long chains, case, AAAA, chase): one one-off
//   definition over UDP; the size test also over TCP (Atlas does not retry a
//   truncated UDP answer over TCP, so the TCP definition carries the records);
// - partial expiry and the cache repeat: a periodic definition (`interval`,
//   default 300 s, far past the 2 s short TTL): the first run fetches the
//   chain, every later run finds the short-lived part expired and the rest
//   cached — the 2026-01-08 path. Judged from the TTLs in each answer;
// - the cached tail (a warm-up of the chain's second name, then the query):
//   a timed pair — the warm-up in the one-off request, the query in a second
//   one-off request that starts `pairDelay` (300 s) later.
// All definitions of one request share its schedule (is_oneoff, start_time,
// stop_time are request fields), hence one request per schedule.

import { randomBytes } from 'node:crypto';
import { TOOL } from '../version.js';
import { PROBE_UDP_PAYLOAD } from '../probe/exchange.js';
import { planTest, type ProbePlan } from '../probe/plan.js';
import { selectProbeTests, SHORT_TTL, type ProbeTestDefinition } from '../probe/suite.js';
import { splitZonemdSelectors } from '../probe/zonemd-plan.js';
import { CodedError } from '../errors.js';
import { ATLAS_AREAS, type AtlasDnsDefinition, type AtlasMeasurementRequest, type AtlasProbeSelection } from './format.js';
import { isDnsorderError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';

export const ATLAS_PLAN_SCHEMA = 'dnsorder.atlas-plan/v1';

export type AtlasSchedule = 'one-off' | 'interval' | 'timed pair';
export type AtlasRequestName = 'one-off' | 'interval' | 'pair-second';

/** What the Atlas results of a test can and cannot show (README "What Atlas results can judge"). */
export const ATLAS_JUDGEMENT = {
  order: 'order of every answer: in order, reordered, passed through, own order (the authority\'s order is known from the plan)',
  chase: 'order of every answer; a chain cut short is "dropped records": telling "did not chase" from "dropped" needs the authority\'s ledger of who asked what, which Atlas results lack',
  expiry: 'order of every answer; partial expiry exercised when an answer joins long-lived records aged past the short TTL to short-lived records within their 2 s TTL (TTLs only: whether the re-fetch happened while this question waited, which the probe proves from its own clock and the authority\'s ledger, cannot be shown)',
  cache: 'order of every answer; an answer from the cache shows aged TTLs',
  pair: 'order of the answer after the warm-up (whether the resolver joined its cached tail shows only in aged TTLs)',
  size: 'UDP: TC (Atlas does not retry over TCP); TCP: order of the whole answer',
} as const;

export interface AtlasPlanOptions {
  /** The zone delegated to `dnsorder probe --authority-only` (e.g. probe.example.net). */
  zone: string;
  /** Probe test ids, groups or globs (default: every test Atlas can run). */
  tests?: readonly string[] | string;
  /** Fixed run label (default fresh). */
  runId?: string;
  /** `requested` probes of an area (default 50 of WW), or a list of probe ids. */
  probes?: { area: string; requested: number } | { ids: readonly number[] };
  /** Address family of the measurements (default 4). */
  af?: 4 | 6;
  /** Unix seconds of the first run (default: the next whole minute 10 minutes from now). */
  start?: number;
  /** Seconds between runs of the periodic definitions (default 300; Atlas' minimum is 60). */
  interval?: number;
  /** Runs of the periodic definitions per probe (default 3: one fetch, two after expiry). */
  repeats?: number;
  /** Seconds between the two halves of a timed pair (default 300). */
  pairDelay?: number;
  /** For tests: the clock (Unix ms). */
  now?: number;
}

export interface AtlasPlannedQuery {
  request: AtlasRequestName;
  query_argument: string;
  query_type: string;
  protocol: 'UDP' | 'TCP';
  purpose: 'check' | 'warm-up';
}

export interface AtlasPlannedTest {
  test: string;
  group: string;
  qtype: string;
  title: string;
  schedule: AtlasSchedule;
  queries: AtlasPlannedQuery[];
  judged: string;
}

export interface AtlasPlanRequest {
  name: AtlasRequestName;
  purpose: string;
  tests: string[];
  /** POST this, as is, to https://atlas.ripe.net/api/v2/measurements/. */
  body: AtlasMeasurementRequest;
}

export interface AtlasPlanDocument {
  schema: typeof ATLAS_PLAN_SCHEMA;
  tool: typeof TOOL;
  generatedAt: string;
  zone: string;
  runId: string;
  schedule: { start: number; interval: number; repeats: number; pairDelay: number; af: 4 | 6 };
  /** The command that serves these names (run it on the host the zone is delegated to). */
  authority: string;
  requests: AtlasPlanRequest[];
  tests: AtlasPlannedTest[];
  notPlanned: Array<{ test: string; reason: string }>;
}

export const DEFAULT_ATLAS_PROBES = { area: 'WW', requested: 50 } as const;
export const DEFAULT_ATLAS_INTERVAL = 300;
export const MIN_ATLAS_INTERVAL = 60;
export const DEFAULT_ATLAS_REPEATS = 3;
export const DEFAULT_PAIR_DELAY = 300;

export class AtlasError extends CodedError {}

/** A fresh run label, as the probe makes one (letters and digits: a DNS label). */
export function newAtlasRunId(now = Date.now()): string {
  return `r${now.toString(36).slice(-5)}${randomBytes(3).toString('hex')}`;
}

/** How Atlas runs a probe test, and what its results can show. */
export function atlasSchedule(test: ProbeTestDefinition): { schedule: AtlasSchedule; judged: string; tcp: boolean } {
  const tcp = test.group === 'size';
  if (test.needs === 'refetch') return { schedule: 'interval', judged: ATLAS_JUDGEMENT.expiry, tcp };
  if (test.needs === 'cached') return { schedule: 'interval', judged: ATLAS_JUDGEMENT.cache, tcp };
  if (test.steps.some((s) => 'ask' in s && s.check === false)) return { schedule: 'timed pair', judged: ATLAS_JUDGEMENT.pair, tcp };
  if (tcp) return { schedule: 'one-off', judged: ATLAS_JUDGEMENT.size, tcp };
  if (test.authority.answers === 'one-hop') return { schedule: 'one-off', judged: ATLAS_JUDGEMENT.chase, tcp };
  return { schedule: 'one-off', judged: ATLAS_JUDGEMENT.order, tcp };
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkZoneName(zone: string, what = '--zone'): string {
  const name = zone.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (name.length > 200 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    throw new AtlasError('ERR_ATLAS_BAD_ZONE', `${what} "${zone}" is not a domain name of letters, digits and hyphens with at least two labels (the zone delegated to the authority)`);
  }
  return name;
}

function probeSelection(probes: AtlasPlanOptions['probes']): AtlasProbeSelection {
  const given = probes ?? DEFAULT_ATLAS_PROBES;
  if ('ids' in given) {
    const ids = [...new Set(given.ids)];
    if (ids.length === 0) throw new AtlasError('ERR_ATLAS_BAD_PROBES', 'name at least one probe id');
    return { requested: ids.length, type: 'probes', value: ids.join(',') };
  }
  const area = ATLAS_AREAS.find((a) => a.toLowerCase() === given.area.toLowerCase());
  if (!area) throw new AtlasError('ERR_ATLAS_BAD_PROBES', `area "${given.area}" is not one of ${ATLAS_AREAS.join(', ')}`);
  return { requested: given.requested, type: 'area', value: area };
}

/** The Atlas measurement definitions for the selected probe tests. Pure but for the run id and the clock. */
export function planAtlas(options: AtlasPlanOptions): AtlasPlanDocument {
  const zone = checkZoneName(options.zone);
  const runId = options.runId ?? newAtlasRunId(options.now);
  if (!LABEL.test(runId)) throw new AtlasError('ERR_ATLAS_BAD_RUN_ID', `run id "${runId}" is not one DNS label of letters, digits and hyphens`);
  const af = options.af ?? 4;
  const interval = options.interval ?? DEFAULT_ATLAS_INTERVAL;
  const repeats = options.repeats ?? DEFAULT_ATLAS_REPEATS;
  const pairDelay = options.pairDelay ?? DEFAULT_PAIR_DELAY;
  if (interval < MIN_ATLAS_INTERVAL) throw new AtlasError('ERR_ATLAS_BAD_SCHEDULE', `interval ${interval} s is below Atlas' minimum of ${MIN_ATLAS_INTERVAL} s`);
  if (repeats < 2) throw new AtlasError('ERR_ATLAS_BAD_SCHEDULE', 'repeats must be at least 2: partial expiry needs a run after the short TTL ran out');
  const now = options.now ?? Date.now();
  const start = options.start ?? Math.ceil((now / 1000 + 600) / 60) * 60;
  const selectors = typeof options.tests === 'string' ? options.tests.split(',') : options.tests;
  const zonemd = splitZonemdSelectors(selectors);
  const chosen = zonemd.tests.length > 0 && zonemd.rest.length === 0 ? { tests: [], unknown: [] } : selectProbeTests(zonemd.rest);
  const unknown = [...zonemd.unknown, ...chosen.unknown];
  if (unknown.length > 0) throw new AtlasError('ERR_ATLAS_UNKNOWN_TEST', `no probe test or group matches ${unknown.join(', ')} (see dnsorder probe --list)`);
  const notPlanned = zonemd.tests.map((t) => ({
    test: t.id,
    reason: 'the zonemd group needs the resolver configured to transfer a zone from the authority: no Atlas probe\'s resolver is',
  }));
  if (chosen.tests.length === 0) throw new AtlasError('ERR_ATLAS_UNKNOWN_TEST', 'no test Atlas can run was selected');

  const probes = [probeSelection(options.probes)];
  const tags = ['dnsorder', `dnsorder-${runId}`];
  const definition = (plan: ProbePlan, name: string, protocol: 'UDP' | 'TCP', purpose: string, periodic: boolean): AtlasDnsDefinition => ({
    type: 'dns', af,
    description: `dnsorder ${runId} ${plan.test.id}${protocol === 'TCP' ? ' (TCP)' : ''}: ${purpose}`.slice(0, 250),
    query_class: 'IN', query_type: plan.qtype, query_argument: name,
    use_probe_resolver: true, include_abuf: true, include_qbuf: false,
    set_rd_bit: true, set_do_bit: false, set_cd_bit: false, set_nsid_bit: false, prepend_probe_id: false,
    protocol,
    // The probe's own EDNS size (src/probe/exchange.ts); over TCP no size is needed.
    ...(protocol === 'UDP' ? { udp_payload_size: PROBE_UDP_PAYLOAD } : {}),
    retry: 0, tags,
    ...(periodic ? { interval, spread: Math.min(Math.floor(interval / 2), 400) } : {}),
  });

  const buckets: Record<AtlasRequestName, { definitions: AtlasDnsDefinition[]; tests: string[] }> = {
    'one-off': { definitions: [], tests: [] }, interval: { definitions: [], tests: [] }, 'pair-second': { definitions: [], tests: [] },
  };
  const tests: AtlasPlannedTest[] = [];
  for (const test of chosen.tests) {
    const plan = planTest(test, runId, zone);
    const how = atlasSchedule(test);
    const queries: AtlasPlannedQuery[] = [];
    const add = (request: AtlasRequestName, name: string, protocol: 'UDP' | 'TCP', purpose: 'check' | 'warm-up') => {
      buckets[request].definitions.push(definition(plan, name, protocol, purpose === 'warm-up' ? `warm-up: ${name}` : test.title, request === 'interval'));
      if (!buckets[request].tests.includes(test.id)) buckets[request].tests.push(test.id);
      queries.push({ request, query_argument: name, query_type: plan.qtype, protocol, purpose });
    };
    if (how.schedule === 'interval') {
      add('interval', plan.qname, 'UDP', 'check');
    } else if (how.schedule === 'timed pair') {
      for (const step of test.steps) {
        if (!('ask' in step)) continue;
        const hop = step.ask === 'query' ? 0 : step.ask.hop;
        add(step.check === false ? 'one-off' : 'pair-second', plan.names[hop]!, 'UDP', step.check === false ? 'warm-up' : 'check');
      }
    } else {
      add('one-off', plan.qname, 'UDP', 'check');
      if (how.tcp) add('one-off', plan.qname, 'TCP', 'check');
    }
    tests.push({ test: test.id, group: test.group, qtype: test.qtype, title: test.title, schedule: how.schedule, queries, judged: how.judged });
  }

  const purposes: Record<AtlasRequestName, string> = {
    'one-off': 'one run per probe: the single-question tests, and the warm-up half of the timed pairs',
    interval: `periodic, every ${interval} s, ${repeats} runs per probe: the first fetches the chain, later runs find the ${SHORT_TTL} s records expired and the rest cached`,
    'pair-second': `one run per probe ${pairDelay} s after the one-off request: the question after the warm-up`,
  };
  const requests: AtlasPlanRequest[] = [];
  for (const name of ['one-off', 'interval', 'pair-second'] as const) {
    const bucket = buckets[name];
    if (bucket.definitions.length === 0) continue;
    const body: AtlasMeasurementRequest = name === 'interval'
      // `repeats` runs: start, start + interval, …; stop half an interval after the last so it is scheduled.
      ? { definitions: bucket.definitions, probes, is_oneoff: false, start_time: start, stop_time: start + interval * (repeats - 1) + Math.floor(interval / 2) }
      : { definitions: bucket.definitions, probes, is_oneoff: true, start_time: name === 'pair-second' ? start + pairDelay : start };
    requests.push({ name, purpose: purposes[name], tests: bucket.tests, body });
  }

  return {
    schema: ATLAS_PLAN_SCHEMA, tool: TOOL, generatedAt: new Date(now).toISOString(),
    zone, runId, schedule: { start, interval, repeats, pairDelay, af },
    authority: `dnsorder probe --authority-only --listen ${af === 6 ? '[::]' : '0.0.0.0'}:53 --allow-remote --zone ${zone} --plan PLAN.json --ns-address PUBLIC_ADDRESS`,
    requests, tests, notPlanned,
  };
}

/** A plan file written by `atlas plan --out`, read (bounded) and checked. */
export function loadPlanDocument(file: string): AtlasPlanDocument {
  let value: unknown;
  try {
    value = JSON.parse(readTextBounded(file, INPUT_LIMITS.list));
  } catch (error) {
    if (isDnsorderError(error)) throw error;
    throw new AtlasError('ERR_ATLAS_BAD_PLAN', `cannot read plan ${file}: ${fsReason(error)}`, { cause: error });
  }
  return readPlanDocument(value, file);
}

/** The run id and zone of a plan read back from a file, checked. */
export function readPlanDocument(value: unknown, file: string): AtlasPlanDocument {
  const doc = value as Partial<AtlasPlanDocument> | null;
  if (!doc || doc.schema !== ATLAS_PLAN_SCHEMA || typeof doc.runId !== 'string' || typeof doc.zone !== 'string' || !Array.isArray(doc.tests)) {
    throw new AtlasError('ERR_ATLAS_BAD_PLAN', `${file} is not a ${ATLAS_PLAN_SCHEMA} plan (dnsorder atlas plan --out FILE writes one)`);
  }
  checkZoneName(doc.zone, `${file}: zone`);
  if (!LABEL.test(doc.runId)) throw new AtlasError('ERR_ATLAS_BAD_PLAN', `${file}: run id "${doc.runId}" is not a DNS label`);
  return doc as AtlasPlanDocument;
}
