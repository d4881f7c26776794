// AXFR (RFC 5936) over TCP: SOA first and last, every record in between, split
// across messages of bounded size. IXFR (RFC 1995 §4) is answered the same
// way: a full AXFR-style transfer is a valid IXFR response.
//
// A zone's transfer is encoded once per content (a served zone is immutable,
// so once per zone and serial) and kept: the answer sections of every message,
// compressed, encoded lazily as the first transfer reaches them (a message at
// a time, so even the first transfer never holds the event loop for the whole
// zone). Each transfer then only writes its own header (ID, the question as
// the client wrote it, EDNS) in front of the shared bodies, one message at a
// time, and the TCP shell streams them with back-pressure (tcp.ts).

import { encodeRecord } from '../wire/encode.js';
import type { DnsRecord, Question } from '../wire/message.js';
import { NameCompressor } from '../wire/name-compression.js';
import { nameToWire, wireNameLength } from '../rdata/name.js';
import { classNumber, typeNumber } from '../rdata/registry.js';

/** Target size of one transfer message; well under the 65535 TCP frame limit. */
export const TRANSFER_MESSAGE_OCTETS = 16_000;

const MAX_POINTER_OFFSET = 0x3fff;

/** One record in uncompressed wire form: the owner at `ownerStart`, then type … RDATA (`restLength` octets) at `restStart`. */
export interface WireRecord {
  buffer: Buffer;
  ownerStart: number;
  ownerLength: number;
  restStart: number;
  restLength: number;
}

/** Records in transfer order (SOA first and last), one at a time. */
export type WireRecordCursor = () => WireRecord | undefined;

/** The shared part of one transfer message: its answer section, encoded for a message whose records start at `base`. */
export interface TransferBody {
  octets: Buffer;
  records: number;
}

/**
 * A zone content's encoded transfer, built message by message on demand and
 * shared by every transfer of that content (and compression setting).
 */
export class TransferEncoding {
  private readonly bodies: TransferBody[] = [];
  private pending: WireRecord | undefined;
  private finished = false;
  /** A record that could not be encoded: the encoding stops there for every transfer (never a silent gap). */
  private failure: unknown;
  private readonly scratch = Buffer.allocUnsafe(0x10000 + 1024);

  /**
   * `firstBase`: octets before the first message's answer section (header and
   * question; the question name is the origin, whose length is fixed).
   */
  constructor(private readonly next: WireRecordCursor, private readonly compress: boolean, private readonly firstBase: number) {}

  /** Body `index`, encoding up to it if needed; undefined past the last message. */
  body(index: number): TransferBody | undefined {
    while (this.bodies.length <= index && !this.finished) this.encodeNext();
    return this.bodies[index];
  }

  /** Every body, encoded now (the library's materialising path). */
  all(): TransferBody[] {
    while (!this.finished) this.encodeNext();
    return this.bodies;
  }

