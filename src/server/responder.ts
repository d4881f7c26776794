// The pure responder: query octets in, response octets (or a drop) out, plus
// what the counters need. No sockets, no clocks, no state, no cache: the UDP
// and TCP shells (udp.ts, tcp.ts) feed it through the response cache
// (response-cache.ts), which wraps it from outside; the same query always gets
// the same answer, which is what makes that cache exact. It is the only code
// that turns a lookup result into response octets (scenario-query.ts is the
// library's way in). How an answer is encoded (compression, truncation, a
// mutation) comes with the lookup result as data (lookup.ts EncodingPolicy).
// Zone transfers come back as a ZoneTransfer (transfer.ts) reading an
// encoding the zone keeps for its content; the TCP shell streams it.

import { decodeMessage, type DecodedMessage } from '../wire/decode.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage, RCODE, type DnsMessage, type Edns } from '../wire/message.js';
import { applyMutationToFit } from '../wire/mutate.js';
import { nameKey, safeKey } from '../rdata/name.js';
import { udpLimit } from './answer-key.js';
import { DEFAULT_ENCODING, type LookupResult } from './lookup.js';
import type { Outcome, ResponseInfo, Transport } from './outcome.js';
import { recordListSource, ZoneTransfer } from './transfer.js';
import type { ZoneSet } from './zone-set.js';

const BADVERS = 16;

export interface ResponderContext {
  zones: ZoneSet;
  transport: Transport;
  /** Largest UDP response we send whatever the client advertises; also the payload size we advertise. */
  maxUdpPayload: number;
  /** Overrides every answer's compression (its EncodingPolicy) when set. */
  compress?: boolean;
  /** TCP: hand zone transfers back as a ZoneTransfer to stream, not as every message at once. */
  streamTransfers?: boolean;
}

/** A query read far enough to answer from its fields, or what to do instead (a drop, a header-only answer). */
export type ReadQuery = { kind: 'query'; query: DecodedMessage } | Outcome;

export function respond(query: Uint8Array, context: ResponderContext): Outcome {
  const read = readQuery(query);
  return read.kind === 'query' ? answerDecoded(read.query, context) : read;
}

/** The first half of `respond`: drops and answers to queries that do not decode. */
export function readQuery(query: Uint8Array): ReadQuery {
  if (query.length < 12) return { kind: 'drop', reason: 'malformed' };
  const buf = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
  const flags = buf.readUInt16BE(2);
  if (flags & 0x8000) return { kind: 'drop', reason: 'qr-set' };
  const opcode = (flags >> 11) & 0xf;

  let decoded: DecodedMessage;
  try {
    decoded = decodeMessage(buf);
  } catch {
    return headerOnly(buf, opcode === 0 ? RCODE.FORMERR : RCODE.NOTIMP);
  }
  // RFC 1035 leaves QDCOUNT > 1 undefined and nobody answers it; records in a query's answer section are nonsense.
  if (opcode === 0 && !oneQuestion(decoded)) return headerOnly(buf, RCODE.FORMERR);
  return { kind: 'query', query: decoded };
}

/** The second half of `respond`: the answer to a decoded query. */
export function answerDecoded(decoded: DecodedMessage, context: ResponderContext): Outcome {
  if (decoded.opcode !== 0) return reply(decoded, context, { rcode: RCODE.NOTIMP, aa: false, answers: [], authorities: [], additionals: [], zone: '' });
  if (!oneQuestion(decoded)) return reply(decoded, context, empty(RCODE.FORMERR));
  if (decoded.edns && (decoded.edns.version ?? 0) > 0) return reply(decoded, context, empty(BADVERS));

  const question = decoded.questions[0]!;
  const qtype = question.type;
  if (question.class !== 'IN' && !(question.class === 'ANY' && qtype !== 'AXFR')) return reply(decoded, context, empty(RCODE.REFUSED));
  const zone = context.zones.find(question.name);
  if (!zone) return reply(decoded, context, empty(RCODE.REFUSED));

  if (qtype === 'AXFR' || qtype === 'IXFR') return transfer(decoded, context);
  return reply(decoded, context, zone.lookup(question.name, qtype));
}

function oneQuestion(query: DecodedMessage): boolean {
  return query.questions.length === 1 && query.answers.length === 0;
}

function empty(rcode: number): LookupResult {
  return { rcode, aa: false, answers: [], authorities: [], additionals: [], zone: '' };
}

/** Answer to a query we cannot parse: its header (id, opcode, RD) with an rcode and no sections. */
function headerOnly(query: Buffer, rcode: number): Outcome {
  const out = Buffer.alloc(12);
  out.writeUInt16BE(query.readUInt16BE(0), 0);
  const flags = query.readUInt16BE(2);
  out.writeUInt16BE(0x8000 | (flags & 0x7900) | 0x0080 | rcode, 2); // QR, opcode, RD copied, RA
  return { kind: 'reply', messages: [out], info: { followUp: false, rcode, answers: 0, tc: false, transfer: false } };
}

function responseEdns(query: DecodedMessage, context: ResponderContext, rcode: number): Edns | undefined {
  if (!query.edns) return undefined;
  return { udpPayloadSize: context.maxUdpPayload, extendedRcode: rcode >> 4, dnssecOk: query.edns.dnssecOk };
}

