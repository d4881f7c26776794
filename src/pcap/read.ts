// libpcap capture reader: yields the UDP payloads of DNS responses. Supports
// the classic format (µs and ns, either byte order) and pcapng (what tshark
// and Wireshark write by default), with Ethernet (incl. 802.1Q), Linux cooked
// (SLL, SLL2), raw IP and BSD loopback link types, over IPv4 and IPv6.

import { CodedError } from '../errors.js';
import { formatIpv6 } from '../rdata/text-values.js';

export class CaptureError extends CodedError {}

export interface CapturedDatagram {
  /** Packet number in the capture, from 1. */
  frame: number;
  timestamp: number;
  source: string;
  destination: string;
  sourcePort: number;
  destinationPort: number;
  payload: Buffer;
}

const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, RAW_ALT1: 12, RAW_ALT2: 14, LINUX_SLL: 113, LOOP: 108, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;

/** What the reader passed over, so a caller can say so instead of reporting silence. */
export interface CaptureStats {
  /** IP fragments (IPv4 or IPv6): not reassembled, so large EDNS answers sent fragmented are not seen. */
  fragments: number;
}

/** The pcapng section header block type, which opens every pcapng file. */
const PCAPNG_MAGIC = 0x0a0d0d0a;

/** pcap magic numbers (read big-endian): byte order and microsecond or nanosecond timestamps. */
const PCAP_MAGICS: ReadonlyMap<number, { little: boolean; nanos: boolean }> = new Map([
  [0xa1b2c3d4, { little: false, nanos: false }],
  [0xa1b23c4d, { little: false, nanos: true }],
  [0xd4c3b2a1, { little: true, nanos: false }],
  [0x4d3cb2a1, { little: true, nanos: true }],
]);

/** True when `data` starts with a pcap or pcapng magic number (what readPcap accepts). */
export function isCapture(data: Buffer): boolean {
  if (data.length < 4) return false;
  const magic = data.readUInt32BE(0);
  return magic === PCAPNG_MAGIC || PCAP_MAGICS.has(magic);
}

/**
 * Largest packet record or pcapng block read (1 MiB). Capture tools cap a
 * packet at 262,144 octets; a length beyond this is a broken or hostile file,
 * refused before buffering it.
 */
export const MAX_CAPTURE_RECORD = 1 << 20;

/** Every DNS-carrying UDP datagram of a whole capture in memory. */
export function readPcap(file: Buffer, stats: CaptureStats = { fragments: 0 }): CapturedDatagram[] {
  if (file.length < 24) throw new CaptureError('ERR_PCAP_SHORT', 'capture is shorter than a pcap file header');
  const reader = new CaptureReader(stats);
  const out = reader.push(file);
  reader.end();
  return out;
}

/** The same from a stream (a file of any size): memory stays at one record, whatever the capture's length. */
export async function* readCaptureStream(chunks: AsyncIterable<Buffer | string>, stats: CaptureStats = { fragments: 0 }): AsyncGenerator<CapturedDatagram> {
  const reader = new CaptureReader(stats);
  let seen = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += bytes.length;
    yield* reader.push(bytes);
  }
  if (seen < 24) throw new CaptureError('ERR_PCAP_SHORT', 'capture is shorter than a pcap file header');
  reader.end();
}

type Format =
  | { kind: 'pcap'; little: boolean; nanos: boolean; linkType: number }
  | { kind: 'pcapng'; little: boolean; interfaces: Array<{ linkType: number; resolution: number }> };

/** Chunks in, datagrams out: classic pcap (either byte order, µs or ns) and pcapng, read record by record. */
class CaptureReader {
  private pending: Buffer = Buffer.alloc(0);
  /** Octets of the file before `pending`, for error positions. */
  private consumed = 0;
  private format: Format | undefined;
  private frame = 0;

  constructor(private readonly stats: CaptureStats) {}

  push(chunk: Buffer): CapturedDatagram[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: CapturedDatagram[] = [];
    for (;;) {
      const used = this.format === undefined ? this.readFileHeader(out)
        : this.format.kind === 'pcap' ? this.readPcapRecord(this.format, out) : this.readPcapngBlock(this.format, out);
      if (used === 0) break;
      this.pending = this.pending.subarray(used);
      this.consumed += used;
    }
    return out;
  }

