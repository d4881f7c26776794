import { describe, expect, expectTypeOf, it } from 'vitest';
import { rdataText, recordText } from '../../../src/rdata/record-text.js';
import type { DnsRecord } from '../../../src/wire/index.js';

describe('records in presentation format (reports)', () => {
  it('prints a record as a zone file line, whatever form its data has', () => {
    expect(recordText({ name: 'www.example', type: 'CNAME', ttl: 300, data: 'cdn.example' })).toBe('www.example. 300 IN CNAME cdn.example.');
    expect(recordText({ name: '.', type: 'SOA', class: 'IN', ttl: 0, data: { mname: 'a.root-servers.net', rname: 'nstld.verisign-grs.com', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 } }))
      .toBe('. 0 IN SOA a.root-servers.net. nstld.verisign-grs.com. 1 2 3 4 5');
    expect(rdataText('MX', { preference: 10, exchange: 'mail.example' })).toBe('10 mail.example.');
    expect(rdataText('TXT', [Buffer.from('v=spf1 -all'), Buffer.from('a "b"')])).toBe('"v=spf1 -all" "a \\"b\\""');
    expect(rdataText('ZONEMD', { serial: 7, scheme: 1, algorithm: 1, digest: Buffer.alloc(48, 0xab) })).toBe(`7 1 1 ${'AB'.repeat(48)}`);
  });

  it('prints raw octets in their type format when they decode, else in RFC 3597 form', () => {
    expect(rdataText('A', Buffer.from([192, 0, 2, 1]))).toBe('192.0.2.1');
    expect(rdataText('A', Buffer.from([192, 0, 2]))).toBe('\\# 3 C00002');
    expect(rdataText('TYPE65280', Buffer.from([1, 2]))).toBe('\\# 2 0102');
  });

  it('says when hand-made data does not fit its type instead of guessing', () => {
    expect(rdataText('MX', { preference: 10 })).toMatch(/^\(unprintable MX data: .*exchange/);
  });

  it('types data per declared type (DnsRecord<T>), unknown for a plain DnsRecord', () => {
    const mx: DnsRecord<'MX'> = { name: 'x', type: 'MX', data: { preference: 1, exchange: 'm' } };
    expectTypeOf(mx.data).toEqualTypeOf<{ preference: number; exchange: string } | Buffer>();
    expectTypeOf<DnsRecord['data']>().toBeUnknown();
    expect(rdataText(mx.type, mx.data)).toBe('1 m.');
  });
});
