// Two modes of `dnsorder probe` that serve more than one resolver on this host:
//
// --authority-only: the probe zone alone, for resolvers elsewhere — the
//   authority RIPE Atlas probes' resolvers reach (`dnsorder atlas plan`). It
//   serves the names of one run (from --plan, or --run-id and --tests), with
//   every safeguard of `serve`: a non-loopback address needs --allow-remote,
//   which turns response-rate limiting on (50/s per /24 or /56 unless --rate),
//   and the bounded TCP, query-size and in-flight limits; no ledger of
//   questions is kept (it would grow with the Internet's traffic). Prints one
//   JSON "listening" line on stderr, serves until SIGTERM/SIGINT or --duration.
//
// --resolvers-file FILE: the active probe against every resolver in FILE
//   (`ADDR[:PORT] [label]` a line, # comments), --jobs of them at once, each
//   with its own fresh run id, through one authority; one combined report
//   (the --combine renderer), each resolver's exit status under it.

import type { Argv } from 'yargs';
import { isDnsorderError, UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';
import { isLoopback } from '../net/address.js';
import { mapBounded } from '../concurrency/map-bounded.js';
import { loadPlanDocument } from '../atlas/plan.js';
import { DEFAULT_RESOLVER_PORT, formatEndpoint, parseEndpoint, type Endpoint } from '../probe/address.js';
import { DEFAULT_PROBE_ZONE, startProbeAuthority } from '../probe/authority.js';
import { VERSION_QUERY, type ResolverKind } from '../probe/config-snippets.js';
import { runCommand } from '../process/run-command.js';
import { defaultCacheDir } from '../files/cache-dir.js';
import { hostUserland, type Userland } from '../roots/userland.js';
import { hasViolations, unexercised, type ProbeDocument } from '../probe/document.js';
import { ProbeError } from '../probe/errors.js';
import { planTest } from '../probe/plan.js';
import { probeResolver } from '../probe/runner.js';
import { selectProbeTests } from '../probe/suite.js';
import { renderProbeComparison } from '../report/probe-compare.js';
import { summaryLine } from '../report/probe-render.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, notice, type CliIo } from './command.js';
import type { NumberSpec } from './options.js';
import { emitReport } from './output-file.js';
import { queryLogLine } from './serve.js';
import { stopSignal } from './stop-signal.js';

/** The options of both modes, added to probe's builder. */
export function probeModeOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('authority-only', { type: 'boolean', default: false, describe: 'serve the probe zone alone (for RIPE Atlas or resolvers elsewhere) until SIGTERM; needs --plan or --run-id' })
    .option('listen', { type: 'string', describe: '--authority-only: ADDR[:PORT] to serve on (default --authority)' })
    .option('allow-remote', { type: 'boolean', default: false, describe: '--authority-only: allow a non-loopback --listen address (turns on response-rate limiting)' })
    .option('plan', { type: 'string', describe: '--authority-only: the plan of `dnsorder atlas plan` (its zone, run id and tests)' })
    .option('run-id', { type: 'string', describe: '--authority-only: the run whose names to serve (with --tests), when there is no --plan' })
    .option('ns-address', { type: 'string', describe: '--authority-only: the public address of ns.<zone> in the zone\'s NS glue (default --listen\'s; needed on 0.0.0.0 or ::)' })
    .option('log-json', { type: 'boolean', default: false, describe: '--authority-only: one JSON line per query on stdout' })
    .option('resolvers-file', { type: 'string', describe: 'probe every resolver in FILE (ADDR[:PORT] [label] per line), --jobs at once, into one combined report' }) as Argv<T>;
}

export const PROBE_MODE_NUMBERS: Readonly<Record<string, NumberSpec>> = {
  rate: { min: 0, fraction: true, describe: '--authority-only: UDP responses per second per source prefix (default off on loopback, 50 with --allow-remote)' },
  duration: { fraction: true, above: 0, max: 2_147_483, describe: '--authority-only: stop after this many seconds' },
};

export interface ProbeModeArgs {
  resolver?: string;
  authority: string;
  zone: string;
  tests?: string;
  'authority-only': boolean;
  listen?: string;
  'allow-remote': boolean;
  plan?: string;
  'run-id'?: string;
  'ns-address'?: string;
  'log-json': boolean;
  rate?: number;
  duration?: number;
  'resolvers-file'?: string;
  format: string;
  out?: string;
  jobs?: number;
  timeout?: number;
  group?: string;
  'zonemd-zone'?: string;
}

