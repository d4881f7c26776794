#!/usr/bin/env node
// Builds dist/ from nothing: a stale file from an older layout must never reach
// the npm package. Then writes dist/cjs-types/, the same declarations in a
// folder marked "type": "commonjs". The runtime is ESM only (CommonJS projects
// load it through Node's require(esm), 20.19+), but TypeScript under
// `moduleResolution: node16` refuses ESM declarations in a CommonJS file;
// package.json's "require" condition points it at these copies instead.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cjsTypes = join(dist, 'cjs-types');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// fast-check is an optional peer: dnsorder/testing loads it on the first
// arbitrary asked for, so a project without it can use the rest. The
// arbitraries' declarations still import its types, and `tsc` with
// skipLibCheck: false fails in such a project ("Cannot find module
// 'fast-check'"). Marked the way vitest marks its optional jsdom types, the
// import reads as `any` there and as fast-check's own types wherever it is
// installed. (tsc's declaration emit drops a `// @ts-ignore` written in the
// source, so the mark is added here.)
const OPTIONAL_PEER_TYPES = /^import type \* as \w+ from 'fast-check';$/gm;
const OPTIONAL_PEER_MARK = '// @ts-ignore optional peer dependency: without fast-check these types are any';
const declarations = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.d.ts'));
for (const file of declarations) {
  const text = readFileSync(join(dist, file), 'utf8');
  if (!text.includes('fast-check')) continue;
  const marked = text.replace(OPTIONAL_PEER_TYPES, `${OPTIONAL_PEER_MARK}\n$&`);
  // Any other reference (an inline import("fast-check") in an inferred type, say) would still fail.
  const lines = marked.split('\n');
  const unmarked = lines.filter((line, i) => /(from|import\()\s*['"]fast-check['"]/.test(line) && lines[i - 1] !== OPTIONAL_PEER_MARK);
  if (unmarked.length > 0) {
    console.error(`dist/${file}: fast-check is an optional peer; write its types as \`import type * as fc from 'fast-check'\`:\n${unmarked.join('\n')}`);
    process.exit(1);
  }
  writeFileSync(join(dist, file), marked);
}

for (const file of declarations) {
  mkdirSync(dirname(join(cjsTypes, file)), { recursive: true });
  copyFileSync(join(dist, file), join(cjsTypes, file));
}
writeFileSync(join(cjsTypes, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');
