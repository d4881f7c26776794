// The pure core does no I/O and reads no clock: DNS octets, RDATA, answer
// order, the scenario catalogue, the modelled parsers and zone text are
// functions of their arguments, so a test (or a library user) gets the same
// answer every time, and reading files or sockets, running programs and
// asking the time stay in the layers above (src/zone-sources/ reads zone
// files; the CLI passes the validation time to verifyZonemd).
//
// The folders are read with TypeScript's own parser: an import of node:fs,
// node:net, node:dgram or node:child_process (or their unprefixed names), and
// a call of Date.now(), performance.now() or `new Date()` without an
// argument, fail. A folder not there yet (src/rdata) is skipped.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

export const PURE_FOLDERS = ['wire', 'rdata', 'order', 'scenarios', 'models', 'zone'] as const;

/** Modules that do I/O: files, sockets, processes. */
const IO_MODULES = new Set(['fs', 'fs/promises', 'net', 'dgram', 'child_process']);

/**
 * Files allowed what the rule forbids, each with the reason. Empty: nothing in
 * the core needs I/O or the clock today. An entry is `src/…` path → reason.
 */
export const ALLOWED: ReadonlyMap<string, string> = new Map();

/** What in `source` breaks the rule: an I/O import or a clock read, each as `line: what`. */
export function impurities(source: string, fileName = 'file.ts'): string[] {
  const found: string[] = [];
  for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
    const name = imported.fileName.replace(/^node:/, '');
    if (IO_MODULES.has(name)) found.push(`imports ${imported.fileName}`);
  }
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const at = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const call = node.expression.getText(file);
      if (call === 'Date.now' || call === 'performance.now') found.push(`line ${at(node)}: ${call}()`);
    }
    if (ts.isNewExpression(node) && node.expression.getText(file) === 'Date' && (node.arguments === undefined || node.arguments.length === 0)) {
      found.push(`line ${at(node)}: new Date() (the current time)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function coreFiles(): string[] {
  return PURE_FOLDERS.map((folder) => join(SRC, folder)).filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|mts|cts)$/.test(e.name))
      .map((e) => join(e.parentPath, e.name)));
}

describe('the pure core does no I/O and reads no clock', () => {
  it('the checker finds I/O imports and clock reads, and only those', () => {
    const source = [
      "import { readFileSync } from 'node:fs';",
      "import { createSocket } from 'dgram';",
      "import type { Socket } from 'node:net';",
      "const child = await import('node:child_process');",
      "import { join } from 'node:path';",
      "// Date.now() in a comment does not count",
      "const quoted = 'performance.now()';",
      'const now = Date.now();',
      'const then = new Date(0);',
      'const today = new Date();',
      'const t = performance.now();',
    ].join('\n');
    expect(impurities(source)).toEqual([
      'imports node:fs', 'imports dgram', 'imports node:net', 'imports node:child_process',
      'line 8: Date.now()', 'line 10: new Date() (the current time)', 'line 11: performance.now()',
    ]);
  });

  it(`no file in src/{${PURE_FOLDERS.join(',')}} imports node:fs/net/dgram/child_process or reads the clock`, () => {
    const files = coreFiles();
    expect(files.length).toBeGreaterThan(50); // the folders were found
    const wrong = files.filter((f) => !ALLOWED.has(relative(ROOT, f)))
      .flatMap((f) => impurities(readFileSync(f, 'utf8'), f).map((what) => `${relative(ROOT, f)}: ${what}`));
    expect(wrong).toEqual([]);
  });

  it('every allowed exception still exists and still needs its exception', () => {
    for (const [file] of ALLOWED) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      expect(impurities(readFileSync(join(ROOT, file), 'utf8'), file), file).not.toEqual([]);
    }
  });
});
