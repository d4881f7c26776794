// Field kinds: the building blocks of the per-type declarations in types.ts.
// Each kind knows its text parser, its wire reader (for wire→text), how to
// step over itself (for validation and canonical form), and its value codec
// (wire ⇄ the JS value a DnsRecord's `data` holds), so a type declared as a
// list of fields gets all of them for free.
//
// Values: numbers for integers, strings for names (no trailing dot), addresses,
// type mnemonics and the other one-token text forms, Buffers for octet fields,
// Buffer[] for TXT-like strings, and — for the composite kinds (LOC, APL,
// IPSECKEY, HIP) — their presentation text.

import { EncodeError } from '../errors.js';
import { readCompressedName } from './name-reader.js';
import { tryTypeNumber, typeName } from './registry.js';
import { FIELD_ERROR_CODES, FieldError } from './errors.js';
import { TOKEN_QUOTED, TOKEN_WORD, type Token } from './token.js';
import { labelsToName, nameToText, nameToWire, ROOT_WIRE, wireNameLength, writeNameFromText } from './name.js';
import { TextCursor } from './text-cursor.js';
import {
  decodeEscapes, formatBase32Hex, base64DecodedLength, formatCharString, formatIpv4, formatIpv6, formatSigTime, parseBase32Hex,
  parseDecimal, parseHex, parseIpv4, parseIpv6, parseSigTime, parseTtl,
} from './text-values.js';
import { RdataTooShortError, WireReader, WireShortError, type WireWriter } from './wire-buffers.js';

/** How names in RDATA are read: may they be compressed (pointers into `r.buf`, the whole message)? */
export interface ValueReadContext {
  readonly decompress: boolean;
}

/** Writes a name at a message offset, compressing it (wire/name-compression.ts's NameCompressor). */
export interface NameWriter {
  encode(name: string, offset: number): Buffer;
}

export interface ValueWriteContext {
  /** Only for the types whose names may be compressed (RFC 3597 §4). */
  readonly names?: NameWriter;
  /** Message offset of the writer's octet 0. */
  readonly base: number;
}

export interface FieldKind {
  readonly id: string;
  parse(c: TextCursor, w: WireWriter, field: string): void;
  format(r: WireReader): string;
  skip(r: WireReader): void;
  /** Wire → value. Throws WireShortError (RdataTooShortError when the RDATA ends early). */
  read(r: WireReader, ctx: ValueReadContext): unknown;
  /** Value → wire. Throws EncodeError ERR_BAD_RDATA for a value of the wrong shape. */
  write(w: WireWriter, value: unknown, ctx: ValueWriteContext, field: string): void;
  /** The field is a domain name (lowercased in canonical form for the RFC 4034 §6.2 types). */
  readonly isName?: boolean;
  /** Octets on the wire when always the same (lets canonical form skip without decoding). */
  readonly size?: number;
}

export function badValue(field: string, value: unknown, why = ''): EncodeError {
  const shown = typeof value === 'string' ? `"${value}"` : Buffer.isBuffer(value) ? 'a Buffer' : JSON.stringify(value) ?? String(value);
  return new EncodeError('ERR_BAD_RDATA', `bad ${field} ${shown}${why ? `: ${why}` : ''}`);
}

function wordTokens(text: string): Token[] {
  return text.trim().split(/\s+/).filter((t) => t !== '').map((t) => ({ kind: TOKEN_WORD, text: t, line: 0, column: 0, escaped: t.includes('\\') }));
}

/**
 * Value → wire for kinds whose value is their presentation text: parsed as
 * zone text would be (relative names are taken as absolute).
 */
export function writeAsText(kind: Pick<FieldKind, 'parse'>, w: WireWriter, value: unknown, field: string): void {
  if (typeof value !== 'string' && typeof value !== 'number') throw badValue(field, value, 'expected text');
  const cursor = new TextCursor(wordTokens(String(value)), field, ROOT_WIRE);
  try {
    kind.parse(cursor, w, field);
  } catch (err) {
    if (err instanceof FieldError) throw badValue(field, value, err.message);
    throw err;
  }
  if (!cursor.atEnd()) throw badValue(field, value, 'trailing text');
}

