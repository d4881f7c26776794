// Named byte-level mutations that turn a valid message into a malformed one.
// Each is a pure function (bytes in, new bytes out) of a valid message, so the
// catalogue, the fuzz tests and the fixture writer share the same breakage.

import { EncodeError } from '../errors.js';
import { decodeMessage, type DecodedRecord } from './decode.js';

export interface MutationOptions {
  /** Record index across answer, authority and additional sections (default 0). */
  record?: number;
  /** For cut-short: how many octets to keep (default: half the message). */
  keep?: number;
}

export type Mutation = (message: Uint8Array, options?: MutationOptions) => Buffer;

function recordsOf(message: Buffer): DecodedRecord[] {
  const decoded = decodeMessage(message, { allowForwardPointers: true });
  return [...decoded.answers, ...decoded.authorities, ...decoded.additionals];
}

function recordAt(message: Buffer, index = 0): DecodedRecord {
  const all = recordsOf(message);
  const record = all[index];
  if (!record) throw new EncodeError('ERR_NO_SUCH_RECORD', `mutation needs record ${index}, message has ${all.length}`);
  return record;
}

function bumpCount(message: Uint8Array, headerOffset: number, delta: number): Buffer {
  const out = Buffer.from(message);
  out.writeUInt16BE((out.readUInt16BE(headerOffset) + delta + 0x10000) & 0xffff, headerOffset);
  return out;
}

/** ANCOUNT one higher than the records present. */
export const answerCountPlusOne: Mutation = (m) => bumpCount(m, 6, +1);
/** ANCOUNT one lower: the last answer record is read as an authority record. */
export const answerCountMinusOne: Mutation = (m) => bumpCount(m, 6, -1);
/** ARCOUNT one higher than the records present. */
export const additionalCountPlusOne: Mutation = (m) => bumpCount(m, 10, +1);

/** One extra octet at the end of a record's RDATA, RDLENGTH raised to match: frames, but the RDATA is wrong. */
export const extendRdata: Mutation = (m, o = {}) => {
  const msg = Buffer.from(m);
  const r = recordAt(msg, o.record);
  const end = r.rdataOffset + r.rdlength;
  const out = Buffer.concat([msg.subarray(0, end), Buffer.from([0xff]), msg.subarray(end)]);
  out.writeUInt16BE(r.rdlength + 1, r.rdataOffset - 2);
  return out;
};

/** RDLENGTH larger than the RDATA: the parser's next record starts inside this one. */
export const overstateRdlength: Mutation = (m, o = {}) => {
  const msg = Buffer.from(m);
  const r = recordAt(msg, o.record);
  msg.writeUInt16BE(r.rdlength + 3, r.rdataOffset - 2);
  return msg;
};

/** The message ends in the middle of a record's RDATA. */
export const truncateRdata: Mutation = (m, o = {}) => {
  const msg = Buffer.from(m);
  const r = recordAt(msg, o.record);
  return msg.subarray(0, r.rdataOffset + Math.max(0, Math.floor(r.rdlength / 2)));
};

/** The message cut short (default: half its length). */
export const cutShort: Mutation = (m, o = {}) => Buffer.from(m).subarray(0, o.keep ?? Math.floor(m.length / 2));

/** The question name becomes a pointer to a record owner that points back to it: a pointer loop. */
export const pointerLoop: Mutation = (m, o = {}) => {
  const msg = Buffer.from(m);
  const r = recordAt(msg, o.record);
  msg.writeUInt16BE(0xc000 | r.offset, 12);
  msg.writeUInt16BE(0xc000 | 12, r.offset);
  return msg;
};

/** A record's owner becomes a pointer to a later offset (RFC 1035 allows only prior ones). */
export const forwardPointer: Mutation = (m, o = {}) => {
  const msg = Buffer.from(m);
  const r = recordAt(msg, o.record);
  const target = Math.min(r.rdataOffset, 0x3fff);
  msg.writeUInt16BE(0xc000 | target, r.offset);
  return msg;
};

/** The first question label's length octet says 64: more than a label may hold (and an extended label type). */
export const labelTooLong: Mutation = (m) => {
  const msg = Buffer.from(m);
  if (msg.length > 12) msg[12] = 64;
  return msg;
};

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'answer-count-plus-one': answerCountPlusOne,
  'answer-count-minus-one': answerCountMinusOne,
  'additional-count-plus-one': additionalCountPlusOne,
  'extend-rdata': extendRdata,
  'overstate-rdlength': overstateRdlength,
  'truncate-rdata': truncateRdata,
  'cut-short': cutShort,
  'pointer-loop': pointerLoop,
  'forward-pointer': forwardPointer,
  'label-too-long': labelTooLong,
};

export function applyMutation(name: string, message: Uint8Array, options?: MutationOptions): Buffer {
  const mutation = MUTATIONS[name];
  if (!mutation) throw new EncodeError('ERR_UNKNOWN_MUTATION', `unknown mutation "${name}"; known: ${Object.keys(MUTATIONS).join(', ')}`);
  return mutation(message, options);
}

/** Mutations that break one record (`MutationOptions.record`); the others work on the header or the whole message. */
export const RECORD_MUTATIONS: ReadonlySet<string> = new Set(['extend-rdata', 'overstate-rdlength', 'truncate-rdata', 'pointer-loop', 'forward-pointer']);

export interface FittedMutation {
  bytes: Buffer;
  /** 'as-named': the record asked for; 'retargeted': the message's last record instead; 'skipped': no record to break, bytes unchanged. */
  fit: 'as-named' | 'retargeted' | 'skipped';
  /** The record index the mutation was applied to (record mutations only). */
  record?: number;
}

/**
 * applyMutation for an answer that may lack the record the mutation names: a
 * scenario written for its own question (say record 2 of a three-record
 * chain) also answers other qtypes, with fewer records. The named record is
 * broken when the message has it, otherwise the last record it has (the
 * nearest to the one named); a message with no record at all goes out
 * unchanged ('skipped'), since there is nothing of the kind to break.
 */
export function applyMutationToFit(name: string, message: Uint8Array, options: MutationOptions = {}): FittedMutation {
  if (!RECORD_MUTATIONS.has(name)) return { bytes: applyMutation(name, message, options), fit: 'as-named' };
  const wanted = options.record ?? 0;
  const count = recordsOf(Buffer.from(message.buffer, message.byteOffset, message.byteLength)).length;
  if (count === 0) return { bytes: Buffer.from(message), fit: 'skipped' };
  const record = Math.min(wanted, count - 1);
  return { bytes: applyMutation(name, message, { ...options, record }), fit: record === wanted ? 'as-named' : 'retargeted', record };
}
