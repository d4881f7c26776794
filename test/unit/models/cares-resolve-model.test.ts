// model-cares-resolve and model-cares read a reply with the same c-ares 1.34
// parser; what differs is what each API hands its caller. Node's resolve4/6
// (node-cares) return addresses only, where ares_getaddrinfo (cares-system)
// reports a canonical name: the outcomes below are the ones measured with the
// real clients (node-cares, host 1.34.6 and trixie 1.34.5; cares-system@trixie 1.34.9).
import { describe, expect, test } from 'vitest';
import { models } from '../../../src/models/index.js';
import { modelRun } from '../../../src/matrix/model-clients.js';
import { classify } from '../../../src/matrix/outcome.js';
import { answerQuestion } from '../../../src/scenarios/index.js';
import { scenarioCase, ZONE } from './scenario-response.js';

const run = (id: string, scenario: string) => {
  const c = scenarioCase(scenario);
  const result = models.resolve(id, c.question, c.bytes);
  const expected = answerQuestion(c.question.name, c.question.type, ZONE)!.expected;
  return { c, result, outcome: classify(expected, modelRun(result)).outcome };
};

describe('a reversed chain: wrong-canonical only for the API that reports a canonical name', () => {
  test.each(['chain-reversed', 'cname-last-reversed', 'chain-reversed-aaaa'])('%s', (scenario) => {
    const resolve = run('model-cares-resolve', scenario);
    expect(resolve.result).toEqual({ addresses: [resolve.c.t1, resolve.c.t2], canonical: null, error: null });
    expect(resolve.outcome).toBe('ok');
    const getaddrinfo = run('model-cares', scenario);
    expect(getaddrinfo.result.canonical).toBe(getaddrinfo.c.names[1]);
    expect(getaddrinfo.outcome).toBe('wrong-canonical');
  });

  test('no canonical name on any answer, a straight chain included', () => {
    expect(run('model-cares-resolve', 'canonical').result.canonical).toBeNull();
    expect(run('model-cares', 'canonical').result.canonical).toBe(scenarioCase('canonical').names[2]);
  });
});

describe("ares_parse_a_reply's own rules", () => {
  test.each(['cname-loop', 'dangling-cname'])('%s: CNAMEs and no address is a success with no address (cname_only_is_enodata false)', (scenario) => {
    expect(run('model-cares-resolve', scenario).result).toEqual({ addresses: [], canonical: null, error: null });
    expect(run('model-cares', scenario).result.error?.code).toBe('ARES_ENODATA');
  });

  test('only addresses of the asked family (ares_addrinfo2hostent)', () => {
    const c = scenarioCase('canonical-aaaa');
    const asA = { name: c.question.name, type: 'A' as const };
    expect(models.resolve('model-cares-resolve', asA, c.bytes)).toEqual({ addresses: [], canonical: null, error: null });
    expect(models.resolve('model-cares', asA, c.bytes).addresses).toEqual([c.t1, c.t2]);
  });

  test("errors carry Node's names and message: the c-ares status without ARES_", () => {
    const { c, result } = run('model-cares-resolve', 'count-mismatch');
    expect(result.error).toEqual({ code: 'EBADRESP', text: `queryA EBADRESP ${c.question.name}` });
    const aaaa = scenarioCase('canonical-aaaa');
    const empty = Buffer.from(aaaa.bytes.subarray(0, 12 + aaaa.bytes.subarray(12).indexOf(0) + 5));
    empty.writeUInt16BE(0, 6); // ANCOUNT 0: NOERROR without data
    empty.writeUInt16BE(0, 8);
    empty.writeUInt16BE(0, 10);
    expect(models.resolve('model-cares-resolve', aaaa.question, empty).error).toEqual({ code: 'ENODATA', text: `queryAaaa ENODATA ${aaaa.question.name}` });
  });
});
