// The repository is self-contained: nothing under src/, test/, bench/,
// scripts/ or examples/ names a path outside it, so a fresh clone with nothing
// beside it (a user's, CI's) runs everything. Paths are found as text: string
// literals with `..` segments are resolved from their file's folder (and, as
// `join(…, '..', …)` segments, counted from it), and absolute paths into the
// places a developer's machine keeps other material are refused outright.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCANNED = ['src', 'test', 'bench', 'scripts', 'examples'];
/** Committed third-party test data (zone text, not code), and this file, whose samples name outside paths on purpose. */
const SKIPPED = [join('test', 'data') + sep, relative(ROOT, import.meta.filename)];
const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|sh|c|h|go|py|java|json)$/;

/** The absolute workspace path development machines keep checkouts and shared material under. */
const FOREIGN_ABSOLUTE = /(^|['"`\s(=])\/work\//;
/** The sibling folder of shared material some machines keep next to the checkout. */
const SIBLING = 'sha' + 'red'; // spelt apart so this file does not itself name the folder
const SIBLING_SHARED = new RegExp(`\\.\\./(\\.\\./)*${SIBLING}\\b|['"]\\.\\.['"]\\s*,\\s*['"]${SIBLING}['"]`);

export interface OutsidePath {
  line: number;
  text: string;
}

/** Every place in `source` (a file at `file`, inside `root`) that names a path outside `root`. */
export function pathsOutside(source: string, file: string, root: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  const inside = (path: string) => {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
  };
  source.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (FOREIGN_ABSOLUTE.test(text) || SIBLING_SHARED.test(text)) {
      found.push({ line, text: text.trim() });
      return;
    }
    // '../x/y' literals, resolved from the file's folder.
    for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s$]*)['"`]/g)) {
      if (!inside(resolve(dirname(file), m[1]!))) found.push({ line, text: text.trim() });
    }
    // join(here, '..', '..', …): as many '..' segments as climb out from the file's folder.
    const ups = [...text.matchAll(/['"]\.\.['"]/g)].length;
    if (ups > 0 && !inside(resolve(dirname(file), ...Array<string>(ups).fill('..')))) found.push({ line, text: text.trim() });
  });
  return found;
}

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && TEXT_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !SKIPPED.some((skip) => relative(ROOT, path).startsWith(skip)));
}

describe('the repository is self-contained', () => {
  it('the scanner finds each way of naming an outside path, and passes paths inside', () => {
    const file = join(ROOT, 'test', 'helpers', 'x.ts');
    const flagged = (code: string) => pathsOutside(code, file, ROOT).length > 0;
    expect(flagged(`const d = join(repoRoot, '..', '${SIBLING}', 'data');`)).toBe(true);
    expect(flagged(`readFileSync('../../../${SIBLING}/data/zone')`)).toBe(true);
    expect(flagged("readFileSync('../../../elsewhere/x.zone')")).toBe(true);
    expect(flagged("const p = resolve(here, '..', '..', '..');")).toBe(true);
    expect(flagged(`const p = '/work/${SIBLING}/data/a.zone';`)).toBe(true);
    expect(flagged("import x from '../../src/index.js';")).toBe(false);
    expect(flagged("const root = resolve(here, '..', '..');")).toBe(false);
    expect(flagged("const data = join(ROOT, 'test', 'data');")).toBe(false);
  });

  it.each(SCANNED)('no file under %s/ names a path outside the repository', (folder) => {
    const offenders = filesUnder(folder).flatMap((file) =>
      pathsOutside(readFileSync(file, 'utf8'), file, ROOT).map((p) => `${relative(ROOT, file)}:${p.line}: ${p.text}`));
    expect(offenders).toEqual([]);
  });
});
