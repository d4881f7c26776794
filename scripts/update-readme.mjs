#!/usr/bin/env node
// Regenerates the measured tables in README.md from the tool itself, so the
// README never shows a hand-edited result. Each block sits between
// <!-- BEGIN name --> and <!-- END name --> markers; run after `npm run build`
// as root with the lab installed (scripts/install-lab.sh):
//   node scripts/update-readme.mjs [name ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The matrix and zone-loader tables put the host's software beside that of
// Debian 13 when its root is built (`dnsorder lab build trixie`):
// glibc-getaddrinfo@trixie, bind@trixie, …. Without it they show the host's
// only, and say so on stderr.
const SUITES = ['host', 'trixie'];
function suitesArgs(what) {
  const roots = JSON.parse(execFileSync('node', ['bin/dnsorder.js', 'lab', 'list', '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  const missing = SUITES.filter((s) => s !== 'host' && !roots.some((r) => r.suite === s));
  if (missing.length === 0) return ['--suites', SUITES.join(',')];
  process.stderr.write(`no ${missing.join(', ')} root built (dnsorder lab build ${missing.join(' ')}): ${what} show the host's only\n`);
  return [];
}
const BLOCKS = {
  matrix: () => ['matrix', ...suitesArgs('the matrix table'), '--format', 'md'],
  'loaders-verisign': () => ['zonemd', 'loaders', '--zones', 'test/data/zonemd/verisign-test-cases', ...suitesArgs('the loaders tables'), '--format', 'md'],
  'loaders-variants': () => ['zonemd', 'loaders', ...suitesArgs('the loaders tables'), '--format', 'md'],
};

// The resolver lab's table needs the resolvers started by its tests; each test
// writes one probe report per resolver (the trixie root's as trixie-KIND.json
// when that root is built), which `probe --combine` renders, each resolver's
// releases side by side.
const PROBE_LAB = ['unbound', 'bind', 'knot-resolver-stub', 'knot-resolver-forward', 'powerdns-recursor', 'dnsmasq'];
BLOCKS.probe = () => {
  const out = mkdtempSync(join(tmpdir(), 'dnsorder-probe-lab-'));
  const withTrixie = suitesArgs('the probe table').length > 0;
  const tests = ['test/integration/probe-lab.test.ts', ...(withTrixie ? ['test/integration/probe-lab-roots.test.ts'] : [])];
  execFileSync('npx', ['vitest', 'run', ...tests], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DNSORDER_PROBE_LAB_OUT: out } });
  const reports = PROBE_LAB.flatMap((r) => [join(out, `${r}.json`), ...(withTrixie ? [join(out, `trixie-${r}.json`)] : [])]);
  return ['probe', '--combine', ...reports, '--format', 'md'];
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BLOCKS);
let readme = readFileSync('README.md', 'utf8');
for (const name of wanted) {
  const block = BLOCKS[name];
  const args = typeof block === 'function' ? block() : block;
  if (!args) throw new Error(`unknown block ${name}; known: ${Object.keys(BLOCKS).join(', ')}`);
  const begin = `<!-- BEGIN ${name} -->`;
  const end = `<!-- END ${name} -->`;
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    process.stderr.write(`README.md has no ${begin} … ${end} block; skipped\n`);
    continue;
  }
  process.stderr.write(`generating ${name}: dnsorder ${args.join(' ')}\n`);
  const output = execFileSync('node', ['bin/dnsorder.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  readme = `${readme.slice(0, from + begin.length)}\n${output.trim()}\n${readme.slice(to)}`;
}
writeFileSync('README.md', readme);
