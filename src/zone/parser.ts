// RFC 1035 §5 master-file parser on top of the pull lexer: directives
// ($ORIGIN, $TTL per RFC 2308, $INCLUDE), owner/TTL/class inheritance, and
// per-type RDATA through rdata-text.ts. Records go to a sink as they are read
// (memory is bounded by what the sink keeps); problems are collected and the
// whole file is rejected at the end with one ZoneFileError.

import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourcePosition } from '../errors.js';
import { fsReason, isSystemError } from '../files/fs-errors.js';
import { FieldError, ZONE_ERROR_CODES, ZoneFileError, ZoneSyntaxError, type ZoneErrorCode } from './errors.js';
import { TOKEN_END_OF_ENTRY, TOKEN_END_OF_FILE, ZoneLexer, type Token } from './lexer.js';
import { nameFromText, originFromText } from './names.js';
import { typeFromText } from './fields.js';
import { rdataFromTokens } from './rdata-text.js';
import { CLASS_IN, type ZoneRecord } from './record.js';
import { FileChunkSource, StringChunkSource, type ChunkSource } from './source.js';
import { parseTtl } from './text-values.js';

export interface IncludePolicy {
  /** When given, included files must resolve (after symlinks) inside one of these directories. */
  allowedDirectories?: readonly string[];
  /** Nesting limit (default 8). */
  maxDepth?: number;
}

export interface ZoneParseOptions {
  /** Initial origin (presentation form); `$ORIGIN` in the file changes it. */
  origin?: string;
  /** TTL for records without one before any `$TTL` or explicit TTL. */
  defaultTtl?: number;
  /** `$INCLUDE` is refused unless this is given. */
  include?: IncludePolicy;
  /** Stop collecting after this many problems (default 25). */
  maxErrors?: number;
  /** Name used in error positions for text input (default "<text>"). */
  fileLabel?: string;
  /** Directory `$INCLUDE` paths in text input are relative to (default the working directory). */
  baseDirectory?: string;
  /**
   * The sink copies what it keeps: the record object, its `position` and its
   * `rdata` (a view of a shared buffer) are reused once the sink returns.
   * Spares several allocations per record when streaming big zones.
   */
  transientRecords?: boolean;
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

class ParseRun {
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

  constructor(private readonly options: ZoneParseOptions, private readonly sink: RecordSink) {
    this.maxErrors = options.maxErrors ?? 25;
    this.defaultTtl = options.defaultTtl;
  }

  /** At the error limit: reading stops here. */
  full(): boolean {
    return this.errors.length >= this.maxErrors;
  }

  fail(code: ZoneErrorCode, message: string, position: SourcePosition): void {
    if (!this.full()) this.errors.push(new ZoneSyntaxError(code, message, position));
  }

  run(source: ChunkSource, file: string, directory: string, origin: Buffer | undefined, depth: number): void {
    const lexer = new ZoneLexer(source, file);
    const state: FileState = { origin };
    const tokens: Token[] = [];
    // Token objects are reused from entry to entry; nothing keeps them past an entry.
    const pool: Token[] = [];
    const end: Token = { kind: TOKEN_END_OF_FILE, text: '', line: 0, column: 0, escaped: false };
    try {
      for (;;) {
        if (this.full()) return;
        tokens.length = 0;
        try {
          for (let n = 0; ; n++) {
            const slot = pool[n] ?? (pool[n] = { kind: TOKEN_END_OF_FILE, text: '', line: 0, column: 0, escaped: false });
            const t = lexer.next(slot);
            if (t.kind === TOKEN_END_OF_ENTRY || t.kind === TOKEN_END_OF_FILE) {
              end.kind = t.kind;
              break;
            }
            tokens.push(t);
          }
        } catch (err) {
          if (!(err instanceof ZoneSyntaxError)) throw err;
          this.errors.push(err);
          lexer.skipEntry();
          continue;
        }
        if (tokens.length > 0) this.entry(tokens, lexer.entryIndented, state, file, directory, depth);
        if (end.kind === TOKEN_END_OF_FILE) return;
      }
    } finally {
      source.close();
    }
  }

