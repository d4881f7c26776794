// `dnsorder scenarios`: the catalogue, for people (table) or tools (--json).

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { selectScenarios } from '../scenarios/index.js';
import { specReference } from '../spec/references.js';
import { TOOL } from '../version.js';
import { EXIT_OK, type CliCommand } from './command.js';

interface ScenariosArgs {
  json?: boolean;
  scenarios?: string;
}

export const scenariosCommand: CliCommand<ScenariosArgs> = {
  command: 'scenarios',
  describe: 'list the scenario catalogue (id, title, category, conformant, spec)',
  builder: (y: Argv) => y
    .option('json', { type: 'boolean', describe: 'machine-readable catalogue' })
    .option('scenarios', { type: 'string', describe: 'ids or globs, comma-separated (default: all)' }) as unknown as Argv<ScenariosArgs>,
  async run(args, io) {
    const list = selectScenarios(args.scenarios);
    if (list.length === 0) throw new UsageError('ERR_USAGE', `no scenario matches "${args.scenarios}"`);
    if (args.json) {
      io.stdout.write(JSON.stringify({
        schema: 'dnsorder.scenarios/v1', tool: TOOL,
        scenarios: list.map((s) => ({
          id: s.id, title: s.title, category: s.category, conformant: s.conformant, queryType: s.queryType,
          queryPrefix: s.queryPrefix ?? null, description: s.description, spec: s.spec.map((id) => specReference(id).ref),
          options: s.options,
        })),
      }, null, 2) + '\n');
      return EXIT_OK;
    }
    const width = Math.max(...list.map((s) => s.id.length), 2);
    const catWidth = Math.max(...list.map((s) => s.category.length), 8);
    io.stdout.write(`${'id'.padEnd(width)}  ${'category'.padEnd(catWidth)}  conf  title\n`);
    for (const s of list) {
      io.stdout.write(`${s.id.padEnd(width)}  ${s.category.padEnd(catWidth)}  ${(s.conformant ? 'yes' : 'no').padEnd(4)}  ${s.title}\n`);
    }
    io.stdout.write(`${list.length} scenario(s)\n`);
    return EXIT_OK;
  },
};
