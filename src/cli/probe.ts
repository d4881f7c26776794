// `dnsorder probe RESOLVER[:port]`: the resolver's answer-order conformance.
// Active (default): serves the probe zone at --authority and runs the suite
// through the resolver, which must route the zone there (--print-config KIND
// prints how). Passive: --names/--names-file asks real names. --combine renders
// several saved JSON reports side by side. Exit 0 nothing violated and every
// required group exercised, 1 a MUST violated or a --require'd group never
// exercised, 2 the probe could not run (one line on stderr with the error code).

import { checkOutputPath, emitReport } from './output-file.js';
import type { Argv } from 'yargs';
import { isDnsorderError, UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_PORT, parseEndpoint } from '../probe/address.js';
import { DEFAULT_PROBE_ZONE } from '../probe/authority.js';
import { configSnippet, isResolverKind, isResolverVersion, PROBE_PROFILES, RESOLVER_KINDS, type ProbeProfile } from '../probe/config-snippets.js';
import { hasViolations, PROBE_SCHEMA, unexercised, type ProbeDocument } from '../probe/document.js';
import { ProbeError } from '../probe/errors.js';
import { probeNames, readNames } from '../probe/passive.js';
import { probeResolver, type ProbeProgress } from '../probe/runner.js';
import { OPT_IN_GROUPS, PROBE_GROUPS, probeTests } from '../probe/suite.js';
import { defaultZonemdZone, zonemdProbeTests } from '../probe/zonemd-plan.js';
import { renderProbeComparison } from '../report/probe-compare.js';
import { PROBE_FORMATS, renderProbe, summaryLine } from '../report/probe-render.js';
import { renderTextTable } from '../report/text-table.js';
import { EXIT_FINDINGS, EXIT_OK, useColour, type CliCommand, type CliIo } from './command.js';
import { numberOptions, POSITIVE } from './options.js';
import { startProgress } from './progress.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';
import { installedResolverVersion, probeFleet, probeModeOptions, PROBE_MODE_NUMBERS, serveAuthorityOnly, type ProbeModeArgs } from './probe-modes.js';

interface ProbeArgs extends ProbeModeArgs {
  resolver?: string;
  authority: string;
  zone: string;
  'zonemd-zone'?: string;
  tests?: string;
  group?: string;
  list: boolean;
  names?: string;
  'names-file'?: string;
  types: string;
  'print-config'?: string;
  'knot-mode': string;
  profile: string;
  'for-version'?: string;
  require?: string;
  combine?: string[];
  format: string;
  out?: string;
  jobs?: number;
  timeout?: number;
  label?: string;
  'dnstap-socket'?: string;
}

