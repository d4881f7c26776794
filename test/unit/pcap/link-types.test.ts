import { describe, expect, it } from 'vitest';
import { readPcap } from '../../../src/pcap/read.js';
import { writePcap } from '../../../src/pcap/write.js';

const payload = Buffer.from('12348180000100000000000003777777000001' + '0001', 'hex');
const datagrams = [
  { source: '127.0.0.1', destination: '127.0.0.2', sourcePort: 53, destinationPort: 4000, payload },
  { source: '::1', destination: 'fe80::1', sourcePort: 53, destinationPort: 4001, payload },
];

/** Re-frames the Ethernet capture writePcap makes into another link type. */
function relink(linkType: number, frame: (ip: Buffer, etherType: number) => Buffer, bigEndian = false): Buffer {
  const eth = writePcap(datagrams);
  const header = Buffer.from(eth.subarray(0, 24));
  if (bigEndian) {
    header.writeUInt32BE(0xa1b2c3d4, 0);
    header.writeUInt16BE(2, 4);
    header.writeUInt16BE(4, 6);
    header.writeUInt32BE(65535, 16);
    header.writeUInt32BE(linkType, 20);
  } else {
    header.writeUInt32LE(linkType, 20);
  }
  const parts: Buffer[] = [header];
  for (let off = 24; off < eth.length;) {
    const len = eth.readUInt32LE(off + 8);
    const data = eth.subarray(off + 16, off + 16 + len);
    const out = frame(data.subarray(14), data.readUInt16BE(12));
    const rec = Buffer.alloc(16);
    const w = (v: number, o: number) => (bigEndian ? rec.writeUInt32BE(v, o) : rec.writeUInt32LE(v, o));
    w(eth.readUInt32LE(off), 0);
    w(eth.readUInt32LE(off + 4), 4);
    w(out.length, 8);
    w(out.length, 12);
    parts.push(rec, out);
    off += 16 + len;
  }
  return Buffer.concat(parts);
}

const expectBoth = (file: Buffer) => {
  const got = readPcap(file);
  expect(got.map((d) => [d.source, d.destination, d.sourcePort, d.destinationPort])).toEqual([
    ['127.0.0.1', '127.0.0.2', 53, 4000], ['::1', 'fe80::1', 53, 4001],
  ]);
  for (const d of got) expect(d.payload.equals(payload)).toBe(true);
};

describe('pcap link types', () => {
  it('Ethernet (as written)', () => expectBoth(writePcap(datagrams)));
  it('Ethernet with an 802.1Q tag', () => expectBoth(relink(1, (ip, et) => {
    const h = Buffer.alloc(18);
    h.writeUInt16BE(0x8100, 12);
    h.writeUInt16BE(7, 14);
    h.writeUInt16BE(et, 16);
    return Buffer.concat([h, ip]);
  })));
  it('Linux cooked v1 (SLL, tshark -i any)', () => expectBoth(relink(113, (ip, et) => {
    const h = Buffer.alloc(16);
    h.writeUInt16BE(et, 14);
    return Buffer.concat([h, ip]);
  })));
  it('Linux cooked v2 (SLL2)', () => expectBoth(relink(276, (ip, et) => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(et, 0);
    return Buffer.concat([h, ip]);
  })));
  it('raw IP, big-endian file', () => expectBoth(relink(101, (ip) => ip, true)));
  it('BSD loopback', () => expectBoth(relink(0, (ip) => Buffer.concat([Buffer.from([ip[0]! >> 4 === 4 ? 2 : 30, 0, 0, 0]), ip]))));
  it('refuses an unsupported link type and a cut frame with codes', () => {
    expect(() => readPcap(relink(147, (ip) => ip))).toThrowError(expect.objectContaining({ code: 'ERR_PCAP_LINKTYPE' }));
    const cut = writePcap(datagrams);
    expect(() => readPcap(cut.subarray(0, cut.length - 3))).toThrowError(expect.objectContaining({ code: 'ERR_PCAP_TRUNCATED' }));
  });
});