  private encodeNext(): void {
    if (this.failure !== undefined) throw this.failure;
    try {
      this.encodeMessage();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private encodeMessage(): void {
    const base = this.bodies.length === 0 ? this.firstBase : 12;
    const out = this.scratch;
    const names = this.compress ? new Map<string, number>() : undefined;
    let length = 0;
    let uncompressed = 0;
    let records = 0;
    for (;;) {
      const record = this.pending ?? this.next();
      this.pending = undefined;
      if (!record) {
        this.finished = true;
        break;
      }
      // Sizes are measured uncompressed, so a batch never exceeds the target once compressed.
      const size = record.ownerLength + record.restLength;
      if (records > 0 && uncompressed + size > TRANSFER_MESSAGE_OCTETS) {
        this.pending = record;
        break;
      }
      if (records === 0xffff) {
        this.pending = record;
        break;
      }
      let target = out;
      if (length + size > out.length) {
        // One record bigger than the scratch (RDATA near 64 KiB): a message of its own.
        target = Buffer.allocUnsafe(length + size);
        out.copy(target, 0, 0, length);
      }
      length = writeOwner(record, target, length, base, names);
      target.set(record.buffer.subarray(record.restStart, record.restStart + record.restLength), length);
      length += record.restLength;
      uncompressed += size;
      records++;
      if (target !== out) {
        this.bodies.push({ octets: target.subarray(0, length), records });
        return;
      }
    }
    // A transfer always has at least one message (an empty zone cannot be served: it has no SOA).
    if (records > 0 || this.bodies.length === 0) {
      const octets = Buffer.allocUnsafeSlow(length);
      out.copy(octets, 0, 0, length);
      this.bodies.push({ octets, records });
    }
  }
}

/**
 * Writes the owner at `out[offset]`, as a pointer to an earlier identical
 * suffix in the same message when there is one (matched octet for octet, so
 * letter case survives compression, as src/wire/name-compression.ts does).
 */
function writeOwner(record: WireRecord, out: Buffer, offset: number, base: number, names: Map<string, number> | undefined): number {
  const wire = record.buffer;
  const start = record.ownerStart;
  const end = start + record.ownerLength;
  if (!names) {
    out.set(wire.subarray(start, end), offset);
    return offset + record.ownerLength;
  }
  let o = offset;
  for (let i = start; wire[i] !== 0; i += wire[i]! + 1) {
    const key = wire.toString('latin1', i, end);
    const pointer = names.get(key);
    if (pointer !== undefined) {
      out[o++] = 0xc0 | (pointer >> 8);
      out[o++] = pointer & 0xff;
      return o;
    }
    const here = base + o;
    if (here <= MAX_POINTER_OFFSET) names.set(key, here);
    const len = wire[i]!;
    for (let j = i; j <= i + len; j++) out[o++] = wire[j]!;
  }
  out[o++] = 0;
  return o;
}

/** A cursor over DnsRecords (RDATA as objects or octets), each encoded uncompressed on the way. */
export function dnsRecordCursor(records: readonly DnsRecord[]): WireRecordCursor {
  let i = 0;
  const plain = new NameCompressor(false);
  return () => {
    const record = records[i++];
    if (!record) return undefined;
    const wire = encodeRecord(record, 0, plain);
    const ownerLength = wireNameLength(wire, 0);
    return { buffer: wire, ownerStart: 0, ownerLength, restStart: ownerLength, restLength: wire.length - ownerLength };
  };
}

/** Where a served zone's transfer encodings come from. */
export interface TransferSource {
  /** Records in transfer order (SOA counted twice). */
  readonly recordCount: number;
  /** The encoding for this compression setting, and a question name of `originWireLength` octets. */
  encoding(compress: boolean, originWireLength: number): TransferEncoding;
}

/** A TransferSource over a cursor factory, keeping one encoding per compression setting and question length. */
export class CachingTransferSource implements TransferSource {
  private readonly encodings = new Map<string, TransferEncoding>();

  constructor(readonly recordCount: number, private readonly cursor: () => WireRecordCursor) {}

  encoding(compress: boolean, originWireLength: number): TransferEncoding {
    const key = `${compress ? 1 : 0}|${originWireLength}`;
    let encoding = this.encodings.get(key);
    if (!encoding) this.encodings.set(key, (encoding = new TransferEncoding(this.cursor(), compress, 12 + originWireLength + 4)));
    return encoding;
  }
}

const byRecordList = new WeakMap<readonly DnsRecord[], CachingTransferSource>();

/**
 * The transfer source of a zone that only lists its records (ServedZone.transferRecords):
 * cached as long as the zone hands out the same list, so again once per content.
 */
export function recordListSource(records: readonly DnsRecord[]): TransferSource {
  let source = byRecordList.get(records);
  if (!source) byRecordList.set(records, (source = new CachingTransferSource(records.length, () => dnsRecordCursor(records))));
  return source;
}

export interface ZoneTransferOptions {
  id: number;
  question: Question;
  source: TransferSource;
  compress: boolean;
  /** EDNS for the first message (RFC 5936 §2.2: OPT in the first message only), as the responder computed it. */
  edns?: { udpPayloadSize: number; dnssecOk?: boolean };
  /** The REFUSED answer to send instead, when the server will not start another transfer. */
  refusal: () => Buffer;
}

/** One transfer in progress: its messages, framed for TCP, one at a time. */
export class ZoneTransfer {
  /** Records and octets handed out so far (for the query log). */
  recordsSent = 0;
  octetsSent = 0;
  private index = 0;
  /** The shared encoding this transfer reads (the same object for every transfer of the same content). */
  readonly encoding: TransferEncoding;
  private readonly question: Buffer;

  constructor(private readonly options: ZoneTransferOptions) {
    const name = nameToWire(options.question.name);
    this.question = Buffer.allocUnsafe(name.length + 4);
    name.copy(this.question, 0);
    this.question.writeUInt16BE(typeNumber(options.question.type), name.length);
    this.question.writeUInt16BE(classNumber(options.question.class ?? 'IN'), name.length + 2);
    this.encoding = options.source.encoding(options.compress, name.length);
  }

  get recordCount(): number {
    return this.options.source.recordCount;
  }

  refusal(): Buffer {
    return this.options.refusal();
  }

  /** The next message with its 2-octet TCP length in front, or undefined when all were handed out. */
  nextFrame(): Buffer | undefined {
    const message = this.message(this.index);
    if (!message) return undefined;
    this.index++;
    return message;
  }

  /** Every message, unframed (for callers of respond() that want them all at once). */
  messages(): Buffer[] {
    const out: Buffer[] = [];
    this.encoding.all();
    for (let i = 0; ; i++) {
      const framed = this.message(i, false);
      if (!framed) return out;
      out.push(framed);
    }
  }

  private message(index: number, framed = true): Buffer | undefined {
    const body = this.encoding.body(index);
    if (!body) return undefined;
    const first = index === 0;
    const opt = first && this.options.edns ? 11 : 0;
    const head = (framed ? 2 : 0) + 12 + (first ? this.question.length : 0);
    const length = head + body.octets.length + opt;
    const out = Buffer.allocUnsafe(length);
    let o = 0;
    if (framed) {
      out.writeUInt16BE(length - 2, 0);
      o = 2;
    }
    out.writeUInt16BE(this.options.id & 0xffff, o);
    out.writeUInt16BE(0x8480, o + 2); // QR, AA, RA; opcode QUERY, NOERROR
    out.writeUInt16BE(first ? 1 : 0, o + 4);
    out.writeUInt16BE(body.records, o + 6);
    out.writeUInt16BE(0, o + 8);
    out.writeUInt16BE(opt ? 1 : 0, o + 10);
    o += 12;
    if (first) {
      this.question.copy(out, o);
      o += this.question.length;
    }
    body.octets.copy(out, o);
    o += body.octets.length;
    if (opt) {
      const edns = this.options.edns!;
      out[o] = 0; // root owner
      out.writeUInt16BE(41, o + 1);
      out.writeUInt16BE(edns.udpPayloadSize, o + 3);
      out.writeUInt32BE(edns.dnssecOk ? 0x8000 : 0, o + 5); // extended RCODE 0, version 0, DO
      out.writeUInt16BE(0, o + 9);
    }
    if (framed) {
      this.recordsSent += body.records;
      this.octetsSent += length - 2;
    }
    return out;
  }
}