  private at(file: string, t: Token): SourcePosition {
    return { file, line: t.line, column: t.column };
  }

  private entry(tokens: Token[], indented: boolean, state: FileState, file: string, directory: string, depth: number): void {
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
      const rdata = rdataFromTokens(type, tokens, i, state.origin, transient);
      if (ttl === undefined) {
        ttl = this.defaultTtl ?? this.lastTtl;
        if (ttl === undefined && type === 6 && rdata.length >= 4) {
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

  private directive(tokens: Token[], state: FileState, file: string, directory: string, depth: number): void {
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

  private include(arg: Token, origin: Buffer | undefined, file: string, directory: string, depth: number): void {
    const policy = this.options.include;
    if (policy === undefined) throw new FieldError(ZONE_ERROR_CODES.include, `$INCLUDE is off (allow it with an include policy / --allow-include)`, 1);
    const maxDepth = policy.maxDepth ?? 8;
    if (depth >= maxDepth) throw new FieldError(ZONE_ERROR_CODES.include, `$INCLUDE nested deeper than ${maxDepth}`, 1);
    const target = resolve(directory, arg.text);
    let real: string;
    try {
      real = realpathSync(target);
    } catch (err) {
      throw new FieldError(ZONE_ERROR_CODES.include, `cannot read included file "${arg.text}": ${fsReason(err)}`, 1);
    }
    if (policy.allowedDirectories !== undefined) {
      const inside = policy.allowedDirectories.some((d) => {
        let root: string;
        try {
          root = realpathSync(d);
        } catch {
          return false;
        }
        const rel = relative(root, real);
        // '..' as a path segment, not as a prefix: '..sub.zone' is a file inside.
        return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
      });
      if (!inside) throw new FieldError(ZONE_ERROR_CODES.include, `included file "${arg.text}" is outside the allowed directories`, 1);
    }
    let source: ChunkSource;
    try {
      source = new FileChunkSource(real);
    } catch (err) {
      throw new FieldError(ZONE_ERROR_CODES.include, `cannot read included file "${arg.text}": ${fsReason(err)}`, 1);
    }
    this.run(source, target, dirname(real), origin, depth + 1);
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

function finish(run: ParseRun): void {
  if (run.errors.length > 0) throw new ZoneFileError(run.errors, { stoppedEarly: run.full() });
}

/** Streams the records of a zone file to `sink`; throws ZoneFileError (after reading everything) if any entry is bad. */
export function streamZoneFile(path: string, options: ZoneParseOptions, sink: RecordSink): void {
  const unreadable = (err: unknown) =>
    new ZoneFileError([new ZoneSyntaxError(ZONE_ERROR_CODES.unreadable, `cannot read zone file: ${fsReason(err)}`, { file: path, line: 0, column: 0 }, { cause: err })]);
  let source: ChunkSource;
  try {
    source = new FileChunkSource(path);
  } catch (err) {
    throw unreadable(err);
  }
  const run = new ParseRun(options, sink);
  try {
    run.run(source, path, dirname(resolve(path)), originWire(options), 0);
  } catch (err) {
    // A read that fails half-way (EIO): the file's problem, not a crash.
    throw isSystemError(err) ? unreadable(err) : err;
  }
  finish(run);
}

export function streamZoneText(text: string, options: ZoneParseOptions, sink: RecordSink): void {
  const run = new ParseRun(options, sink);
  run.run(new StringChunkSource(text), options.fileLabel ?? '<text>', resolve(options.baseDirectory ?? '.'), originWire(options), 0);
  finish(run);
}

export function readZoneFile(path: string, options: ZoneParseOptions = {}): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  streamZoneFile(path, options, (r) => records.push(r));
  return records;
}

export function readZoneText(text: string, options: ZoneParseOptions = {}): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  streamZoneText(text, options, (r) => records.push(r));
  return records;
}