const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

export async function serveAuthorityOnly(args: ProbeModeArgs, io: CliIo): Promise<number> {
  if (args.resolver) throw new UsageError('ERR_USAGE', `--authority-only probes no resolver (${args.resolver}): it serves the zone for resolvers elsewhere`);
  if (args.format !== 'table' || args.out) throw new UsageError('ERR_USAGE', '--authority-only writes no report (--log-json logs queries on stdout)');
  let zone = args.zone;
  let runId = args['run-id'];
  let testIds: string[] | undefined;
  if (args.plan) {
    const plan = loadPlanDocument(args.plan);
    if (runId !== undefined && runId !== plan.runId) throw new UsageError('ERR_USAGE', `--run-id ${runId} is not the plan's run (${plan.runId})`);
    if (zone !== DEFAULT_PROBE_ZONE && zone.toLowerCase().replace(/\.$/, '') !== plan.zone) throw new UsageError('ERR_USAGE', `--zone ${zone} is not the plan's zone (${plan.zone})`);
    zone = plan.zone;
    runId = plan.runId;
    testIds = plan.tests.map((t) => t.test);
  }
  if (!runId) throw new UsageError('ERR_USAGE', '--authority-only serves one run\'s names: give --plan PLAN.json (dnsorder atlas plan) or --run-id');
  const listen = args.listen ?? args.authority;
  const endpoint = parseEndpoint(listen, 53, '--listen');
  if (WILDCARD.has(endpoint.address) && !args['ns-address']) {
    throw new UsageError('ERR_USAGE', `--listen ${listen} is every address: give --ns-address, the public address resolvers reach ns.${zone} at`);
  }
  const selected = selectProbeTests(testIds ?? (args.tests ? args.tests.split(',') : undefined));
  if (selected.unknown.length > 0) throw new ProbeError('ERR_PROBE_UNKNOWN_TEST', `no probe test or group matches ${selected.unknown.join(', ')} (see dnsorder probe --list)`);
  const authority = await startProbeAuthority({
    listen: formatEndpoint(endpoint), zone, allowRemote: args['allow-remote'], nameServerAddress: args['ns-address'],
    limits: { ratePerSecond: args.rate }, keepLedger: false,
    onQuery: args['log-json'] ? (event) => io.stdout.write(queryLogLine(event)) : undefined,
  });
  for (const test of selected.tests) authority.zone.addPlan(planTest(test, runId, authority.origin));
  const stopped = stopSignal(args.duration);
  const remote = !isLoopback(endpoint.address);
  io.stderr.write(JSON.stringify({
    event: 'listening', address: authority.address, port: authority.port, transports: ['udp', 'tcp'], zone: authority.origin, runId,
    tests: selected.tests.length, rateLimit: args.rate ?? (remote ? 50 : 0), pid: process.pid,
  }) + '\n');
  const reason = await stopped;
  await authority.close();
  notice(io, JSON.stringify({ event: 'closed', reason, queries: authority.allAsked() }));
  return EXIT_OK;
}

interface FleetEntry {
  endpoint: Endpoint;
  label?: string;
  line: number;
}

export function readResolversFile(file: string): FleetEntry[] {
  let text: string;
  try {
    text = readTextBounded(file, INPUT_LIMITS.list);
  } catch (error) {
    if (isDnsorderError(error)) throw error;
    throw new UsageError('ERR_USAGE', `cannot read --resolvers-file ${file}: ${fsReason(error)}`, { cause: error });
  }
  const entries: FleetEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const [address, ...label] = line.split(/\s+/);
    let endpoint: Endpoint;
    try {
      endpoint = parseEndpoint(address!, DEFAULT_RESOLVER_PORT, 'resolver');
    } catch (error) {
      throw new UsageError('ERR_USAGE', `${file}:${i + 1}: ${(error as Error).message}`, { cause: error });
    }
    entries.push({ endpoint, label: label.length > 0 ? label.join(' ') : undefined, line: i + 1 });
  });
  if (entries.length === 0) throw new UsageError('ERR_USAGE', `--resolvers-file ${file} names no resolver`);
  return entries;
}