  /** At the end of the file: a record cut short is an error; fewer octets than a record header are ignored, as before. */
  end(): void {
    const header = this.format?.kind === 'pcapng' ? 12 : 16;
    if (this.format !== undefined && this.pending.length >= header) {
      throw new CaptureError('ERR_PCAP_TRUNCATED', this.format.kind === 'pcap'
        ? `frame ${this.frame + 1} is cut short`
        : `pcapng block at octet ${this.consumed} has a bad length ${this.u32(this.format.little, 4)}`);
    }
  }

  private u32(little: boolean, offset: number): number {
    return little ? this.pending.readUInt32LE(offset) : this.pending.readUInt32BE(offset);
  }

  private readFileHeader(out: CapturedDatagram[]): number {
    if (this.pending.length < 4) return 0;
    const magic = this.pending.readUInt32BE(0);
    if (magic === PCAPNG_MAGIC) {
      // The section header is a block like the others.
      const format: Format = { kind: 'pcapng', little: true, interfaces: [] };
      this.format = format;
      return this.readPcapngBlock(format, out);
    }
    const format = PCAP_MAGICS.get(magic);
    if (!format) throw new CaptureError('ERR_PCAP_MAGIC', `not a pcap file (magic 0x${magic.toString(16)})`);
    if (this.pending.length < 24) return 0;
    this.format = { kind: 'pcap', ...format, linkType: this.u32(format.little, 20) & 0x0fffffff };
    return 24;
  }

  private readPcapRecord(format: Extract<Format, { kind: 'pcap' }>, out: CapturedDatagram[]): number {
    if (this.pending.length < 16) return 0;
    const captured = this.u32(format.little, 8);
    if (captured > MAX_CAPTURE_RECORD) {
      throw new CaptureError('ERR_PCAP_RECORD_TOO_LARGE', `frame ${this.frame + 1} claims ${captured} octets, more than a capture holds (${MAX_CAPTURE_RECORD})`);
    }
    if (this.pending.length < 16 + captured) return 0;
    this.frame++;
    const seconds = this.u32(format.little, 0);
    const fraction = this.u32(format.little, 4);
    const udp = udpOfFrame(format.linkType, this.pending.subarray(16, 16 + captured), this.stats);
    if (udp) out.push({ frame: this.frame, timestamp: seconds + fraction / (format.nanos ? 1e9 : 1e6), ...udp });
    return 16 + captured;
  }

  /** pcapng: section header, interface descriptions, enhanced and simple packet blocks. */
  private readPcapngBlock(format: Extract<Format, { kind: 'pcapng' }>, out: CapturedDatagram[]): number {
    const block = this.pending;
    if (block.length < 12) return 0;
    if (block.readUInt32BE(0) === PCAPNG_MAGIC) {
      const bom = block.readUInt32LE(8);
      if (bom === 0x1a2b3c4d) format.little = true;
      else if (bom === 0x4d3c2b1a) format.little = false;
      else throw new CaptureError('ERR_PCAPNG', `bad pcapng byte-order magic at octet ${this.consumed}`);
      format.interfaces = [];
    }
    const { little } = format;
    const u32 = (o: number) => (little ? block.readUInt32LE(o) : block.readUInt32BE(o));
    const u16 = (o: number) => (little ? block.readUInt16LE(o) : block.readUInt16BE(o));
    const type = u32(0);
    const length = u32(4);
    if (length < 12 || length % 4 !== 0) throw new CaptureError('ERR_PCAP_TRUNCATED', `pcapng block at octet ${this.consumed} has a bad length ${length}`);
    if (length > MAX_CAPTURE_RECORD) {
      throw new CaptureError('ERR_PCAP_RECORD_TOO_LARGE', `pcapng block at octet ${this.consumed} claims ${length} octets, more than a capture holds (${MAX_CAPTURE_RECORD})`);
    }
    if (block.length < length) return 0;
    const body = 8;
    const end = length - 4;
    if (type === 1) {
      let resolution = 1e6;
      for (let o = body + 8; o + 4 <= end;) {
        const code = u16(o);
        const len = u16(o + 2);
        if (code === 0) break;
        if (code === 9 && len >= 1) {
          const v = block[o + 4]!;
          resolution = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
        }
        o += 4 + Math.ceil(len / 4) * 4;
      }
      format.interfaces.push({ linkType: u16(body), resolution });
    } else if (type === 6 || type === 3) {
      this.frame++;
      const iface = format.interfaces[type === 6 ? u32(body) : 0];
      if (!iface) throw new CaptureError('ERR_PCAPNG', `packet block at octet ${this.consumed} names an undeclared interface`);
      const dataStart = type === 6 ? body + 20 : body + 4;
      const captured = type === 6 ? u32(body + 12) : Math.min(u32(body), end - dataStart);
      if (dataStart + captured > end) throw new CaptureError('ERR_PCAP_TRUNCATED', `frame ${this.frame} is cut short`);
      const ticks = type === 6 ? u32(body + 4) * 2 ** 32 + u32(body + 8) : 0;
      const udp = udpOfFrame(iface.linkType, block.subarray(dataStart, dataStart + captured), this.stats);
      if (udp) out.push({ frame: this.frame, timestamp: ticks / iface.resolution, ...udp });
    }
    return length;
  }
}