/** Value codec of kinds whose value is their presentation text. */
export const asText = {
  read(this: FieldKind, r: WireReader): unknown {
    return this.format(r);
  },
  write(this: FieldKind, w: WireWriter, value: unknown, _ctx: ValueWriteContext, field: string): void {
    writeAsText(this, w, value, field);
  },
};

/** An octet-string value: a Buffer or Uint8Array. */
export function octets(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw badValue(field, value, 'expected a Buffer');
}

function unsigned(id: string, octets: 1 | 2 | 4, parseText: (t: string) => number | undefined = (t) => parseDecimal(t, 2 ** (8 * octets) - 1)): FieldKind {
  return {
    id,
    size: octets,
    parse(c, w, field) {
      const t = c.take(field);
      const v = t.kind === TOKEN_QUOTED ? undefined : parseText(t.text);
      if (v === undefined) throw c.bad(field, t.text);
      if (octets === 1) w.u8(v);
      else if (octets === 2) w.u16(v);
      else w.u32(v);
    },
    format(r) {
      return String(octets === 1 ? r.u8() : octets === 2 ? r.u16() : r.u32());
    },
    skip(r) {
      r.need(octets);
      r.pos += octets;
    },
    read: (r) => (octets === 1 ? r.u8() : octets === 2 ? r.u16() : r.u32()),
    write(w, value, _ctx, field) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** (8 * octets) - 1) {
        throw badValue(field, value, `expected an integer 0-${2 ** (8 * octets) - 1}`);
      }
      if (octets === 1) w.u8(value);
      else if (octets === 2) w.u16(value);
      else w.u32(value);
    },
  };
}

export const u8 = unsigned('u8', 1);
export const u16 = unsigned('u16', 2);
export const u32 = unsigned('u32', 4);
/** A 32-bit duration that may use BIND units (SOA timers). */
export const ttl32 = unsigned('ttl', 4, parseTtl);

const ALGORITHMS: Record<string, number> = {
  RSAMD5: 1, DH: 2, DSA: 3, RSASHA1: 5, 'DSA-NSEC3-SHA1': 6, 'RSASHA1-NSEC3-SHA1': 7, RSASHA256: 8, RSASHA512: 10,
  'ECC-GOST': 12, ECDSAP256SHA256: 13, ECDSAP384SHA384: 14, ED25519: 15, ED448: 16, INDIRECT: 252, PRIVATEDNS: 253, PRIVATEOID: 254,
};
/** DNSSEC algorithm number, also accepted as its mnemonic. */
export const algorithm8 = unsigned('algorithm', 1, (t) => parseDecimal(t, 255) ?? ALGORITHMS[t.toUpperCase()]);

const CERT_TYPES: Record<string, number> = { PKIX: 1, SPKI: 2, PGP: 3, IPKIX: 4, ISPKI: 5, IPGP: 6, ACPKIX: 7, IACPKIX: 8, URI: 253, OID: 254 };
const CERT_TYPE_NAMES = new Map(Object.entries(CERT_TYPES).map(([k, v]) => [v, k]));
export const certType16: FieldKind = {
  ...unsigned('cert-type', 2, (t) => parseDecimal(t, 0xffff) ?? CERT_TYPES[t.toUpperCase()]),
  format(r) {
    const v = r.u16();
    return CERT_TYPE_NAMES.get(v) ?? String(v);
  },
};

/** Type tokens repeat endlessly; remembering them spares tryTypeNumber's upper-casing. */
const typeCache = new Map<string, number>();

/** Type number of a mnemonic or TYPEnnn (any case), or undefined. */
export function typeFromText(text: string): number | undefined {
  const cached = typeCache.get(text);
  if (cached !== undefined) return cached;
  const type = tryTypeNumber(text);
  if (type !== undefined && typeCache.size < 4096) typeCache.set(text, type);
  return type;
}

/** RRSIG/SIG "type covered": a type mnemonic or TYPEnnn. */
export const type16: FieldKind = {
  id: 'type',
  size: 2,
  parse(c, w, field) {
    const t = c.take(field);
    const v = typeFromText(t.text);
    if (v === undefined) throw c.bad(field, t.text, 'not a record type');
    w.u16(v);
  },
  format: (r) => typeName(r.u16()),
  skip: (r) => { r.need(2); r.pos += 2; },
  read: (r) => typeName(r.u16()),
  write(w, value, _ctx, field) {
    const v = typeof value === 'number' ? value : typeof value === 'string' ? typeFromText(value) : undefined;
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > 0xffff) throw badValue(field, value, 'not a record type');
    w.u16(v);
  },
};

