// `dnsorder matrix`: every scenario against every real stub client on this
// machine. Results stream to stderr as progress; the report goes to stdout or
// --out. Exit 0 when the run completed, 1 when --expect found changed cells,
// 2 when it could not run.
import { checkOutputPath, writeOutputFile } from './output-file.js';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { compareMatrices, describeChanges, loadBaseline } from '../matrix/expectations.js';
import { runMatrix } from '../matrix/runner.js';
import { MATRIX_FORMATS, renderMatrix } from '../report/matrix-render.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, useColour, type CliCommand } from './command.js';

interface MatrixArgs {
  clients?: string;
  scenarios?: string;
  format: string;
  out?: string;
  expect?: string;
  jobs?: number;
  timeout?: number;
}

export const matrixCommand: CliCommand<MatrixArgs> = {
  command: 'matrix',
  describe: 'run scenarios against the real stub clients on this machine: scenario × client → outcome',
  builder: (y: Argv) => y
    .option('clients', { type: 'string', describe: 'client ids, comma-separated, or all', default: 'all' })
    .option('scenarios', { type: 'string', describe: 'scenario ids or globs, comma-separated, or all (default: the named scenarios)' })
    .option('format', { type: 'string', choices: [...MATRIX_FORMATS], default: 'table', describe: 'report format' })
    .option('out', { type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('expect', { type: 'string', describe: 'baseline matrix (json); exit 1 on any changed cell' })
    .option('jobs', { type: 'number', describe: 'lookups in parallel (default: number of cores)' })
    .option('timeout', { type: 'number', describe: 'per-lookup time limit in ms (default 8000)' }) as unknown as Argv<MatrixArgs>,
  async run(args, io) {
    if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1)) throw new UsageError('ERR_USAGE', '--jobs must be a positive integer');
    if (args.out) checkOutputPath(args.out);
    const baseline = args.expect ? await loadBaseline(args.expect) : undefined;
    const progressive = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
    const doc = await runMatrix({
      clients: args.clients,
      scenarios: args.scenarios,
      jobs: args.jobs,
      timeoutMs: args.timeout,
      onProgress: (message) => io.stderr.write(`matrix: ${message}\n`),
      onResult: (r, done, total) => {
        const line = `[${String(done).padStart(String(total).length)}/${total}] ${r.scenario} × ${r.client}: ${r.outcome}`;
        if (progressive) io.stderr.write(`\r\u001b[K${line}${done === total ? '\n' : ''}`);
        else if (r.outcome !== 'ok' && r.outcome !== 'skipped') io.stderr.write(`${line}\n`);
      },
    });
    const ran = doc.clients.filter((c) => c.available);
    for (const c of doc.clients) if (!c.available) io.stderr.write(`matrix: skipped ${c.id}: ${c.reason}\n`);
    io.stderr.write(`matrix: ${doc.results.length} cells, ${ran.length}/${doc.clients.length} clients, ${(doc.durationMs / 1000).toFixed(1)} s\n`);
    const report = renderMatrix(doc, args.format, { colour: !args.out && args.format === 'table' && useColour(io) });
    if (args.out) writeOutputFile(args.out, report);
    else io.stdout.write(report);
    if (ran.length === 0) {
      io.stderr.write('matrix: no client could run here\n');
      return EXIT_USAGE;
    }
    if (baseline) {
      const comparison = compareMatrices(baseline, doc);
      io.stderr.write(describeChanges(comparison));
      if (comparison.changed.length > 0) return EXIT_FINDINGS;
    }
    return EXIT_OK;
  },
};