function reply(query: DecodedMessage, context: ResponderContext, result: LookupResult): Extract<Outcome, { kind: 'reply' }> {
  const encoding = result.encoding ?? DEFAULT_ENCODING;
  const compress = context.compress ?? encoding.compress;
  const message: DnsMessage = emptyMessage({
    id: query.id, qr: true, opcode: query.opcode, aa: result.aa, rd: query.rd, ra: true, cd: query.cd,
    rcode: result.rcode & 0xf,
    // The question exactly as the client wrote it (letter case included).
    questions: query.questions.slice(0, 1),
    answers: result.answers, authorities: result.authorities, additionals: result.additionals,
    edns: responseEdns(query, context, result.rcode),
  });
  let bytes = encodeMessage(message, { compress });
  let tc = false;
  let mutation: ResponseInfo['mutation'];
  let answers = message.answers.length;
  const limit = context.transport === 'udp' ? udpLimit(query, context.maxUdpPayload) : 0xffff;
  if (bytes.length > limit) {
    const fit = truncate(message, limit, encoding.truncation, compress);
    bytes = fit.bytes;
    answers = fit.answers;
    tc = true;
  } else if (encoding.mutation && !result.followUp && result.rcode === RCODE.NOERROR) {
    // The scenario's breakage, applied to the octets (src/wire/mutate.ts); follow-ups stay well-formed.
    // Asked with another qtype the answer may lack the record the scenario names: see applyMutationToFit.
    const fitted = applyMutationToFit(encoding.mutation.name, bytes, { record: encoding.mutation.record });
    bytes = fitted.bytes;
    if (fitted.fit !== 'as-named') mutation = fitted.fit;
  }
  const question = query.questions[0];
  return {
    kind: 'reply', messages: [bytes],
    info: {
      qname: question?.name, qtype: question?.type, zone: result.zone || undefined, scenario: result.scenario,
      followUp: result.followUp ?? false, rcode: result.rcode, answers, tc, transfer: false, mutation,
      questionKey: question ? questionKey(question.name, question.type) : undefined,
    },
  };
}

/** TC with no records ('empty') or with the longest prefix of the answer section that fits ('partial'). */
function truncate(message: DnsMessage, limit: number, mode: 'empty' | 'partial', compress: boolean): { bytes: Buffer; answers: number } {
  const build = (count: number) =>
    encodeMessage({ ...message, tc: true, answers: message.answers.slice(0, count), authorities: [], additionals: [] }, { compress });
  if (mode === 'empty') return { bytes: build(0), answers: 0 };
  let low = 0;
  let high = message.answers.length - 1;
  let best = build(0);
  let bestCount = 0;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = build(mid);
    if (candidate.length <= limit) {
      best = candidate;
      bestCount = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return { bytes: best, answers: bestCount };
}

function transfer(query: DecodedMessage, context: ResponderContext): Outcome {
  const question = query.questions[0]!;
  const zone = context.zones.find(question.name);
  const apex = zone !== undefined && nameKey(zone.origin) === nameKey(question.name);
  // Only whole, finite zones are transferred, and only from their apex.
  let source = apex ? zone.transferSource?.() : undefined;
  const records = apex && !source ? zone.transferRecords() : undefined;
  if (records) source = recordListSource(records);
  if (!source) return reply(query, context, { ...empty(RCODE.REFUSED), zone: zone?.origin ?? '' });
  const origin = zone!.origin;
  if (context.transport === 'udp') {
    if (question.type === 'IXFR') {
      // RFC 1995 §2: an IXFR over UDP that does not fit is answered with the SOA alone, meaning "ask over TCP".
      const soa = records?.[0] ?? zone!.lookup(origin, 'SOA').answers[0];
      if (soa) return reply(query, context, { rcode: RCODE.NOERROR, aa: true, answers: [soa], authorities: [], additionals: [], zone: origin });
    }
    // RFC 5936 §4.2: AXFR is a TCP protocol.
    return reply(query, context, { ...empty(RCODE.REFUSED), zone: origin });
  }
  const stream = new ZoneTransfer({
    id: query.id, question, source, compress: context.compress ?? true, edns: responseEdns(query, context, 0),
    refusal: () => reply(query, context, { ...empty(RCODE.REFUSED), zone: origin }).messages[0]!,
  });
  const info: ResponseInfo = {
    qname: question.name, qtype: question.type, zone: origin, followUp: false, rcode: RCODE.NOERROR, answers: stream.recordCount, tc: false,
    transfer: true, questionKey: questionKey(question.name, question.type),
  };
  if (context.streamTransfers) return { kind: 'reply', messages: [], info, transfer: stream };
  return { kind: 'reply', messages: stream.messages(), info };
}

export function questionKey(qname: string, qtype: string): string {
  return `${safeKey(qname)} ${qtype}`;
}

/** SERVFAIL for a query whose handling threw; undefined when not even the header is readable. */
export function servfailFor(query: Uint8Array): Buffer | undefined {
  if (query.length < 12) return undefined;
  const buf = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
  if (buf.readUInt16BE(2) & 0x8000) return undefined;
  const outcome = headerOnly(buf, RCODE.SERVFAIL);
  return outcome.kind === 'reply' ? outcome.messages[0] : undefined;
}
