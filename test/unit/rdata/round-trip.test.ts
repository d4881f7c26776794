// Every declared type, driven through every form one declaration yields, in
// the manner of NLnetLabs/domain's shared compose/parse/scan test helpers:
// text → wire RDATA → value → a compressed message → decodeMessage → value →
// wire → text, comparing octets and text at each turn. A type declared in
// src/rdata/types.ts without a sample in samples.ts fails the first test.

import { describe, expect, it } from 'vitest';
import { rdataToText } from '../../../src/rdata/presentation.js';
import { declaredTypes } from '../../../src/rdata/types.js';
import { rdataFromValue, rdataToValue } from '../../../src/rdata/value.js';
import { decodeMessage, emptyMessage, encodeMessage, parseZonemd } from '../../../src/wire/index.js';
import { readZoneText, zoneRecordData } from '../../../src/zone/index.js';
import { SAMPLES } from './samples.js';

function rdataOf(type: string, text: string): Buffer {
  const [record] = readZoneText(`x.example. 300 IN ${type} ${text}`, { origin: 'example.' });
  return record!.rdata;
}

describe('every declared type: text → wire → message → value → wire → text', () => {
  it('has a sample for every declared type', () => {
    const missing = declaredTypes().map((d) => d.mnemonic).filter((m) => (SAMPLES[m] ?? []).length === 0);
    expect(missing).toEqual([]);
  });

  for (const declaration of declaredTypes()) {
    const type = declaration.mnemonic;
    for (const sample of SAMPLES[type] ?? []) {
      it(`${type} ${sample.slice(0, 60)}`, () => {
        const wire = rdataOf(type, sample);
        const text = rdataToText(declaration.code, wire);
        expect(text).not.toMatch(/^\\#/); // printed in its own format, not the generic one
        const value = rdataToValue(declaration.code, wire, 0, wire.length);
        expect(zoneRecordData({ type: declaration.code, rdata: wire })).toEqual(value); // the zone's view is the same value
        if (!declaration.bare) expect(Object.keys(value as object)).toEqual(declaration.fields.map((f) => f.key));

        // Twice in one message with compression on: the second copy's names can point at the first's.
        const record = { name: 'x.example', type, ttl: 300, data: value };
        const message = encodeMessage(emptyMessage({ qr: true, questions: [{ name: 'x.example', type }], answers: [record, record] }), { compress: true });
        const decoded = decodeMessage(message);
        expect(decoded.answers.map((a) => a.type)).toEqual([type, type]);
        for (const answer of decoded.answers) {
          expect(answer.data).toEqual(value);
          if (!declaration.compressed) expect(answer.rdata).toEqual(wire); // only the RFC 1035 types may point outside their RDATA
        }

        const again = rdataFromValue(type, decoded.answers[1]!.data);
        expect(again.toString('hex')).toBe(wire.toString('hex'));
        expect(rdataToText(declaration.code, again)).toBe(text);
        expect(rdataOf(type, text).toString('hex')).toBe(wire.toString('hex'));
      });
    }
  }

  it('compresses names in the RFC 1035 types only, and reads them back', () => {
    const mx = { preference: 10, exchange: 'mail.x.example' };
    const srv = { priority: 0, weight: 5, port: 5060, target: 'sip.x.example' };
    const message = encodeMessage(emptyMessage({ answers: [
      { name: 'x.example', type: 'MX', ttl: 1, data: mx }, { name: 'x.example', type: 'SRV', ttl: 1, data: srv },
    ] }), { compress: true });
    const [first, second] = decodeMessage(message).answers;
    expect(first!.rdata.at(-2)! & 0xc0).toBe(0xc0); // "mail" + pointer to x.example
    expect(second!.rdata).toEqual(rdataFromValue('SRV', srv)); // SRV: never compressed
    expect([first!.data, second!.data]).toEqual([mx, srv]);
  });
});

describe('ZONEMD validation in the type (dnspython ZONEMD.py, RFC 8976)', () => {
  const sha384 = 'ab'.repeat(48);
  const invalid: Array<[string, RegExp]> = [
    [`1 0 1 ${sha384}`, /scheme 0 is reserved/],
    [`1 1 0 ${sha384}`, /hash algorithm 0 is reserved/],
    [`1 1 1 ${'ab'.repeat(64)}`, /64 octets for hash algorithm 1/],
    [`1 1 2 ${sha384}`, /48 octets for hash algorithm 2/],
    [`1 240 9 ${'ab'.repeat(11)}`, /at least 12/],
  ];

  it.each(invalid)('text "%s" is refused when validated, loaded when not', (text, why) => {
    expect(() => readZoneText(`example. 300 IN ZONEMD ${text}`, { validate: true }))
      .toThrowError(expect.objectContaining({ code: 'ERR_ZONE_BAD_FIELD', message: expect.stringMatching(why) }));
    expect(readZoneText(`example. 300 IN ZONEMD ${text}`)).toHaveLength(1); // verifiers load broken records
  });

  it.each(invalid)('parseZonemd("%s", { validate: true }) is refused with a code', (text, why) => {
    expect(() => parseZonemd(text, { validate: true })).toThrowError(expect.objectContaining({ code: 'ERR_BAD_ZONEMD', message: expect.stringMatching(why) }));
    expect(parseZonemd(text).serial).toBe(1);
  });

  it.each(invalid)('wire "%s" is refused when validated, decoded when not', (text) => {
    const wire = rdataOf('ZONEMD', text);
    const message = encodeMessage(emptyMessage({ answers: [{ name: 'example', type: 'ZONEMD', ttl: 1, data: wire }] }));
    expect(() => decodeMessage(message, { validate: true })).toThrowError(expect.objectContaining({ code: 'ERR_BAD_ZONEMD' }));
    expect(decodeMessage(message).answers[0]!.data).toMatchObject({ serial: 1 });
  });

  it('accepts unknown schemes and algorithms with a long enough digest (a verifier reports them as unsupported)', () => {
    for (const text of [`1 240 9 ${'ab'.repeat(12)}`, `1 1 1 ${sha384}`, `1 1 2 ${'ab'.repeat(64)}`]) {
      expect(readZoneText(`example. 300 IN ZONEMD ${text}`, { validate: true })).toHaveLength(1);
      const message = encodeMessage(emptyMessage({ answers: [{ name: 'example', type: 'ZONEMD', ttl: 1, data: rdataOf('ZONEMD', text) }] }));
      expect(decodeMessage(message, { validate: true }).answers).toHaveLength(1);
    }
  });

  it('refuses invalid generic-form ZONEMD too when validated', () => {
    expect(() => readZoneText(`example. 300 IN ZONEMD \\# 18 00000001 0001 ${'ab'.repeat(12)}`, { validate: true }))
      .toThrowError(expect.objectContaining({ code: 'ERR_ZONE_BAD_FIELD' }));
  });
});