export const FLEET_SCHEMA = 'dnsorder.probe-fleet/v1';
export const DEFAULT_FLEET_JOBS = 4;

export interface FleetOutcome {
  resolver: string;
  label?: string;
  exit: number;
  error?: { code: string; message: string };
  report?: ProbeDocument;
}

/** `required`: the groups a resolver must exercise (probe's --require), as the single-resolver probe decides exit 1. */
export async function probeFleet(args: ProbeModeArgs, io: CliIo, required: readonly string[]): Promise<number> {
  if (!['table', 'md', 'json'].includes(args.format)) throw new UsageError('ERR_FORMAT', `--resolvers-file renders table, md or json, not ${args.format}`);
  if (args.resolver) throw new UsageError('ERR_USAGE', `--resolvers-file names the resolvers: leave out ${args.resolver}`);
  const entries = readResolversFile(args['resolvers-file']!);
  const authority = await startProbeAuthority({ listen: args.authority, zone: args.zone, zonemdZone: args['zonemd-zone'] });
  let outcomes: FleetOutcome[];
  try {
    let done = 0;
    outcomes = await mapBounded(entries, args.jobs ?? DEFAULT_FLEET_JOBS, async (entry): Promise<FleetOutcome> => {
      const name = formatEndpoint(entry.endpoint);
      try {
        const doc = await probeResolver({
          resolver: entry.endpoint, authority, label: entry.label, timeoutMs: args.timeout,
          tests: [args.tests, args.group].filter((s): s is string => s !== undefined).join(',') || undefined,
        });
        const exit = hasViolations(doc) || unexercised(doc, required).length > 0 ? EXIT_FINDINGS : EXIT_OK;
        notice(io, `probe: [${++done}/${entries.length}] ${name}${entry.label ? ` (${entry.label})` : ''}: exit ${exit}, ${summaryLine(doc)}`);
        return { resolver: name, label: entry.label, exit, report: doc };
      } catch (error) {
        if (!isDnsorderError(error) || error.code === 'ERR_PROBE_UNKNOWN_TEST') throw error;
        notice(io, `probe: [${++done}/${entries.length}] ${name}: exit 2, ${error.message} [${error.code}]`);
        return { resolver: name, label: entry.label, exit: EXIT_USAGE, error: { code: error.code, message: error.message } };
      }
    });
  } finally {
    await authority.close();
  }
  const exit = Math.max(...outcomes.map((o) => o.exit));
  if (args.format === 'json') {
    emitReport(io, args.out, JSON.stringify({ schema: FLEET_SCHEMA, exit, resolvers: outcomes }, null, 2) + '\n');
    return exit;
  }
  const ran = outcomes.filter((o) => o.report);
  const columns = ran.map((o) => `${o.label ?? o.report!.inputs.resolver.label ?? o.report!.inputs.resolver.version ?? ''} ${o.resolver}`.trim());
  const statusLines = outcomes.map((o) => `${o.resolver}${o.label ? ` (${o.label})` : ''}: exit ${o.exit} — ${o.report ? summaryLine(o.report) : `${o.error!.message} [${o.error!.code}]`}`);
  const table = ran.length > 0 ? renderProbeComparison(ran.map((o) => o.report!), args.format === 'md' ? 'md' : 'table', columns) : '';
  const text = args.format === 'md'
    ? `${table}\n${statusLines.map((l) => `- ${l}`).join('\n')}\n`
    : `${table}\n${statusLines.join('\n')}\n`;
  emitReport(io, args.out, text);
  return exit;
}

/**
 * The version of `kind` installed in `userland` (default: this host), from its own version output, or
 * undefined when it is not installed there: `--print-config KIND` prints the syntax of that version, and the
 * lab (test/helpers/resolvers.ts) starts each resolver with the lines printed for its version.
 */
export async function installedResolverVersion(kind: ResolverKind, userland: Userland = hostUserland(defaultCacheDir())): Promise<string | undefined> {
  const query = VERSION_QUERY[kind];
  const r = await runCommand(userland.command(query.argv), { env: userland.environment(), timeoutMs: 20_000 });
  if (r.error) return undefined;
  return query.pattern.exec(`${r.stdout}${r.stderr}`)?.[1];
}
