#!/usr/bin/env node
// Regenerates the measured tables in README.md from the tool itself, so the
// README never shows a hand-edited result. Each block sits between
// <!-- BEGIN name --> and <!-- END name --> markers; run after `npm run build`
// as root with the lab installed (scripts/install-lab.sh):
//   node scripts/update-readme.mjs [name ...]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const BLOCKS = {
  matrix: ['matrix', '--format', 'md'],
  'loaders-verisign': ['zonemd', 'loaders', '--zones', '../shared/data/zonemd/verisign-test-cases', '--format', 'md'],
  'loaders-variants': ['zonemd', 'loaders', '--format', 'md'],
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BLOCKS);
let readme = readFileSync('README.md', 'utf8');
for (const name of wanted) {
  const args = BLOCKS[name];
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
