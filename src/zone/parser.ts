// RFC 1035 §5 master-file parser on top of the pull lexer: directives
// ($ORIGIN, $TTL per RFC 2308, $INCLUDE), owner/TTL/class inheritance, and
// per-type RDATA through rdata-text.ts. Records go to a sink as they are read
// (memory is bounded by what the sink keeps); problems are collected and the
// whole file is rejected at the end with one ZoneFileError. Input is bounded
// (ZONE_LIMITS: line length, input size, no NUL octets); a bound stops reading
// at once. The files being read form a stack ($INCLUDE pushes one), so a run
// can stop after any entry and resume: streamZoneFileAsync (src/zone-sources/)
// waits between batches for a slow consumer.
//
// No I/O here: text comes from a ChunkSource, and `$INCLUDE` asks an injected
// IncludeOpener for the included file's source (src/zone-sources/ opens files,
// resolves paths and applies the include policy).

import type { SourcePosition } from '../errors.js';
import { FieldError } from '../rdata/errors.js';
import { TOKEN_END_OF_ENTRY, TOKEN_END_OF_FILE, type Token } from '../rdata/token.js';
import { ZONE_ERROR_CODES, ZoneFileError, ZoneLimitError, ZoneSyntaxError, type ZoneErrorCode } from './errors.js';
import { ZoneLexer } from './lexer.js';
import { nameFromText, originFromText } from '../rdata/name.js';
import { typeFromText } from '../rdata/fields.js';
import { rdataFromTokens } from '../rdata/presentation.js';
import { RRTYPE } from '../rdata/registry.js';
import { CLASS_IN, type ZoneRecord } from './record.js';
import { inputBudget, StringChunkSource, ZONE_LIMITS, type ChunkSource, type SourceLimits } from './source.js';
import { parseTtl } from '../rdata/text-values.js';

/** An `$INCLUDE` to open: its file argument, where it stands, and how deeply nested the including file is. */
export interface IncludeRequest {
  /** The file argument as written. */
  argument: string;
  /** The including file's name as its positions show it. */
  file: string;
  /** What the opener said relative arguments in the including file resolve against (undefined: its own default). */
  directory: string | undefined;
  /** 0 for the zone file itself, 1 for a file it includes, … */
  depth: number;
}

/** The included file opened (its source, the name its positions show, what its own includes resolve against), or why not. */
export type IncludeOpening =
  | { source: ChunkSource; file: string; directory: string | undefined }
  | { refusal: { code: ZoneErrorCode; message: string } };

/** Opens `$INCLUDE`d files; the source must count against `limits` (the budget every file of the zone shares). */
export type IncludeOpener = (request: IncludeRequest, limits: SourceLimits) => IncludeOpening;

export interface ZoneParseOptions {
  /** Initial origin (presentation form); `$ORIGIN` in the file changes it. */
  origin?: string;
  /** TTL for records without one before any `$TTL` or explicit TTL. */
  defaultTtl?: number;
  /** Opens `$INCLUDE`d files; `$INCLUDE` is refused unless this is given (src/zone-sources' include policy makes one). */
  includes?: IncludeOpener;
  /** Stop collecting after this many problems (default 25). */
  maxErrors?: number;
  /** Name used in error positions for text input (default "<text>"). */
  fileLabel?: string;
  /** Directory `$INCLUDE` paths in text input are relative to (handed to the include opener; its default is the working directory). */
  baseDirectory?: string;
  /**
   * The sink copies what it keeps: the record object, its `position` and its
   * `rdata` (a view of a shared buffer) are reused once the sink returns.
   * Spares several allocations per record when streaming big zones.
   */
  transientRecords?: boolean;
  /**
   * Most octets read for the zone, $INCLUDEd files counted in (default
   * ZONE_LIMITS.maxInputSize, 4 GiB). A regular file larger than what is left
   * is refused before it is read; pipes and devices stop at the limit.
   */
  maxInputSize?: number;
  /** Longest line in octets, an entry in parentheses counting as one line (default ZONE_LIMITS.maxLineLength, 1 MiB). */
  maxLineLength?: number;
  /** Refuse RDATA its type's own check finds invalid (rdata/validate.ts: ZONEMD's reserved scheme/algorithm, digest length). Default false: verifiers load broken records. */
  validate?: boolean;
}

export type RecordSink = (record: ZoneRecord) => void;

const CLASSES: Record<string, number> = { IN: 1, CS: 2, CH: 3, HS: 4, NONE: 254, ANY: 255 };

