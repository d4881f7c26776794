// `dnsorder fixtures`: test vectors for other projects' suites. Exit 0 when
// written, 2 when they could not be (bad arguments, --out not a directory).

import { checkOutputDirectory, writeOutputDirectory } from './output-file.js';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { buildFixtures } from '../fixtures/build.js';
import { fixtureExpectations, measuredExpectations } from '../fixtures/expectations.js';
import { runMatrix } from '../matrix/runner.js';
import { FIXTURES_MANIFEST, parseFormats, writeFixtures } from '../fixtures/write.js';
import { selectScenarios } from '../scenarios/index.js';
import { MANIFEST_FILE, writeBuiltinVariants } from '../zone-sources/variants-write.js';
import { VERSION } from '../version.js';
import { EXIT_OK, notice, type CliCommand } from './command.js';
import { numberOptions } from './options.js';
import { startProgress } from './progress.js';

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
  builder: (y: Argv) => numberOptions(y
    .option('out', { type: 'string', demandOption: true, describe: 'directory to write into (created if missing)' })
    .option('formats', { type: 'string', describe: 'comma-separated: bin,hex,json,pcap,c,zone (default: all)' }), {
    seed: { min: 0, max: 0xffffffff, default: 1, describe: 'seed for message ids; same seed and version give identical files' },
  })
    .option('scenarios', { type: 'string', describe: 'ids or globs, comma-separated (default: all)' })
    .option('measure', { type: 'string', describe: 'also run these real clients (ids, globs or "real") and record their measured outcomes, with versions' }) as unknown as Argv<FixturesArgs>,
  examples: [
    ['dnsorder fixtures --out vectors', 'every scenario in every format into vectors/'],
    ["dnsorder fixtures --out vectors --formats hex,json --scenarios 'cname-*'", 'some scenarios, hex and JSON only'],
    ["dnsorder fixtures --out vectors --measure 'model-*'", 'with the outcomes the TypeScript models measure'],
  ],
  exitCodes: { 0: 'written', 2: 'not written: bad arguments, or --out cannot be a directory' },
  async run(args, io) {
    const formats = parseFormats(args.formats);
    const scenarios = selectScenarios(args.scenarios);
    if (scenarios.length === 0) throw new UsageError('ERR_USAGE', `no scenario matches "${args.scenarios}"`);
    // Before --measure, which can run for minutes: a bad --out fails at once.
    checkOutputDirectory(args.out, FIXTURES_MANIFEST);
    const entries = buildFixtures(scenarios, args.seed);
    const expectations = fixtureExpectations(entries);
    if (args.measure) {
      const progress = startProgress(io);
      const matrix = await runMatrix({
        clients: args.measure, scenarios: scenarios.map((s) => s.id).join(','),
        onProgress: (m) => progress.note(`fixtures: ${m}`),
        onResult: (r, done, total) => progress.step(done, total, `${r.scenario} × ${r.client}: ${r.outcome}`),
      });
      progress.end();
      for (const [id, measured] of measuredExpectations(matrix)) expectations.get(id)?.push(...measured);
    }
    // Written aside and renamed into place: a full disk leaves the previous vectors, never half of them.
    const written = await writeOutputDirectory(args.out, FIXTURES_MANIFEST, (dir) => writeFixtures(dir, entries, {
      formats, version: VERSION, seed: args.seed, expectations,
      // The ZONEMD variants of RFC 8976 A.1, with their expected RFC 8976 verdicts.
      writeZones: async (zoneDir) => {
        const manifest = writeBuiltinVariants(zoneDir);
        return [...manifest.variants.flatMap((v) => v.files), MANIFEST_FILE];
      },
    }));
    notice(io, `dnsorder fixtures: ${entries.length} scenario(s), ${written.length} file(s) in ${args.out}`);
    return EXIT_OK;
  },
};
