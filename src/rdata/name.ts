// Domain names, the one module for them: text names, wire names, and the keys
// names are compared and sorted by.
//
// Text: inside dnsorder a name is its presentation text without the trailing
// dot (dns-packet's convention; the root is "."), kept in the letter case it
// was written in and compared case-insensitively (RFC 4343) by `nameKey`.
// Presentation escapes (`\.`, `\\`, `\DDD`) are honoured everywhere.
//
// Wire: zone text ⇄ uncompressed wire form (`nameFromText`, `nameToText`),
// and `canonicalNameKey`, the RFC 4034 §6.1 sort key of a wire name. The
// compressed-name reader of messages is name-reader.ts.

import { EncodeError } from '../errors.js';
import { FIELD_ERROR_CODES, FieldError } from './errors.js';

export const MAX_LABEL_OCTETS = 63;
export const MAX_NAME_OCTETS = 255;

/** Splits presentation text into label octets. Throws EncodeError on bad escapes or lengths. */
export function nameToLabels(name: string): Buffer[] {
  if (name === '.' || name === '') return [];
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  const labels: Buffer[] = [];
  let current: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) throw new EncodeError('ERR_BAD_NAME', `name "${name}" ends in a lone backslash`);
      if (/[0-9]/.test(next)) {
        const digits = text.slice(i + 1, i + 4);
        if (!/^[0-9]{3}$/.test(digits) || Number(digits) > 255) {
          throw new EncodeError('ERR_BAD_NAME', `name "${name}" has a bad \\DDD escape`);
        }
        current.push(Number(digits));
        i += 3;
      } else {
        current.push(...Buffer.from(next, 'utf8'));
        i += 1;
      }
    } else if (ch === '.') {
      if (current.length === 0) throw new EncodeError('ERR_BAD_NAME', `name "${name}" has an empty label`);
      labels.push(Buffer.from(current));
      current = [];
    } else {
      current.push(...Buffer.from(ch, 'utf8'));
    }
  }
  if (current.length === 0) throw new EncodeError('ERR_BAD_NAME', `name "${name}" has an empty label`);
  labels.push(Buffer.from(current));
  let total = 1;
  for (const label of labels) {
    if (label.length > MAX_LABEL_OCTETS) {
      throw new EncodeError('ERR_LABEL_TOO_LONG', `label of ${label.length} octets in "${name}" (max ${MAX_LABEL_OCTETS})`);
    }
    total += label.length + 1;
  }
  if (total > MAX_NAME_OCTETS) throw new EncodeError('ERR_NAME_TOO_LONG', `name "${name}" is ${total} octets (max 255)`);
  return labels;
}

/** Presentation text for label octets, escaping what must be escaped. */
export function labelsToName(labels: readonly Uint8Array[]): string {
  if (labels.length === 0) return '.';
  return labels.map(formatLabel).join('.');
}

export function formatLabel(label: Uint8Array): string {
  let out = '';
  for (const octet of label) {
    if (octet === 0x2e || octet === 0x5c || octet === 0x22 || octet === 0x28 || octet === 0x29 || octet === 0x3b || octet === 0x40 || octet === 0x24) {
      out += '\\' + String.fromCharCode(octet);
    } else if (octet <= 0x20 || octet >= 0x7f) {
      out += '\\' + String(octet).padStart(3, '0');
    } else {
      out += String.fromCharCode(octet);
    }
  }
  return out;
}

