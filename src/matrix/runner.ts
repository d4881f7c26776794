// Runs scenarios × clients. Builds and starts every available client once,
// starts one scenario server (in the run's network namespace when possible),
// then resolves each cell's fresh name with bounded parallelism, classifying
// results as they finish. Cells it cannot run are `skipped` with the reason.
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';
import { defaultCacheDir } from '../clients/build-cache.js';
import { NetworkNamespace, namespaceSupport } from '../clients/namespace.js';
import { clientsInUserlands, selectClients } from './clients.js';
import { resolveUserlands } from '../roots/store.js';
import { HOST } from '../roots/userland.js';
import type { AddressReporting, ClientAdapter, PreparedClient, RawRun } from '../clients/types.js';
import { answerQuestion, chainEndAddresses, chainEndName, namedScenarios, scenarioQueryName, selectScenarios, type Scenario } from '../scenarios/index.js';
import { MATRIX_SCHEMA, type ClientInfo, type MatrixDocument, type MatrixResult, type ScenarioInfo } from './document.js';
import { breaks, classify, type Classification } from './outcome.js';
import { QueryLedger } from './query-ledger.js';
import { MODELS, matchModel } from '../models/index.js';
import { startLocalScenarioServer, startNamespacedScenarioServer, type ScenarioServerHandle } from './scenario-server.js';
import { presentRecords } from './present.js';
import { runHeader } from '../run-header.js';
import { mapBounded } from '../concurrency/map-bounded.js';

export const DEFAULT_ZONE = 'order.test';
/** Per-request limit: above the clients' own 2 s × 1 try (resolv.conf, c-ares, JNDI) and 4 s (Go, dnspython) budgets. */
export const DEFAULT_TIMEOUT_MS = 8000;

/**
 * Lookups in parallel by default: twice the cores. A lookup mostly waits — on the server, and on
 * a client's own time limit for a reply it cannot use (dnspython, hickory and Ruby wait 2–4 s on a
 * malformed one) — so twice the cores kept both busy (bench/matrix: host + trixie, 2 cores,
 * 32 s with 2 at once, 26 s with 4, no faster with 6 or 8).
 */
export function defaultJobs(): number {
  return 2 * availableParallelism();
}

export interface MatrixOptions {
  /** `--clients`: comma-separated ids or `all` (default). */
  clients?: string;
  /** `--scenarios`: ids/globs or `all`; default the named scenarios. */
  scenarios?: string;
  jobs?: number;
  timeoutMs?: number;
  cacheDir?: string;
  /** Use these adapters instead of the registry (tests). */
  adapters?: ClientAdapter[];
  /** Users' own clients (`--client`, `defineClient()`), run after the selected ones; `clients` does not filter them. */
  extraClients?: ClientAdapter[];
  /** `--suites`: `host` and built Debian roots (`trixie`, …), each real client runs in each (default: host). */
  suites?: string[];
  /** `--root NAME=DIR`: root filesystems the user already has. */
  roots?: string[];
  /** `none`: never create a namespace (system-config clients are skipped). */
  isolation?: 'auto' | 'none';
  /** Called as each cell finishes (queries are filled in at the end). */
  onResult?: (result: MatrixResult, done: number, total: number) => void;
  /** Human progress messages (stderr). */
  onProgress?: (message: string) => void;
}