export const sigTime: FieldKind = {
  id: 'time',
  size: 4,
  parse(c, w, field) {
    const t = c.take(field);
    const v = parseSigTime(t.text);
    if (v === undefined) throw c.bad(field, t.text, 'expected YYYYMMDDHHmmSS');
    w.u32(v);
  },
  format: (r) => formatSigTime(r.u32()),
  skip: (r) => { r.need(4); r.pos += 4; },
  read: (r) => r.u32(),
  write(w, value, _ctx, field) {
    const v = typeof value === 'number' ? value : typeof value === 'string' ? parseSigTime(value) : undefined;
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badValue(field, value, 'expected seconds since the epoch');
    w.u32(v);
  },
};

export const name: FieldKind = {
  id: 'name',
  isName: true,
  parse(c, w, field) {
    const t = c.take(field);
    try {
      w.ensure(255);
      w.pos += writeNameFromText(t.text, c.origin, w.buf, w.pos, c.index - 1);
    } catch (err) {
      if (err instanceof FieldError) throw new FieldError(err.code, `bad ${c.typeName} ${field}: ${err.message}`, c.index - 1);
      throw err;
    }
  },
  format(r) {
    const len = wireNameLength(r.buf, r.pos, r.end);
    if (len < 0) throw new WireShortError('bad domain name in RDATA');
    const text = nameToText(r.buf, r.pos);
    r.pos += len;
    return text;
  },
  skip(r) {
    const len = wireNameLength(r.buf, r.pos, r.end);
    if (len < 0) throw new WireShortError('bad domain name in RDATA');
    r.pos += len;
  },
  read(r, ctx) {
    if (!ctx.decompress) {
      const len = wireNameLength(r.buf, r.pos, r.end);
      if (len < 0) throw new WireShortError('bad domain name in RDATA');
      const labels: Uint8Array[] = [];
      for (let i = r.pos; r.buf[i] !== 0; i += r.buf[i]! + 1) labels.push(r.buf.subarray(i + 1, i + 1 + r.buf[i]!));
      r.pos += len;
      return labelsToName(labels);
    }
    // Pointers may lead anywhere before this name in the message; the name's own octets must stay in the RDATA.
    const read = readCompressedName(r.buf, r.pos, { forwardPointers: false, loopBound: 127 }, (problem, offset) => {
      throw new WireShortError(`bad domain name in RDATA (${problem} at octet ${offset})`);
    });
    if (read.next > r.end) throw new RdataTooShortError(`domain name runs ${read.next - r.end} octets past the RDATA`);
    r.pos = read.next;
    return labelsToName(read.labels);
  },
  write(w, value, ctx, field) {
    if (typeof value !== 'string') throw badValue(field, value, 'expected a domain name');
    let wire: Buffer;
    try {
      wire = ctx.names ? ctx.names.encode(value, ctx.base + w.pos) : nameToWire(value);
    } catch (err) {
      if (err instanceof EncodeError) throw badValue(field, value, err.message);
      throw err;
    }
    w.bytes(wire);
  },
};

/** A fixed-size address field: its text form is read straight into the RDATA. */
function address(
  id: string, size: number, what: string,
  parseInto: (text: string, out: Buffer, at: number) => boolean, format: (octets: Uint8Array) => string,
): FieldKind {
  return {
    id,
    size,
    parse(c, w, field) {
      const t = c.take(field);
      w.ensure(size);
      if (!parseInto(t.text, w.buf, w.pos)) throw c.bad(field, t.text, `not an ${what} address`);
      w.pos += size;
    },
    format: (r) => format(r.bytes(size)),
    skip: (r) => { r.need(size); r.pos += size; },
    ...asText,
  };
}

export const ipv4 = address('ipv4', 4, 'IPv4', parseIpv4, formatIpv4);
export const ipv6 = address('ipv6', 16, 'IPv6', parseIpv6, formatIpv6);

