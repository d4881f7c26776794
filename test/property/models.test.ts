// Invariants of the stub-parser models that have too many cases to list:
//  - the set-based models (dnspython, systemd-resolved) give the same addresses
//    for every order of the same records, and that set is RFC 1034 §5.2.2's;
//  - every model is total: any octets in, a result value out (addresses, or the
//    library's error with a code), never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELS, models } from '../../src/models/index.js';
import type { ResolverResult } from '../../src/models/index.js';
import { expectedFromRecords } from '../../src/order/chain.js';
import { namedScenarios, scenarioQueryName } from '../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../src/server/scenario-query.js';
import { encodeMessage } from '../../src/wire/encode.js';
import { emptyMessage, type DnsRecord } from '../../src/wire/message.js';

const TIME_LIMIT_MS = 20_000;

/** A chain of `hops` CNAMEs to `terminal` address records, plus optional noise, in the given order. */
const chainAnswer = fc.record({
  hops: fc.integer({ min: 0, max: 7 }),
  terminals: fc.integer({ min: 0, max: 4 }),
  unrelated: fc.boolean(),
  duplicateCname: fc.boolean(),
  upperCaseOwners: fc.boolean(),
  compress: fc.boolean(),
  qtype: fc.constantFrom('A' as const, 'AAAA' as const),
}).chain((shape) => {
  const qname = 'www.perm.order.test';
  const names = [qname, ...Array.from({ length: shape.hops }, (_, i) => `hop${i + 1}.perm.order.test`)];
  const owner = (name: string, i: number) => (shape.upperCaseOwners && i > 0 ? name.toUpperCase() : name);
  const address = (i: number) => (shape.qtype === 'A' ? `192.0.2.${i + 1}` : `2001:db8::${i + 1}`);
  const records: DnsRecord[] = [
    ...names.slice(0, -1).map((n, i) => ({ name: owner(n, i), type: 'CNAME', class: 'IN', ttl: 60, data: names[i + 1]! })),
    ...Array.from({ length: shape.terminals }, (_, i) => ({ name: owner(names.at(-1)!, names.length - 1), type: shape.qtype, class: 'IN', ttl: 60, data: address(i) })),
  ];
  if (shape.unrelated) records.push({ name: 'unrelated.order.test', type: shape.qtype, class: 'IN', ttl: 60, data: shape.qtype === 'A' ? '198.51.100.66' : '2001:db8:bad::66' });
  if (shape.duplicateCname && shape.hops > 0) records.push({ ...records[0]! });
  return fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }).map((order) => ({ shape, qname, canonicalOrder: records, order }));
});

function encode(qname: string, qtype: 'A' | 'AAAA', answers: DnsRecord[], compress: boolean): Buffer {
  return encodeMessage(emptyMessage({ qr: true, rd: true, ra: true, questions: [{ name: qname, type: qtype, class: 'IN' }], answers }), { compress });
}

describe('set-based models are order-independent', () => {
  it.each(['model-dnspython', 'model-systemd'])('%s returns the RFC 1034 address set for every permutation', (id) => {
    fc.assert(fc.property(chainAnswer, ({ shape, qname, canonicalOrder, order }) => {
      const question = { name: qname, type: shape.qtype };
      const shuffled = models.resolve(id, question, encode(qname, shape.qtype, order, shape.compress));
      const inOrder = models.resolve(id, question, encode(qname, shape.qtype, canonicalOrder, shape.compress));
      expect(new Set(shuffled.addresses)).toEqual(new Set(inOrder.addresses));
      expect(new Set(shuffled.addresses)).toEqual(new Set(expectedFromRecords(order, qname, shape.qtype).addresses));
      expect(shuffled.error?.code ?? null).toBe(inOrder.error?.code ?? null);
    }), { numRuns: 300, interruptAfterTimeLimit: TIME_LIMIT_MS });
  });
});

// Valid answers of every named scenario (A and AAAA) are the seeds the mutations start from.
const seeds = namedScenarios().filter((s) => !s.options.mutation).map((s) => {
  const qname = scenarioQueryName(s, 'order.test');
  // The whole answer, as dnsorder serve sends it over TCP.
  return { question: { name: qname, type: s.queryType }, bytes: answerScenarioQuery({ name: qname, type: s.queryType }, { transport: 'tcp' }) };
});

/** Byte-level damage: overwrite octets, cut the message, or splice in random octets. */
const mutated = fc.record({
  seed: fc.constantFrom(...seeds),
  writes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
  splice: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 16 })), { nil: undefined }),
  tc: fc.boolean(),
}).map(({ seed, writes, cut, splice, tc }) => {
  let bytes = Buffer.from(seed.bytes);
  for (const [at, value] of writes) bytes[at % bytes.length] = value;
  if (splice) {
    const at = splice[0] % bytes.length;
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(splice[1]), bytes.subarray(at)]);
  }
  if (cut !== undefined) bytes = bytes.subarray(0, cut % (bytes.length + 1));
  if (tc && bytes.length > 3) bytes[2]! |= 0x02;
  return { question: seed.question, bytes, tcp: Buffer.from(seed.bytes) };
});

function expectResultValue(result: ResolverResult): void {
  expect(Array.isArray(result.addresses)).toBe(true);
  for (const a of result.addresses) expect(typeof a).toBe('string');
  expect(result.canonical === null || typeof result.canonical === 'string').toBe(true);
  if (result.error !== null) {
    expect(typeof result.error.code).toBe('string');
    expect(result.error.code.length).toBeGreaterThan(0);
    expect(typeof result.error.text).toBe('string');
  }
}

describe('every model is total', () => {
  it.each(MODELS.map((m) => m.id))('%s on mutated scenario answers', (id) => {
    fc.assert(fc.property(mutated, ({ question, bytes, tcp }) => {
      expectResultValue(models.resolve(id, question, bytes, { tcp }));
      expectResultValue(models.resolve(id, question, bytes));
    }), { numRuns: 400, interruptAfterTimeLimit: TIME_LIMIT_MS });
  });

  it.each(MODELS.map((m) => m.id))('%s on random octets', (id) => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), fc.constantFrom('A' as const, 'AAAA' as const), (bytes, tcp, type) => {
      expectResultValue(models.resolve(id, { name: 'random.order.test', type }, bytes, { tcp }));
    }), { numRuns: 400, interruptAfterTimeLimit: TIME_LIMIT_MS });
  });
});
