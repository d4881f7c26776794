// `dnsorder scenarios`: the catalogue, for people (text table) or tools
// (--format json, or its older spelling --json). Exit 0, or 2 when the
// selection matches nothing.

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { selectScenarios, type Scenario } from '../scenarios/index.js';
import { specReference } from '../spec/references.js';
import { TOOL } from '../version.js';
import { EXIT_OK, type CliCommand } from './command.js';
import { checkOutputPath, emitReport } from './output-file.js';

const FORMATS = ['text', 'json'] as const;

interface ScenariosArgs {
  json?: boolean;
  format?: (typeof FORMATS)[number];
  out?: string;
  scenarios?: string;
}

export const scenariosCommand: CliCommand<ScenariosArgs> = {
  command: 'scenarios',
  describe: 'list the scenario catalogue (id, title, category, conformant, spec)',
  builder: (y: Argv) => y
    .option('format', { choices: FORMATS, defaultDescription: 'text', describe: 'report format' })
    .option('json', { type: 'boolean', describe: 'same as --format json' })
    .option('out', { type: 'string', describe: 'write the catalogue to FILE instead of stdout' })
    .option('scenarios', { type: 'string', describe: 'ids or globs, comma-separated (default: all)' }) as unknown as Argv<ScenariosArgs>,
  examples: [
    ['dnsorder scenarios', 'every scenario, one line each'],
    ["dnsorder scenarios --scenarios 'cname-*,perm-2-*'", 'only some, by id or glob'],
    ['dnsorder scenarios --format json --out scenarios.json', 'the catalogue as JSON, into a file'],
  ],
  exitCodes: { 0: 'listed', 2: 'no scenario matches, or bad arguments' },
  async run(args, io) {
    if (args.json && args.format !== undefined && args.format !== 'json') {
      throw new UsageError('ERR_USAGE', `--json and --format ${args.format} contradict each other`);
    }
    if (args.out) checkOutputPath(args.out);
    const list = selectScenarios(args.scenarios);
    if (list.length === 0) throw new UsageError('ERR_USAGE', `no scenario matches "${args.scenarios}"`);
    const format = args.json ? 'json' : args.format ?? 'text';
    emitReport(io, args.out, format === 'json' ? renderJson(list) : renderText(list));
    return EXIT_OK;
  },
};

function renderJson(list: readonly Scenario[]): string {
  return JSON.stringify({
    schema: 'dnsorder.scenarios/v1', tool: TOOL,
    scenarios: list.map((s) => ({
      id: s.id, title: s.title, category: s.category, conformant: s.conformant, queryType: s.queryType,
      queryPrefix: s.queryPrefix ?? null, description: s.description, spec: s.spec.map((id) => specReference(id).ref),
      options: s.options,
    })),
  }, null, 2) + '\n';
}

function renderText(list: readonly Scenario[]): string {
  const width = Math.max(...list.map((s) => s.id.length), 2);
  const catWidth = Math.max(...list.map((s) => s.category.length), 8);
  let text = `${'id'.padEnd(width)}  ${'category'.padEnd(catWidth)}  conf  title\n`;
  for (const s of list) {
    text += `${s.id.padEnd(width)}  ${s.category.padEnd(catWidth)}  ${(s.conformant ? 'yes' : 'no').padEnd(4)}  ${s.title}\n`;
  }
  return text + `${list.length} scenario(s)\n`;
}