/** Octets with their length octet in front (a <character-string>, a salt, a hash): at most 255. */
function writeLengthPrefixed(w: WireWriter, b: Uint8Array, field: string, value: unknown): void {
  if (b.length > 255) throw badValue(field, value, 'longer than 255 octets');
  w.u8(b.length);
  w.bytes(b);
}

function stringOctets(c: TextCursor, t: Token, field: string): Buffer {
  const b = decodeEscapes(t.text, t.escaped);
  if (b === undefined) throw c.bad(field, t.text, 'bad escape');
  return b;
}

/** One <character-string>: a length octet and up to 255 octets. */
export const charString: FieldKind = {
  id: 'string',
  parse(c, w, field) {
    const t = c.take(field);
    const b = stringOctets(c, t, field);
    if (b.length > 255) throw c.bad(field, t.text.slice(0, 20) + '…', 'longer than 255 octets');
    w.u8(b.length);
    w.bytes(b);
  },
  format: (r) => formatCharString(r.bytes(r.u8())),
  skip: (r) => { const n = r.u8(); r.need(n); r.pos += n; },
  // Octets as latin1 text, so every octet string round-trips.
  read: (r) => Buffer.from(r.bytes(r.u8())).toString('latin1'),
  write(w, value, _ctx, field) {
    const b = typeof value === 'string' ? Buffer.from(value, 'latin1') : octets(value, field);
    writeLengthPrefixed(w, b, field, value);
  },
};

/** One or more <character-string>s up to the end (TXT, SPF). */
export const charStrings: FieldKind = {
  id: 'strings',
  parse(c, w, field) {
    charString.parse(c, w, field);
    while (!c.atEnd()) charString.parse(c, w, field);
  },
  format(r) {
    const parts: string[] = [];
    do parts.push(charString.format(r));
    while (r.remaining() > 0);
    return parts.join(' ');
  },
  skip(r) {
    do charString.skip(r);
    while (r.remaining() > 0);
  },
  read(r) {
    const parts: Buffer[] = [];
    do parts.push(Buffer.from(r.bytes(r.u8())));
    while (r.remaining() > 0);
    return parts;
  },
  // dns-packet's TXT shapes: one string, strings or Buffers; strings as UTF-8.
  write(w, value, _ctx, field) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) throw badValue(field, value, 'needs at least one string');
    for (const item of list) {
      const b = typeof item === 'string' ? Buffer.from(item, 'utf8') : octets(item, field);
      writeLengthPrefixed(w, b, field, item);
    }
  },
};

/** The rest of the RDATA as raw octets written as one string (CAA value, URI target). */
export const rawString: FieldKind = {
  id: 'raw-string',
  parse(c, w, field) {
    const t = c.take(field);
    w.bytes(stringOctets(c, t, field));
  },
  format: (r) => formatCharString(r.rest()),
  skip: (r) => { r.pos = r.end; },
  read: (r) => Buffer.from(r.rest()).toString('latin1'),
  write(w, value, _ctx, field) {
    w.bytes(typeof value === 'string' ? Buffer.from(value, 'latin1') : octets(value, field));
  },
};

/** A CAA property tag: a length octet and letters/digits, written bare. */
export const caaTag: FieldKind = {
  id: 'tag',
  parse(c, w, field) {
    const t = c.take(field);
    if (!/^[A-Za-z0-9]{1,255}$/.test(t.text)) throw c.bad(field, t.text, 'letters and digits only');
    w.u8(t.text.length);
    w.bytes(Buffer.from(t.text, 'latin1'));
  },
  format(r) {
    const text = Buffer.from(r.bytes(r.u8())).toString('latin1');
    if (!/^[A-Za-z0-9]+$/.test(text)) throw new WireShortError('CAA tag is not letters and digits');
    return text;
  },
  skip(r) {
    this.format(r);
  },
  read(r) {
    return this.format(r);
  },
  write(w, value, _ctx, field) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,255}$/.test(value)) throw badValue(field, value, 'letters and digits only');
    w.u8(value.length);
    w.bytes(Buffer.from(value, 'latin1'));
  },
};

