// Domain names in zone text ⇄ uncompressed wire form. Relative names are
// completed with the origin; `@` is the origin. Escapes `\X` and `\DDD` give
// the octet itself, so `a\.b` is one label. Token text is latin1 (one
// character per file octet), so character codes are octets.

import { FieldError, ZONE_ERROR_CODES } from './errors.js';
import { formatLabel } from '../wire/name.js';

export const ROOT_WIRE: Buffer = Buffer.from([0]);

/**
 * Wire form of `text` relative to `origin` (wire, or undefined when none is
 * known yet). Throws FieldError (token index 0) with a message naming the problem.
 */
export function nameFromText(text: string, origin: Buffer | undefined, tokenIndex = 0): Buffer {
  if (text === '@') {
    if (origin === undefined) throw new FieldError(ZONE_ERROR_CODES.noOrigin, '"@" used but no origin is known (give $ORIGIN or --origin)', tokenIndex);
    return origin;
  }
  if (text === '.') return ROOT_WIRE;
  const length = nameIntoScratch(text, origin, tokenIndex);
  const result = Buffer.allocUnsafe(length);
  // Byte loop: names are short and Buffer#copy's native call costs more than the copy.
  for (let k = 0; k < length; k++) result[k] = nameScratch[k]!;
  return result;
}

/** Writes the wire form of `text` (relative to `origin`) at `out[offset]`, growing nothing: `out` needs 255 free octets. Returns the length. */
export function writeNameFromText(text: string, origin: Buffer | undefined, out: Uint8Array, offset: number, tokenIndex = 0): number {
  let source: Uint8Array;
  let length: number;
  if (text === '@' || text === '.') {
    source = nameFromText(text, origin, tokenIndex);
    length = source.length;
  } else {
    length = nameIntoScratch(text, origin, tokenIndex);
    source = nameScratch;
  }
  for (let k = 0; k < length; k++) out[offset + k] = source[k]!;
  return length;
}

/** The last name parsed, in wire form (nameIntoScratch's output). */
const nameScratch = Buffer.allocUnsafe(512);

/** Parses `text` into nameScratch, origin appended; returns the wire length. */
function nameIntoScratch(text: string, origin: Buffer | undefined, tokenIndex: number): number {
  const out = nameScratch;
  let length = 0; // octets written to out
  let labelStart = 0; // index of the current label's length octet
  let absolute = false;
  out[0] = 0;
  length = 1;
  let labelLength = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (labelLength === 0) throw new FieldError(ZONE_ERROR_CODES.badName, `empty label in name "${text}"`, tokenIndex);
      out[labelStart] = labelLength;
      if (i === n - 1) {
        absolute = true;
        break;
      }
      labelStart = length;
      out[length++] = 0;
      labelLength = 0;
      continue;
    }
    if (c === 0x5c) {
      const d1 = text.charCodeAt(i + 1);
      if (d1 >= 0x30 && d1 <= 0x39) {
        const d2 = text.charCodeAt(i + 2), d3 = text.charCodeAt(i + 3);
        if (!(d2 >= 0x30 && d2 <= 0x39 && d3 >= 0x30 && d3 <= 0x39)) {
          throw new FieldError(ZONE_ERROR_CODES.badName, `bad \\DDD escape in name "${text}"`, tokenIndex);
        }
        c = (d1 - 0x30) * 100 + (d2 - 0x30) * 10 + (d3 - 0x30);
        if (c > 255) throw new FieldError(ZONE_ERROR_CODES.badName, `\\DDD escape above 255 in name "${text}"`, tokenIndex);
        i += 3;
      } else if (i + 1 < n) {
        c = d1;
        i += 1;
      } else {
        throw new FieldError(ZONE_ERROR_CODES.badName, `name "${text}" ends in a lone backslash`, tokenIndex);
      }
    }
    if (c > 0xff) throw new FieldError(ZONE_ERROR_CODES.badName, `non-octet character in name "${text}"`, tokenIndex);
    if (labelLength === 63) throw new FieldError(ZONE_ERROR_CODES.badName, `label longer than 63 octets in name "${text}"`, tokenIndex);
    if (length >= 255) throw new FieldError(ZONE_ERROR_CODES.badName, `name "${text}" longer than 255 octets`, tokenIndex);
    out[length++] = c;
    labelLength++;
  }
  if (!absolute) {
    if (labelLength === 0) throw new FieldError(ZONE_ERROR_CODES.badName, `empty name`, tokenIndex);
    out[labelStart] = labelLength;
    if (origin === undefined) {
      throw new FieldError(ZONE_ERROR_CODES.noOrigin, `relative name "${text}" but no origin is known (give $ORIGIN or --origin)`, tokenIndex);
    }
    if (length + origin.length > 255) throw new FieldError(ZONE_ERROR_CODES.badName, `name "${text}" with origin is longer than 255 octets`, tokenIndex);
    for (let k = 0; k < origin.length; k++) out[length + k] = origin[k]!;
    return length + origin.length;
  }
  if (length + 1 > 255) throw new FieldError(ZONE_ERROR_CODES.badName, `name "${text}" longer than 255 octets`, tokenIndex);
  out[length] = 0;
  return length + 1;
}

