// model-ruby-resolv(-0.3) and model-perl-net-dns(-1.57) on answers the
// scenario catalogue does not send: the corners of Resolv::DNS#extract_resources
// and of Net::DNS's query()/Packet->decode that the models follow (see their
// headers). Every expectation here was checked against the real libraries
// (Ruby 3.1/3.3 Message.decode + extract_resources, Net::DNS 1.36/1.57
// Packet->decode) on the same octets.
import { describe, expect, test } from 'vitest';
import { models } from '../../../src/models/index.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage, type DnsRecord } from '../../../src/wire/message.js';
import { scenarioCase } from './scenario-response.js';

const Q = 'www.order.test';
const a = (name: string, address: string, klass = 'IN'): DnsRecord => ({ name, type: 'A', class: klass, ttl: 60, data: address });
const cname = (name: string, target: string, klass = 'IN'): DnsRecord => ({ name, type: 'CNAME', class: klass, ttl: 60, data: target });
const message = (answers: DnsRecord[], extra: { rcode?: number; qr?: boolean; additionals?: DnsRecord[] } = {}) =>
  encodeMessage(emptyMessage({ qr: extra.qr ?? true, rcode: extra.rcode ?? 0, questions: [{ name: Q, type: 'A', class: 'IN' }], answers, additionals: extra.additionals ?? [] }));
const ruby = (bytes: Buffer) => models.resolve('model-ruby-resolv', { name: Q, type: 'A' }, bytes);
const perl = (bytes: Buffer) => models.resolve('model-perl-net-dns', { name: Q, type: 'A' }, bytes);

describe('model-ruby-resolv (extract_resources)', () => {
  test('an address owned by a name the walk passes through counts too, in message order', () => {
    const bytes = message([cname(Q, 'b.order.test'), a('b.order.test', '192.0.2.7'), cname('b.order.test', 'c.order.test'), a('c.order.test', '192.0.2.8')]);
    expect(ruby(bytes)).toEqual({ addresses: ['192.0.2.7', '192.0.2.8'], canonical: null, error: null });
  });
  test('the second pass: nothing found in order, so every address of the name reached, wherever it is', () => {
    const bytes = message([a('c.order.test', '192.0.2.8'), cname(Q, 'c.order.test'), a('c.order.test', '192.0.2.9')]);
    expect(ruby(bytes).addresses).toEqual(['192.0.2.9']); // pass 1 found .9 after the CNAME: no second pass
    expect(ruby(message([a('c.order.test', '192.0.2.8'), cname(Q, 'c.order.test')])).addresses).toEqual(['192.0.2.8']);
  });
  test('records of the additional section are walked as well', () => {
    expect(ruby(message([cname(Q, 'c.order.test')], { additionals: [a('c.order.test', '192.0.2.8')] })).addresses).toEqual(['192.0.2.8']);
  });
  test('only class IN: a CH CNAME is not followed and a CH A record is not an address', () => {
    expect(ruby(message([cname(Q, 'c.order.test', 'CH'), a('c.order.test', '192.0.2.8')])).addresses).toEqual([]);
    expect(ruby(message([a(Q, '192.0.2.8', 'CH')])).addresses).toEqual([]);
  });
  test('0.3 decodes SVCB/HTTPS SvcParams (a 3-octet port is "junk exists"): the whole reply is ignored; 0.2 keeps it Generic', () => {
    const https = message([{ name: Q, type: 'TYPE65', class: 'IN', ttl: 60, data: Buffer.from([0, 1, 0, 0, 3, 0, 3, 1, 2, 3]) }, a(Q, '192.0.2.8')]);
    expect(ruby(https).addresses).toEqual(['192.0.2.8']);
    expect(models.resolve('model-ruby-resolv-0.3', { name: Q, type: 'A' }, https).addresses).toEqual([]);
  });
  test('no error ever: NXDOMAIN, SERVFAIL and an undecodable reply are all an empty list', () => {
    for (const rcode of [3, 2]) expect(ruby(message([a(Q, '192.0.2.8')], { rcode }))).toEqual({ addresses: [], canonical: null, error: null });
    expect(ruby(scenarioCase('rdlength-mismatch').bytes).addresses).toEqual([]);
    expect(ruby(message([a(Q, '192.0.2.8')]).subarray(0, 11))).toEqual({ addresses: [], canonical: null, error: null });
  });
});

describe('model-perl-net-dns (query + grep type)', () => {
  test('every A record of the answer section, owner unchecked, in order; additional records are not looked at', () => {
    const bytes = message([a('elsewhere.test', '198.51.100.1'), cname(Q, 'c.order.test'), a('c.order.test', '192.0.2.8')],
      { additionals: [a('c.order.test', '192.0.2.9')] });
    expect(perl(bytes)).toEqual({ addresses: ['198.51.100.1', '192.0.2.8'], canonical: null, error: null });
  });
  test('an empty answer section: undef from query(), errorstring the RCODE', () => {
    expect(perl(message([])).error?.code).toBe('NO_DATA');
    expect(perl(message([], { rcode: 3 })).error?.code).toBe('NXDOMAIN');
    expect(perl(message([], { rcode: 2 })).error?.code).toBe('SERVFAIL');
  });
  test('a SERVFAIL reply with answers is the fallback send() returns, and query() hands it out', () => {
    expect(perl(message([a(Q, '192.0.2.8')], { rcode: 2 })).addresses).toEqual(['192.0.2.8']);
  });
  test('1.36 stops decoding at the first broken RDATA and keeps what came before; 1.57 warns and goes on', () => {
    const bytes = Buffer.from(message([a(Q, '192.0.2.8'), cname(Q, 'c.order.test'), a(Q, '192.0.2.9')]));
    // Point the CNAME's RDATA name forward (at itself): "corrupt compression pointer".
    const at = bytes.indexOf(Buffer.from([0x00, 0x05, 0x00, 0x01]), 12) + 8;
    bytes.writeUInt16BE(0xc000 | (at + 2), at + 2);
    expect(perl(bytes).addresses).toEqual(['192.0.2.8']);
    expect(models.resolve('model-perl-net-dns-1.57', { name: Q, type: 'A' }, bytes).addresses).toEqual(['192.0.2.8', '192.0.2.9']);
    // An HTTPS record whose SvcParams overrun its RDATA (RR/SVCB.pm "HTTPS: corrupt RDATA") comes first here.
    const https = message([{ name: Q, type: 'TYPE65', class: 'IN', ttl: 60, data: Buffer.from([0, 1, 0, 0, 7, 0, 9, 1]) }, a(Q, '192.0.2.8')]);
    // Nothing decoded, but the header's ANCOUNT is 2, so query() returns the reply: no address, no error.
    expect(perl(https)).toEqual({ addresses: [], canonical: null, error: null });
    expect(models.resolve('model-perl-net-dns-1.57', { name: Q, type: 'A' }, https).addresses).toEqual(['192.0.2.8']);
  });
  test('no reply taken: QR clear (waits out, "query timed out"), shorter than a header (the decode error)', () => {
    expect(perl(message([a(Q, '192.0.2.8')], { qr: false })).error?.code).toBe('TIMEOUT');
    expect(perl(message([]).subarray(0, 11)).error?.code).toBe('ERROR');
  });
});
