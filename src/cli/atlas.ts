// `dnsorder atlas plan|check`: the probe's suite on RIPE Atlas. `plan` writes
// the measurement-creation request bodies (the README shows the curl that
// sends them; dnsorder never talks to Atlas), `check` judges downloaded
// result files with the probe's rules and aggregates them per test,
// resolver, probe and ASN. Exit 0 nothing violated (or plan written), 1 some
// resolver violated a MUST, 2 unreadable input or bad arguments.

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { checkAtlasResults, readProbesMeta } from '../atlas/check.js';
import { hasAtlasViolations } from '../atlas/document.js';
import { DEFAULT_MAX_ENTRY_BYTES } from '../atlas/json-stream.js';
import { AtlasError, DEFAULT_ATLAS_INTERVAL, DEFAULT_ATLAS_PROBES, DEFAULT_ATLAS_REPEATS, DEFAULT_PAIR_DELAY, planAtlas, loadPlanDocument, type AtlasPlanDocument } from '../atlas/plan.js';
import { ATLAS_AREAS } from '../atlas/format.js';
import { ATLAS_FORMATS, atlasSummaryLine, renderAtlas } from '../report/atlas-render.js';
import { EXIT_FINDINGS, EXIT_OK, notice, type CliCommand, type CliIo } from './command.js';
import { listOption, numberOptions, POSITIVE } from './options.js';
import { checkOutputPath, emitReport } from './output-file.js';
import { startProgress } from './progress.js';

const ACTIONS = ['plan', 'check'] as const;

interface AtlasArgs {
  action: (typeof ACTIONS)[number];
  files?: string[];
  zone?: string;
  tests?: string;
  probes?: number;
  area: string;
  'probe-ids'?: string[];
  af: number;
  start?: string;
  interval: number;
  repeats: number;
  'pair-delay': number;
  'run-id'?: string;
  plan?: string;
  'probes-meta'?: string;
  format?: string;
  out?: string;
  'max-entry-size': number;
  offenders: number;
}

export const atlasCommand: CliCommand<AtlasArgs> = {
  command: 'atlas <action> [files..]',
  describe: 'plan the probe\'s tests as RIPE Atlas DNS measurements (plan), and judge their downloaded results (check)',
  builder: (y: Argv) => numberOptions(y
    .positional('action', { choices: [...ACTIONS], describe: 'plan: write the measurement requests; check: judge result files' })
    .positional('files', { type: 'string', array: true, describe: 'check: Atlas result files (JSON array or JSON lines, gzip or not; /dev/stdin for a pipe)' })
    .option('zone', { type: 'string', describe: 'plan: the zone delegated to `dnsorder probe --authority-only` (e.g. probe.example.net)' })
    .option('tests', { type: 'string', describe: 'plan: probe test ids, groups or globs, comma-separated (default all; see dnsorder probe --list)' })
    .option('area', { type: 'string', default: DEFAULT_ATLAS_PROBES.area, describe: `plan: probes from this area (${ATLAS_AREAS.join(', ')})` })
    .option('probe-ids', listOption('plan: these probes instead of an area (ids, repeatable or comma-separated)', { commas: true }))
    .option('start', { type: 'string', describe: 'plan: first run, ISO 8601 or Unix seconds (default: the next minute 10 minutes from now)' })
    .option('run-id', { type: 'string', describe: 'plan: the run label in every name (default fresh)' })
    .option('plan', { type: 'string', describe: 'check: the plan file: judge only its run, list its tests even without answers' })
    .option('probes-meta', { type: 'string', describe: 'check: probe metadata with ASNs (the probe archive or a GET /api/v2/probes/ page) for the per-ASN table' })
    .option('format', { type: 'string', describe: `check: ${ATLAS_FORMATS.join(', ')} (default table); plan writes JSON` })
    .option('out', { type: 'string', describe: 'write the plan or report to FILE instead of stdout' }), {
    probes: { ...POSITIVE, describe: `plan: probes requested from --area (default ${DEFAULT_ATLAS_PROBES.requested})` },
    af: { min: 4, max: 6, default: 4, describe: 'plan: address family of the measurements, 4 or 6' },
    interval: { min: 60, default: DEFAULT_ATLAS_INTERVAL, describe: 'plan: seconds between runs of the periodic (partial-expiry, cache) measurements' },
    repeats: { min: 2, max: 100, default: DEFAULT_ATLAS_REPEATS, describe: 'plan: runs per probe of the periodic measurements' },
    'pair-delay': { min: 60, default: DEFAULT_PAIR_DELAY, describe: 'plan: seconds between the warm-up and the question of a timed pair' },
    'max-entry-size': { min: 1024, default: DEFAULT_MAX_ENTRY_BYTES, describe: 'check: largest result entry read, octets (a larger one is skipped and counted)' },
    offenders: { min: 0, default: 20, describe: 'check: worst offenders listed' },
  }) as unknown as Argv<AtlasArgs>,
  examples: [
    ['dnsorder atlas plan --zone probe.example.net --probes 500 --area WW --out plan.json', 'the measurement requests for 500 probes worldwide (POST each requests[].body)'],
    ['dnsorder atlas check results-*.json --plan plan.json --probes-meta probes.json --format html', 'judge downloaded results: per test, resolver, probe and ASN'],
  ],
  exitCodes: {
    0: 'plan written, or no resolver violated a MUST',
    1: 'some resolver violated a MUST (the report names the worst offenders)',
    2: 'bad arguments or unreadable input (a result file that cannot be opened; bad entries inside one are counted, not fatal)',
  },
  run: atlas,
};

