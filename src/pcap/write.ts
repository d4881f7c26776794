// libpcap writer: UDP datagrams in Ethernet frames over IPv4 or IPv6, with
// correct IP and UDP checksums so that tshark and tcpdump decode them cleanly.
// Timestamps are synthetic and deterministic (one millisecond apart).

import { isIPv4, isIPv6 } from 'node:net';
import { EncodeError } from '../errors.js';

export interface DatagramToWrite {
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
  payload: Uint8Array;
  /** Seconds since the epoch (default: a fixed start plus 1 ms per frame). */
  timestamp?: number;
}

const START = 1767225600; // 2026-01-01T00:00:00Z: fixed, so output is byte-identical run to run
const LINKTYPE_ETHERNET = 1;

export function writePcap(datagrams: readonly DatagramToWrite[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(LINKTYPE_ETHERNET, 20);
  const parts: Buffer[] = [header];
  datagrams.forEach((d, i) => {
    const frame = ethernetFrame(d);
    const record = Buffer.alloc(16);
    const ts = d.timestamp ?? START + i / 1000;
    record.writeUInt32LE(Math.floor(ts), 0);
    record.writeUInt32LE(Math.round((ts - Math.floor(ts)) * 1e6), 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    parts.push(record, frame);
  });
  return Buffer.concat(parts);
}

function ethernetFrame(d: DatagramToWrite): Buffer {
  const v4 = isIPv4(d.source) && isIPv4(d.destination);
  const v6 = isIPv6(d.source) && isIPv6(d.destination);
  if (!v4 && !v6) throw new EncodeError('ERR_PCAP_ADDRESS', `source and destination must both be IPv4 or both IPv6: ${d.source} → ${d.destination}`);
  const ether = Buffer.alloc(14);
  ether.writeUInt16BE(v4 ? 0x0800 : 0x86dd, 12);
  const src = v4 ? ipv4Bytes(d.source) : ipv6Bytes(d.source);
  const dst = v4 ? ipv4Bytes(d.destination) : ipv6Bytes(d.destination);
  const udp = Buffer.alloc(8 + d.payload.length);
  udp.writeUInt16BE(d.sourcePort, 0);
  udp.writeUInt16BE(d.destinationPort, 2);
  udp.writeUInt16BE(udp.length, 4);
  Buffer.from(d.payload).copy(udp, 8);
  const pseudo = v4
    ? Buffer.concat([src, dst, Buffer.from([0, 17, udp.length >> 8, udp.length & 0xff])])
    : Buffer.concat([src, dst, u32(udp.length), Buffer.from([0, 0, 0, 17])]);
  const sum = checksum(Buffer.concat([pseudo, udp]));
  udp.writeUInt16BE(sum === 0 ? 0xffff : sum, 6);
  let ip: Buffer;
  if (v4) {
    ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + udp.length, 2);
    ip.writeUInt16BE(0x4000, 6); // don't fragment
    ip[8] = 64;
    ip[9] = 17;
    src.copy(ip, 12);
    dst.copy(ip, 16);
    ip.writeUInt16BE(checksum(ip), 10);
  } else {
    ip = Buffer.alloc(40);
    ip[0] = 0x60;
    ip.writeUInt16BE(udp.length, 4);
    ip[6] = 17;
    ip[7] = 64;
    src.copy(ip, 8);
    dst.copy(ip, 24);
  }
  return Buffer.concat([ether, ip, udp]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

/** RFC 1071 one's-complement sum. */
export function checksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i + 1 < data.length; i += 2) sum += data.readUInt16BE(i);
  if (data.length % 2) sum += data[data.length - 1]! << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

function ipv4Bytes(a: string): Buffer {
  return Buffer.from(a.split('.').map(Number));
}

function ipv6Bytes(a: string): Buffer {
  const [head, tail = ''] = a.includes('::') ? a.split('::') : [a, undefined as unknown as string];
  const h = head ? head.split(':') : [];
  const t = a.includes('::') && tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}