/** Lower-case letter code of `text[i]` (`c | 0x20` only maps a letter's two cases together). */
function lower(text: string, i: number): number {
  return text.charCodeAt(i) | 0x20;
}

/**
 * Class mnemonic or CLASSnnn, case-insensitive. Hot path: it sees every token
 * between owner and type, mostly "IN" and type names, so it decides on the
 * character codes instead of building an upper-case string for a table lookup.
 */
function classFromText(text: string): number | undefined {
  const n = text.length;
  if (n === 2) {
    const a = lower(text, 0), b = lower(text, 1);
    if (a === 0x69 /* i */) return b === 0x6e /* n */ ? CLASSES.IN : undefined;
    if (a === 0x63 /* c */) return b === 0x73 /* s */ ? CLASSES.CS : b === 0x68 /* h */ ? CLASSES.CH : undefined;
    return a === 0x68 && b === 0x73 ? CLASSES.HS : undefined;
  }
  if (n === 3) return lower(text, 0) === 0x61 && lower(text, 1) === 0x6e && lower(text, 2) === 0x79 ? CLASSES.ANY : undefined;
  if (n === 4) return lower(text, 0) === 0x6e && lower(text, 1) === 0x6f && lower(text, 2) === 0x6e && lower(text, 3) === 0x65 ? CLASSES.NONE : undefined;
  if (n > 5 && lower(text, 0) === 0x63 && /^CLASS[0-9]{1,5}$/i.test(text)) {
    const v = Number(text.slice(5));
    return v <= 0xffff ? v : undefined;
  }
  return undefined;
}

interface FileState {
  origin: Buffer | undefined;
}

/** A file being read: the zone file, or one it $INCLUDEs (above it on the stack). */
interface Frame {
  lexer: ZoneLexer;
  source: ChunkSource;
  file: string;
  /** What its `$INCLUDE` arguments resolve against (the opener's business). */
  directory: string | undefined;
  depth: number;
  state: FileState;
  /** Its last entry has been read; it closes once what that entry $INCLUDEd is done. */
  ended: boolean;
}

/** A bound from the options (a positive number; Infinity turns it off), else the default. */
function bound(options: ZoneParseOptions, name: 'maxLineLength' | 'maxInputSize'): number {
  const value = options[name] ?? ZONE_LIMITS[name];
  if (!(value > 0)) throw new RangeError(`ZoneParseOptions.${name} must be a positive number, not ${value}`);
  return value;
}

/**
 * One zone being read: `begin` with its source, then `step` until done (or
 * `close` to give up), then `finish`, which throws the problems found. The
 * readers below and src/zone-sources' file readers are built on it.
 */
export class ZoneReading {
  readonly errors: ZoneSyntaxError[] = [];
  private lastOwner: Buffer | undefined;
  private lastOwnerText: string | undefined;
  private lastOwnerOrigin: Buffer | undefined;
  private lastTtl: number | undefined;
  private defaultTtl: number | undefined;
  private lastClass = CLASS_IN;
  /** The one record object handed out in transientRecords mode. */
  private readonly reused: ZoneRecord = { owner: Buffer.alloc(1), type: 0, class: 0, ttl: 0, rdata: Buffer.alloc(0), position: { file: '', line: 0, column: 0 } };
  private readonly maxErrors: number;
  /** Bounds shared by every file of the zone (one input budget for all). */
  readonly limits: SourceLimits;
  private readonly frames: Frame[] = [];
  private readonly tokens: Token[] = [];
  /** Token objects are reused from entry to entry; nothing keeps them past an entry. */
  private readonly pool: Token[] = [];
  /** Reading stopped at a bound (a ZoneLimitError is the last error). */
  stopped = false;

  constructor(private readonly options: ZoneParseOptions, private readonly sink: RecordSink) {
    this.maxErrors = options.maxErrors ?? 25;
    this.defaultTtl = options.defaultTtl;
    this.limits = { maxLineLength: bound(options, 'maxLineLength'), budget: inputBudget(bound(options, 'maxInputSize')) };
  }

  /** At the error limit: reading stops here. */
  full(): boolean {
    return this.errors.length >= this.maxErrors;
  }

  fail(code: ZoneErrorCode, message: string, position: SourcePosition): void {
    if (!this.full()) this.errors.push(new ZoneSyntaxError(code, message, position));
  }

  /** Starts reading the zone from `source` (named `file` in positions; `directory` as in IncludeRequest). */
  begin(source: ChunkSource, file: string, directory: string | undefined): void {
    this.open(source, file, directory, originWire(this.options), 0);
  }

