import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeMessage, emptyMessage, encodeMessage, type DnsMessage } from '../../../src/wire/index.js';

function sample(): DnsMessage {
  return emptyMessage({
    id: 7, qr: true, rd: true, ra: true,
    questions: [{ name: 'www.Example.com', type: 'A' }],
    answers: [
      { name: 'cdn.example.com', type: 'A', ttl: 60, data: '192.0.2.1' },
      { name: 'www.example.com', type: 'CNAME', ttl: 60, data: 'cdn.example.com' },
      { name: 'example.com', type: 'ZONEMD', ttl: 60, data: { serial: 1, scheme: 1, algorithm: 1, digest: Buffer.alloc(48, 0xab) } },
    ],
    authorities: [
      { name: 'example.com', type: 'SOA', ttl: 60, data: { mname: 'ns.example.com', rname: 'h.example.com', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } },
    ],
    edns: { udpPayloadSize: 1232 },
  });
}

describe('encodeMessage', () => {
  it('writes records in the given order, readable by dns-packet, compressed and not', () => {
    for (const compress of [true, false]) {
      const bytes = encodeMessage(sample(), { compress });
      const theirs = dnsPacket.decode(bytes);
      expect(theirs.answers!.map((a) => [a.name, a.type])).toEqual([
        ['cdn.example.com', 'A'], ['www.example.com', 'CNAME'], ['example.com', 'UNKNOWN_63'],
      ]);
      const ours = decodeMessage(bytes);
      expect(ours.answers.map((a) => a.type)).toEqual(['A', 'CNAME', 'ZONEMD']);
      expect(ours.answers[2]!.typeCode).toBe(63);
      expect(ours.edns?.udpPayloadSize).toBe(1232);
      expect(ours.trailingOctets).toBe(0);
    }
  });

  it('compresses: shorter, with pointers, and the same records', () => {
    const plain = encodeMessage(sample(), { compress: false });
    const packed = encodeMessage(sample(), { compress: true });
    expect(packed.length).toBeLessThan(plain.length);
    const strip = (m: ReturnType<typeof decodeMessage>) => m.answers.map(({ name, type, ttl, data }) => ({ name, type, ttl, data }));
    expect(strip(decodeMessage(packed))).toEqual(strip(decodeMessage(plain)));
  });

  it('matches the exact octets of a hand-checked compressed message', () => {
    const m = emptyMessage({
      id: 0x1234, qr: true, questions: [{ name: 'a.b', type: 'A' }],
      answers: [{ name: 'a.b', type: 'CNAME', ttl: 1, data: 'c.b' }],
    });
    expect(encodeMessage(m, { compress: true }).toString('hex')).toBe(
      '1234' + '8000' + '0001' + '0001' + '0000' + '0000' +
      '016101620000010001' + // question a.b A IN at 12
      'c00c' + '0005' + '0001' + '00000001' + '0004' + '0163' + 'c00e', // c + pointer to "b" at 14
    );
    expect(encodeMessage(m, { compress: false }).toString('hex')).toContain('0161016200' + '0005');
  });

  it('keeps the letter case written, even where a case-insensitive match would compress', () => {
    const m = emptyMessage({ questions: [{ name: 'WWW.example.com', type: 'A' }], answers: [{ name: 'www.example.com', type: 'A', ttl: 0, data: '192.0.2.1' }] });
    const d = decodeMessage(encodeMessage(m, { compress: true }));
    expect(d.questions[0]!.name).toBe('WWW.example.com');
    expect(d.answers[0]!.name).toBe('www.example.com');
  });
});

describe('unknown type names', () => {
  it('refuses a type name the registry does not know instead of writing type 0', () => {
    const m = emptyMessage({ answers: [{ name: 'x', type: 'NOTATYPE', data: Buffer.alloc(0) }] });
    expect(() => encodeMessage(m)).toThrowError(expect.objectContaining({ code: 'ERR_UNKNOWN_TYPE' }));
  });

  it('never emits type 0 for ZONEMD, SVCB or HTTPS (dns-packet would)', () => {
    expect(dnsPacket.encode({ answers: [{ name: 'x', type: 'ZONEMD' as never, data: Buffer.alloc(6) as never }] }).readUInt16BE(12 + 3)).toBe(0);
    for (const [type, code] of [['ZONEMD', 63], ['SVCB', 64], ['HTTPS', 65], ['TYPE65280', 65280]] as const) {
      const data = type === 'ZONEMD' ? { serial: 1, scheme: 1, algorithm: 1, digest: Buffer.alloc(12) } : Buffer.from([0, 1, 0]);
      const bytes = encodeMessage(emptyMessage({ answers: [{ name: 'x', type, data }] }));
      expect(decodeMessage(bytes).answers[0]!.typeCode).toBe(code);
    }
  });

  it('refuses object data for a type with no codec', () => {
    const m = emptyMessage({ answers: [{ name: 'x', type: 'SVCB', data: { priority: 1 } }] });
    expect(() => encodeMessage(m)).toThrowError(expect.objectContaining({ code: 'ERR_NO_CODEC' }));
  });
});
