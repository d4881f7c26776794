// The package as npm users get it: `npm pack`, then installed into fresh
// projects outside the repository (no access to its node_modules or sources;
// vitest's aliases map `dnsorder` to src/ for every other test, which hides
// exactly what this one checks). The projects install offline from the npm
// cache, with the versions package-lock.json pins.
//
//   <tmp>/dnsorder-<version>.tgz
//   <tmp>/app/       "type": "module", with vitest, fast-check, typescript, @types/node:
//                    the README's test file under the installed vitest, ESM imports,
//                    tsc (node16, bundler), the installed CLI
//   <tmp>/app/cjs/   "type": "commonjs" (its own package.json, sharing app's
//                    node_modules as a nested package would): require(), tsc node16
//   <tmp>/bare/      the same without fast-check: dnsorder/testing loads, its
//                    arbitraries say what to install, its declarations still compile

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, missingFromNpmCache, repoPackage, repoRoot, run, writeProject, type ProjectSpec, type RunResult } from './fresh-project.js';
import { requirement } from '../helpers/peers.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

const app: ProjectSpec = { devDependencies: ['vitest', 'fast-check', 'typescript', '@types/node'] };
const bare: ProjectSpec = { devDependencies: ['vitest', 'typescript', '@types/node'] };

function skipReason(): string | undefined {
  const missing = missingFromNpmCache([app, bare]);
  if (missing.length === 0) return undefined;
  const list = missing.length > 8 ? `${missing.slice(0, 8).join(', ')} and ${missing.length - 8} more` : missing.join(', ');
  return requirement(`the npm cache lacks ${list}, which the fresh projects install offline (run npm ci in the repository)`);
}
const skip = skipReason();

/**
 * The README's test file: the ```ts blocks of "Three ways to use it" in order.
 * The first is a complete file; later ones continue it (their imports are
 * module-level declarations, legal anywhere at the top level).
 */
function readmeTestFile(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Three ways to use it'));
  expect(section, 'README has a "Three ways to use it" section').toBeDefined();
  const blocks = [...section!.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  expect(blocks.length, '```ts blocks in "Three ways to use it"').toBeGreaterThanOrEqual(1);
  return blocks.join('\n');
}

function tsconfig(options: Record<string, unknown>, files: string[]): string {
  return `${JSON.stringify({
    compilerOptions: { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', ...options },
    files,
  }, null, 2)}\n`;
}

function listFiles(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(repoRoot.length + 1));
}

function json(result: RunResult, label: string): unknown {
  expect(result.code, describeRun(label, result)).toBe(0);
  const line = result.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(line);
}

