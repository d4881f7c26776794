// Strict message decoder. Pure: bytes in, a decoded message or a
// WireFormatError out (never an untyped exception, never a hang: every loop is
// bounded by the message length). Each record keeps where it sat in the
// message, so findings can point at octets as well as positions.

import { WireFormatError } from '../errors.js';
import { parseHeaderFlags, type DnsMessage, type DnsRecord, type Edns, type Question } from './message.js';
import { labelsToName, MAX_NAME_OCTETS } from './name.js';
import { decodeRdata } from './rdata.js';
import { className, typeName } from './rrtype.js';

export type SectionName = 'answer' | 'authority' | 'additional';

export interface DecodedRecord extends DnsRecord {
  class: string;
  ttl: number;
  section: SectionName;
  /** Position within its section, from 0. */
  index: number;
  /** Octet offset of the owner name. */
  offset: number;
  rdataOffset: number;
  rdlength: number;
  /** The RDATA octets as they were on the wire (names may be compressed). */
  rdata: Buffer;
  typeCode: number;
  classCode: number;
}

export interface DecodedMessage extends DnsMessage {
  answers: DecodedRecord[];
  authorities: DecodedRecord[];
  additionals: DecodedRecord[];
  /** Section counts as the header states them. */
  counts: { questions: number; answers: number; authorities: number; additionals: number };
  /** Octets after the last record the header announced. */
  trailingOctets: number;
  size: number;
}

export interface DecodeOptions {
  /** RFC 1035 pointers point to a *prior* occurrence; some parsers accept forward ones. Default false. */
  allowForwardPointers?: boolean;
}

export interface DecodedName {
  name: string;
  labels: Buffer[];
  /** Offset just after the name as it sits in the message (after a pointer, 2 octets). */
  end: number;
  compressed: boolean;
}

const MAX_POINTER_HOPS = 127;

