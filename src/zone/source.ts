// Where zone text comes from: octets read in fixed-size chunks, from a string
// here or from a file (src/zone-sources/file-chunk-source.ts: this folder
// does no I/O). Chunks always end at a line break (the remainder waits for
// the next read), so no token ever spans two chunks and memory stays bounded
// by the chunk size plus the longest line. Text is decoded as latin1 so every
// octet of the file is one character and names/strings keep their exact octets.
//
// Every source is bounded (ZONE_LIMITS): a line longer than maxLineLength, an
// input past maxInputSize (the whole zone, $INCLUDEd files counted in) or a
// NUL octet (binary data, /dev/zero) stops reading with a SourceLimitError,
// which the lexer turns into a positioned ZoneLimitError. So endless input
// (/dev/zero, /dev/urandom, a FIFO that never ends) fails at the first bound
// instead of growing memory.

import { ZONE_ERROR_CODES, type ZoneErrorCode } from './errors.js';

/** The bounds every zone reader enforces (ZoneParseOptions may change them). */
export const ZONE_LIMITS = {
  /**
   * Longest line, in octets; an entry continued over lines in parentheses
   * counts as one line. 1 MiB: the largest RDATA (65,535 octets) is ~131 KiB
   * as hex (~87 KiB as base64), so a legitimate record with generous white
   * space and comments fits several times over, while a file with no line
   * breaks is refused after 1 MiB instead of read whole.
   */
  maxLineLength: 1 << 20,
  /**
   * Most octets read for one zone, its $INCLUDEd files counted in: 4 GiB,
   * which is what the canonical form used by digest/verify can hold
   * (CanonicalZone addresses 4 GiB of canonical records; a zone's canonical
   * form is about the size of its text).
   */
  maxInputSize: 2 ** 32,
} as const;

export interface ChunkSource {
  /** The next chunk (ending in a line break unless it is the last), or undefined at the end. */
  nextChunk(): string | undefined;
  close(): void;
}

/** The octets left to read for one zone; shared by a file and the files it includes. */
export interface InputBudget {
  readonly limit: number;
  remaining: number;
}

export interface SourceLimits {
  /** Longest line in octets (default ZONE_LIMITS.maxLineLength). */
  maxLineLength?: number;
  /** Shared octet budget (default: a fresh one of ZONE_LIMITS.maxInputSize). */
  budget?: InputBudget;
}

export function inputBudget(limit: number = ZONE_LIMITS.maxInputSize): InputBudget {
  return { limit, remaining: limit };
}

/**
 * A source went past a bound. The lexer adds the line number it is at (the
 * chunk that failed starts a line): `lineOffset` lines further, at `column`.
 * `lineOffset` -1 means the whole file (its size was known up front).
 */
export class SourceLimitError extends Error {
  constructor(readonly code: ZoneErrorCode, readonly detail: string, readonly lineOffset: number, readonly column: number) {
    super(detail);
  }
}

// Small enough that each chunk string is an ordinary young-generation object: 1 MiB
// chunks went to V8's large-object space and piled up until a full GC (+40 MB RSS).
const CHUNK_OCTETS = 1 << 15;

const octets = (n: number) => n.toLocaleString('en');

/** Chunking and the bounds; subclasses say where the octets come from. */
export abstract class BoundedChunkSource implements ChunkSource {
  private buffer = Buffer.allocUnsafe(CHUNK_OCTETS);
  /** Octets at the start of `buffer` carried over from the last read: a line not yet ended. */
  private held = 0;
  private done = false;
  private failure: SourceLimitError | undefined;
  private readonly maxLine: number;
  private readonly budget: InputBudget;

  constructor(limits: SourceLimits) {
    this.maxLine = limits.maxLineLength ?? ZONE_LIMITS.maxLineLength;
    this.budget = limits.budget ?? inputBudget();
  }

  /** Reads up to `length` octets into `buffer` at `offset`; 0 at the end. */
  protected abstract read(buffer: Buffer, offset: number, length: number): number;
  abstract close(): void;

  /** For sources whose size is known before reading: refuse at once what cannot fit. */
  protected checkSize(size: number): void {
    const { limit, remaining } = this.budget;
    if (size <= remaining) return;
    const left = remaining === limit ? '' : ` (${octets(remaining)} left after the files that include it)`;
    this.failure = new SourceLimitError(ZONE_ERROR_CODES.tooLarge,
      `the file is ${octets(size)} octets, more than the input limit of ${octets(limit)}${left} (raise it with options.maxInputSize)`, -1, 0);
  }