/** The remaining tokens' text run together (base64 and hex may be split by white space). */
function joinRest(c: TextCursor, field: string, allowEmpty: boolean): string {
  const tokens = c.tokens;
  const from = c.index;
  c.index = tokens.length;
  if (from >= tokens.length && !allowEmpty) throw new FieldError(FIELD_ERROR_CODES.missingField, `missing ${c.typeName} ${field}`, from);
  if (from === tokens.length - 1) return tokens[from]!.text;
  let text = '';
  for (let i = from; i < tokens.length; i++) text += tokens[i]!.text;
  return text;
}

/** How a rest-of-RDATA field is written in text: base64 or hex. */
interface RestEncoding {
  id: 'base64' | 'hex';
  /** Octets the text decodes to, or undefined when it cannot be that encoding. */
  decodedLength(text: string): number | undefined;
  /** What the text is not, in an error. */
  notThis: string;
  print(octets: Buffer): string;
}

/**
 * The rest of the RDATA as one field in `encoding`, possibly split by white
 * space. The text is decoded straight into the writer (signatures and keys are
 * the bulk of a signed zone); a short decode means a character outside the
 * alphabet, which Node's decoders skip or stop at.
 */
function encodedRest(encoding: RestEncoding, allowEmpty: boolean): FieldKind {
  return {
    id: encoding.id,
    parse(c, w, field) {
      const start = c.index;
      const text = joinRest(c, field, allowEmpty);
      const expected = encoding.decodedLength(text);
      if (expected !== undefined) w.ensure(expected);
      if (expected === undefined || w.buf.write(text, w.pos, encoding.id) !== expected) {
        throw new FieldError(FIELD_ERROR_CODES.badField, `bad ${c.typeName} ${field}: ${encoding.notThis}`, start);
      }
      w.pos += expected;
    },
    format(r) {
      this.skip(new WireReader(r.buf, r.pos, r.end));
      return encoding.print(Buffer.from(r.rest()));
    },
    skip(r) {
      // Text needs at least one character here unless empty is allowed; wire must agree.
      if (!allowEmpty && r.remaining() === 0) throw new WireShortError('empty field');
      r.pos = r.end;
    },
    read(r) {
      this.skip(new WireReader(r.buf, r.pos, r.end));
      return Buffer.from(r.rest());
    },
    write(w, value, _ctx, field) {
      const b = octets(value, field);
      if (!allowEmpty && b.length === 0) throw badValue(field, value, 'must not be empty');
      w.bytes(b);
    },
  };
}

const BASE64: RestEncoding = {
  id: 'base64', decodedLength: base64DecodedLength, notThis: 'not base64', print: (b) => b.toString('base64'),
};
const HEX: RestEncoding = {
  id: 'hex',
  decodedLength: (text) => (text.length % 2 === 0 ? text.length / 2 : undefined),
  notThis: 'not an even number of hex digits',
  print: (b) => b.toString('hex').toUpperCase(),
};

/** Base64 up to the end of the RDATA, possibly split by white space. */
export const base64Rest = (allowEmpty = false): FieldKind => encodedRest(BASE64, allowEmpty);

/** Hex up to the end of the RDATA, possibly split by white space. */
export const hexRest = (allowEmpty = false): FieldKind => encodedRest(HEX, allowEmpty);

/** Hex with a length octet in front; "-" means empty (NSEC3 salt). */
export const saltHex: FieldKind = {
  id: 'salt',
  parse(c, w, field) {
    const t = c.take(field);
    const b = t.text === '-' ? Buffer.alloc(0) : parseHex(t.text);
    if (b === undefined || b.length > 255) throw c.bad(field, t.text, 'expected hex or "-"');
    w.u8(b.length);
    w.bytes(b);
  },
  format(r) {
    const b = r.bytes(r.u8());
    return b.length === 0 ? '-' : Buffer.from(b).toString('hex').toUpperCase();
  },
  skip: (r) => { const n = r.u8(); r.need(n); r.pos += n; },
  read: (r) => Buffer.from(r.bytes(r.u8())),
  write(w, value, _ctx, field) {
    const b = octets(value, field);
    writeLengthPrefixed(w, b, field, value);
  },
};