export async function runMatrix(options: MatrixOptions = {}): Promise<MatrixDocument> {
  const started = performance.now();
  const zone = DEFAULT_ZONE;
  const scenarios = options.scenarios ? selectScenarios(options.scenarios) : namedScenarios();
  if (scenarios.length === 0) throw new UsageError('ERR_NO_SCENARIOS', `no scenario matches "${options.scenarios}"`);
  const userlands = resolveUserlands(options.suites ?? [HOST], options.roots ?? []);
  const adapters = [...(options.adapters ?? clientsInUserlands(selectClients(options.clients), userlands)), ...(options.extraClients ?? [])];
  const jobs = Math.max(1, options.jobs ?? defaultJobs());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const progress = options.onProgress ?? (() => {});

  progress(`detecting ${adapters.length} clients (building probe programs once)…`);
  const infos: ClientInfo[] = await Promise.all(adapters.map(async (a): Promise<ClientInfo> => {
    const d = await a.detect(cacheDir);
    const kind = a.kind ?? 'real';
    const place = kind === 'model' ? {} : { base: a.base ?? a.id, userland: a.userland ?? HOST };
    const model = kind === 'real' ? matchModel({ id: a.id, base: a.base, version: d.version ?? null }, MODELS).model : undefined;
    return { id: a.id, ...place, kind, describe: a.describe, version: d.version ?? null, ...(model ? { model } : {}), available: d.available, reason: d.reason, discovery: a.discovery };
  }));

  const ledger = new QueryLedger();
  let namespace: NetworkNamespace | undefined;
  let server: ScenarioServerHandle | undefined;
  const prepared = new Map<string, PreparedClient>();
  const results: MatrixResult[] = [];
  const followUps = new Map<MatrixResult, FollowUpCheck>();
  let isolation = 'none';
  try {
    const support = options.isolation === 'none'
      ? { ok: false as const, reason: 'namespaces turned off' }
      : await namespaceSupport();
    // A namespace only when a real client that reads resolv.conf will run in it.
    if (support.ok && infos.some((i) => i.available && i.kind === 'real' && i.discovery === 'system-config')) {
      namespace = NetworkNamespace.create();
      server = await startNamespacedScenarioServer(namespace, ledger);
      isolation = `network namespace ${namespace.name}`;
    } else {
      server = await startLocalScenarioServer(ledger);
      for (const info of infos) {
        if (info.available && info.discovery === 'system-config') {
          info.available = false;
          info.reason = `reads the system resolver configuration and needs a network namespace: ${support.ok ? 'none created' : support.reason}`;
        }
      }
    }
    progress(`scenario server on ${server.endpoint.address}:${server.endpoint.port} (${isolation})`);

    await Promise.all(adapters.map(async (adapter, i) => {
      const info = infos[i]!;
      if (!info.available) return;
      try {
        prepared.set(adapter.id, await adapter.prepare({ server: server!.endpoint, namespace: namespace?.name, maxWorkers: jobs, cacheDir }));
      } catch (err) {
        info.available = false;
        info.reason = `could not start: ${(err as Error).message}`;
      }
    }));

    const cells = scenarios.flatMap((scenario) => infos.map((client) => ({ scenario, client })));
    let done = 0;
    const finish = (result: MatrixResult) => {
      results.push(result);
      options.onResult?.(result, ++done, cells.length);
    };
    await mapBounded(cells, jobs, async ({ scenario, client }) => {
      const runner = prepared.get(client.id);
      if (!client.available || !runner) {
        finish({ scenario: scenario.id, client: client.id, ...where(client), outcome: 'skipped', addresses: [], canonical: null, queries: null, detail: client.reason ?? 'not available', breaks: false });
        return;
      }
      finish(await runCell(scenario, client, runner, ledger, zone, timeoutMs, adapters.find((a) => a.id === client.id)?.reports, followUps));
    });
  } finally {
    await Promise.all([...prepared.values()].map((p) => p.close().catch(() => {})));
    await server?.close().catch(() => {});
    namespace?.closeSync();
  }
  // The server is closed, so every query it saw has reached the ledger.
  const models = new Set(infos.filter((i) => i.kind === 'model').map((i) => i.id));
  for (const r of results) {
    // Models answer in-process and never reach the server, so they have no query count.
    if (models.has(r.client)) r.queries = null;
    else if (r.query !== undefined) r.queries = ledger.count(labelOf(r.query, r.scenario));
    const check = followUps.get(r);
    if (check && (ledger.asked(check.end) || prepared.get(r.client)?.asked?.(check.end))) {
      r.outcome = check.lenient.outcome;
      r.detail = check.lenient.detail;
      r.breaks = check.lenientBreaks;
      r.askedChainEnd = true;
    }
  }

  const order = new Map(scenarios.map((s, i) => [s.id, i]));
  const column = new Map(infos.map((c, i) => [c.id, i]));
  results.sort((a, b) => order.get(a.scenario)! - order.get(b.scenario)! || column.get(a.client)! - column.get(b.client)!);
  return {
    ...runHeader(MATRIX_SCHEMA, started),
    inputs: { clients: infos.map((c) => c.id), scenarios: scenarios.map((s) => s.id), zone, jobs, timeoutMs, isolation, userlands: userlands.map((u) => u.name) },
    clients: infos,
    scenarios: scenarios.map((s) => scenarioInfo(s, zone)),
    results,
  };
}

