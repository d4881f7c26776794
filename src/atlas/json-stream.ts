// A streaming splitter for the two shapes Atlas results come in: one JSON
// array (`/results/`, the default) or one JSON value per line (`?format=txt`,
// and what most tools write). It yields each element's text, one at a time,
// so a results file of any size is read with memory bounded by the largest
// entry (`maxEntryBytes`; a larger one is skipped and reported, not held).
//
// Hand-written, about a hundred lines: the npm streaming parsers build every
// value token by token in JavaScript (several times slower than JSON.parse
// on each entry's text, which is what this does), and none is small. It only
// tracks what it must to find an element's end: string state (with escapes)
// and bracket depth; JSON.parse checks the element itself. Input that cannot
// be JSON (a NUL octet, a first character other than [ or {) is refused at once.

import { CodedError } from '../errors.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

export type JsonEntry =
  | { kind: 'value'; text: string; index: number }
  | { kind: 'problem'; message: string; index: number };

export interface JsonStreamOptions {
  /** Largest entry kept, octets (default 1 MiB). */
  maxEntryBytes?: number;
}

export const DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;

/** Input that is not Atlas results at all (a binary file, /dev/zero, a README): refused, not read on. */
export class NotJsonResultsError extends CodedError {
  constructor(message: string) {
    super('ERR_ATLAS_NOT_RESULTS', message);
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Elements of a top-level array, or top-level values one after another (JSON lines). */
export async function* splitJsonEntries(chunks: AsyncIterable<Buffer>, options: JsonStreamOptions = {}): AsyncGenerator<JsonEntry> {
  const max = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  /** 'start' until the first value decides; 'array' inside the top-level array; 'sequence' values one after another; 'done' after the array closed. */
  let mode: 'start' | 'array' | 'sequence' | 'done' = 'start';
  let depth = 0; // inside the current entry
  let inEntry = false;
  let inString = false;
  let escaped = false;
  let scalar = false; // the current entry is a bare number/literal
  let parts: Buffer[] = [];
  let size = 0;
  let oversize = false;
  let index = 0;
  let first = true;
  let trailingGarbage = false;
  let offset = 0; // octets of the input before the current chunk

  const finish = (buf: Buffer, end: number, from: number): JsonEntry => {
    const entryIndex = index++;
    if (oversize || size + (end - from) > max) {
      const entry: JsonEntry = { kind: 'problem', message: `entry ${entryIndex + 1} is larger than ${max} octets: skipped`, index: entryIndex };
      oversize = false;
      parts = [];
      size = 0;
      return entry;
    }
    const piece = buf.subarray(from, end);
    const bytes = parts.length === 0 ? piece : Buffer.concat([...parts, piece]);
    parts = [];
    size = 0;
    return { kind: 'value', text: bytes.toString('utf8'), index: entryIndex };
  };

  for await (const raw of chunks) {
    let buf = raw;
    if (first) {
      first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // UTF-8 BOM
    }
    // JSON has no NUL octet anywhere (control characters are escaped even inside strings).
    const nul = buf.indexOf(0);
    if (nul >= 0) throw new NotJsonResultsError(`a NUL octet at offset ${offset + nul}: not JSON (Atlas results are a JSON array or JSON lines)`);
    const n = buf.length;
    offset += n;
    let start = inEntry ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (inString) {
        // Jump to the next quote; it ends the string unless an odd run of backslashes precedes it.
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) {
          // The chunk ends inside the string: remember whether its last octet escapes the next one.
          let k = n - 1;
          let run = 0;
          while (k >= i && buf[k] === BACKSLASH) {
            run++;
            k--;
          }
          escaped = run % 2 === 1;
          i = n;
          break;
        }
        let k = q - 1;
        let run = 0;
        while (k >= i && buf[k] === BACKSLASH) {
          run++;
          k--;
        }
        i = q + 1;
        if (run % 2 === 0) {
          inString = false;
          // A top-level string entry ends with its closing quote.
          if (depth === 0 && inEntry) {
            inEntry = false;
            yield finish(buf, i, start);
          }
        }
        continue;
      }
      const c = buf[i]!;
      if (!inEntry) {
        if (isSpace(c)) {
          i++;
          continue;
        }
        if (mode === 'start') {
          if (c !== OPEN_BRACKET && c !== OPEN_BRACE) {
            throw new NotJsonResultsError(`it starts with ${JSON.stringify(String.fromCharCode(c))}, not [ or {: Atlas results are a JSON array or JSON lines of objects`);
          }
          if (c === OPEN_BRACKET) {
            mode = 'array';
            i++;
            continue;
          }
          mode = 'sequence';
        }
        if (mode === 'array' && (c === COMMA)) {
          i++;
          continue;
        }
        if (mode === 'array' && c === CLOSE_BRACKET) {
          mode = 'done';
          i++;
          continue;
        }
        if (mode === 'done') {
          trailingGarbage = true;
          i = n;
          break;
        }
        inEntry = true;
        start = i;
        depth = 0;
        scalar = c !== OPEN_BRACE && c !== OPEN_BRACKET && c !== QUOTE;
        if (scalar) {
          i++;
          continue;
        }
      }
      if (scalar) {
        if (isSpace(c) || c === COMMA || c === CLOSE_BRACKET) {
          inEntry = false;
          scalar = false;
          yield finish(buf, i, start);
          continue;
        }
        i++;
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        i++;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      i++;
      if (depth <= 0 && (c === CLOSE_BRACE || c === CLOSE_BRACKET)) {
        inEntry = false;
        yield finish(buf, i, start);
      }
    }
    if (inEntry) {
      // Keep the entry's octets of this chunk, up to the bound.
      const piece = buf.subarray(Math.max(start, 0));
      if (!oversize) {
        size += piece.length;
        if (size > max) {
          oversize = true;
          parts = [];
        } else {
          parts.push(Buffer.from(piece)); // a copy: the chunk's memory is not pinned
        }
      }
    }
  }
  if (inEntry) {
    if (scalar && !oversize) {
      const bytes = Buffer.concat(parts);
      yield { kind: 'value', text: bytes.toString('utf8'), index: index++ };
    } else {
      yield { kind: 'problem', message: `the input ends inside entry ${index + 1} (cut short?)`, index: index++ };
    }
  } else if (mode === 'array') {
    yield { kind: 'problem', message: 'the input ends before the array is closed (cut short?)', index };
  }
  if (trailingGarbage) yield { kind: 'problem', message: 'text after the closing bracket of the array: ignored', index };
}
