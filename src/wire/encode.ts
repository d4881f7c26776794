// Message encoder: header, questions, then every record in exactly the order
// given (the whole point of dnsorder), optionally with name compression.
// RDATA comes from the record layer (rdata/value.ts); dns-packet still writes
// the OPT pseudo-record (its EDNS option codecs are not worth re-doing).

import { EncodeError } from '../errors.js';
import { DNSSEC_OK_FLAG, dnsPacketEncodeRecord } from './dns-packet-internals.js';
import { headerFlags, type DnsMessage, type DnsRecord, type Edns, type Question } from './message.js';
import { NameCompressor } from './name-compression.js';
import { classNumber, RRTYPE, typeNumber } from '../rdata/registry.js';
import { rdataFromValue } from '../rdata/value.js';

export interface EncodeOptions {
  /** RFC 1035 §4.1.4 name compression (default true: real servers compress). */
  compress?: boolean;
}

export function encodeMessage(message: DnsMessage, options: EncodeOptions = {}): Buffer {
  const names = new NameCompressor(options.compress ?? true);
  const chunks: Buffer[] = [];
  let offset = 12;
  const push = (b: Buffer) => {
    chunks.push(b);
    offset += b.length;
  };

  const additionalCount = message.additionals.length + (message.edns ? 1 : 0);
  for (const [field, count] of [['questions', message.questions.length], ['answers', message.answers.length],
    ['authorities', message.authorities.length], ['additionals', additionalCount]] as const) {
    if (count > 0xffff) throw new EncodeError('ERR_TOO_MANY_RECORDS', `${count} ${field} do not fit a 16-bit count`);
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(message.id & 0xffff, 0);
  header.writeUInt16BE(headerFlags(message), 2);
  header.writeUInt16BE(message.questions.length, 4);
  header.writeUInt16BE(message.answers.length, 6);
  header.writeUInt16BE(message.authorities.length, 8);
  header.writeUInt16BE(additionalCount, 10);
  chunks.push(header);

  for (const q of message.questions) push(encodeQuestion(q, offset, names));
  for (const section of [message.answers, message.authorities, message.additionals]) {
    for (const record of section) push(encodeRecord(record, offset, names));
  }
  if (message.edns) push(encodeOpt(message.edns));
  return Buffer.concat(chunks);
}

function encodeQuestion(q: Question, offset: number, names: NameCompressor): Buffer {
  const name = names.encode(q.name, offset);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(typeNumber(q.type), 0);
  tail.writeUInt16BE(classNumber(q.class ?? 'IN'), 2);
  return Buffer.concat([name, tail]);
}

/** One resource record written at `offset` of the message. */
export function encodeRecord(record: DnsRecord, offset: number, names: NameCompressor): Buffer {
  const type = typeNumber(record.type);
  if (type === RRTYPE.OPT) throw new EncodeError('ERR_OPT_AS_RECORD', 'put EDNS in message.edns, not in a section');
  const owner = names.encode(record.name, offset);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(classNumber(record.class ?? 'IN'), 2);
  fixed.writeUInt32BE((record.ttl ?? 0) >>> 0, 4);
  const rdataOffset = offset + owner.length + 10;
  // Only the RFC 1035 name-bearing types write their names through `names` (COMPRESSIBLE_RDATA_TYPES).
  const rdata = rdataFromValue(type, record.data, rdataOffset, names);
  if (rdata.length > 0xffff) throw new EncodeError('ERR_RDATA_TOO_LONG', `RDATA of ${rdata.length} octets`);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([owner, fixed, rdata]);
}

function encodeOpt(edns: Edns): Buffer {
  return dnsPacketEncodeRecord({
    type: 'OPT',
    name: '.',
    udpPayloadSize: edns.udpPayloadSize,
    extendedRcode: edns.extendedRcode ?? 0,
    ednsVersion: edns.version ?? 0,
    flags: edns.dnssecOk ? DNSSEC_OK_FLAG : 0,
    options: (edns.options ?? []).map((o) => ({ code: o.code, data: o.data })),
  });
}
