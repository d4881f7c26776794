// `dnsorder matrix`: every scenario against every real stub client on this
// machine. Progress goes to stderr (a status line on a terminal, the cells
// that are not ok in pipes); the report goes to stdout or --out. Exit 0 when
// the run completed, 1 when --expect found changed cells or a cell differs from
// --expectations (a new failure, or a known one that now passes), 2 when it could not run.
import { checkOutputPath, emitReport } from './output-file.js';
import type { Argv } from 'yargs';
import { compareMatrices, describeChanges, loadBaseline } from '../matrix/expectations.js';
import { describeJudgement, judgeMatrix, loadKnownOutcomes } from '../matrix/known-outcomes.js';
import { runMatrix } from '../matrix/runner.js';
import { MATRIX_FORMATS, renderMatrix } from '../report/matrix-render.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, useColour, type CliCommand } from './command.js';
import { listOption, numberOptions, POSITIVE } from './options.js';
import { userClients } from '../clients/custom-client.js';
import { showsProgress, startProgress } from './progress.js';

interface MatrixArgs {
  clients?: string;
  scenarios?: string;
  format: string;
  out?: string;
  expect?: string;
  expectations?: string;
  jobs?: number;
  timeout?: number;
  client?: string[];
  clientsFile?: string;
  suites?: string[];
  root?: string[];
}

export const matrixCommand: CliCommand<MatrixArgs> = {
  command: 'matrix',
  describe: 'run scenarios against the real stub clients on this machine: scenario × client → outcome',
  builder: (y: Argv) => numberOptions(y
    .option('clients', { type: 'string', describe: 'built-in client ids or globs, comma-separated, real, models, all, or none (only --client ones)', default: 'all' })
    .option('client', listOption('NAME=COMMAND: a client of your own, run once per lookup ({name} {type} {server} {port}; NAME@ROOT runs it in a root); repeatable'))
    .option('clients-file', { type: 'string', describe: 'JSON file of your own clients: {"clients": [{"name", "command"}]}' })
    .option('suites', listOption('where the real clients run: host and built roots (dnsorder lab build), comma-separated (default: host)', { commas: true }))
    .option('root', listOption('NAME=DIR: a root filesystem you have, as one more userland; repeatable'))
    .option('scenarios', { type: 'string', describe: 'scenario ids or globs, comma-separated, or all (default: the named scenarios)' })
    .option('format', { type: 'string', choices: [...MATRIX_FORMATS], default: 'table', describe: 'report format' })
    .option('out', { type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('expect', { type: 'string', describe: 'baseline matrix (json); exit 1 on any changed cell' })
    .option('expectations', { type: 'string', describe: 'known outcomes with reasons (dnsorder.expectations/v1); exit 1 when a cell differs: a new failure, or a listed one that now passes' }), {
    jobs: { ...POSITIVE, describe: 'lookups in parallel (default: twice the number of cores; a lookup mostly waits)' },
    timeout: { ...POSITIVE, describe: 'per-lookup time limit in ms (default 8000)' },
  }) as unknown as Argv<MatrixArgs>,
  examples: [
    ["dnsorder matrix --clients 'model-*' --scenarios canonical,cname-last", 'the TypeScript models on two layouts (no root needed)'],
    ['dnsorder matrix --clients glibc-getaddrinfo,go-pure --format json --out baseline.json', 'two real clients, saved as a baseline'],
    ['dnsorder matrix --clients glibc-getaddrinfo,go-pure --expect baseline.json', 'exit 1 if any outcome changed since'],
  ],
  exitCodes: { 0: 'the run completed', 1: '--expect found a changed cell, or a cell differs from --expectations', 2: 'it could not run (no client, bad arguments, a bad --expect or --expectations file, unwritable --out)' },
  async run(args, io) {
    if (args.out) checkOutputPath(args.out);
    const baseline = args.expect ? await loadBaseline(args.expect) : undefined;
    const knownOutcomes = args.expectations ? loadKnownOutcomes(args.expectations) : undefined;
    // Checked before anything runs: names, templates, the clients file, roots named by NAME@ROOT.
    const extraClients = userClients({ client: args.client, clientsFile: args.clientsFile, userRoots: args.root });
    const progress = startProgress(io);
    const none = args.clients?.trim() === 'none';
    const doc = await runMatrix({
      ...(none ? { adapters: [] } : { clients: args.clients }),
      extraClients,
      suites: args.suites && args.suites.length > 0 ? args.suites : undefined,
      roots: args.root,
      scenarios: args.scenarios,
      jobs: args.jobs,
      timeoutMs: args.timeout,
      onProgress: (message) => progress.note(`matrix: ${message}`),
      onResult: (r, done, total) => {
        const line = `${r.scenario} × ${r.client}: ${r.outcome}`;
        progress.step(done, total, line);
        // In a log, the cells that went wrong, as they happen.
        if (!showsProgress(io) && r.outcome !== 'ok' && r.outcome !== 'skipped') progress.note(`[${done}/${total}] ${line}`);
      },
    });
    progress.end();
    const ran = doc.clients.filter((c) => c.available);
    for (const c of doc.clients) if (!c.available) progress.note(`matrix: skipped ${c.id}: ${c.reason}`);
    progress.note(`matrix: ${doc.results.length} cells, ${ran.length}/${doc.clients.length} clients, ${(doc.durationMs / 1000).toFixed(1)} s`);
    emitReport(io, args.out, renderMatrix(doc, args.format, { colour: !args.out && args.format === 'table' && useColour(io) }));
    if (ran.length === 0) {
      // The report still went out (it says why each client was skipped); the run is a failure.
      io.stderr.write('dnsorder: no client could run here [ERR_NO_CLIENTS]\n');
      return EXIT_USAGE;
    }
    let differs = false;
    if (baseline) {
      const comparison = compareMatrices(baseline, doc);
      io.stderr.write(describeChanges(comparison));
      differs ||= comparison.changed.length > 0;
    }
    if (knownOutcomes) {
      const judgement = judgeMatrix(knownOutcomes, doc);
      io.stderr.write(describeJudgement(judgement, knownOutcomes));
      differs ||= judgement.differences.length > 0;
    }
    return differs ? EXIT_FINDINGS : EXIT_OK;
  },
};
