import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDnsorderError } from '../../src/errors.js';
import { analyzeBytes } from '../../src/order/index.js';
import { listScenarios, scenarioQueryName } from '../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../src/server/scenario-query.js';
import { applyMutation, decodeMessage, MUTATIONS } from '../../src/wire/index.js';

// Valid responses of every scenario: the seeds the mutations start from.
const seeds = listScenarios().filter((s) => !s.options.mutation).slice(0, 80).map((s) => {
  const qname = scenarioQueryName(s, 'order.test');
  return answerScenarioQuery({ name: qname, type: s.queryType }, { transport: 'tcp' });
});

/** Decoding and analysis must end in a typed result: findings, or a DnsorderError. Anything else is a bug. */
function mustBeTotal(bytes: Uint8Array): void {
  try {
    decodeMessage(bytes);
  } catch (err) {
    if (!isDnsorderError(err)) throw err;
  }
  try {
    decodeMessage(bytes, { allowForwardPointers: true });
  } catch (err) {
    if (!isDnsorderError(err)) throw err;
  }
  const analysis = analyzeBytes(bytes);
  expect(Array.isArray(analysis.findings)).toBe(true);
}

const RUNS = Number(process.env.DNSORDER_FUZZ_RUNS ?? 4000);

describe('decoder and analyzer robustness', () => {
  it(`random bytes (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), mustBeTotal), { numRuns: RUNS });
  });

  it(`random bytes behind a valid header and question (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.constantFrom(...seeds), fc.uint8Array({ maxLength: 300 }), (seed, tail) => {
      mustBeTotal(Buffer.concat([seed.subarray(0, 40), tail]));
    }), { numRuns: RUNS });
  });

  it(`bit flips, splices and cuts of valid responses (${RUNS} cases)`, () => {
    fc.assert(fc.property(
      fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }), fc.nat(),
      (seed, edits, cut) => {
        const bytes = Buffer.from(seed);
        for (const [pos, value] of edits) bytes[pos % bytes.length] = value;
        mustBeTotal(bytes);
        mustBeTotal(bytes.subarray(0, cut % (bytes.length + 1)));
      },
    ), { numRuns: RUNS });
  });

  it('every named mutation of every seed gives a typed error or findings', () => {
    let cases = 0;
    for (const seed of seeds) {
      for (const name of Object.keys(MUTATIONS)) {
        for (const record of [0, 1, 3]) {
          let mutated: Buffer;
          try {
            mutated = applyMutation(name, seed, { record });
          } catch (err) {
            expect(isDnsorderError(err)).toBe(true);
            continue;
          }
          mustBeTotal(mutated);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it('reports each mutation with its own error code', () => {
    const seed = seeds[0]!;
    const code = (bytes: Buffer) => {
      try {
        decodeMessage(bytes);
        return 'decoded';
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect(code(applyMutation('pointer-loop', seed))).toBe('ERR_NAME_FORWARD_POINTER');
    expect(() => decodeMessage(applyMutation('pointer-loop', seed), { allowForwardPointers: true })).toThrowError(expect.objectContaining({ code: 'ERR_NAME_POINTER_LOOP' }));
    expect(code(applyMutation('forward-pointer', seed))).toBe('ERR_NAME_FORWARD_POINTER');
    expect(code(applyMutation('label-too-long', seed))).toBe('ERR_NAME_BAD_LABEL');
    expect(code(applyMutation('answer-count-plus-one', seed))).toMatch(/ERR_TRUNCATED|ERR_NAME_TRUNCATED/);
    expect(code(applyMutation('truncate-rdata', seed, { record: 2 }))).toBe('ERR_RDATA_OVERRUN');
    expect(code(applyMutation('cut-short', seed, { keep: 11 }))).toBe('ERR_SHORT_HEADER');
    expect(code(applyMutation('extend-rdata', seed, { record: 2 }))).toBe('ERR_RDATA_LENGTH');
    expect(code(applyMutation('overstate-rdlength', seed, { record: 3 }))).toMatch(/^ERR_/);
  });
});
