#!/usr/bin/env node
// Builds dist/ from nothing: a stale file from an older layout must never reach
// the npm package. Then writes dist/cjs-types/, the same declarations in a
// folder marked "type": "commonjs". The runtime is ESM only (CommonJS projects
// load it through Node's require(esm), 20.19+), but TypeScript under
// `moduleResolution: node16` refuses ESM declarations in a CommonJS file;
// package.json's "require" condition points it at these copies instead.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue;
  mkdirSync(dirname(join(cjsTypes, file)), { recursive: true });
  copyFileSync(join(dist, file), join(cjsTypes, file));
}
writeFileSync(join(cjsTypes, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');