/** Base32hex with a length octet in front (NSEC3 next hashed owner). */
export const base32Hex8: FieldKind = {
  id: 'base32hex',
  parse(c, w, field) {
    const t = c.take(field);
    const b = parseBase32Hex(t.text);
    if (b === undefined || b.length === 0 || b.length > 255) throw c.bad(field, t.text, 'not base32hex');
    w.u8(b.length);
    w.bytes(b);
  },
  format: (r) => formatBase32Hex(r.bytes(r.u8())),
  skip: (r) => { const n = r.u8(); r.need(n); r.pos += n; },
  read: (r) => Buffer.from(r.bytes(r.u8())),
  write(w, value, _ctx, field) {
    const b = octets(value, field);
    writeLengthPrefixed(w, b, field, value);
  },
};

/**
 * Scratch for typeBitmap.parse: one bit per type number, laid out as the
 * RFC 4034 windows themselves (32 octets each), so listing the types in any
 * order, repeated or not, costs one bit-set each and no sorting.
 */
const typePresence = new Uint8Array(0x10000 / 8);

/** RFC 4034 §4.1.2 type bitmap: type mnemonics up to the end. */
export const typeBitmap: FieldKind = {
  id: 'type-bitmap',
  parse(c, w, field) {
    let firstWindow = 256, lastWindow = -1;
    try {
      while (!c.atEnd()) {
        const t = c.take(field);
        const v = typeFromText(t.text);
        if (v === undefined) throw c.bad(field, t.text, 'not a record type');
        typePresence[v >> 3]! |= 0x80 >> (v & 7);
        const window = v >> 8;
        if (window < firstWindow) firstWindow = window;
        if (window > lastWindow) lastWindow = window;
      }
      for (let window = firstWindow; window <= lastWindow; window++) {
        const base = window * 32;
        let used = 32;
        while (used > 0 && typePresence[base + used - 1] === 0) used--;
        if (used === 0) continue;
        w.u8(window);
        w.u8(used);
        w.bytes(typePresence.subarray(base, base + used));
      }
    } finally {
      if (lastWindow >= firstWindow) typePresence.fill(0, firstWindow * 32, (lastWindow + 1) * 32);
    }
  },
  format(r) {
    const names: string[] = [];
    let lastWindow = -1;
    while (r.remaining() > 0) {
      const window = r.u8();
      const len = r.u8();
      if (len < 1 || len > 32 || window <= lastWindow) throw new WireShortError('bad type bitmap');
      lastWindow = window;
      const bits = r.bytes(len);
      for (let i = 0; i < len; i++) {
        for (let b = 0; b < 8; b++) if (bits[i]! & (0x80 >> b)) names.push(typeName(window * 256 + i * 8 + b));
      }
    }
    return names.join(' ');
  },
  skip(r) {
    this.format(r);
  },  read(r) {
    const text = this.format(r);
    return text === '' ? [] : text.split(' ');
  },
  write(w, value, _ctx, field) {
    if (!Array.isArray(value)) throw badValue(field, value, 'expected a list of record types');
    writeAsText(this, w, value.map((t) => (typeof t === 'number' ? typeName(t) : String(t))).join(' '), field);
  },
};

function eui(octets: 6 | 8): FieldKind {
  const re = octets === 6 ? /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$/ : /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){7}$/;
  return {
    id: `eui${octets * 8}`,
    size: octets,
    parse(c, w, field) {
      const t = c.take(field);
      if (!re.test(t.text)) throw c.bad(field, t.text, `expected ${octets} hex pairs joined by "-"`);
      w.bytes(Buffer.from(t.text.replace(/-/g, ''), 'hex'));
    },
    format: (r) => Buffer.from(r.bytes(octets)).toString('hex').match(/../g)!.join('-'),
    skip: (r) => { r.need(octets); r.pos += octets; },
    ...asText,
  };
}
export const eui48 = eui(6);
export const eui64 = eui(8);

/** ILNP 64-bit locator/node id written as four hex groups (L64, NID). */
export const ilnp64: FieldKind = {
  id: 'ilnp64',
  size: 8,
  parse(c, w, field) {
    const t = c.take(field);
    if (!/^[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){3}$/.test(t.text)) throw c.bad(field, t.text, 'expected four hex groups');
    for (const g of t.text.split(':')) w.u16(parseInt(g, 16));
  },
  format(r) {
    const g: string[] = [];
    for (let i = 0; i < 4; i++) g.push(r.u16().toString(16).padStart(4, '0'));
    return g.join(':');
  },
  skip: (r) => { r.need(8); r.pos += 8; },
  ...asText,
};
