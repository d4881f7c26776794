// What the user sees of an error: `message [CODE]`, whatever threw it.

import { describe, expect, it } from 'vitest';
import { describeError, errorLines, LISTED_ZONE_ERRORS } from '../../../src/cli/error-lines.js';
import { DnsorderError } from '../../../src/errors.js';
import { ZONE_ERROR_CODES, ZoneFileError, ZoneSyntaxError } from '../../../src/zone/errors.js';
import { readZoneText } from '../../../src/zone/parser.js';

const problems = (n: number) => Array.from({ length: n }, (_, i) =>
  new ZoneSyntaxError(ZONE_ERROR_CODES.syntax, `problem ${i + 1}`, { file: 'z.zone', line: i + 1, column: 1 }));

describe('errorLines', () => {
  it('gives a dnsorder error as its message and code', () => {
    expect(errorLines(new DnsorderError('ERR_X', 'went wrong'))).toEqual(['went wrong [ERR_X]']);
  });

  it('words a system error and gives it ERR_IO, without Node\'s text', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, scandir '/nope'"), { code: 'ENOENT', syscall: 'scandir', path: '/nope' });
    expect(errorLines(err)).toEqual(['cannot list /nope: no such file [ERR_IO]']);
    const busy = Object.assign(new Error('bind EADDRINUSE 127.0.0.1:8053'), { code: 'EADDRINUSE', syscall: 'bind', address: '127.0.0.1', port: 8053 });
    expect(errorLines(busy)).toEqual(['cannot listen on 127.0.0.1:8053: the address is in use [ERR_IO]']);
  });

  it('speaks of flags where the library speaks of its options, and leaves other words alone', () => {
    let thrown: unknown;
    try { readZoneText('www 300 IN A 192.0.2.1\n'); } catch (err) { thrown = err; }
    // The library names its own option (no CLI words in the pure core) ...
    expect((thrown as Error).message).toContain('give $ORIGIN or options.origin');
    // ... and the command line prints the flag that sets it.
    expect(errorLines(thrown)).toEqual(['<text>:1:1: relative name "www" but no origin is known (give $ORIGIN or --origin) [ERR_ZONE_NO_ORIGIN]']);
    expect(describeError(new DnsorderError('ERR_X', 'raise options.maxInputSize; options.include; options.constructor')))
      .toBe('raise --max-input-size; --allow-include; options.constructor [ERR_X]');
  });

  it('marks anything else as an internal error, still one line with a code', () => {
    expect(errorLines(new TypeError('x is not a function'))).toEqual(['internal error: x is not a function [ERR_INTERNAL]']);
  });

  it('lists every problem of a zone file up to the limit, then how many more', () => {
    expect(errorLines(new ZoneFileError(problems(2)))).toEqual(['z.zone:1:1: problem 1 [ERR_ZONE_SYNTAX]', 'z.zone:2:1: problem 2 [ERR_ZONE_SYNTAX]']);
    const many = errorLines(new ZoneFileError(problems(LISTED_ZONE_ERRORS + 2)));
    expect(many).toHaveLength(LISTED_ZONE_ERRORS + 1);
    expect(many.at(-2)).toBe(`z.zone:${LISTED_ZONE_ERRORS}:1: problem ${LISTED_ZONE_ERRORS} [ERR_ZONE_SYNTAX]`);
    expect(many.at(-1)).toBe('… and 2 more errors [ERR_ZONE_TOO_MANY_ERRORS]');
    expect(errorLines(new ZoneFileError(problems(LISTED_ZONE_ERRORS + 1), { stoppedEarly: true })).at(-1))
      .toBe(`… and 1 more error (reading stopped after ${LISTED_ZONE_ERRORS + 1} errors) [ERR_ZONE_TOO_MANY_ERRORS]`);
    expect(errorLines(new ZoneFileError(problems(3), { stoppedEarly: true })).at(-1)).toBe('reading stopped after 3 errors [ERR_ZONE_TOO_MANY_ERRORS]');
  });
});

describe('errors that are not ours', () => {
  it('are escaped and cut too: a path with an escape sequence, a library message of a megabyte', () => {
    const system = Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open', path: '/tmp/\u001b[2Jevil' });
    expect(describeError(system)).toBe('cannot open /tmp/\\027[2Jevil: no such file [ERR_IO]');
    const huge = describeError(new Error('z'.repeat(1_000_000)));
    expect(huge.length).toBeLessThan(2100);
    expect(huge).toMatch(/^internal error: z+… \(\d+ more characters\)$/);
  });
});
