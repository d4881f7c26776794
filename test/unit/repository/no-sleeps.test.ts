// Tests wait for events, not for lengths of time: a fixed sleep is either too
// short on a busy machine (a flaky failure) or longer than needed everywhere
// else, and it hides which event the test depends on. This scans test/ for
// sleeps — a promise resolved by a timer, a sleep()/delay() helper, the
// promise timers of node:timers/promises — and fails on any not listed here
// with its reason. A timer that rejects or kills (a safety net turning a hang
// into a failure) is not a sleep and is not flagged. test/helpers/wait.ts has
// the helpers to wait for an event instead.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const THIS_FILE = 'test/unit/repository/no-sleeps.test.ts';
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** A name a promise's resolve function goes by in this code base's tests. */
const RESOLVER = String.raw`(?:r|res|resolve|resolved|done|ok|wake|next|settle)`;
const SLEEPS: ReadonlyArray<[string, RegExp]> = [
  // setTimeout(resolve, 100) and setTimeout(() => resolve(), 100) / setTimeout(() => done(false), ms)
  ['a timer that resolves a promise', new RegExp(String.raw`\bsetTimeout\(\s*(?:\(\s*\)\s*=>\s*)?${RESOLVER}\b\s*(?:\([^()]*\))?\s*,`)],
  ['a sleep()/delay() helper', /(?<![.\w'"`-])(?:sleep|delay)\s*\(/],
  ['node:timers/promises', /['"](?:node:)?timers\/promises['"]/],
];

/** file → how many sleeps it may keep, and why. */
const ALLOWED: Readonly<Record<string, { count: number; why: string }>> = {
  'test/helpers/wait.ts': {
    count: 1,
    why: 'until(): the one polling loop, for conditions no event announces (another process\'s exit, a port a daemon has bound); its pause is a polling interval, not a wait for something to have happened',
  },
};

export function sleeps(source: string): Array<{ line: number; kind: string }> {
  return source.split('\n').flatMap((text, index) => {
    if (/^\s*(\/\/|\*)/.test(text)) return [];
    return SLEEPS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => ({ line: index + 1, kind }));
  });
}

describe('no fixed sleeps in test/', () => {
  it('the scanner finds sleeps and passes safety nets and polling of an event', () => {
    const source = [
      'await new Promise((r) => setTimeout(r, 1000));',
      'await new Promise((resolve) => setTimeout(() => resolve(), 20));',
      'const timer = setTimeout(() => resolve(false), ms);',
      "import { setTimeout as wait } from 'node:timers/promises';",
      'await sleep(50);',
      'const timer = setTimeout(() => reject(new Error(`no ready line`)), 10_000);',
      "const killer = setTimeout(() => child.kill('SIGKILL'), 3000);",
      '// await new Promise((r) => setTimeout(r, 10)); in a comment',
      "const PROGRAM = 'if [ \"$q\" = hang ]; then sleep 61.5; fi';",
      'await new Promise((r) => setImmediate(r));',
    ].join('\n');
    expect(sleeps(source).map((s) => s.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('no file under test/ sleeps, but those listed with their reason', () => {
    const found = readdirSync(join(ROOT, 'test'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && SOURCE_FILE.test(e.name))
      .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
      // This file holds the patterns as its own test data.
      .filter((file) => file !== THIS_FILE && !file.startsWith('test/data/'))
      .sort()
      .map((file) => ({ file, found: sleeps(readFileSync(join(ROOT, file), 'utf8')) }))
      .filter(({ found }) => found.length > 0);
    const offenders = found
      .filter(({ file, found }) => found.length > (ALLOWED[file]?.count ?? 0))
      .map(({ file, found }) => `${file}:${found.map((s) => `${s.line} (${s.kind})`).join(', ')}`);
    expect(offenders, 'wait for the event the sleep stands in for (test/helpers/wait.ts), or list the file in ALLOWED with the reason').toEqual([]);
    // An allowance that is no longer needed goes too, so the list cannot go stale.
    const stale = Object.entries(ALLOWED)
      .filter(([file, { count }]) => (found.find((f) => f.file === file)?.found.length ?? 0) < count)
      .map(([file]) => file);
    expect(stale, 'remove these from ALLOWED').toEqual([]);
  });
});
