import { describe, expect, it } from 'vitest';
import { typeName } from '../../../src/rdata/registry.js';
import { declaredTypes, readZoneText } from '../../../src/zone/index.js';
import { SAMPLES } from '../rdata/samples.js';
import { expectRoundTrip } from './roundtrip-helper.js';

describe('text → wire → text → wire for every declared type', () => {
  it('has samples for every declared type', () => {
    const missing = declaredTypes().map((d) => d.mnemonic).filter((m) => !(m in SAMPLES));
    expect(missing).toEqual([]);
  });
  for (const [type, samples] of Object.entries(SAMPLES)) {
    for (const rdata of samples) {
      it(`${type} ${rdata.slice(0, 50)}`, () => {
        const record = expectRoundTrip(`x 300 IN ${type} ${rdata}`);
        expect(typeName(record.type)).toBe(type);
      });
    }
  }
  it('undeclared types round-trip through the generic form', () => {
    expectRoundTrip('x 300 IN TYPE65281 \\# 6 abcd ef 01 23 45');
    expectRoundTrip('x 300 CLASS32 NULL \\# 0');
    expectRoundTrip('x 300 IN SVCB \\# 3 000100');
  });
});

describe('wire values of tricky fields', () => {
  it('decodes TXT escapes to the right octets', () => {
    const r = expectRoundTrip('x 1 IN TXT "a\\"b" \\059 "\\255"');
    expect(r.rdata.toString('hex')).toBe('03' + '612262' + '01' + '3b' + '01' + 'ff');
  });
  it('writes NSEC type bitmaps in windows', () => {
    const r = expectRoundTrip('x 1 IN NSEC a. A MX TYPE256');
    expect(r.rdata.toString('hex')).toBe('016100' + '0002' + '4001' + '0101' + '80');
  });
  it('NSEC type bitmaps do not depend on the order or repetition of the types listed', () => {
    const sorted = expectRoundTrip('x 1 IN NSEC a. A MX RRSIG NSEC TYPE256 TYPE65535').rdata.toString('hex');
    expect(expectRoundTrip('x 1 IN NSEC a. TYPE65535 nsec MX TYPE256 A rrsig A MX TYPE65535').rdata.toString('hex')).toBe(sorted);
  });
  it('a bad type in one bitmap leaves nothing behind for the next record', () => {
    expect(() => readZoneText('x 1 IN NSEC a. A TYPE4096 BOGUS', { origin: 'example.' })).toThrow(/not a record type/);
    expect(readZoneText('x 1 IN NSEC a. MX', { origin: 'example.' })[0]!.rdata.toString('hex')).toBe('016100' + '0002' + '0001');
  });
  it('accepts a known type in generic form only when the octets fit its fields', () => {
    expect(expectRoundTrip('x 1 IN A \\# 4 C0000201').rdata.toString('hex')).toBe('c0000201');
  });
});
