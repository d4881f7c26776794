import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage, decodeZonemdRdata, emptyMessage, encodeMessage, encodeZonemdRdata, formatGenericRdata, formatZonemd,
  parseGenericRdata, parseZonemd, type ZonemdData,
} from '../../../src/wire/index.js';
import { rdataType } from '../../../src/rdata/types.js';

const A1 = '7848b91c0101c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c';

describe('ZONEMD codec', () => {
  it('matches RFC 8976 A.1 on the wire and in presentation', () => {
    const data = parseZonemd('2018031900 1 1 ( c68090d90a7aed71\n 6bc459f9340e3d7c 1370d4d24b7e2fc3\n a1ddc0b9a87153b9 a9713b3c9ae5cc27 777f98b8e730044c )'.replace(/[()]/g, ''));
    expect(encodeZonemdRdata(data).toString('hex')).toBe(A1);
    expect(formatZonemd(decodeZonemdRdata(Buffer.from(A1, 'hex')))).toBe(`2018031900 1 1 ${A1.slice(12).toUpperCase()}`);
    expect(formatGenericRdata(Buffer.from(A1, 'hex'))).toBe(`\\# 54 ${A1.toUpperCase()}`);
  });

  it('round-trips object ⇄ wire ⇄ presentation, and through a message as type 63', () => {
    const zonemd = fc.record({
      serial: fc.nat({ max: 0xffffffff }), scheme: fc.nat(255), algorithm: fc.nat(255),
      digest: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((u) => Buffer.from(u)),
    });
    fc.assert(fc.property(zonemd, (data: ZonemdData) => {
      const wire = encodeZonemdRdata(data);
      expect(decodeZonemdRdata(wire)).toEqual(data);
      expect(parseZonemd(formatZonemd(data))).toEqual(data);
      expect(parseGenericRdata(formatGenericRdata(wire))).toEqual(wire);
      const msg = decodeMessage(encodeMessage(emptyMessage({ answers: [{ name: 'example', type: 'ZONEMD', ttl: 1, data }] })));
      expect(msg.answers[0]!.typeCode).toBe(63);
      expect(msg.answers[0]!.data).toEqual(data);
    }), { numRuns: 300 });
  });

  it('rejects bad presentation and short RDATA with a code', () => {
    for (const text of ['1 1 1', '1 1 1 abc', '1 1 256 00', 'x 1 1 00', '4294967296 1 1 00']) {
      expect(() => parseZonemd(text), text).toThrowError(expect.objectContaining({ code: 'ERR_BAD_ZONEMD' }));
    }
    expect(() => decodeZonemdRdata(Buffer.alloc(5))).toThrowError(expect.objectContaining({ code: 'ERR_BAD_ZONEMD' }));
  });
});

describe('RFC 3597 generic RDATA', () => {
  it('accepts split hex and the empty form, and rejects a wrong length', () => {
    expect(parseGenericRdata('\\# 4 0a00 0001')).toEqual(Buffer.from('0a000001', 'hex'));
    expect(parseGenericRdata('\\# 0')).toEqual(Buffer.alloc(0));
    expect(formatGenericRdata(Buffer.alloc(0))).toBe('\\# 0');
    for (const text of ['\\# 3 0a00', '# 2 0a00', '\\# x 00', '\\# 1 0g']) {
      expect(() => parseGenericRdata(text), text).toThrowError(expect.objectContaining({ code: 'ERR_BAD_GENERIC_RDATA' }));
    }
  });

  it('carries a type without a codec as raw octets through the encoder and decoder', () => {
    // Declared types (A, CNAME, CSYNC, ...) are decoded into values instead; these have no declaration.
    const opaque = fc.oneof(fc.integer({ min: 258, max: 65535 }), fc.constantFrom(64, 65, 255 - 1)).filter((t) => rdataType(t) === undefined);
    fc.assert(fc.property(opaque, fc.uint8Array({ maxLength: 40 }), (type, rdata) => {
      const bytes = encodeMessage(emptyMessage({ answers: [{ name: 'x.test', type: `TYPE${type}`, ttl: 5, data: Buffer.from(rdata) }] }));
      const record = decodeMessage(bytes, {}).answers;
      expect(record[0]!.typeCode).toBe(type);
      expect(record[0]!.rdata).toEqual(Buffer.from(rdata));
    }), { numRuns: 200, examples: [[65280, new Uint8Array([])]] });
  });
});
