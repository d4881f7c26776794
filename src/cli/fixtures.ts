// `dnsorder fixtures`: test vectors for other projects' suites.

import { makeDirectory } from '../files/make-directory.js';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { buildFixtures } from '../fixtures/build.js';
import { fixtureExpectations, measuredExpectations } from '../fixtures/expectations.js';
import { runMatrix } from '../matrix/runner.js';
import { parseFormats, writeFixtures } from '../fixtures/write.js';
import { selectScenarios } from '../scenarios/index.js';
import { MANIFEST_FILE, writeBuiltinVariants } from '../zone/variants-write.js';
import { VERSION } from '../version.js';
import { EXIT_OK, type CliCommand } from './command.js';

interface FixturesArgs {
  out: string;
  formats?: string;
  seed: number;
  scenarios?: string;
  measure?: string;
}

export const fixturesCommand: CliCommand<FixturesArgs> = {
  command: 'fixtures',
  describe: 'write test vectors: wire packets (bin, hex), JSON descriptions, a pcap, a C header, and a manifest of expected outcomes',
  builder: (y: Argv) => y
    .option('out', { type: 'string', demandOption: true, describe: 'directory to write into (created if missing)' })
    .option('formats', { type: 'string', describe: 'comma-separated: bin,hex,json,pcap,c,zone (default: all)' })
    .option('seed', { type: 'number', default: 1, describe: 'seed for message ids; same seed and version give identical files' })
    .option('scenarios', { type: 'string', describe: 'ids or globs, comma-separated (default: all)' })
    .option('measure', { type: 'string', describe: 'also run these real clients (ids, globs or "real") and record their measured outcomes, with versions' }) as unknown as Argv<FixturesArgs>,
  async run(args, io) {
    if (!Number.isInteger(args.seed) || args.seed < 0) throw new UsageError('ERR_USAGE', `--seed must be a non-negative integer, not ${args.seed}`);
    const formats = parseFormats(args.formats);
    const scenarios = selectScenarios(args.scenarios);
    if (scenarios.length === 0) throw new UsageError('ERR_USAGE', `no scenario matches "${args.scenarios}"`);
    const entries = buildFixtures(scenarios, args.seed);
    const expectations = fixtureExpectations(entries);
    if (args.measure) {
      const matrix = await runMatrix({
        clients: args.measure, scenarios: scenarios.map((s) => s.id).join(','),
        onProgress: (m) => io.stderr.write(`fixtures: ${m}\n`),
      });
      for (const [id, measured] of measuredExpectations(matrix)) expectations.get(id)?.push(...measured);
    }
    makeDirectory(args.out);
    const written = await writeFixtures(args.out, entries, {
      formats, version: VERSION, seed: args.seed, expectations,
      // The ZONEMD variants of RFC 8976 A.1, with their expected RFC 8976 verdicts.
      writeZones: async (dir) => {
        const manifest = writeBuiltinVariants(dir);
        return [...manifest.variants.flatMap((v) => v.files), MANIFEST_FILE];
      },
    });
    io.stderr.write(`dnsorder fixtures: ${entries.length} scenario(s), ${written.length} file(s) in ${args.out}\n`);
    return EXIT_OK;
  },
};