async function atlas(args: AtlasArgs, io: CliIo): Promise<number> {
  if (args.out) checkOutputPath(args.out);
  return args.action === 'plan' ? plan(args, io) : check(args, io);
}

function parseStart(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError('ERR_USAGE', `--start "${text}" is neither ISO 8601 nor Unix seconds`);
  return Math.floor(ms / 1000);
}

function plan(args: AtlasArgs, io: CliIo): number {
  if (args.files && args.files.length > 0) throw new UsageError('ERR_USAGE', `atlas plan takes no files (${args.files.join(' ')}); did you mean atlas check?`);
  if (args.format !== undefined && args.format !== 'json') throw new UsageError('ERR_FORMAT', `atlas plan writes JSON, not ${args.format}`);
  if (!args.zone) throw new UsageError('ERR_USAGE', 'atlas plan needs --zone: the zone delegated to the authority (dnsorder probe --authority-only)');
  if (args.af !== 4 && args.af !== 6) throw new UsageError('ERR_BAD_NUMBER', `--af must be 4 or 6, not "${args.af}"`);
  const ids = args['probe-ids'];
  if (ids && args.probes !== undefined) throw new UsageError('ERR_USAGE', '--probe-ids names the probes: leave out --probes');
  const probeIds = ids?.map((id) => {
    if (!/^\d+$/.test(id)) throw new UsageError('ERR_BAD_NUMBER', `--probe-ids: "${id}" is not a probe id`);
    return Number(id);
  });
  const doc = planAtlas({
    zone: args.zone, tests: args.tests, runId: args['run-id'], af: args.af as 4 | 6,
    probes: probeIds ? { ids: probeIds } : { area: args.area, requested: args.probes ?? DEFAULT_ATLAS_PROBES.requested },
    start: args.start !== undefined ? parseStart(args.start) : undefined,
    interval: args.interval, repeats: args.repeats, pairDelay: args['pair-delay'],
  });
  emitReport(io, args.out, JSON.stringify(doc, null, 2) + '\n');
  const definitions = doc.requests.reduce((n, r) => n + r.body.definitions.length, 0);
  notice(io, `atlas plan: run ${doc.runId}, ${doc.tests.length} tests, ${definitions} definitions in ${doc.requests.length} requests (${doc.requests.map((r) => r.name).join(', ')}), first run ${new Date(doc.schedule.start * 1000).toISOString()}`);
  notice(io, `atlas plan: serve the names first: ${doc.authority.replace('PLAN.json', args.out ?? 'PLAN.json')}`);
  for (const n of doc.notPlanned) notice(io, `atlas plan: not planned: ${n.test}: ${n.reason}`);
  return EXIT_OK;
}

async function check(args: AtlasArgs, io: CliIo): Promise<number> {
  const format = args.format ?? 'table';
  if (!(ATLAS_FORMATS as readonly string[]).includes(format)) throw new UsageError('ERR_FORMAT', `atlas check has no --format ${format} (${ATLAS_FORMATS.join(', ')})`);
  const files = args.files ?? [];
  if (files.length === 0) throw new UsageError('ERR_USAGE', 'atlas check needs result files (downloaded from /api/v2/measurements/<id>/results/; /dev/stdin for a pipe)');
  let planDoc: AtlasPlanDocument | undefined;
  if (args.plan) {
    planDoc = loadPlanDocument(args.plan);
  }
  const probesMeta = args['probes-meta'] ? readProbesMeta(args['probes-meta']) : undefined;
  const progress = startProgress(io);
  const doc = await checkAtlasResults(files, {
    plan: planDoc, planFile: args.plan, probesMeta, probesMetaFile: args['probes-meta'], offenders: args.offenders,
    maxEntryBytes: args['max-entry-size'],
    onProgress: (e) => progress.step(e.entries, e.entries, `${e.file}: ${e.entries} results`),
  });
  progress.end();
  if (doc.counts.entries === 0) throw new AtlasError('ERR_ATLAS_INPUT', `no results in ${files.join(', ')}`);
  emitReport(io, args.out, renderAtlas(doc, format));
  progress.note(`atlas check: ${atlasSummaryLine(doc)}`);
  return hasAtlasViolations(doc) ? EXIT_FINDINGS : EXIT_OK;
}
