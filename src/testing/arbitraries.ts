// fast-check arbitraries that produce answer sections and wire responses
// together with the result they should give, for property tests in resolver
// suites: "for every layout of every chain, my parser returns the expected
// addresses".

import { createRequire } from 'node:module';
import type * as fc from 'fast-check';
import { DnsorderError, isDnsorderError } from '../errors.js';
import { expectedFromRecords, type ExpectedResult } from '../order/index.js';
import { applyMutation, MUTATIONS } from '../wire/mutate.js';
import { decodeMessage } from '../wire/decode.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage, type DnsRecord, type Question } from '../wire/message.js';

export interface ArbitraryChain {
  question: Question;
  /** qname, then each CNAME target. */
  names: string[];
  /** The chain as RRsets in canonical order: each CNAME, then the terminal RRset (possibly empty). */
  rrsets: DnsRecord[][];
  expected: ExpectedResult;
}

export interface ChainOptions {
  minHops?: number;
  maxHops?: number;
  maxTerminalRecords?: number;
  qtype?: 'A' | 'AAAA';
  /** Random letter case in owner names (names still compare equal). */
  mixedCase?: boolean;
}

// fast-check is an optional peer: loaded on the first arbitrary asked for, so
// the matchers and the scenario server work in a suite that does not have it.
// Its arbitraries are recognised by shape (isArbitrary), so ours mix with those
// of the suite's own `import fc from 'fast-check'`.
let fastCheckModule: typeof fc | undefined;

function fastCheck(): typeof fc {
  if (fastCheckModule !== undefined) return fastCheckModule;
  try {
    fastCheckModule = createRequire(import.meta.url)('fast-check') as typeof fc;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new DnsorderError('ERR_MISSING_FAST_CHECK',
      "dnsorder/testing's arbitraries need fast-check: install it beside dnsorder (npm i -D fast-check)", { cause: error });
  }
  return fastCheckModule;
}

const label = () => fastCheck().stringMatching(/^[a-z][a-z0-9]{0,9}$/);

function randomCase(name: string, mask: number): string {
  return [...name].map((ch, i) => ((mask >> (i % 30)) & 1 ? ch.toUpperCase() : ch)).join('');
}

export function arbitraryChain(options: ChainOptions = {}): fc.Arbitrary<ArbitraryChain> {
  const fc = fastCheck();
  const { minHops = 0, maxHops = 6, maxTerminalRecords = 4, mixedCase = true } = options;
  return fc.record({
    hops: fc.integer({ min: minHops, max: maxHops }),
    labels: fc.uniqueArray(label(), { minLength: maxHops + 1, maxLength: maxHops + 1 }),
    terminal: fc.integer({ min: 0, max: maxTerminalRecords }),
    qtype: options.qtype ? fc.constant(options.qtype) : fc.constantFrom<'A' | 'AAAA'>('A', 'AAAA'),
    caseMask: mixedCase ? fc.nat() : fc.constant(0),
  }).map(({ hops, labels, terminal, qtype, caseMask }) => {
    const names = labels.slice(0, hops + 1).map((l) => `${l}.example`);
    const rrsets: DnsRecord[][] = [];
    for (let i = 0; i < hops; i++) {
      rrsets.push([{ name: i === 0 ? names[0]! : randomCase(names[i]!, caseMask), type: 'CNAME', ttl: 300, data: names[i + 1]! }]);
    }
    rrsets.push(Array.from({ length: terminal }, (_, j) => ({
      name: randomCase(names[hops]!, caseMask), type: qtype, ttl: 300,
      data: qtype === 'A' ? `192.0.2.${j + 1}` : `2001:db8::${(j + 1).toString(16)}`,
    })));
    const question = { name: names[0]!, type: qtype };
    return { question, names, rrsets, expected: expectedFromRecords(rrsets.flat(), question.name, qtype) };
  });
}

export interface ArbitraryLayout {
  chain: ArbitraryChain;
  /** order[i] = index of the canonical RRset placed at position i. */
  order: number[];
  answers: DnsRecord[];
  /** True only for the canonical order (an RRset order the drafts allow). */
  conformant: boolean;
  expected: ExpectedResult;
}

/** A chain with its RRsets in a random order (the canonical one included). */
export function arbitraryAnswerLayout(options: ChainOptions = {}): fc.Arbitrary<ArbitraryLayout> {
  const fc = fastCheck();
  return arbitraryChain(options).chain((chain) => {
    const sets = chain.rrsets.map((s, i) => [s, i] as const).filter(([s]) => s.length > 0).map(([, i]) => i);
    return fc.shuffledSubarray(sets, { minLength: sets.length, maxLength: sets.length }).map((order) => ({
      chain, order,
      answers: order.flatMap((i) => chain.rrsets[i]!),
      conformant: order.every((v, i) => i === 0 || v > order[i - 1]!),
      expected: chain.expected,
    }));
  });
}

export interface ArbitraryResponse extends ArbitraryLayout {
  bytes: Buffer;
  question: Question;
  compressed: boolean;
}

/** A complete response message (wire bytes) for a random layout, compressed or not. */
export function arbitraryResponse(options: ChainOptions = {}): fc.Arbitrary<ArbitraryResponse> {
  const fc = fastCheck();
  return fc.tuple(arbitraryAnswerLayout(options), fc.boolean(), fc.integer({ min: 0, max: 0xffff })).map(([layout, compressed, id]) => {
    const question = layout.chain.question;
    const bytes = encodeMessage(emptyMessage({ id, qr: true, rd: true, ra: true, questions: [question], answers: layout.answers }), { compress: compressed });
    return { ...layout, bytes, question, compressed };
  });
}

export interface ArbitraryMalformedResponse {
  base: ArbitraryResponse;
  mutation: string;
  bytes: Buffer;
  /** The error code a strict decoder reports, or null when the mutated bytes still decode. */
  expectedError: string | null;
}

/** A valid response broken by one of the named wire mutations (src/wire/mutate.ts). */
export function arbitraryMalformedResponse(options: ChainOptions = {}): fc.Arbitrary<ArbitraryMalformedResponse> {
  const fc = fastCheck();
  return fc.tuple(arbitraryResponse({ minHops: 1, ...options }), fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat())
    .map(([base, mutation, pick]) => {
      const records = base.answers.length;
      const bytes = applyMutation(mutation, base.bytes, { record: records > 0 ? pick % records : 0 });
      let expectedError: string | null = null;
      try {
        decodeMessage(bytes);
      } catch (err) {
        if (!isDnsorderError(err)) throw err;
        expectedError = err.code;
      }
      return { base, mutation, bytes, expectedError };
    });
}
