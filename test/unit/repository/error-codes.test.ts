// src/error-codes.ts is the one table of error codes: every code src/ uses is
// in it, every code in it is used, and the class it names is the one that
// throws it. Codes are found as text, as a reader of an error line would
// grep for them: quoted literals ('ERR_X', "ERR_X", `ERR_X`) and the
// `[ERR_X]` the CLI writes itself at the end of a line.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorCodeInfo, type ErrorClassName } from '../../../src/error-codes.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const TABLE = join('src', 'error-codes.ts');
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

const CODE_USE = /['"`](ERR_[A-Z0-9_]+)['"`]|\[(ERR_[A-Z0-9_]+)\]/g;
/** `new SomeError('ERR_X'`: the class that throws the code. */
const THROWN = /\bnew (\w+)\(\s*'(ERR_[A-Z0-9_]+)'/g;
/** `super('ERR_X'` inside a class with a fixed code: that class. */
const SUPER = /\bsuper\(\s*'(ERR_[A-Z0-9_]+)'/g;

export interface CodeUse {
  code: string;
  where: string;
}

/** Every code `source` (the text of `file`) names, with file:line. */
export function codeUses(source: string, file: string): CodeUse[] {
  const uses: CodeUse[] = [];
  source.split('\n').forEach((text, index) => {
    for (const m of text.matchAll(CODE_USE)) uses.push({ code: (m[1] ?? m[2])!, where: `${file}:${index + 1}` });
  });
  return uses;
}

/** Every `new X('ERR_…'` and `class X … super('ERR_…'` in `source`: the class that throws each code. */
export function throwers(source: string): Array<{ code: string; className: string }> {
  const found = [...source.matchAll(THROWN)].map((m) => ({ code: m[2]!, className: m[1]! }));
  for (const m of source.matchAll(SUPER)) {
    const before = source.slice(0, m.index);
    const owner = [...before.matchAll(/\bclass (\w+)/g)].at(-1);
    if (owner) found.push({ code: m[1]!, className: owner[1]! });
  }
  return found;
}

function sourceFiles(): string[] {
  return readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE_FILE.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((file) => file !== TABLE)
    .sort();
}

const files = sourceFiles().map((file) => ({ file, source: readFileSync(join(ROOT, file), 'utf8') }));
const uses = files.flatMap(({ file, source }) => codeUses(source, file));
const classesOf = (code: string): readonly ErrorClassName[] => {
  const c = errorCodeInfo(code)?.class;
  return c === undefined || c === null ? [] : typeof c === 'string' ? [c] : c;
};

describe('the error-code table', () => {
  it('the scanner finds quoted codes and [CODE] line ends, and who throws them', () => {
    const src = [
      "throw new UsageError('ERR_A', 'x');",
      'io.stderr.write(`dnsorder: nothing ran [ERR_B]\\n`);',
      '// ERR_C in prose is not a use',
      'class FooError extends CodedError {',
      '  constructor(message: string, options: { cause?: unknown } = {}) {',
      "    super('ERR_D', message, options);",
    ].join('\n');
    expect(codeUses(src, 'f.ts').map((u) => u.code)).toEqual(['ERR_A', 'ERR_B', 'ERR_D']);
    expect(throwers(src)).toEqual([{ code: 'ERR_A', className: 'UsageError' }, { code: 'ERR_D', className: 'FooError' }]);
  });

  it('lists every code src/ uses', () => {
    const missing = uses.filter((u) => errorCodeInfo(u.code) === undefined).map((u) => `${u.where}: ${u.code}`);
    expect(missing, 'add these to src/error-codes.ts (class and one line of meaning)').toEqual([]);
  });

  it('lists no code src/ does not use', () => {
    const used = new Set(uses.map((u) => u.code));
    expect(Object.keys(ERROR_CODES).filter((code) => !used.has(code)), 'remove these from src/error-codes.ts').toEqual([]);
  });

  it('names the class that throws each code', () => {
    const wrong = files.flatMap(({ file, source }) => throwers(source)
      .filter(({ code, className }) => errorCodeInfo(code) !== undefined && !classesOf(code).includes(className as ErrorClassName))
      .map(({ code, className }) => `${file}: ${code} thrown by ${className}, the table says ${JSON.stringify(errorCodeInfo(code)!.class)}`));
    expect(wrong).toEqual([]);
  });

  it('knows every code the README names (ERR_FSTRM_* names a family)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const codes = Object.keys(ERROR_CODES);
    const unknown = [...new Set([...readme.matchAll(/\b(ERR_[A-Z0-9_]+)(\*?)/g)].map((m) => m[1]! + m[2]!))]
      .filter((name) => (name.endsWith('*') ? !codes.some((c) => c.startsWith(name.slice(0, -1))) : !codes.includes(name)));
    expect(unknown).toEqual([]);
  });

  it('gives each code one line of meaning', () => {
    const bad = Object.entries(ERROR_CODES)
      .filter(([, e]) => e.meaning.trim() === '' || e.meaning.includes('\n') || e.meaning.length > 200)
      .map(([code]) => code);
    expect(bad).toEqual([]);
  });
});