  /** Throws a ZoneFileError holding every problem found, if any. */
  finish(): void {
    if (this.errors.length > 0) throw new ZoneFileError(this.errors, { stoppedEarly: this.full() && !this.stopped });
  }

  /** Starts reading `source` (the zone file, or an $INCLUDEd file, read before the rest of the file including it). */
  private open(source: ChunkSource, file: string, directory: string | undefined, origin: Buffer | undefined, depth: number): void {
    this.frames.push({ lexer: new ZoneLexer(source, file, this.limits.maxLineLength), source, file, directory, depth, state: { origin }, ended: false });
  }

  /** Reads up to `limit` entries; true when the zone is done (read whole, or reading stopped). */
  step(limit: number): boolean {
    const frames = this.frames, tokens = this.tokens, pool = this.pool;
    try {
      for (let n = 0; ;) {
        const frame = frames[frames.length - 1];
        if (frame === undefined) return true;
        if (frame.ended) {
          frames.pop();
          frame.source.close();
          continue;
        }
        if (this.full() || this.stopped) {
          this.close();
          return true;
        }
        if (n++ >= limit) return false;
        const lexer = frame.lexer;
        tokens.length = 0;
        try {
          for (let i = 0; ; i++) {
            const slot = pool[i] ?? (pool[i] = { kind: TOKEN_END_OF_FILE, text: '', line: 0, column: 0, escaped: false });
            const t = lexer.next(slot);
            if (t.kind === TOKEN_END_OF_FILE) frame.ended = true;
            if (t.kind === TOKEN_END_OF_ENTRY || t.kind === TOKEN_END_OF_FILE) break;
            tokens.push(t);
          }
        } catch (err) {
          if (!(err instanceof ZoneSyntaxError) || err instanceof ZoneLimitError) throw err;
          this.errors.push(err);
          lexer.skipEntry();
          continue;
        }
        // An $INCLUDE here opens its file above this one: read next, before the rest of this file.
        if (tokens.length > 0) this.entry(tokens, lexer.entryIndented, frame.state, frame.file, frame.directory, frame.depth);
      }
    } catch (err) {
      this.close();
      if (!(err instanceof ZoneLimitError)) throw err;
      // A bound (from a source, the lexer, or a sink that cannot hold more): nothing more is read.
      this.errors.push(err);
      this.stopped = true;
      return true;
    }
  }

  /** Closes every file still open (done, stopped, or given up by the caller). */
  close(): void {
    for (const frame of this.frames) frame.source.close();
    this.frames.length = 0;
  }

  private at(file: string, t: Token): SourcePosition {
    return { file, line: t.line, column: t.column };
  }

  private entry(tokens: Token[], indented: boolean, state: FileState, file: string, directory: string | undefined, depth: number): void {
    const first = tokens[0]!;
    if (!indented && first.text.charCodeAt(0) === 0x24 /* $ */ && first.kind === 0) {
      this.directive(tokens, state, file, directory, depth);
      return;
    }
    let i = 0;
    let owner: Buffer;
    try {
      if (indented) {
        if (this.lastOwner === undefined) throw new FieldError(ZONE_ERROR_CODES.syntax, 'record without an owner name and no previous owner to inherit', 0);
        owner = this.lastOwner;
      } else {
        if (first.text === this.lastOwnerText && state.origin === this.lastOwnerOrigin && !first.text.startsWith('@')) {
          owner = this.lastOwner!;
        } else {
          owner = nameFromText(first.text, state.origin, 0);
          this.lastOwnerText = first.text;
          this.lastOwnerOrigin = state.origin;
        }
        // Kept together with lastOwnerText even if the rest of the entry is bad.
        this.lastOwner = owner;
        i = 1;
      }
      let ttl: number | undefined;
      let cls: number | undefined;
      let type: number | undefined;
      for (; i < tokens.length && type === undefined; i++) {
        const t = tokens[i]!;
        const c = t.text.charCodeAt(0);
        if (c >= 0x30 && c <= 0x39) {
          if (ttl !== undefined) throw new FieldError(ZONE_ERROR_CODES.syntax, `second TTL "${t.text}"`, i);
          ttl = parseTtl(t.text);
          if (ttl === undefined) throw new FieldError(ZONE_ERROR_CODES.badTtl, `bad TTL "${t.text}"`, i);
          continue;
        }
        const k = classFromText(t.text);
        if (k !== undefined && cls === undefined) {
          cls = k;
          continue;
        }
        type = typeFromText(t.text);
        if (type === undefined) throw new FieldError(ZONE_ERROR_CODES.unknownType, `unknown record type "${t.text}"`, i);
      }
      if (type === undefined) throw new FieldError(ZONE_ERROR_CODES.missingField, 'missing record type', tokens.length);
      const transient = this.options.transientRecords === true;
      const rdata = rdataFromTokens(type, tokens, i, state.origin, transient, this.options.validate);
      if (ttl === undefined) {
        ttl = this.defaultTtl ?? this.lastTtl;
        if (ttl === undefined && type === RRTYPE.SOA && rdata.length >= 4) {
          ttl = rdata.readUInt32BE(rdata.length - 4); // RFC 1035: SOA minimum, then inherited like an explicit TTL
          this.lastTtl = ttl;
        }
        if (ttl === undefined) throw new FieldError(ZONE_ERROR_CODES.noTtl, 'record without a TTL and no $TTL or earlier TTL to use', 0);
      } else {
        this.lastTtl = ttl;
      }
      if (cls === undefined) cls = this.lastClass;
      else this.lastClass = cls;
      if (transient) {
        const r = this.reused, position = r.position!;
        r.owner = owner;
        r.type = type;
        r.class = cls;
        r.ttl = ttl;
        r.rdata = rdata;
        position.file = file;
        position.line = first.line;
        position.column = first.column;
        this.sink(r);
      } else {
        this.sink({ owner, type, class: cls, ttl, rdata, position: this.at(file, first) });
      }
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      const t = tokens[Math.min(err.tokenIndex, tokens.length - 1)]!;
      this.fail(err.code, err.message, this.at(file, t));
    }
  }