export function readName(buf: Buffer, start: number, options: DecodeOptions = {}): DecodedName {
  const labels: Buffer[] = [];
  let offset = start;
  let end = -1;
  let hops = 0;
  let total = 1;
  // Without forward pointers each jump goes strictly backwards, which bounds the walk.
  let limit = start;
  for (;;) {
    if (offset >= buf.length) throw new WireFormatError('ERR_NAME_TRUNCATED', 'name runs past the end of the message', offset);
    const len = buf[offset]!;
    if (len === 0) {
      if (end < 0) end = offset + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (offset + 1 >= buf.length) throw new WireFormatError('ERR_NAME_TRUNCATED', 'compression pointer cut short', offset);
      const target = ((len & 0x3f) << 8) | buf[offset + 1]!;
      if (end < 0) end = offset + 2;
      if (++hops > MAX_POINTER_HOPS) throw new WireFormatError('ERR_NAME_POINTER_LOOP', 'compression pointers loop', offset);
      if (!options.allowForwardPointers) {
        // A target inside this name (at or after `limit`) can only lead back here.
        if (target >= offset) {
          throw new WireFormatError('ERR_NAME_FORWARD_POINTER', `compression pointer to ${target} does not point to a prior name`, offset);
        }
        if (target >= limit) throw new WireFormatError('ERR_NAME_POINTER_LOOP', `compression pointer to ${target} loops`, offset);
        limit = target;
      }
      if (target >= buf.length) throw new WireFormatError('ERR_NAME_BAD_POINTER', `compression pointer to ${target} is past the end`, offset);
      offset = target;
      continue;
    }
    if (kind !== 0) throw new WireFormatError('ERR_NAME_BAD_LABEL', `label type 0x${kind.toString(16)} is not supported`, offset);
    if (offset + 1 + len > buf.length) throw new WireFormatError('ERR_NAME_TRUNCATED', 'label runs past the end of the message', offset);
    total += len + 1;
    if (total > MAX_NAME_OCTETS) throw new WireFormatError('ERR_NAME_TOO_LONG', 'name longer than 255 octets', offset);
    labels.push(buf.subarray(offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
  return { name: labelsToName(labels), labels, end, compressed: hops > 0 };
}

export function decodeMessage(input: Uint8Array, options: DecodeOptions = {}): DecodedMessage {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length < 12) throw new WireFormatError('ERR_SHORT_HEADER', `message of ${buf.length} octets has no complete header`, 0);
  const counts = {
    questions: buf.readUInt16BE(4),
    answers: buf.readUInt16BE(6),
    authorities: buf.readUInt16BE(8),
    additionals: buf.readUInt16BE(10),
  };
  let offset = 12;
  const questions: Question[] = [];
  for (let i = 0; i < counts.questions; i++) {
    const name = readName(buf, offset, options);
    offset = name.end;
    if (offset + 4 > buf.length) throw new WireFormatError('ERR_TRUNCATED', `question ${i} cut short`, offset);
    questions.push({ name: name.name, type: typeName(buf.readUInt16BE(offset)), class: className(buf.readUInt16BE(offset + 2)) });
    offset += 4;
  }
  let edns: Edns | undefined;
  const sections: Array<[SectionName, number, DecodedRecord[]]> = [
    ['answer', counts.answers, []], ['authority', counts.authorities, []], ['additional', counts.additionals, []],
  ];
  for (const [section, count, records] of sections) {
    for (let i = 0; i < count; i++) {
      const start = offset;
      const owner = readName(buf, offset, options);
      offset = owner.end;
      if (offset + 10 > buf.length) {
        throw new WireFormatError('ERR_TRUNCATED', `${section} record ${i} cut short (header says ${count})`, offset);
      }
      const typeCode = buf.readUInt16BE(offset);
      const classCode = buf.readUInt16BE(offset + 2);
      const ttl = buf.readUInt32BE(offset + 4);
      const rdlength = buf.readUInt16BE(offset + 8);
      const rdataOffset = offset + 10;
      if (rdataOffset + rdlength > buf.length) {
        throw new WireFormatError('ERR_RDATA_OVERRUN', `${section} record ${i}: RDLENGTH ${rdlength} runs past the end`, rdataOffset);
      }
      offset = rdataOffset + rdlength;
      if (typeCode === 41) {
        if (section !== 'additional' || edns) throw new WireFormatError('ERR_BAD_OPT', 'OPT record outside the additional section or repeated', start);
        edns = decodeOpt(buf, classCode, ttl, rdataOffset, rdlength);
        continue;
      }
      records.push({
        name: owner.name, type: typeName(typeCode), class: className(classCode), ttl,
        data: decodeRdata(typeCode, buf, rdataOffset, rdlength),
        section, index: records.length, offset: start, rdataOffset, rdlength,
        rdata: Buffer.from(buf.subarray(rdataOffset, rdataOffset + rdlength)), typeCode, classCode,
      });
    }
  }
  return {
    id: buf.readUInt16BE(0),
    ...parseHeaderFlags(buf.readUInt16BE(2)),
    questions,
    answers: sections[0][2],
    authorities: sections[1][2],
    additionals: sections[2][2],
    edns,
    counts,
    trailingOctets: buf.length - offset,
    size: buf.length,
  };
}

function decodeOpt(buf: Buffer, udpPayloadSize: number, ttl: number, start: number, length: number): Edns {
  const options: Array<{ code: number; data: Buffer }> = [];
  let offset = start;
  const end = start + length;
  while (offset < end) {
    if (offset + 4 > end) throw new WireFormatError('ERR_BAD_OPT', 'EDNS option header cut short', offset);
    const code = buf.readUInt16BE(offset);
    const len = buf.readUInt16BE(offset + 2);
    if (offset + 4 + len > end) throw new WireFormatError('ERR_BAD_OPT', 'EDNS option runs past the OPT RDATA', offset);
    options.push({ code, data: Buffer.from(buf.subarray(offset + 4, offset + 4 + len)) });
    offset += 4 + len;
  }
  return { udpPayloadSize, extendedRcode: ttl >>> 24, version: (ttl >>> 16) & 0xff, dnssecOk: (ttl & 0x8000) !== 0, options };
}
