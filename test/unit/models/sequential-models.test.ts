// The sequential "one expected name" walkers: glibc getaddrinfo and
// gethostbyname2, c-ares < 1.26, and BSD/Android getanswer. Each expectation is
// derived from the walk: the expected name starts at the QNAME, every CNAME
// (whoever owns it) moves it to its target, and an address counts only when
// its owner is the expected name at that moment.
import { describe, expect, test } from 'vitest';
import { models } from '../../../src/models/index.js';
import { scenarioCase, terminalName } from './scenario-response.js';

const resolve = (id: string, scenario: string) => {
  const c = scenarioCase(scenario);
  return { c, result: models.resolve(id, c.question, c.bytes) };
};

const SEQUENTIAL = [
  { id: 'model-glibc', notFound: 'EAI_NONAME', malformed: 'EAI_NONAME' },
  { id: 'model-glibc-gethostbyname', notFound: 'NO_RECOVERY', malformed: 'NO_RECOVERY' },
  { id: 'model-cares-legacy', notFound: 'ARES_ENODATA', malformed: 'ARES_EBADRESP' },
  { id: 'model-bsd', notFound: 'EAI_FAIL', malformed: null },
] as const;

describe.each(SEQUENTIAL)('$id', ({ id, notFound, malformed }) => {
  test.each(['canonical', 'unrelated-first', 'owner-case-upper', 'owner-case-mixed', 'duplicate-cname', 'long-17', 'long-33',
    'zonemd-before-chain', 'zonemd-between', 'private-type-between', 'https-first', 'rrsig-before-each', 'dname-canonical',
    'canonical-aaaa', 'canonical-uncompressed'])('%s: CNAMEs before the addresses: both addresses, canonical = chain end', (scenario) => {
    const { c, result } = resolve(id, scenario);
    expect(result.error).toBeNull();
    expect(result.addresses).toEqual([c.t1, c.t2]);
    expect(result.canonical?.toLowerCase()).toBe(terminalName(c));
  });

  test.each([
    ['cname-last', 'the addresses come while the expected name is still the QNAME'],
    ['chain-reversed', 'the CNAMEs move the expected name edge → cdn, so edge\'s addresses no longer match'],
    ['terminal-interleaved', 'the addresses come while the expected name is cdn'],
    ['owner-case-mixed-last', 'order, not case, loses it'],
    ['dname-last', 'the DNAME is skipped and the CNAME comes after the addresses'],
    ['cname-loop', 'no address record at all'],
    ['unrelated-instead', 'the only address belongs to a name off the chain'],
    ['cname-last-aaaa', 'as cname-last, for AAAA'],
  ])('%s: no address (%s)', (scenario) => {
    const { result } = resolve(id, scenario);
    expect(result.addresses).toEqual([]);
    expect(result.error?.code).toBe(notFound);
  });

  test('terminal-split: the address before the last CNAME is skipped, the one after it kept', () => {
    const { c, result } = resolve(id, 'terminal-split');
    expect(result.addresses).toEqual([c.t2]);
  });

  test('rdlength-mismatch: the A record with 5 octets of RDATA is skipped, the other kept', () => {
    const { c, result } = resolve(id, 'rdlength-mismatch');
    expect(result.addresses).toEqual([c.t2]);
  });

  test('count-mismatch: ANCOUNT one too high', () => {
    const { c, result } = resolve(id, 'count-mismatch');
    if (malformed === null) {
      // BSD's loop stops at the end of the message (`cp < eom`) and keeps what it found.
      expect(result.addresses).toEqual([c.t1, c.t2]);
    } else {
      // glibc's ns_rr_cursor and c-ares 1.18 fail the whole answer when a record is missing.
      expect(result.addresses).toEqual([]);
      expect(result.error?.code).toBe(malformed);
    }
  });
});

test('model-glibc: the unrelated address first is skipped (its owner is not the QNAME) and the chain is followed', () => {
  const { c, result } = resolve('model-glibc', 'unrelated-first');
  expect(result.addresses).toEqual([c.t1, c.t2]);
  expect(result.canonical).toBe(terminalName(c));
});

test.each(['model-glibc', 'model-glibc-gethostbyname'])('%s: h_name is the last CNAME target in the whole answer, even one after the addresses', (id) => {
  // perm-4-51 is c2 c0 c3 T c1: the expected name reaches hop4 in time for T, and c1 (hop1 → hop2) comes last.
  const { c, result } = resolve(id, 'perm-4-51');
  expect(result.addresses).toEqual([c.t1, c.t2]);
  expect(result.canonical).toBe(c.names[2]);
});

test('model-cares-legacy: canonical is the target of the last CNAME in the answer', () => {
  const { c, result } = resolve('model-cares-legacy', 'duplicate-chain');
  expect(result.addresses).toEqual([c.t1, c.t2]);
  expect(result.canonical).toBe(terminalName(c));
});