function udpOfFrame(linkType: number, data: Buffer, stats: CaptureStats): Omit<CapturedDatagram, 'frame' | 'timestamp'> | undefined {
  const ip = linkPayload(linkType, data);
  return ip ? ipPayload(ip, stats) : undefined;
}

function linkPayload(linkType: number, data: Buffer): Buffer | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET: {
      let off = 12;
      let etherType = data.length >= 14 ? data.readUInt16BE(12) : 0;
      while ((etherType === 0x8100 || etherType === 0x88a8) && data.length >= off + 6) {
        off += 4;
        etherType = data.readUInt16BE(off);
      }
      return etherType === 0x0800 || etherType === 0x86dd ? data.subarray(off + 2) : undefined;
    }
    case LINKTYPE.LINUX_SLL:
      return data.length >= 16 ? data.subarray(16) : undefined;
    case LINKTYPE.LINUX_SLL2:
      return data.length >= 20 ? data.subarray(20) : undefined;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return data.length >= 4 ? data.subarray(4) : undefined;
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_ALT1:
    case LINKTYPE.RAW_ALT2:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return data;
    default:
      throw new CaptureError('ERR_PCAP_LINKTYPE', `link type ${linkType} is not supported (Ethernet, Linux cooked, raw IP, loopback are)`);
  }
}

function ipPayload(ip: Buffer, stats: CaptureStats): Omit<CapturedDatagram, 'frame' | 'timestamp'> | undefined {
  if (ip.length < 1) return undefined;
  const version = ip[0]! >> 4;
  let protocol: number;
  let payload: Buffer;
  let source: string;
  let destination: string;
  if (version === 4) {
    if (ip.length < 20) return undefined;
    const headerLength = (ip[0]! & 0x0f) * 4;
    const fragment = ip.readUInt16BE(6);
    if ((fragment & 0x1fff) !== 0 || (fragment & 0x2000) !== 0) {
      stats.fragments++; // not reassembled
      return undefined;
    }
    protocol = ip[9]!;
    const total = Math.min(ip.readUInt16BE(2) || ip.length, ip.length);
    payload = ip.subarray(headerLength, total);
    source = [...ip.subarray(12, 16)].join('.');
    destination = [...ip.subarray(16, 20)].join('.');
  } else if (version === 6) {
    if (ip.length < 40) return undefined;
    protocol = ip[6]!;
    let off = 40;
    // Skip hop-by-hop, routing and destination options headers.
    while ((protocol === 0 || protocol === 43 || protocol === 60) && ip.length >= off + 8) {
      protocol = ip[off]!;
      off += (ip[off + 1]! + 1) * 8;
    }
    if (protocol === 44) {
      stats.fragments++; // IPv6 fragment header: not reassembled
      return undefined;
    }
    payload = ip.subarray(off, Math.min(40 + ip.readUInt16BE(4), ip.length));
    source = formatIpv6(ip.subarray(8, 24));
    destination = formatIpv6(ip.subarray(24, 40));
  } else {
    return undefined;
  }
  if (protocol !== 17 || payload.length < 8) return undefined;
  const udpLength = payload.readUInt16BE(4);
  return {
    source, destination, sourcePort: payload.readUInt16BE(0), destinationPort: payload.readUInt16BE(2),
    payload: Buffer.from(payload.subarray(8, Math.max(8, Math.min(udpLength, payload.length)))),
  };
}

