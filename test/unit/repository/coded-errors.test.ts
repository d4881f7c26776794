// Every error src/ throws carries a code from src/error-codes.ts: no bare
// `throw new Error(` (a user would get "internal error … [ERR_INTERNAL]" and
// no way to look it up), except the few listed here with the reason.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const BARE = /\bthrow\s+(new\s+)?Error\(/;

/** file → how many bare throws it may keep, and why. */
const ALLOWED: Readonly<Record<string, { count: number; why: string }>> = {
  'src/clients/programs/chromium-probe.mjs': {
    count: 1,
    why: 'a standalone program run by node inside the network namespace: it imports nothing of dnsorder, and its failure reaches the matrix as the worker\'s stderr',
  },
  'src/testing/probe.ts': {
    count: 1,
    why: 'expectProbeToPass is a vitest assertion: its message is the multi-line list of failing tests, which DnsorderError would fold into one line and cut at 2000 characters',
  },
};

export function bareThrows(source: string): number[] {
  return source.split('\n').flatMap((text, index) => (BARE.test(text) && !/^\s*(\/\/|\*)/.test(text) ? [index + 1] : []));
}

describe('errors carry a code', () => {
  it('the scanner finds bare throws and passes coded ones', () => {
    expect(bareThrows("throw new Error('x');\n  throw Error(`y`);\nthrow new UsageError('ERR_USAGE', 'z');\n// throw new Error('in a comment')")).toEqual([1, 2]);
  });

  it('no file under src/ throws a bare Error, but those listed with their reason', () => {
    const found = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && SOURCE_FILE.test(e.name))
      .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
      .sort()
      .map((file) => ({ file, lines: bareThrows(readFileSync(join(ROOT, file), 'utf8')) }))
      .filter(({ lines }) => lines.length > 0);
    const offenders = found
      .filter(({ file, lines }) => lines.length > (ALLOWED[file]?.count ?? 0))
      .map(({ file, lines }) => `${file}:${lines.join(',')}`);
    expect(offenders, 'throw a DnsorderError subclass with a code from src/error-codes.ts').toEqual([]);
    // An allowance that is no longer needed goes too, so the list cannot go stale.
    const stale = Object.entries(ALLOWED)
      .filter(([file, { count }]) => (found.find((f) => f.file === file)?.lines.length ?? 0) < count)
      .map(([file]) => file);
    expect(stale, 'remove these from ALLOWED').toEqual([]);
  });
});
