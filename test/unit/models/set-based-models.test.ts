// The set-based walkers: dnspython resolve_chaining (and, in systemd-model.test.ts,
// systemd-resolved, whose model goes on to glibc behind its stub). They look
// the current name up in the whole answer, so order never matters; dnspython's
// 16th CNAME is too many, and it refuses malformed messages outright.
import { describe, expect, test } from 'vitest';
import { models } from '../../../src/models/index.js';
import { scenarioCase, terminalName } from './scenario-response.js';

const resolve = (id: string, scenario: string) => {
  const c = scenarioCase(scenario);
  return { c, result: models.resolve(id, c.question, c.bytes) };
};

const SET_BASED = [
  { id: 'model-dnspython', suffix: '.', malformed: 'NoNameservers', tooLong: 'NoNameservers', lastOk: 'long-8', firstTooLong: 'long-16' },
] as const;

describe.each(SET_BASED)('$id', ({ id, suffix, malformed, tooLong, lastOk, firstTooLong }) => {
  test.each(['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'cname-last-reversed', 'terminal-split',
    'terminal-split-first', 'owner-case-mixed-last', 'unrelated-first', 'unrelated-between', 'duplicate-chain', 'rrsig-cname-last',
    'dname-canonical', 'dname-last', 'zonemd-between', 'cname-last-aaaa'])('%s: both addresses, canonical = chain end', (scenario) => {
    const { c, result } = resolve(id, scenario);
    expect(result.error).toBeNull();
    expect(result.addresses).toEqual([c.t1, c.t2]);
    expect(result.canonical?.toLowerCase()).toBe(`${terminalName(c)}${suffix}`);
  });

  test('duplicate-terminal: the repeated record is merged into its RRset', () => {
    const { c, result } = resolve(id, 'duplicate-terminal');
    expect(result.addresses).toEqual([c.t1, c.t2]);
  });

  test.each(['unrelated-instead', 'terminal-only', 'dangling-cname'])('%s: no address (nothing of the type at the chain end)', (scenario) => {
    expect(resolve(id, scenario).result.addresses).toEqual([]);
  });

  test(`hop limit: ${lastOk} resolves, ${firstTooLong} is too long, a loop hits the limit`, () => {
    expect(resolve(id, lastOk).result.addresses).toHaveLength(2);
    expect(resolve(id, firstTooLong).result.error?.code).toBe(tooLong);
    expect(resolve(id, 'cname-loop').result.error?.code).toBe(tooLong);
  });

  test.each(['rdlength-mismatch', 'count-mismatch'])('%s: the strict parser refuses the whole message', (scenario) => {
    const { result } = resolve(id, scenario);
    expect(result.addresses).toEqual([]);
    expect(result.error?.code).toBe(malformed);
  });
});

test('model-dnspython: a dangling chain is NoAnswer (the resolver\'s "no data"), not a server failure', () => {
  expect(resolve('model-dnspython', 'dangling-cname').result.error?.code).toBe('NoAnswer');
});