export const probeCommand: CliCommand<ProbeArgs> = {
  command: 'probe [resolver]',
  describe: 'check a recursive resolver\'s answer order (incl. partially expired chains) through an authority for a probe zone',
  builder: (y: Argv) => numberOptions(probeModeOptions(y)
    .positional('resolver', { type: 'string', describe: 'resolver under test, IP[:port] ([IPv6]:port), default port 53' })
    .option('authority', { type: 'string', default: DEFAULT_AUTHORITY, describe: 'where the probe zone is served; the resolver must send the zone here' })
    .option('zone', { type: 'string', default: DEFAULT_PROBE_ZONE, describe: 'the probe zone' })
    .option('zonemd-zone', { type: 'string', describe: 'the zone the zonemd group swaps and the resolver transfers (default zonemd.<zone>)' })
    .option('tests', { type: 'string', describe: 'test ids, groups or globs, comma-separated (default all but the opt-in zonemd and injection groups; see --list)' })
    .option('group', { type: 'string', describe: 'test groups, comma-separated, added to --tests (e.g. zonemd: needs the resolver to transfer --zonemd-zone from --authority)' })
    .option('list', { type: 'boolean', default: false, describe: 'list the probe tests and exit' })
    .option('names', { type: 'string', describe: 'passive mode: real names to ask, comma-separated' })
    .option('names-file', { type: 'string', describe: 'passive mode: file with one name per line' })
    .option('types', { type: 'string', default: 'A,AAAA', describe: 'passive mode: query types' })
    .option('print-config', { type: 'string', describe: `print the config that routes the zone to --authority for: ${RESOLVER_KINDS.join(', ')}` })
    .option('knot-mode', { type: 'string', choices: ['STUB', 'FORWARD'], default: 'STUB', describe: 'policy for --print-config knot-resolver' })
    .option('profile', { type: 'string', choices: [...PROBE_PROFILES], default: 'plain', describe: '--print-config: plain (expiry visible) or production (serve-stale, prefetch, minimum TTL, small cache, each with what the probe then reports)' })
    .option('for-version', { type: 'string', describe: '--print-config: the syntax of this version of the resolver, X.Y (default: the version installed here, if any; else the lines of Debian 12\'s)' })
    .option('require', { type: 'string', describe: `groups that must be exercised (a test in each reaches pass or violation) or exit 1, comma-separated, or none (default ${DEFAULT_REQUIRED.join(',')}, when it runs)` })
    // Takes every file up to the next option (`--combine reports/*.json`, as documented):
    // in this mode there is no resolver positional for it to swallow.
    .option('combine', { type: 'string', array: true, describe: 'render saved JSON reports side by side (test × resolver), md or table' })
    .option('format', { type: 'string', choices: [...PROBE_FORMATS], default: 'table', describe: 'report format' })
    .option('out', { type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('dnstap-socket', { type: 'string', describe: 'collect the resolver\'s dnstap at this unix socket while probing and report what it says it sent; with --print-config, add the dnstap lines' })
    .option('label', { type: 'string', describe: 'name of the resolver in the report (default: its version.bind answer, reported as a guess: a packet cache in front passes that question on)' }), {
    jobs: { ...POSITIVE, describe: 'tests run at once (default 8); with --resolvers-file, resolvers probed at once (default 4)' },
    timeout: { ...POSITIVE, describe: 'per-attempt timeout of each question, ms (default 2000)' },
    ...PROBE_MODE_NUMBERS,
  }) as unknown as Argv<ProbeArgs>,
  examples: [
    ['dnsorder probe --print-config unbound --authority 127.0.0.1:5300', 'how to make unbound send probe.test to the probe'],
    ['dnsorder probe 127.0.0.1:53 --authority 127.0.0.1:5300 --format json --out unbound.json', 'probe the resolver on port 53, save the report'],
    ['dnsorder probe --combine unbound.json bind.json --format md', 'saved reports side by side'],
  ],
  exitCodes: {
    0: 'nothing violated and every required group exercised (or list, config, combine done)',
    1: 'the resolver violated a MUST, or a --require\'d group (default partial-expiry) was never exercised: every test in it inconclusive',
    2: 'the probe could not run (usage, resolver unreachable, authority port taken, zone not routed)',
  },
  run: probe,
};

/** --list and --print-config print one thing; a report --format other than the default is a mistake. */
function refuseFormat(args: ProbeArgs, what: string): void {
  if (args.format !== 'table') throw new UsageError('ERR_FORMAT', `${what} has no --format ${args.format}`);
}

async function probe(args: ProbeArgs, io: CliIo): Promise<number> {
  if (args.out) checkOutputPath(args.out);
  if (args.list) {
    refuseFormat(args, '--list');
    return list(args, io);
  }
  if (args['print-config'] !== undefined) {
    refuseFormat(args, '--print-config');
    const authority = parseEndpoint(args.authority, DEFAULT_AUTHORITY_PORT, '--authority');
    emitReport(io, args.out, configSnippet(args['print-config'], {
      authority, zone: args.zone, zonemdZone: args['zonemd-zone'] ?? defaultZonemdZone(args.zone), knotMode: args['knot-mode'] as 'STUB' | 'FORWARD',
      profile: args.profile as ProbeProfile,
      dnstap: args['dnstap-socket'] !== undefined ? { socketPath: args['dnstap-socket'] } : undefined,
      version: await configVersion(args['print-config'], args['for-version']),
    }));
    return EXIT_OK;
  }
  if (args['for-version'] !== undefined) throw new UsageError('ERR_USAGE', '--for-version goes with --print-config KIND');
  if (args.combine) return combine(args, io);
  if (args['authority-only']) return serveAuthorityOnly(args, io);
  if (args['resolvers-file']) return probeFleet(args, io, requiredGroups(args.require).groups);
  if (!args.resolver) throw new UsageError('ERR_USAGE', 'name the resolver to probe (dnsorder probe 127.0.0.1:53), or use --print-config, --combine or --list');
  const required = requiredGroups(args.require);

  const progress = startProgress(io);
  const onProgress = (event: ProbeProgress) => {
    if (event.kind === 'start') {
      progress.note(`probe: ${event.resolver}${event.version ? ` (${event.version})` : ''}, authority ${event.authority}, run ${event.runId}, ${event.tests} tests`);
      return;
    }
    if (event.result.verdict !== 'pass') progress.note(`probe: [${event.done}/${event.total}] ${event.result.test}=${event.result.verdict}`);
    progress.step(event.done, event.total, `${event.result.test}=${event.result.verdict}`);
  };
  const passive = args.names !== undefined || args['names-file'] !== undefined;
  // --dnstap-socket: the resolver's own dnstap, collected while the probe runs (the protobuf library loads only then).
  const dnstapView = args['dnstap-socket'] !== undefined ? await import('../dnstap/probe-view.js') : undefined;
  const dnstap = dnstapView ? await dnstapView.startProbeDnstap(args['dnstap-socket']!) : undefined;
  if (dnstap && !dnstap.connected) progress.note(`probe: no resolver connected to ${args['dnstap-socket']} within 10 s; probing without its dnstap`);
  const doc = await (dnstapView?.closingOnError ?? ((_, run) => run))(dnstap, passive
    ? probeNames({
      resolver: args.resolver, names: await readNames(args.names, args['names-file']), types: args.types.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean),
      jobs: args.jobs, timeoutMs: args.timeout, label: args.label, onProgress,
    })
    : probeResolver({
      resolver: args.resolver, authority: args.authority, zone: args.zone, zonemdZone: args['zonemd-zone'],
      tests: [args.tests, args.group].filter((s): s is string => s !== undefined).join(',') || undefined, jobs: args.jobs, timeoutMs: args.timeout,
      label: args.label, onProgress,
    }));
  progress.end();
  const render = (d: ProbeDocument) => renderProbe(d, args.format, { colour: !args.out && args.format === 'table' && useColour(io) });
  const view = dnstap ? await dnstapView!.finishProbeDnstap(dnstap, doc) : undefined;
  emitReport(io, args.out, view ? dnstapView!.reportWithDnstap(doc, view, args.format, render) : render(doc));
  progress.note(`probe: ${summaryLine(doc)}`);
  if (hasViolations(doc)) return EXIT_FINDINGS;
  if (passive) return EXIT_OK;
  const ran = new Set(doc.results.map((r) => r.group));
  const missing = required.groups.filter((g) => !ran.has(g));
  if (required.explicit && missing.length > 0) {
    throw new UsageError('ERR_USAGE', `--require ${missing.join(',')}: no test of ${missing.length > 1 ? 'those groups' : 'that group'} ran (see --tests)`);
  }
  const notExercised = unexercised(doc, required.groups);
  if (notExercised.length === 0) return EXIT_OK;
  progress.note(`probe: exit 1: required group(s) never exercised: ${notExercised.join(', ')} (every test in it inconclusive: see the reasons; --require none to accept)`);
  return EXIT_FINDINGS;
}

/** The version --print-config writes for: --for-version, else the one installed on this host, else none (Debian 12's lines). */
async function configVersion(kind: string, forVersion: string | undefined): Promise<string | undefined> {
  if (forVersion !== undefined) {
    if (!isResolverVersion(forVersion)) throw new UsageError('ERR_USAGE', `--for-version wants a version such as 5.2 or 9.20.4, not "${forVersion}"`);
    return forVersion;
  }
  return isResolverKind(kind) ? installedResolverVersion(kind) : undefined;
}

/** Groups exit 1 treats as required: `--require` given (`none` = no group), else the partial-expiry group when it runs. */
const DEFAULT_REQUIRED = ['partial-expiry'];

function requiredGroups(text: string | undefined): { groups: string[]; explicit: boolean } {
  if (text === undefined) return { groups: DEFAULT_REQUIRED, explicit: false };
  const groups = text.split(',').map((g) => g.trim()).filter(Boolean);
  if (groups.length === 1 && groups[0] === 'none') return { groups: [], explicit: true };
  const unknown = groups.filter((g) => !(PROBE_GROUPS as readonly string[]).includes(g));
  if (unknown.length > 0 || groups.length === 0) {
    throw new UsageError('ERR_USAGE', `--require: ${unknown.length > 0 ? `no probe group ${unknown.join(', ')}` : 'name a group'} (groups: ${PROBE_GROUPS.join(', ')}, or none)`);
  }
  return { groups, explicit: true };
}

function list(args: ProbeArgs, io: CliIo): number {
  emitReport(io, args.out, renderTextTable(['test', 'group', 'qtype', 'title'], [
    ...probeTests().map((t) => [t.id, OPT_IN_GROUPS.includes(t.group) ? `${t.group} (opt-in)` : t.group, t.qtype, t.title]),
    ...zonemdProbeTests().map((t) => [t.id, `${t.group} (opt-in)`, 'SOA', `${t.title} — expected ${t.expected}`]),
  ]));
  return EXIT_OK;
}

async function combine(args: ProbeArgs, io: CliIo): Promise<number> {
  if (args.format !== 'table' && args.format !== 'md') throw new UsageError('ERR_FORMAT', `--combine renders md or table, not ${args.format}`);
  const docs: ProbeDocument[] = [];
  for (const file of args.combine ?? []) {
    let doc: ProbeDocument;
    try {
      doc = JSON.parse(readTextBounded(file, INPUT_LIMITS.report)) as ProbeDocument;
    } catch (error) {
      if (isDnsorderError(error)) throw error;
      throw new ProbeError('ERR_PROBE_BAD_REPORT', `cannot read probe report ${file}: ${fsReason(error)}`, { cause: error });
    }
    if (doc?.schema !== PROBE_SCHEMA) throw new ProbeError('ERR_PROBE_BAD_REPORT', `${file} is not a ${PROBE_SCHEMA} report`);
    docs.push(doc);
  }
  emitReport(io, args.out, renderProbeComparison(docs, args.format === 'md' ? 'md' : 'table'));
  return EXIT_OK;
}