/** Uncompressed wire form of a name. */
export function nameToWire(name: string): Buffer {
  const labels = nameToLabels(name);
  const parts: Buffer[] = [];
  for (const label of labels) parts.push(Buffer.from([label.length]), label);
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function asciiLower(octet: number): number {
  return octet >= 0x41 && octet <= 0x5a ? octet + 0x20 : octet;
}

/** Label octets lowercased in ASCII only (RFC 4343: DNS case folding is ASCII). */
export function lowerLabel(label: Uint8Array): Buffer {
  const out = Buffer.from(label);
  for (let i = 0; i < out.length; i++) out[i] = asciiLower(out[i]!);
  return out;
}

/** Names of letters, digits, hyphens, underscores and asterisks only: their key is their text in lower case. */
const PLAIN_NAME = /^[A-Za-z0-9_*-]+(?:\.[A-Za-z0-9_*-]+)*\.?$/;

/** A key for maps and sets: canonical lowercase presentation with no trailing dot. */
export function nameKey(name: string): string {
  // The common case without building label octets (the analyzer keys every name of every
  // answer it judges; `dnsorder watch` judges tens of thousands of answers a second).
  // Nothing in such a name is escaped, so only the lengths are left to check.
  if (name.length <= MAX_NAME_OCTETS && PLAIN_NAME.test(name)) {
    const text = name.endsWith('.') ? name.slice(0, -1) : name;
    if (text.length + 2 <= MAX_NAME_OCTETS && labelsFit(text)) return text.toLowerCase();
  }
  return labelsToName(nameToLabels(name).map(lowerLabel));
}

function labelsFit(text: string): boolean {
  let start = 0;
  for (;;) {
    const dot = text.indexOf('.', start);
    const end = dot < 0 ? text.length : dot;
    if (end - start > MAX_LABEL_OCTETS) return false;
    if (dot < 0) return true;
    start = dot + 1;
  }
}

/** Case-insensitive name equality (RFC 4343). */
export function namesEqual(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** True when `name` equals `zone` or lies below it. */
export function isInZone(name: string, zone: string): boolean {
  const n = nameToLabels(name).map(lowerLabel);
  const z = nameToLabels(zone).map(lowerLabel);
  if (z.length > n.length) return false;
  for (let i = 1; i <= z.length; i++) {
    if (!n[n.length - i]!.equals(z[z.length - i]!)) return false;
  }
  return true;
}

/** Joins a relative name to an origin ("www" + "example.com"). */
export function joinName(relative: string, origin: string): string {
  if (origin === '.' || origin === '') return relative;
  if (relative === '.' || relative === '') return origin;
  return `${relative}.${origin.replace(/\.$/, '')}`;
}

/** Strips a trailing root dot (unless escaped) so names compare in one form. */
export function stripTrailingDot(name: string): string {
  if (name === '.') return name;
  return name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
}

/** nameKey, or undefined for text that is not a valid name (over-long labels, bad escapes). */
export function tryNameKey(name: string): string | undefined {
  try {
    return nameKey(name);
  } catch {
    return undefined;
  }
}

/** A comparison key even for text that is not a valid name: tryNameKey, else the text in lower case. */
export function safeKey(name: string): string {
  return tryNameKey(name) ?? name.toLowerCase();
}

// ---- Zone text ⇄ uncompressed wire names. Relative names are completed with
// the origin; `@` is the origin. Escapes `\X` and `\DDD` give the octet
// itself, so `a\.b` is one label. Token text is latin1 (one character per
// file octet), so character codes are octets.

export const ROOT_WIRE: Buffer = Buffer.from([0]);

/**
 * Wire form of `text` relative to `origin` (wire, or undefined when none is
 * known yet). Throws FieldError (token index 0) with a message naming the problem.
 */
export function nameFromText(text: string, origin: Buffer | undefined, tokenIndex = 0): Buffer {
  if (text === '@') {
    if (origin === undefined) throw new FieldError(FIELD_ERROR_CODES.noOrigin, '"@" used but no origin is known (give $ORIGIN or options.origin)', tokenIndex);
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
      if (labelLength === 0) throw new FieldError(FIELD_ERROR_CODES.badName, `empty label in name "${text}"`, tokenIndex);
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
          throw new FieldError(FIELD_ERROR_CODES.badName, `bad \\DDD escape in name "${text}"`, tokenIndex);
        }
        c = (d1 - 0x30) * 100 + (d2 - 0x30) * 10 + (d3 - 0x30);
        if (c > 255) throw new FieldError(FIELD_ERROR_CODES.badName, `\\DDD escape above 255 in name "${text}"`, tokenIndex);
        i += 3;
      } else if (i + 1 < n) {
        c = d1;
        i += 1;
      } else {
        throw new FieldError(FIELD_ERROR_CODES.badName, `name "${text}" ends in a lone backslash`, tokenIndex);
      }
    }
    if (c > 0xff) throw new FieldError(FIELD_ERROR_CODES.badName, `non-octet character in name "${text}"`, tokenIndex);
    if (labelLength === 63) throw new FieldError(FIELD_ERROR_CODES.badName, `label longer than 63 octets in name "${text}"`, tokenIndex);
    if (length >= 255) throw new FieldError(FIELD_ERROR_CODES.badName, `name "${text}" longer than 255 octets`, tokenIndex);
    out[length++] = c;
    labelLength++;
  }
  if (!absolute) {
    if (labelLength === 0) throw new FieldError(FIELD_ERROR_CODES.badName, `empty name`, tokenIndex);
    out[labelStart] = labelLength;
    if (origin === undefined) {
      throw new FieldError(FIELD_ERROR_CODES.noOrigin, `relative name "${text}" but no origin is known (give $ORIGIN or options.origin)`, tokenIndex);
    }
    if (length + origin.length > 255) throw new FieldError(FIELD_ERROR_CODES.badName, `name "${text}" with origin is longer than 255 octets`, tokenIndex);
    for (let k = 0; k < origin.length; k++) out[length + k] = origin[k]!;
    return length + origin.length;
  }
  if (length + 1 > 255) throw new FieldError(FIELD_ERROR_CODES.badName, `name "${text}" longer than 255 octets`, tokenIndex);
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