/**
 * Length of the uncompressed name at `offset` of `wire`, or -1 when it runs
 * past `end`, uses a compression pointer or is too long.
 */
export function wireNameLength(wire: Uint8Array, offset: number, end = wire.length): number {
  let i = offset;
  for (;;) {
    if (i >= end) return -1;
    const len = wire[i]!;
    if (len === 0) break;
    if (len > 63) return -1;
    i += len + 1;
  }
  const total = i + 1 - offset;
  return total > 255 ? -1 : total;
}

/** Octets a label shows as they are (formatLabel escapes the others): 1 in this table. */
const PLAIN_OCTET = new Uint8Array(256);
for (let c = 0x21; c < 0x7f; c++) PLAIN_OCTET[c] = '.\\"();@$'.includes(String.fromCharCode(c)) ? 0 : 1;
const nameText = Buffer.allocUnsafe(256);

/** Fully qualified presentation text (with the trailing dot) of the wire name at `offset`. */
export function nameToText(wire: Uint8Array, offset = 0): string {
  // Most names need no escape: their text is the wire form with each length octet
  // turned into a dot, decoded in one call (writing zones prints every owner).
  let i = offset, n = 0;
  for (;;) {
    const len = wire[i]!;
    if (len === 0) return n === 0 ? '.' : nameText.toString('latin1', 0, n);
    if (!(len <= 63) || n + len + 1 > nameText.length) break; // not a name a parser built: the careful way
    for (let k = i + 1, end = i + 1 + len; k < end; k++) {
      const c = wire[k]!;
      if (PLAIN_OCTET[c] === 0) return escapedNameToText(wire, offset);
      nameText[n++] = c;
    }
    nameText[n++] = 0x2e;
    i += len + 1;
  }
  return escapedNameToText(wire, offset);
}

function escapedNameToText(wire: Uint8Array, offset: number): string {
  let i = offset;
  let out = '';
  for (;;) {
    const len = wire[i]!;
    if (len === 0) break;
    out += formatLabel(wire.subarray(i + 1, i + 1 + len)) + '.';
    i += len + 1;
  }
  return out === '' ? '.' : out;
}

/** ASCII-lowercased copy of a wire name (RFC 4343: only A-Z fold). */
export function lowerWireName(wire: Uint8Array, offset: number, length: number, out: Buffer, outOffset: number): void {
  for (let i = 0; i < length; i++) {
    const c = wire[offset + i]!;
    out[outOffset + i] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
}

/** Number of labels (not counting the root) of a wire name. */
export function wireLabelCount(wire: Uint8Array, offset = 0): number {
  let count = 0;
  let i = offset;
  while (wire[i] !== 0) {
    count++;
    i += wire[i]! + 1;
  }
  return count;
}

/** Case-insensitive equality of two wire names. */
export function wireNamesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i]!, y = b[i]!;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return false;
  }
  return true;
}

/** An --origin / $ORIGIN-style apex given with or without its trailing dot, in wire form. */
export function originFromText(origin: string): Buffer {
  return nameFromText(origin.endsWith('.') ? origin : `${origin}.`, undefined);
}
