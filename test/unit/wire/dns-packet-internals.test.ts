// dnsorder reaches past dns-packet's declared API (src/wire/dns-packet-internals.ts):
// the record codec and the DO flag, to write the OPT pseudo-record (RDATA of
// every other type comes from src/rdata). package.json pins
// dns-packet to ~5.6 so a minor release cannot change them silently; this test
// fails if a patch release (or a widened range) does.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { DNSSEC_OK_FLAG, dnsPacketEncodeRecord } from '../../../src/wire/dns-packet-internals.js';
import packageJson from '../../../package.json' with { type: 'json' };

describe("dns-packet's undocumented internals keep the shape dnsorder relies on", () => {
  it('the dependency range admits patch releases only', () => {
    expect(packageJson.dependencies['dns-packet']).toMatch(/^~5\.6\.\d+$/);
  });

  it('the record codec encodes OPT with the DO flag where RFC 6891 puts it', () => {
    expect(DNSSEC_OK_FLAG).toBe(0x8000);
    const opt = dnsPacketEncodeRecord({ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: DNSSEC_OK_FLAG, options: [] });
    // root name, TYPE 41, CLASS = payload size, TTL = ext-rcode|version|DO|Z, RDLENGTH 0
    expect(opt.toString('hex')).toBe('00' + '0029' + '04d0' + '00008000' + '0000');
    expect(dnsPacket.decode(Buffer.concat([Buffer.from('000081000000000000000001', 'hex'), opt])).additionals?.[0]).toMatchObject({ type: 'OPT', udpPayloadSize: 1232, flag_do: true });
  });
});
