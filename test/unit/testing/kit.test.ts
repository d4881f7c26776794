import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeBytes, expectedFromRecords } from '../../../src/order/index.js';
import { arbitraryAnswerLayout, arbitraryMalformedResponse, arbitraryResponse, dnsorderMatchers } from '../../../src/testing/index.js';
import { decodeMessage } from '../../../src/wire/index.js';

describe('dnsorder/testing arbitraries', () => {
  it('layouts are conformant exactly when the analyzer says so, and carry the set-based expected result', () => {
    fc.assert(fc.property(arbitraryAnswerLayout(), (layout) => {
      const q = layout.chain.question;
      expect(expectedFromRecords(layout.answers, q.name, q.type)).toEqual(layout.expected);
    }), { numRuns: 300 });
    fc.assert(fc.property(arbitraryResponse(), (r) => {
      const analysis = analyzeBytes(r.bytes);
      // Without a terminal RRset the layout is a (warned) dangling chain; ordering alone decides conformance.
      expect(analysis.conformant, JSON.stringify(r.order)).toBe(r.conformant);
    }), { numRuns: 300 });
  });

  it('malformed responses carry the strict decoder\'s error code', () => {
    let broken = 0;
    fc.assert(fc.property(arbitraryMalformedResponse(), (m) => {
      if (m.expectedError === null) {
        expect(() => decodeMessage(m.bytes)).not.toThrow();
      } else {
        broken++;
        expect(() => decodeMessage(m.bytes)).toThrowError(expect.objectContaining({ code: m.expectedError }));
      }
    }), { numRuns: 300 });
    expect(broken).toBeGreaterThan(100);
  });
});

describe('dnsorder/testing matchers', () => {
  it('toHaveOrderedAnswerSection fails with the analyzer\'s findings in the message', () => {
    const [bad] = fc.sample(arbitraryResponse({ minHops: 2 }).filter((r) => !r.conformant), { numRuns: 1, seed: 3 });
    const result = dnsorderMatchers.toHaveOrderedAnswerSection(bad!.bytes);
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(/violation (chain-start|chain-order|terminal-after-chain)/);
    expect(result.message()).toMatch(/draft-jabley/);
  });

  it('toResolveTo compares address sets and names the client', () => {
    const [r] = fc.sample(arbitraryResponse({ minHops: 1 }).filter((x) => x.expected.addresses.length > 0), { numRuns: 1, seed: 5 });
    expect(dnsorderMatchers.toResolveTo(r!.bytes, r!.expected.addresses).pass).toBe(true);
    const wrong = dnsorderMatchers.toResolveTo(r!.bytes, ['198.51.100.1']);
    expect(wrong.pass).toBe(false);
    expect(wrong.message()).toContain('expected rfc1034 to resolve');
    expect(() => dnsorderMatchers.toResolveTo(r!.bytes, [], { client: 'model-nonexistent' })).toThrowError(/no in-process client "model-nonexistent"/);
  });

  it('toResolveTo gives a model the same octets whether it is handed bytes or a decoded message, malformed bytes included', () => {
    const [r] = fc.sample(arbitraryResponse({ minHops: 1 }).filter((x) => x.conformant && x.expected.addresses.length > 0), { numRuns: 1, seed: 7 });
    expect(dnsorderMatchers.toResolveTo(decodeMessage(r!.bytes), r!.expected.addresses, { client: 'model-glibc' }).pass).toBe(true);
    // ANCOUNT one too high: a strict decoder throws, a model answers as its library would (here: no address).
    const broken = Buffer.from(r!.bytes);
    broken.writeUInt16BE(broken.readUInt16BE(6) + 1, 6);
    const result = dnsorderMatchers.toResolveTo(broken, r!.expected.addresses, { client: 'model-glibc' });
    expect(typeof result.pass).toBe('boolean');
    expect(result.message()).toContain(`resolve ${r!.question.name} ${r!.question.type}`);
  });

  it('toResolveTo runs a stub-parser model: glibc loses a reordered chain that dnspython reads', () => {
    const [r] = fc.sample(arbitraryResponse({ minHops: 2, maxTerminalRecords: 3 })
      .filter((x) => x.expected.addresses.length > 0 && x.order[0] === x.order.length - 1), { numRuns: 1, seed: 11 });
    expect(dnsorderMatchers.toResolveTo(r!.bytes, r!.expected.addresses, { client: 'model-dnspython' }).pass).toBe(true);
    const glibc = dnsorderMatchers.toResolveTo(r!.bytes, r!.expected.addresses, { client: 'model-glibc' });
    expect(glibc.pass).toBe(false);
    expect(glibc.message()).toMatch(/expected model-glibc to resolve .* got \[\] \(EAI_NONAME/);
  });
});