/** A real client's userland, for its results (models have none). */
function where(client: ClientInfo): { userland?: string } {
  return client.userland !== undefined ? { userland: client.userland } : {};
}

/**
 * What a cell's raw output shows as printed: the program's line; a model prints
 * nothing, so its result is shown as the line a probe program would print, and
 * every cell's raw output (HTML panel, JUnit body) reads alike.
 */
function printedLine(client: ClientInfo, run: RawRun): string {
  return client.kind === 'model' && run.stdout === '' && run.result ? JSON.stringify(run.result) : run.stdout;
}

/** A cell whose addresses are the chain end's: ok if the client asked the server for that name itself, else wrong-address. */
interface FollowUpCheck {
  end: string;
  lenient: Classification;
  lenientBreaks: boolean;
}

async function runCell(scenario: Scenario, client: ClientInfo, runner: PreparedClient, ledger: QueryLedger, zone: string, timeoutMs: number, reports: AddressReporting | undefined, followUps: Map<MatrixResult, FollowUpCheck>): Promise<MatrixResult> {
  const label = ledger.nextLabel();
  const name = scenarioQueryName(scenario, zone, label);
  const expected = answerQuestion(name, scenario.queryType, zone)!.expected;
  const run = await runner.resolve({ name, qtype: scenario.queryType, timeoutMs });
  const c = classify(expected, run, { reports });
  const result: MatrixResult = {
    scenario: scenario.id,
    client: client.id,
    ...where(client),
    outcome: c.outcome,
    addresses: c.output?.addresses ?? [],
    canonical: c.output?.canonical ?? null,
    queries: null,
    detail: c.detail,
    breaks: breaks(c.outcome, expected),
    query: name,
    raw: { stdout: printedLine(client, run), stderr: run.stderr, exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, durationMs: run.durationMs },
  };
  // Addresses the answer did not lead to may be the chain end's, found by a follow-up query
  // (systemd-resolved asks for a dangling chain's last name itself). Whether the client asked is
  // known once the server has closed and every query reached the ledger.
  const end = c.outcome === 'wrong-address' ? chainEndName(name, scenario.queryType, zone) : undefined;
  if (end) {
    const lenient = classify(expected, run, { reports, followUp: chainEndAddresses(name, scenario.queryType, zone) });
    if (lenient.outcome !== c.outcome) followUps.set(result, { end, lenient, lenientBreaks: breaks(lenient.outcome, expected) });
  }
  return result;
}

/** The cell's extra label: the label right after the scenario id in its query name. */
function labelOf(query: string, scenario: string): string {
  const labels = query.split('.');
  return labels[labels.indexOf(scenario) + 1] ?? '';
}

function scenarioInfo(s: Scenario, zone: string): ScenarioInfo {
  const name = scenarioQueryName(s, zone);
  const a = answerQuestion(name, s.queryType, zone)!;
  const answer = presentRecords(a.answers);
  if (s.options.mutation) answer.push(`; then the octets are mutated: ${s.options.mutation.name}`);
  if (a.additionals.length > 0) answer.push('; additional section:', ...presentRecords(a.additionals));
  return { id: s.id, title: s.title, category: s.category, conformant: s.conformant, queryType: s.queryType, answer, expected: a.expected };
}

