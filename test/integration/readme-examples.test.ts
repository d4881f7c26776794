// The README's "three ways to use it" examples, run as written: the library
// snippet must be lines of the example suite CI runs, and the fixtures and
// matrix commands must work from a checkout.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRoot, missingPeers, requirement } from '../helpers/peers.js';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Three ways to use it'), readme.indexOf('## Commands'));
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
const work = mkdtempSync(join(tmpdir(), 'dnsorder-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A README command line, with `npx dnsorder` pointing into this checkout (the packaging test runs the installed one). */
function run(line: string): string {
  return execFileSync('sh', ['-c', line.replace(/npx dnsorder/g, `node ${join(root, 'bin/dnsorder.js')}`)], { cwd: work, encoding: 'utf8' });
}

describe('README examples', () => {
  it('every library snippet is code from examples/resolver-suite.test.ts', () => {
    const example = readFileSync(join(root, 'examples/resolver-suite.test.ts'), 'utf8');
    const snippets = blocks('ts');
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    for (const snippet of snippets) {
      const lines = snippet.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(example, line).toContain(line);
    }
  });

  it.skipIf(missingPeers('cc'))('the fixtures commands write vectors and the C example walks them', () => {
    const [fixtures, compile] = blocks('sh').find((b) => b.includes(' fixtures '))!.trim().split('\n');
    run(fixtures!);
    const output = run(compile!);
    expect(output).toMatch(/^cname-last: .*\/1 .*\/5/m); // the A records before the CNAMEs, as served
    expect(output.split('\n').filter((l) => l.startsWith('perm-3-'))).toHaveLength(24);
  });

  it.skipIf(missingPeers('go', 'cc') ?? requirement(isRoot ? undefined : 'glibc-getaddrinfo needs a network namespace (root)'))('the matrix command runs and shows glibc losing cname-last', () => {
    const line = blocks('sh').flatMap((b) => b.split('\n')).find((l) => l.includes(' matrix --clients '))!;
    const output = run(line);
    expect(output).toMatch(/cname-last \*\s+∅\s+✓/); // glibc: no address; Go: ok
  });
});