describe.skipIf(skip)('the npm package, installed into fresh projects', { timeout: 180_000 }, () => {
  let work: string;
  let appDir: string;
  let cjsDir: string;
  let bareDir: string;
  let packed: string[];
  const readme = readmeTestFile();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dnsorder-package-'));
    appDir = join(work, 'app');
    cjsDir = join(appDir, 'cjs');
    bareDir = join(work, 'bare');

    // --ignore-scripts: prepack would rebuild dist/ while other test files run bin/dnsorder.js.
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repoRoot);
    expect(pack.code, describeRun('npm pack', pack)).toBe(0);
    const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = info!.files.map((f) => f.path).sort();
    const tarball = join(work, info!.filename);

    writeProject(appDir, tarball, app, 'module');
    writeProject(bareDir, tarball, bare, 'module');
    const installs = await Promise.all([appDir, bareDir].map((dir) => run('npm', ['install', '--offline', '--no-audit', '--no-fund'], dir)));
    for (const [i, result] of installs.entries()) {
      const label = `npm install --offline in ${i === 0 ? 'app' : 'bare'}`;
      if (result.code !== 0 && /ENOTCACHED/.test(result.stderr)) {
        throw new Error(`${label}: a package is missing from the npm cache (run npm ci in the repository)\n${describeRun(label, result)}`);
      }
      expect(result.code, describeRun(label, result)).toBe(0);
    }

    writeFileSync(join(appDir, 'readme.test.ts'), readme);
    writeFileSync(join(appDir, 'consumer.ts'), fixture('consumer.ts.txt'));
    writeFileSync(join(appDir, 'use.mjs'), fixture('use.mjs'));
    writeFileSync(join(appDir, 'matchers.ts'), fixture('matchers.ts.txt'));
    // consumer.ts first: it loads dnsorder/testing before any file imports vitest.
    const esmFiles = ['consumer.ts', 'readme.test.ts', 'matchers.ts'];
    writeFileSync(join(appDir, 'tsconfig.node16.json'), tsconfig({ module: 'node16', moduleResolution: 'node16' }, esmFiles));
    writeFileSync(join(appDir, 'tsconfig.bundler.json'), tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, esmFiles));
    await mkdir(cjsDir);
    writeFileSync(join(cjsDir, 'package.json'), `${JSON.stringify({ name: 'fresh-cjs', private: true, type: 'commonjs' }, null, 2)}\n`);
    writeFileSync(join(cjsDir, 'consumer.ts'), fixture('consumer.ts.txt'));
    writeFileSync(join(cjsDir, 'use.cjs'), fixture('use.cjs'));
    writeFileSync(join(cjsDir, 'tsconfig.json'), tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['consumer.ts']));
    writeFileSync(join(bareDir, 'consumer.ts'), fixture('without-fast-check.ts.txt'));
    writeFileSync(join(bareDir, 'no-fast-check.mjs'), fixture('no-fast-check.mjs'));
    writeFileSync(join(bareDir, 'tsconfig.json'), tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['consumer.ts']));
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('npm pack ships dist (JS and declarations), bin, the probe programs, the root-entering script, examples, the lab script, README and LICENSE; no TypeScript sources or maintainer scripts', () => {
    const expected = [
      'package.json', 'README.md', 'LICENSE', 'bin/dnsorder.js', 'scripts/install-lab.sh', 'src/roots/enter-root.sh',
      ...listFiles('dist'), ...listFiles('src/clients/programs'), ...listFiles('examples'),
    ].sort();
    expect(packed).toEqual(expected);

    const dist = packed.filter((p) => p.startsWith('dist/'));
    expect(dist.filter((p) => !/\.(js|d\.ts)$/.test(p))).toEqual(['dist/cjs-types/package.json']);
    // Every module has its declarations, and the CommonJS copies mirror them.
    const js = dist.filter((p) => p.endsWith('.js'));
    expect(js.filter((p) => !dist.includes(p.replace(/\.js$/, '.d.ts')))).toEqual([]);
    const esmTypes = dist.filter((p) => p.endsWith('.d.ts') && !p.startsWith('dist/cjs-types/'));
    expect(dist.filter((p) => p.startsWith('dist/cjs-types/') && p.endsWith('.d.ts')))
      .toEqual(esmTypes.map((p) => p.replace(/^dist\//, 'dist/cjs-types/')).sort());
    for (const entry of ['index', 'testing/index', 'zone-sources/index', 'cli/main']) expect(dist).toContain(`dist/${entry}.js`);
    // No sources, tests, sourcemaps or maintainer scripts.
    expect(packed.filter((p) => /^(src\/(?!clients\/programs\/|roots\/enter-root\.sh$)|test\/|bench\/|fixtures\/|scripts\/(?!install-lab\.sh$))/.test(p))).toEqual([]);
    expect(packed.filter((p) => /\.ts$/.test(p) && !p.endsWith('.d.ts') && !p.startsWith('examples/'))).toEqual([]);
    expect(packed.filter((p) => /\.map$|tsconfig|vitest\.config|package-lock/.test(p))).toEqual([]);
    // Whatever package.json points at is in the tarball.
    for (const target of [repoPackage.bin.dnsorder!, 'dist/index.d.ts', 'dist/cjs-types/index.d.ts', 'dist/cjs-types/testing/index.d.ts', 'dist/cjs-types/zone-sources/index.d.ts']) {
      expect(packed).toContain(target.replace(/^\.\//, ''));
    }
  });

  it('the installed tree is the locked one: dnsorder\'s dependencies in range, fast-check only where asked for', async () => {
    for (const dir of [appDir, bareDir]) {
      const ls = await run('npm', ['ls', '--all', '--offline'], dir);
      expect(ls.code, describeRun(`npm ls --all in ${dir}`, ls)).toBe(0);
    }
    expect(existsSync(join(appDir, 'node_modules/fast-check/package.json'))).toBe(true);
    // An optional peer: npm must not install it on its own.
    expect(existsSync(join(bareDir, 'node_modules/fast-check'))).toBe(false);
    expect(existsSync(join(appDir, 'node_modules/dnsorder/src/index.ts'))).toBe(false);
  });

  it('every file the installed code locates with new URL(…, import.meta.url) is in the package', () => {
    const installed = join(appDir, 'node_modules', repoPackage.name);
    const located: string[] = [];
    for (const file of readdirSync(join(installed, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(join(installed, 'dist', file), 'utf8');
      for (const [, target] of source.matchAll(/new URL\((?:'|")(\.{1,2}\/[^'"]*)(?:'|"),\s*import\.meta\.url\)/g)) {
        located.push(relative(installed, resolve(dirname(join(installed, 'dist', file)), target!)));
      }
    }
    // The lab script, the probe programs, the root-entering script, the namespace server entry, package.json (VERSION).
    expect(located.length).toBeGreaterThanOrEqual(4);
    expect(located.filter((path) => !existsSync(join(installed, path)))).toEqual([]);
  });

  it('the README\'s test file passes as written, under the installed vitest', async () => {
    const result = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json'], appDir);
    expect(result.code, describeRun('vitest run (README test file)', result)).toBe(0);
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
    const its = readme.match(/^\s*it\(/gm)?.length ?? 0;
    expect(its).toBeGreaterThan(0);
    expect(report).toMatchObject({ numTotalTests: its, numPassedTests: its, numFailedTests: 0 });
  });

  it('an ES module imports the three entry points and ./package.json; deep imports stay closed', async () => {
    expect(json(await run(process.execPath, ['use.mjs'], appDir), 'node use.mjs')).toEqual({
      version: repoPackage.version,
      main: 'function',
      testing: 'function',
      sharedErrors: true,
      deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it('a CommonJS project require()s dnsorder, dnsorder/testing and dnsorder/zone and uses each', async () => {
    expect(json(await run(process.execPath, ['use.cjs'], cjsDir), 'node use.cjs')).toEqual({
      version: repoPackage.version,
      canonical: true,
      cnameLast: ['chain-start', 'terminal-after-chain'],
      zone: [['www.example.', 1, 300]],
      zoneError: true,
      testing: ['function', 'function'],
      arbitraries: true,
      deepImport: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it('tsc --noEmit, strict with skipLibCheck off: node16 ESM, node16 CommonJS, bundler, and node16 without fast-check', async () => {
    // Each project's own typescript (bare installs one too, at the same locked version).
    const tsc = (project: string): string => join(project, 'node_modules/typescript/bin/tsc');
    const checks: Array<[label: string, cwd: string, config: string, compiler: string]> = [
      ['node16, "type": "module"', appDir, 'tsconfig.node16.json', tsc(appDir)],
      ['node16, "type": "commonjs"', cjsDir, 'tsconfig.json', tsc(appDir)],
      ['module esnext, moduleResolution bundler', appDir, 'tsconfig.bundler.json', tsc(appDir)],
      ['node16, no fast-check installed', bareDir, 'tsconfig.json', tsc(bareDir)],
    ];
    const results = await Promise.all(checks.map(([, cwd, config, compiler]) => run(process.execPath, [compiler, '-p', config], cwd)));
    const failures = results.map((r, i) => (r.code === 0 ? undefined : describeRun(`tsc (${checks[i]![0]})`, r))).filter(Boolean);
    expect(failures.join('\n\n')).toBe('');
  });

  it('the installed CLI: npx dnsorder scenarios, check and fixtures', async () => {
    const scenarios = await run('npx', ['dnsorder', 'scenarios'], appDir);
    expect(scenarios.code, describeRun('npx dnsorder scenarios', scenarios)).toBe(0);
    expect(scenarios.stdout).toMatch(/^cname-last\s/m);
    expect(scenarios.stdout).toMatch(/^canonical\s/m);

    const fixtures = await run('npx', ['dnsorder', 'fixtures', '--out', 'vectors', '--scenarios', 'cname-last'], appDir);
    expect(fixtures.code, describeRun('npx dnsorder fixtures', fixtures)).toBe(0);
    const written = (await readdir(join(appDir, 'vectors'), { recursive: true })).map(String);
    expect(written).toEqual(expect.arrayContaining(['manifest.json', 'hex/cname-last.response.hex', 'json/cname-last.json']));
    expect(written.filter((f) => /^(hex|bin|json)\//.test(f) && !/\/cname-last\./.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(appDir, 'vectors/manifest.json'), 'utf8')) as { scenarios: Array<{ id: string }> };
    expect(manifest.scenarios.map((s) => s.id)).toEqual(['cname-last']);

    // cname-last breaks the order rules: exit 1 with its findings.
    const violations = await run('npx', ['dnsorder', 'check', 'vectors/hex/cname-last.response.hex'], appDir);
    expect(violations.code, describeRun('npx dnsorder check cname-last', violations)).toBe(1);
    expect(violations.stdout).toContain('chain-start');
    // The canonical layout (as the CommonJS project encodes it with the library): exit 0.
    const encode = await run(process.execPath, ['-e', `
      const d = require('dnsorder');
      const s = d.getScenario('canonical'); const q = d.scenarioQueryName(s, 'order.test');
      const a = d.answerQuestion(q, s.queryType, 'order.test');
      process.stdout.write(d.encodeScenarioResponse(a, d.scenarioResponseMessage(a, { name: q, type: s.queryType })).toString('hex'));
    `], cjsDir);
    expect(encode.code, describeRun('encode canonical', encode)).toBe(0);
    writeFileSync(join(appDir, 'canonical.hex'), `${encode.stdout}\n`);
    const clean = await run('npx', ['dnsorder', 'check', 'canonical.hex'], appDir);
    expect(clean.code, describeRun('npx dnsorder check canonical', clean)).toBe(0);
    // Unreadable input: exit 2.
    const missing = await run('npx', ['dnsorder', 'check', 'no-such-file.hex'], appDir);
    expect(missing.code, describeRun('npx dnsorder check no-such-file', missing)).toBe(2);
  });

  it('without fast-check, dnsorder/testing loads and each arbitrary says what to install', async () => {
    const result = json(await run(process.execPath, ['no-fast-check.mjs'], bareDir), 'node no-fast-check.mjs') as {
      fastCheck: string; loaded: string; outcome: Record<string, { code: string; message: string; dnsorderError: boolean }>;
    };
    expect(result.fastCheck).toBe('MODULE_NOT_FOUND');
    expect(result.loaded).toBe('function');
    expect(Object.keys(result.outcome)).toHaveLength(4);
    for (const [name, outcome] of Object.entries(result.outcome)) {
      expect(outcome, name).toMatchObject({ code: 'ERR_MISSING_FAST_CHECK', dnsorderError: true });
      expect(outcome.message, name).toContain('npm i -D fast-check');
    }
  });
});
