// Times `dnsorder matrix` over the whole catalogue (--scenarios all) and over
// the default (named) set, with every installed client, and prints the figures
// side by side; then the named set × every real client of the host and of the
// trixie root (issue: under 30 s on 2 cores), beside the root's cold build time.
// Run after `npm run build` (and `dnsorder lab build trixie` for the second
// part): node bench/matrix/run.mjs [--jobs N]
// The first run also builds the probe programs into the cache; that time is
// reported separately so the figures compare runs, not compilers.
import { availableParallelism } from 'node:os';
import { defaultJobs, runMatrix } from '../../dist/matrix/runner.js';
import { findRoot } from '../../dist/roots/store.js';

const jobsArg = process.argv.indexOf('--jobs');
const jobs = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : defaultJobs();

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

const trixie = findRoot('trixie');
const suites = trixie ? ['host', 'trixie'] : ['host'];

// Warm-up: build (or find) every probe program once, in every userland.
const warm = performance.now();
await runMatrix({ jobs, scenarios: 'canonical', suites });
const warmSeconds = ((performance.now() - warm) / 1000).toFixed(1);

const rows = [await timed('default (named)', {}), await timed('catalogue (all)', { scenarios: 'all' })];
if (trixie) rows.push(await timed('named × real, host + trixie', { clients: 'real', suites }));
console.log(`dnsorder matrix benchmark — jobs ${jobs}, ${availableParallelism()} cores, node ${process.version}; warm-up (builds + one scenario) ${warmSeconds} s`);
console.table(rows);
const all = rows[1];
console.log(Number(all.seconds) < 60 ? `catalogue × all clients: ${all.seconds} s (aim: < 60 s) ✓` : `catalogue × all clients: ${all.seconds} s — over the 60 s aim`);
if (trixie) {
  const both = rows[2];
  const cold = trixie.manifest?.buildSeconds;
  console.log(`named × real clients of host + trixie: ${both.seconds} s (aim: < 30 s) ${Number(both.seconds) < 30 ? '✓' : '— over the aim'}; trixie root cold build: ${cold ?? '?'} s (dnsorder lab build trixie, once per machine)`);
} else {
  console.log('no trixie root: `dnsorder lab build trixie` adds the host + trixie row');
}