// ---- Canonical name order (RFC 4034 §6.1) as plain octet order: a name's sort
// key is its labels from the root down, lowercased, each followed by 00 00,
// with a 00 octet inside a label written 00 01. Comparing two keys as octet
// strings then gives exactly the canonical order, so sorting never has to
// walk labels.

const scratch = Buffer.allocUnsafe(1024);

const starts = new Int32Array(128);

/**
 * Canonical sort key of the uncompressed wire name at `wire[offset]` into
 * `out` from its start; returns its length, or -1 when the name is malformed
 * or runs past `end`. `labelEnds` gets the offset in the key just after each
 * label's 00 00, root-most first: key.subarray(0, end) is an ancestor's key.
 */
export function writeCanonicalNameKey(wire: Uint8Array, offset: number, end: number, out: Uint8Array, labelEnds?: number[]): number {
  let labels = 0;
  let i = offset;
  for (;;) {
    if (i >= end) return -1;
    const len = wire[i]!;
    if (len === 0) break;
    if (len > 63 || labels >= starts.length || i + 1 + len > end) return -1;
    starts[labels++] = i;
    i += len + 1;
  }
  let o = 0;
  for (let s = labels - 1; s >= 0; s--) {
    const start = starts[s]!;
    const stop = start + 1 + wire[start]!;
    for (let j = start + 1; j < stop; j++) {
      const c = wire[j]!;
      if (c === 0) {
        out[o++] = 0;
        out[o++] = 1;
      } else {
        out[o++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
      }
    }
    out[o++] = 0;
    out[o++] = 0;
    labelEnds?.push(o);
  }
  return o;
}

/** The sort key as its own Buffer (for apex comparisons). */
export function canonicalNameKey(wire: Uint8Array): Buffer {
  const n = writeCanonicalNameKey(wire, 0, wire.length, scratch);
  if (n < 0) throw new RangeError('canonicalNameKey: not a wire name');
  return Buffer.from(scratch.subarray(0, n));
}

/** True when `key` is `apexKey` or below it (keys are label-aligned, so a prefix test is exact). */
export function keyIsInZone(key: Uint8Array, keyOffset: number, keyLength: number, apexKey: Uint8Array): boolean {
  if (keyLength < apexKey.length) return false;
  for (let i = 0; i < apexKey.length; i++) if (key[keyOffset + i] !== apexKey[i]) return false;
  return true;
}

const labelEnds = new Int32Array(128);

/**
 * Writes the lowercased wire form of the name whose sort key, relative to
 * `suffix` (a lowercased wire name), is at `key[start, start+length)` into
 * `out` at `outOffset`; returns the offset after it.
 */
export function writeOwnerFromKey(key: Uint8Array, start: number, length: number, suffix: Uint8Array, out: Uint8Array, outOffset: number): number {
  // Find each label's [begin, end) in the key (root-most first).
  let labels = 0;
  let begin = start;
  const end = start + length;
  for (let i = start; i < end; ) {
    if (key[i] === 0) {
      if (key[i + 1] === 0) {
        labelEnds[2 * labels] = begin;
        labelEnds[2 * labels + 1] = i;
        labels++;
        i += 2;
        begin = i;
      } else {
        i += 2; // escaped 00 octet
      }
    } else {
      i++;
    }
  }
  let o = outOffset;
  for (let l = labels - 1; l >= 0; l--) {
    const lengthAt = o++;
    let n = 0;
    for (let i = labelEnds[2 * l]!, e = labelEnds[2 * l + 1]!; i < e; i++, n++) {
      if (key[i] === 0) {
        out[o++] = 0;
        i++;
      } else {
        out[o++] = key[i]!;
      }
    }
    out[lengthAt] = n;
  }
  for (let i = 0; i < suffix.length; i++) out[o++] = suffix[i]!;
  return o;
}
