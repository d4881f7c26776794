// dnsorder reaches past dns-packet's declared API (src/wire/dns-packet-internals.ts):
// the per-type RDATA codecs, the record codec and the DO flag. package.json pins
// dns-packet to ~5.6 so a minor release cannot change them silently; this test
// fails if a patch release (or a widened range) does.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { DNSSEC_OK_FLAG, dnsPacketEncodeRecord, dnsPacketRdataCodec } from '../../../src/wire/dns-packet-internals.js';
import { DNS_PACKET_TYPES } from '../../../src/wire/rdata.js';
import packageJson from '../../../package.json' with { type: 'json' };

describe("dns-packet's undocumented internals keep the shape dnsorder relies on", () => {
  it('the dependency range admits patch releases only', () => {
    expect(packageJson.dependencies['dns-packet']).toMatch(/^~5\.6\.\d+$/);
  });

  it.each([...DNS_PACKET_TYPES])('record(%s) has an encode and a decode function', (type) => {
    const codec = dnsPacketRdataCodec(type);
    expect(typeof codec.encode).toBe('function');
    expect(typeof codec.decode).toBe('function');
  });

  it('an RDATA codec writes and reads the 2-octet RDLENGTH in front of the RDATA', () => {
    const a = dnsPacketRdataCodec('A');
    expect([...a.encode('192.0.2.1')]).toEqual([0, 4, 192, 0, 2, 1]);
    const buf = Buffer.from([0xff, 0, 4, 192, 0, 2, 1]);
    expect(a.decode(buf, 1)).toBe('192.0.2.1');
    expect(a.decode.bytes).toBe(6);
    const mx = dnsPacketRdataCodec('MX');
    const encoded = mx.encode({ preference: 10, exchange: 'mail.example' });
    expect(encoded.readUInt16BE(0)).toBe(encoded.length - 2);
    expect(mx.decode(encoded, 0)).toEqual({ preference: 10, exchange: 'mail.example' });
  });

  it('the record codec encodes OPT with the DO flag where RFC 6891 puts it', () => {
    expect(DNSSEC_OK_FLAG).toBe(0x8000);
    const opt = dnsPacketEncodeRecord({ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: DNSSEC_OK_FLAG, options: [] });
    // root name, TYPE 41, CLASS = payload size, TTL = ext-rcode|version|DO|Z, RDLENGTH 0
    expect(opt.toString('hex')).toBe('00' + '0029' + '04d0' + '00008000' + '0000');
    expect(dnsPacket.decode(Buffer.concat([Buffer.from('000081000000000000000001', 'hex'), opt])).additionals?.[0]).toMatchObject({ type: 'OPT', udpPayloadSize: 1232, flag_do: true });
  });
});
