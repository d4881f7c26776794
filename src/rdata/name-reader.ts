// The one reader of compressed names (RFC 1035 §4.1.4) in messages. Parsers
// disagree on the details (may a pointer go forward? how many pointers? what
// is "the end"?), so each caller states its rules and says, through `fail`,
// what error a broken name becomes: the strict decoder (wire/decode.ts) a
// WireFormatError with its own code, a model (models/wire-reader.ts) the
// library's own fault. The walk is bounded by the pointer limits below.

import { MAX_NAME_OCTETS } from './name.js';

/** Why a name could not be read. */
export type NameProblem =
  | 'past-end' // a label or the name runs past `end`
  | 'pointer-cut-short' // a pointer's second octet is past `end`
  | 'pointer-past-end' // a pointer targets an octet at or past `end`
  | 'too-many-pointers' // more than `maxPointers` pointers
  | 'pointer-loop' // more than `loopBound` pointers
  | 'forward-pointer' // without forward pointers: a pointer at or after itself
  | 'not-behind-last-jump' // without forward pointers: a pointer not before the previous jump target
  | 'bad-label-type' // label type 0x40 or 0x80
  | 'label-past-end' // a label's octets run past `end`
  | 'too-long'; // more than 255 octets

export interface NameReadRules {
  /** Follow pointers to later octets (RFC 1035 pointers point to a prior occurrence; some parsers accept forward ones). */
  forwardPointers: boolean;
  /**
   * Without forward pointers, what a pointer must precede: the previous jump
   * target ('last-jump', the strict reading) or only the pointer itself.
   */
  backwardOf?: 'last-jump' | 'pointer';
  /** Most pointers followed in one name, reported as 'too-many-pointers' (Go: 10). */
  maxPointers?: number;
  /** Pointers beyond this many are a loop (reported as 'pointer-loop'). */
  loopBound: number;
  /** First octet the reader may not touch (default: the message length). */
  end?: number;
}

export interface ReadName {
  labels: Buffer[];
  /** Offset just after the name where it sits (after a pointer: 2 octets). */
  next: number;
  /** Pointers followed. */
  pointers: number;
}

/** `fail` must throw: it turns a problem at `offset` into the caller's error. */
export type NameFailure = (problem: NameProblem, offset: number, detail: { target?: number; start: number }) => never;

export function readCompressedName(buf: Uint8Array, start: number, rules: NameReadRules, fail: NameFailure): ReadName {
  const end = rules.end ?? buf.length;
  const labels: Buffer[] = [];
  const octets = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = start;
  let next = -1;
  let pointers = 0;
  let total = 1;
  // Without forward pointers every jump must land before the previous one, which bounds the walk.
  let barrier = start;
  for (;;) {
    if (pos >= end) fail('past-end', pos, { start });
    const len = buf[pos]!;
    if (len === 0) {
      if (next < 0) next = pos + 1;
      return { labels, next, pointers };
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= end) fail('pointer-cut-short', pos, { start });
      const target = ((len & 0x3f) << 8) | buf[pos + 1]!;
      if (next < 0) next = pos + 2;
      pointers++;
      if (rules.maxPointers !== undefined && pointers > rules.maxPointers) fail('too-many-pointers', pos, { start, target });
      if (pointers > rules.loopBound) fail('pointer-loop', pos, { start, target });
      if (!rules.forwardPointers) {
        if (target >= pos) fail('forward-pointer', pos, { start, target });
        if (rules.backwardOf !== 'pointer' && target >= barrier) fail('not-behind-last-jump', pos, { start, target });
        barrier = target;
      }
      if (target >= end) fail('pointer-past-end', pos, { start, target });
      pos = target;
      continue;
    }
    if (kind !== 0) fail('bad-label-type', pos, { start });
    if (pos + 1 + len > end) fail('label-past-end', pos, { start });
    total += len + 1;
    if (total > MAX_NAME_OCTETS) fail('too-long', pos, { start });
    labels.push(octets.subarray(pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
}