  nextChunk(): string | undefined {
    if (this.failure) this.fail();
    while (!this.done) {
      if (this.held === this.buffer.length) {
        // One line longer than the buffer: room for the rest of it (at most
        // twice maxLineLength, since a longer line fails below).
        const grown = Buffer.allocUnsafe(this.buffer.length * 2);
        this.buffer.copy(grown, 0, 0, this.held);
        this.buffer = grown;
      }
      // Never more than one octet past the budget: that octet is where it ends.
      const want = Math.min(this.buffer.length - this.held, this.budget.remaining + 1);
      const start = this.held;
      const n = this.read(this.buffer, start, want);
      if (n === 0) {
        this.done = true;
        this.close();
        break;
      }
      const end = start + n;
      this.budget.remaining -= n;
      this.check(start, end);
      // Cut after the last line break in the octets (the held ones have none), so
      // each chunk is decoded once, with no string concatenation to flatten.
      const lastBreak = this.buffer.lastIndexOf(0x0a, end - 1);
      if (lastBreak < 0) {
        this.held = end;
        continue;
      }
      const text = this.buffer.toString('latin1', 0, lastBreak + 1);
      this.held = end - lastBreak - 1;
      if (this.buffer.length > CHUNK_OCTETS && this.held <= CHUNK_OCTETS) {
        // The long line is done: back to ordinary chunks (see CHUNK_OCTETS).
        const ordinary = Buffer.allocUnsafe(CHUNK_OCTETS);
        this.buffer.copy(ordinary, 0, lastBreak + 1, end);
        this.buffer = ordinary;
      } else {
        this.buffer.copyWithin(0, lastBreak + 1, end);
      }
      return text;
    }
    if (this.held > 0) {
      const rest = this.buffer.toString('latin1', 0, this.held);
      this.held = 0;
      return rest;
    }
    return undefined;
  }

  /**
   * The bounds, on the octets just read (`start`..`end`; `buffer` starts a
   * line and its first `start` octets were checked before). The first
   * offending octet wins.
   */
  private check(start: number, end: number): void {
    const buffer = this.buffer;
    let at = Infinity;
    let code: SourceLimitError['code'] = ZONE_ERROR_CODES.binary;
    let detail = '';
    const nul = buffer.subarray(start, end).indexOf(0); // memchr: free next to parsing
    if (nul >= 0) {
      at = start + nul;
      detail = 'NUL octet: this is binary data, not a zone file';
    }
    // The line the buffer starts with, then (when more than a line's worth was read) every other.
    const maxLine = this.maxLine;
    const read = buffer.subarray(0, end);
    let lineStart = 0;
    let lineEnd = read.indexOf(0x0a, start);
    for (;;) {
      const length = (lineEnd < 0 ? end : lineEnd) - lineStart;
      if (length > maxLine && lineStart + maxLine < at) {
        at = lineStart + maxLine;
        code = ZONE_ERROR_CODES.lineTooLong;
        detail = `line longer than ${octets(maxLine)} octets (the longest a zone line may be, parentheses joining lines)`;
      }
      if (lineEnd < 0 || end - start <= maxLine) break;
      lineStart = lineEnd + 1;
      lineEnd = read.indexOf(0x0a, lineStart);
    }
    if (this.budget.remaining < 0 && end - 1 < at) {
      at = end - 1; // reads stop one octet past the budget
      code = ZONE_ERROR_CODES.tooLarge;
      detail = `input longer than the limit of ${octets(this.budget.limit)} octets ($INCLUDEd files count; raise it with options.maxInputSize)`;
    }
    if (at === Infinity) return;
    let lineOffset = 0, lineBegins = 0;
    for (let i = read.indexOf(0x0a); i >= 0 && i < at; i = read.indexOf(0x0a, i + 1)) {
      lineOffset++;
      lineBegins = i + 1;
    }
    this.failure = new SourceLimitError(code, detail, lineOffset, at - lineBegins + 1);
    this.fail();
  }

  private fail(): never {
    this.done = true;
    this.held = 0;
    this.close();
    throw this.failure!;
  }
}

export class StringChunkSource extends BoundedChunkSource {
  private octets: Buffer | undefined;
  private position = 0;

  /** `text` is ordinary (UTF-16) text; it is turned into one character per UTF-8 octet. */
  constructor(text: string, limits: SourceLimits = {}) {
    super(limits);
    this.octets = Buffer.from(text, 'utf8');
    this.checkSize(this.octets.length);
  }

  protected read(buffer: Buffer, offset: number, length: number): number {
    if (this.octets === undefined) return 0;
    const n = this.octets.copy(buffer, offset, this.position, this.position + length);
    this.position += n;
    return n;
  }

  close(): void {
    this.octets = undefined;
  }
}
