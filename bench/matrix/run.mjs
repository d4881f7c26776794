// Times `dnsorder matrix` over the whole catalogue (--scenarios all) and over
// the default (named) set, with every installed client, and prints the figures
// side by side. Run after `npm run build`: node bench/matrix/run.mjs [--jobs N]
// The first run also builds the probe programs into the cache; that time is
// reported separately so the figures compare runs, not compilers.
import { availableParallelism } from 'node:os';
import { runMatrix } from '../../dist/matrix/runner.js';

const jobsArg = process.argv.indexOf('--jobs');
const jobs = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : availableParallelism();

async function timed(label, options) {
  const started = performance.now();
  const doc = await runMatrix({ jobs, ...options });
  const seconds = (performance.now() - started) / 1000;
  const ran = doc.clients.filter((c) => c.available).length;
  const cells = doc.results.filter((r) => r.outcome !== 'skipped');
  const slowest = [...cells].sort((a, b) => (b.raw?.durationMs ?? 0) - (a.raw?.durationMs ?? 0))[0];
  const timeouts = cells.filter((r) => r.outcome === 'timeout').length;
  return {
    label, scenarios: doc.scenarios.length, clients: `${ran}/${doc.clients.length}`, cells: cells.length,
    seconds: seconds.toFixed(1), 'cells/s': (cells.length / seconds).toFixed(0), timeouts,
    slowest: slowest ? `${slowest.scenario} × ${slowest.client} ${slowest.raw?.durationMs} ms` : '',
  };
}

// Warm-up: build (or find) every probe program once.
const warm = performance.now();
await runMatrix({ jobs, scenarios: 'canonical' });
const warmSeconds = ((performance.now() - warm) / 1000).toFixed(1);

const rows = [await timed('default (named)', {}), await timed('catalogue (all)', { scenarios: 'all' })];
console.log(`dnsorder matrix benchmark — jobs ${jobs}, ${availableParallelism()} cores, node ${process.version}; warm-up (builds + one scenario) ${warmSeconds} s`);
console.table(rows);
const all = rows[1];
console.log(Number(all.seconds) < 60 ? `catalogue × all clients: ${all.seconds} s (aim: < 60 s) ✓` : `catalogue × all clients: ${all.seconds} s — over the 60 s aim`);
