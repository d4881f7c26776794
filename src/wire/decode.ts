// Strict message decoder. Pure: bytes in, a decoded message or a
// WireFormatError out (never an untyped exception, never a hang: every loop is
// bounded by the message length). Each record keeps where it sat in the
// message, so findings can point at octets as well as positions.

import type { ErrorCode } from '../error-codes.js';
import { WireFormatError } from '../errors.js';
import { parseHeaderFlags, type DnsMessage, type DnsRecord, type Edns, type Question } from './message.js';
import { labelsToName } from '../rdata/name.js';
import { rdataToValue } from '../rdata/value.js';
import { readCompressedName, type NameProblem } from '../rdata/name-reader.js';
import { className, RRTYPE, typeName } from '../rdata/registry.js';

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
  /** Refuse RDATA its type's own check finds invalid (rdata/validate.ts: ZONEMD's reserved scheme/algorithm, digest length). Default false. */
  validate?: boolean;
}

export interface DecodedName {
  name: string;
  labels: Buffer[];
  /** Offset just after the name as it sits in the message (after a pointer, 2 octets). */
  end: number;
  compressed: boolean;
}

/** Pointers beyond this many in one name are a loop (without forward pointers each jump goes back, so fewer suffice). */
const MAX_POINTER_HOPS = 127;

const NAME_ERRORS: Record<NameProblem, [ErrorCode, (target?: number) => string]> = {
  'past-end': ['ERR_NAME_TRUNCATED', () => 'name runs past the end of the message'],
  'pointer-cut-short': ['ERR_NAME_TRUNCATED', () => 'compression pointer cut short'],
  'pointer-past-end': ['ERR_NAME_BAD_POINTER', (t) => `compression pointer to ${t} is past the end`],
  'too-many-pointers': ['ERR_NAME_POINTER_LOOP', () => 'compression pointers loop'],
  'pointer-loop': ['ERR_NAME_POINTER_LOOP', () => 'compression pointers loop'],
  'forward-pointer': ['ERR_NAME_FORWARD_POINTER', (t) => `compression pointer to ${t} does not point to a prior name`],
  // A target inside this name (at or after the last jump) can only lead back here.
  'not-behind-last-jump': ['ERR_NAME_POINTER_LOOP', (t) => `compression pointer to ${t} loops`],
  'bad-label-type': ['ERR_NAME_BAD_LABEL', () => 'label type is not supported'],
  'label-past-end': ['ERR_NAME_TRUNCATED', () => 'label runs past the end of the message'],
  'too-long': ['ERR_NAME_TOO_LONG', () => 'name longer than 255 octets'],
};

/** The name at `start` of a message, read strictly (WireFormatError for anything RFC 1035 does not allow). */
export function readName(buf: Buffer, start: number, options: DecodeOptions = {}): DecodedName {
  const read = readCompressedName(buf, start, { forwardPointers: options.allowForwardPointers ?? false, loopBound: MAX_POINTER_HOPS },
    (problem, offset, detail) => {
      const [code, message] = NAME_ERRORS[problem];
      const text = problem === 'bad-label-type' ? `label type 0x${(buf[offset]! & 0xc0).toString(16)} is not supported` : message(detail.target);
      throw new WireFormatError(code, text, offset);
    });
  return { name: labelsToName(read.labels), labels: read.labels, end: read.next, compressed: read.pointers > 0 };
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
      if (typeCode === RRTYPE.OPT) {
        if (section !== 'additional' || edns) throw new WireFormatError('ERR_BAD_OPT', 'OPT record outside the additional section or repeated', start);
        edns = decodeOpt(buf, classCode, ttl, rdataOffset, rdlength);
        continue;
      }
      records.push({
        name: owner.name, type: typeName(typeCode), class: className(classCode), ttl,
        data: rdataToValue(typeCode, buf, rdataOffset, rdlength, options),
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
