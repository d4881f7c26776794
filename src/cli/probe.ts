// `dnsorder probe RESOLVER[:port]`: the resolver's answer-order conformance.
// Active (default): serves the probe zone at --authority and runs the suite
// through the resolver, which must route the zone there (--print-config KIND
// prints how). Passive: --names/--names-file asks real names. --combine renders
// several saved JSON reports side by side. Exit 0 nothing violated, 1 a MUST
// violated, 2 the probe could not run (one line on stderr with the error code).

import { readFile } from 'node:fs/promises';
import { checkOutputPath, writeOutputFile } from './output-file.js';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_PORT, parseEndpoint } from '../probe/address.js';
import { DEFAULT_PROBE_ZONE } from '../probe/authority.js';
import { configSnippet, RESOLVER_KINDS } from '../probe/config-snippets.js';
import { hasViolations, PROBE_SCHEMA, type ProbeDocument } from '../probe/document.js';
import { ProbeError } from '../probe/errors.js';
import { probeNames, readNames } from '../probe/passive.js';
import { probeResolver, type ProbeProgress } from '../probe/runner.js';
import { probeTests } from '../probe/suite.js';
import { defaultZonemdZone, zonemdProbeTests } from '../probe/zonemd-plan.js';
import { renderProbeComparison } from '../report/probe-compare.js';
import { PROBE_FORMATS, renderProbe } from '../report/probe-render.js';
import { renderTextTable } from '../report/text-table.js';
import { EXIT_FINDINGS, EXIT_OK, useColour, type CliCommand, type CliIo } from './command.js';

interface ProbeArgs {
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
  combine?: string[];
  format: string;
  out?: string;
  jobs?: number;
  timeout?: number;
  label?: string;
}