  private directive(tokens: Token[], state: FileState, file: string, directory: string | undefined, depth: number): void {
    const first = tokens[0]!;
    const name = first.text.toUpperCase();
    const arg = tokens[1];
    try {
      if (name === '$ORIGIN') {
        if (arg === undefined || tokens.length > 2) throw new FieldError(ZONE_ERROR_CODES.badDirective, '$ORIGIN takes one domain name', 0);
        state.origin = nameFromText(arg.text, state.origin, 1);
      } else if (name === '$TTL') {
        const ttl = arg === undefined ? undefined : parseTtl(arg.text);
        if (ttl === undefined || tokens.length > 2) throw new FieldError(ZONE_ERROR_CODES.badTtl, `bad $TTL "${arg?.text ?? ''}"`, arg ? 1 : 0);
        this.defaultTtl = ttl;
      } else if (name === '$INCLUDE') {
        if (arg === undefined || tokens.length > 3) throw new FieldError(ZONE_ERROR_CODES.badDirective, '$INCLUDE takes a file name and an optional origin', 0);
        const includeOrigin = tokens[2] === undefined ? state.origin : nameFromText(tokens[2].text, state.origin, 2);
        this.include(arg, includeOrigin, file, directory, depth);
      } else {
        throw new FieldError(ZONE_ERROR_CODES.badDirective, `unsupported directive ${first.text}`, 0);
      }
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      this.fail(err.code, err.message, this.at(file, tokens[Math.min(err.tokenIndex, tokens.length - 1)]!));
    }
  }

  private include(arg: Token, origin: Buffer | undefined, file: string, directory: string | undefined, depth: number): void {
    const opener = this.options.includes;
    if (opener === undefined) throw new FieldError(ZONE_ERROR_CODES.include, '$INCLUDE is off (allow it with options.includes, an include opener)', 1);
    const opened = opener({ argument: arg.text, file, directory, depth }, this.limits);
    if ('refusal' in opened) throw new FieldError(opened.refusal.code, opened.refusal.message, 1);
    this.open(opened.source, opened.file, opened.directory, origin, depth + 1);
  }
}

function originWire(options: ZoneParseOptions): Buffer | undefined {
  if (options.origin === undefined) return undefined;
  try {
    return originFromText(options.origin);
  } catch (err) {
    throw new ZoneSyntaxError(ZONE_ERROR_CODES.badName, `bad origin "${options.origin}": ${(err as Error).message}`, { file: '<options>', line: 0, column: 0 });
  }
}

export function streamZoneText(text: string, options: ZoneParseOptions, sink: RecordSink): void {
  const reading = new ZoneReading(options, sink);
  reading.begin(new StringChunkSource(text, reading.limits), options.fileLabel ?? '<text>', options.baseDirectory);
  reading.step(Infinity);
  reading.finish();
}

export function readZoneText(text: string, options: ZoneParseOptions = {}): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  streamZoneText(text, options, (r) => records.push(r));
  return records;
}
