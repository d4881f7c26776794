// Bounds-checked reading of DNS octets for the models. Libraries disagree on
// the details (may a pointer go forward? how many pointers? what is "the end"?),
// so each call says which rules apply to the one compressed-name reader
// (rdata/name-reader.ts); src/wire/decode.ts's strict rules are not theirs.
//
// A ModelFault is how a model's walk says "the library gives up here"; the
// model boundary (define-model.ts) turns it into that library's error value.

import { DnsorderError } from '../errors.js';
import { formatIpv6 } from '../rdata/text-values.js';
import { labelsToName } from '../rdata/name.js';
import { RRTYPE } from '../rdata/registry.js';
import { readCompressedName, type NameProblem } from '../rdata/name-reader.js';

export class ModelFault extends DnsorderError {}

export function fault(code: string, text: string): never {
  throw new ModelFault(code, text);
}

/** `read()`, or undefined when it faults: for libraries that note a parse error and carry on. */
export function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof ModelFault) return undefined;
    throw err;
  }
}

export interface NameRules {
  /** Error code the library reports for a name it cannot read. */
  faultCode: string;
  /** RFC 1035 pointers point to a prior occurrence; glibc, c-ares < 1.26, Go and JNDI also follow forward ones. */
  forwardPointers: boolean;
  /**
   * What a backward pointer must precede: the previous jump target (dnspython,
   * systemd, the default) or only the pointer itself (c-ares >= 1.26).
   */
  backwardOf?: 'last-jump' | 'pointer';
  /** Most pointers followed in one name (Go: 10). Without it, a loop is caught by counting hops against the message size. */
  maxPointers?: number;
  /** First octet the reader may not touch (default: the message length). */
  end?: number;
}

export interface WireName {
  labels: Buffer[];
  /** Offset just after the name where it sits (after a pointer: 2 octets). */
  next: number;
}

export function readName(buf: Buffer, start: number, rules: NameRules): WireName {
  // Without a pointer limit, a loop is caught by counting hops against the message size.
  const read = readCompressedName(buf, start, {
    forwardPointers: rules.forwardPointers, backwardOf: rules.backwardOf ?? 'last-jump', maxPointers: rules.maxPointers,
    loopBound: rules.end ?? buf.length, end: rules.end,
  }, (problem, offset) => fault(rules.faultCode, faultText(buf, problem, offset, start, rules)));
  return { labels: read.labels, next: read.next };
}

function faultText(buf: Buffer, problem: NameProblem, pos: number, start: number, rules: NameRules): string {
  switch (problem) {
    case 'past-end':
    case 'pointer-past-end': return `name at octet ${start} runs past the end`;
    case 'pointer-cut-short': return `compression pointer at octet ${pos} cut short`;
    case 'too-many-pointers': return `more than ${rules.maxPointers} compression pointers`;
    case 'pointer-loop': return 'compression pointers loop';
    case 'forward-pointer':
    case 'not-behind-last-jump': return `compression pointer at octet ${pos} does not point backwards`;
    case 'bad-label-type': return `label type 0x${(buf[pos]! & 0xc0).toString(16)} at octet ${pos}`;
    case 'label-past-end': return `label at octet ${pos} runs past the end`;
    case 'too-long': return 'name longer than 255 octets';
  }
}

export interface Header {
  id: number;
  qr: boolean;
  tc: boolean;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

/** The 12-octet header, or undefined when the message is shorter. */
export function readHeader(buf: Buffer): Header | undefined {
  if (buf.length < 12) return undefined;
  const flags = buf.readUInt16BE(2);
  return {
    id: buf.readUInt16BE(0), qr: (flags & 0x8000) !== 0, tc: (flags & 0x0200) !== 0, rcode: flags & 0xf,
    qdcount: buf.readUInt16BE(4), ancount: buf.readUInt16BE(6), nscount: buf.readUInt16BE(8), arcount: buf.readUInt16BE(10),
  };
}

export interface WireRecord {
  owner: Buffer[];
  type: number;
  class: number;
  ttl: number;
  rdlength: number;
  rdataOffset: number;
  /** Offset of the next record (rdataOffset + rdlength). */
  next: number;
}

/** Owner, fixed fields and RDATA bounds of the record at `offset`; faults when any part runs past the end. */
export function readRecord(buf: Buffer, offset: number, rules: NameRules): WireRecord {
  const owner = readName(buf, offset, rules);
  const at = owner.next;
  if (at + 10 > buf.length) fault(rules.faultCode, `record at octet ${offset} cut short`);
  const rdlength = buf.readUInt16BE(at + 8);
  const rdataOffset = at + 10;
  if (rdataOffset + rdlength > buf.length) fault(rules.faultCode, `RDATA of the record at octet ${offset} runs past the end`);
  return {
    owner: owner.labels, type: buf.readUInt16BE(at), class: buf.readUInt16BE(at + 2), ttl: buf.readUInt32BE(at + 4),
    rdlength, rdataOffset, next: rdataOffset + rdlength,
  };
}

/** Offset after the question at `offset` (name, type, class). */
export function skipQuestion(buf: Buffer, offset: number, rules: NameRules): { labels: Buffer[]; type: number; next: number } {
  const name = readName(buf, offset, rules);
  if (name.next + 4 > buf.length) fault(rules.faultCode, 'question cut short');
  return { labels: name.labels, type: buf.readUInt16BE(name.next), next: name.next + 4 };
}

function lower(octet: number): number {
  return octet >= 0x41 && octet <= 0x5a ? octet + 0x20 : octet;
}

/** ASCII case-insensitive comparison of two names (strcasecmp, __ns_samebinaryname, Name.__eq__). */
export function sameName(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.length !== y.length) return false;
    for (let j = 0; j < x.length; j++) if (lower(x[j]!) !== lower(y[j]!)) return false;
  }
  return true;
}

/** True when `name` lies strictly below `ancestor` (DNAME owner test). */
export function isBelow(name: readonly Uint8Array[], ancestor: readonly Uint8Array[]): boolean {
  return name.length > ancestor.length && sameName(name.slice(name.length - ancestor.length), ancestor);
}

/** Presentation text of a name (dnsorder's convention: no trailing dot, escapes as needed). */
export function nameText(labels: readonly Uint8Array[]): string {
  return labelsToName(labels);
}

/**
 * res_hnok / __res_binary_hnok (glibc, BSD): every octet a letter, digit,
 * hyphen or underscore, and the first label does not start with a hyphen.
 */
export function isHostname(labels: readonly Uint8Array[]): boolean {
  if (labels.length > 0 && labels[0]!.length > 0 && labels[0]![0] === 0x2d) return false;
  return labels.every((label) => label.every((c) =>
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f));
}

/** Text of 4 or 16 address octets (IPv6 in RFC 5952 form). */
export function addressText(octets: Uint8Array): string {
  return octets.length === 4 ? Array.from(octets).join('.') : formatIpv6(octets);
}

/** The record layer's type numbers (the models read A, AAAA, CNAME, DNAME, OPT, …). */
export const TYPE = RRTYPE;
export const CLASS_IN = 1;

export function qtypeCode(type: 'A' | 'AAAA'): number {
  return type === 'A' ? TYPE.A : TYPE.AAAA;
}

export function addressLength(typeCode: number): number {
  return typeCode === TYPE.A ? 4 : 16;
}