export const probeCommand: CliCommand<ProbeArgs> = {
  command: 'probe [resolver]',
  describe: 'check a recursive resolver\'s answer order (incl. partially expired chains) through an authority for a probe zone',
  builder: (y: Argv) => y
    .positional('resolver', { type: 'string', describe: 'resolver under test, IP[:port] ([IPv6]:port), default port 53' })
    .option('authority', { type: 'string', default: DEFAULT_AUTHORITY, describe: 'where the probe zone is served; the resolver must send the zone here' })
    .option('zone', { type: 'string', default: DEFAULT_PROBE_ZONE, describe: 'the probe zone' })
    .option('zonemd-zone', { type: 'string', describe: 'the zone the zonemd group swaps and the resolver transfers (default zonemd.<zone>)' })
    .option('tests', { type: 'string', describe: 'test ids, groups or globs, comma-separated (default all but the opt-in zonemd group; see --list)' })
    .option('group', { type: 'string', describe: 'test groups, comma-separated, added to --tests (e.g. zonemd: needs the resolver to transfer --zonemd-zone from --authority)' })
    .option('list', { type: 'boolean', default: false, describe: 'list the probe tests and exit' })
    .option('names', { type: 'string', describe: 'passive mode: real names to ask, comma-separated' })
    .option('names-file', { type: 'string', describe: 'passive mode: file with one name per line' })
    .option('types', { type: 'string', default: 'A,AAAA', describe: 'passive mode: query types' })
    .option('print-config', { type: 'string', describe: `print the config that routes the zone to --authority for: ${RESOLVER_KINDS.join(', ')}` })
    .option('knot-mode', { type: 'string', choices: ['STUB', 'FORWARD'], default: 'STUB', describe: 'policy for --print-config knot-resolver' })
    .option('combine', { type: 'string', array: true, describe: 'render saved JSON reports side by side (test × resolver), md or table' })
    .option('format', { type: 'string', choices: [...PROBE_FORMATS], default: 'table', describe: 'report format' })
    .option('out', { type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('jobs', { type: 'number', describe: 'tests run at once (default 8)' })
    .option('timeout', { type: 'number', describe: 'per-attempt timeout of each question, ms (default 2000)' })
    .option('label', { type: 'string', describe: 'name of the resolver in the report (default: its version.bind answer)' }) as unknown as Argv<ProbeArgs>,
  run: probe,
};

async function probe(args: ProbeArgs, io: CliIo): Promise<number> {
  if (args.out) checkOutputPath(args.out);
  if (args.list) return list(io);
  if (args['print-config'] !== undefined) {
    const authority = parseEndpoint(args.authority, DEFAULT_AUTHORITY_PORT, '--authority');
    io.stdout.write(configSnippet(args['print-config'], {
      authority, zone: args.zone, zonemdZone: args['zonemd-zone'] ?? defaultZonemdZone(args.zone), knotMode: args['knot-mode'] as 'STUB' | 'FORWARD',
    }));
    return EXIT_OK;
  }
  if (args.combine) return combine(args, io);
  if (!args.resolver) throw new UsageError('ERR_USAGE', 'name the resolver to probe (dnsorder probe 127.0.0.1:53), or use --print-config, --combine or --list');
  if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1)) throw new UsageError('ERR_USAGE', '--jobs must be a positive integer');

  const onProgress = (event: ProbeProgress) => {
    if (event.kind === 'start') {
      io.stderr.write(`probe: ${event.resolver}${event.version ? ` (${event.version})` : ''}, authority ${event.authority}, run ${event.runId}, ${event.tests} tests\n`);
    } else if (event.result.verdict !== 'pass') {
      io.stderr.write(`probe: [${event.done}/${event.total}] ${event.result.test}=${event.result.verdict}\n`);
    }
  };
  const passive = args.names !== undefined || args['names-file'] !== undefined;
  const doc = passive
    ? await probeNames({
      resolver: args.resolver, names: await readNames(args.names, args['names-file']), types: args.types.split(',').map((t) => t.trim().toUpperCase()).filter(Boolean),
      jobs: args.jobs, timeoutMs: args.timeout, label: args.label, onProgress,
    })
    : await probeResolver({
      resolver: args.resolver, authority: args.authority, zone: args.zone, zonemdZone: args['zonemd-zone'],
      tests: [args.tests, args.group].filter((s): s is string => s !== undefined).join(',') || undefined, jobs: args.jobs, timeoutMs: args.timeout,
      label: args.label, onProgress,
    });
  await output(renderProbe(doc, args.format, { colour: !args.out && args.format === 'table' && useColour(io) }), args, io);
  const s = doc.summary;
  io.stderr.write(`probe: ${s.pass} pass, ${s.violation} violation, ${s.error} error, ${s.inconclusive} inconclusive\n`);
  return hasViolations(doc) ? EXIT_FINDINGS : EXIT_OK;
}

async function output(text: string, args: ProbeArgs, io: CliIo): Promise<void> {
  if (args.out) writeOutputFile(args.out, text);
  else io.stdout.write(text);
}

function list(io: CliIo): number {
  io.stdout.write(renderTextTable(['test', 'group', 'qtype', 'title'], [
    ...probeTests().map((t) => [t.id, t.group, t.qtype, t.title]),
    ...zonemdProbeTests().map((t) => [t.id, `${t.group} (opt-in)`, 'SOA', `${t.title} — expected ${t.expected}`]),
  ]));
  return EXIT_OK;
}

async function combine(args: ProbeArgs, io: CliIo): Promise<number> {
  const docs: ProbeDocument[] = [];
  for (const file of args.combine ?? []) {
    let doc: ProbeDocument;
    try {
      doc = JSON.parse(await readFile(file, 'utf8')) as ProbeDocument;
    } catch (error) {
      throw new ProbeError('ERR_PROBE_BAD_REPORT', `cannot read probe report ${file}: ${(error as Error).message}`, { cause: error });
    }
    if (doc?.schema !== PROBE_SCHEMA) throw new ProbeError('ERR_PROBE_BAD_REPORT', `${file} is not a ${PROBE_SCHEMA} report`);
    docs.push(doc);
  }
  await output(renderProbeComparison(docs, args.format === 'md' ? 'md' : 'table'), args, io);
  return EXIT_OK;
}
