// Pull lexer for RFC 1035 §5 master files. `next()` returns one token at a
// time, each knowing its line and column. Parentheses join lines into one
// entry, `;` starts a comment, `"..."` is one token, and a backslash makes the
// next character (or `\DDD`) part of the word. Escapes are left in the token
// text (field parsers decode them: a name and a string treat `\.` differently).
// An entry continued over lines in parentheses is one logical line, bounded
// like a physical one (ZONE_LIMITS.maxLineLength); the source's bounds reach
// the parser as ZoneLimitErrors positioned here.

import { ZONE_ERROR_CODES, ZoneLimitError, ZoneSyntaxError } from './errors.js';
import { SourceLimitError, ZONE_LIMITS, type ChunkSource } from './source.js';
import { TOKEN_END_OF_ENTRY, TOKEN_END_OF_FILE, TOKEN_QUOTED, TOKEN_WORD, type Token, type TokenKind } from '../rdata/token.js';

const SPACE = 0x20, TAB = 0x09, CR = 0x0d, LF = 0x0a, SEMI = 0x3b, QUOTE = 0x22, LPAREN = 0x28, RPAREN = 0x29, BACKSLASH = 0x5c;

/**
 * A run of ordinary word characters, matched by the regex engine: native code
 * from the first call, which matters for long base64 tokens in a short-lived
 * process (a JavaScript loop runs unoptimised for most of a 2 MB zone).
 */
const WORD_RUN = /[^ \t\r\n;()"\\]*/y;

export class ZoneLexer {
  private buf = '';
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private depth = 0;
  private entryOpen = false;
  private exhausted = false;
  /** Where the open parenthesis was, for the "unclosed" error. */
  private parenLine = 0;
  private parenColumn = 0;
  /** Octets of the source before `buf`, and where the current entry's first line starts (both from the start of the source). */
  private bufStart = 0;
  private entryStart = 0;
  /** True when the current entry's first line begins with white space (the owner is omitted). */
  entryIndented = false;

  constructor(private readonly source: ChunkSource, readonly file: string, private readonly maxLine: number = ZONE_LIMITS.maxLineLength) {}

  position(line = this.line, column = this.pos - this.lineStart + 1) {
    return { file: this.file, line, column };
  }

  private fill(): boolean {
    if (this.exhausted) return false;
    let chunk: string | undefined;
    try {
      chunk = this.source.nextChunk();
    } catch (err) {
      if (!(err instanceof SourceLimitError)) throw err;
      this.exhausted = true;
      // The chunk that failed starts at this line (chunks end at line breaks).
      const at = err.lineOffset < 0 ? { file: this.file, line: 0, column: 0 } : this.position(this.line + err.lineOffset, err.column);
      throw new ZoneLimitError(err.code, err.detail, at);
    }
    if (chunk === undefined) {
      this.exhausted = true;
      return false;
    }
    // Chunks end at line breaks, so a new chunk always starts a new line.
    this.bufStart += this.buf.length;
    this.buf = chunk;
    this.pos = 0;
    this.lineStart = 0;
    return true;
  }

  /** The next token; fills `into` when given (the parser reuses token objects to spare the garbage collector). */
  next(into?: Token): Token {
    const t = into ?? { kind: TOKEN_END_OF_FILE, text: '', line: 0, column: 0, escaped: false };
    for (;;) {
      if (this.pos >= this.buf.length && !this.fill()) return this.endOfFile(t);
      const buf = this.buf;
      const c = buf.charCodeAt(this.pos);
      if (c === SPACE || c === TAB || c === CR) {
        this.pos++;
        continue;
      }
      if (c === LF) {
        const line = this.line, column = this.pos - this.lineStart + 1;
        // Sources bound physical lines; an entry over several lines is bounded here.
        if (this.entryOpen && this.bufStart + this.pos - this.entryStart > this.maxLine) throw this.entryTooLong();
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
        if (this.depth === 0 && this.entryOpen) {
          this.entryOpen = false;
          return fill(t, TOKEN_END_OF_ENTRY, '', line, column, false);
        }
        continue;
      }
      if (c === SEMI) {
        const end = buf.indexOf('\n', this.pos);
        this.pos = end < 0 ? buf.length : end;
        continue;
      }
      if (c === LPAREN) {
        this.startEntry();
        if (this.depth === 0) {
          this.parenLine = this.line;
          this.parenColumn = this.pos - this.lineStart + 1;
        }
        this.depth++;
        this.pos++;
        continue;
      }
      if (c === RPAREN) {
        if (this.depth === 0) throw new ZoneSyntaxError(ZONE_ERROR_CODES.syntax, 'unbalanced ")"', this.position());
        this.depth--;
        this.pos++;
        continue;
      }
      this.startEntry();
      return c === QUOTE ? this.quoted(t) : this.word(t);
    }
  }

  /** Skips the rest of the current entry (error recovery), leaving the lexer at the next one. */
  skipEntry(): void {
    while (this.entryOpen) {
      try {
        const t = this.next();
        if (t.kind === TOKEN_END_OF_ENTRY || t.kind === TOKEN_END_OF_FILE) return;
      } catch (err) {
        if (err instanceof ZoneLimitError) throw err; // the end of reading, not of the entry
        // A broken token: drop the rest of its line and keep going.
        const end = this.buf.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.buf.length : end;
      }
    }
  }

  private startEntry(): void {
    if (this.entryOpen) return;
    this.entryOpen = true;
    this.entryStart = this.bufStart + this.lineStart;
    const first = this.buf.charCodeAt(this.lineStart);
    this.entryIndented = first === SPACE || first === TAB;
  }

  /** The entry ending at `pos` is longer than maxLine: positioned at its first octet past the limit. */
  private entryTooLong(): ZoneLimitError {
    const over = this.entryStart + this.maxLine - this.bufStart; // in `buf`, on this line or at the end of the one before
    const column = Math.max(1, over - this.lineStart + 1);
    return new ZoneLimitError(ZONE_ERROR_CODES.lineTooLong,
      `entry longer than ${this.maxLine.toLocaleString('en')} octets (the longest a zone line may be, parentheses joining lines)`, this.position(this.line, column));
  }

  private endOfFile(t: Token): Token {
    if (this.entryOpen && this.bufStart + this.pos - this.entryStart > this.maxLine) throw this.entryTooLong();
    if (this.depth > 0) {
      this.depth = 0;
      throw new ZoneSyntaxError(ZONE_ERROR_CODES.syntax, 'unclosed "(" at end of file', this.position(this.parenLine, this.parenColumn));
    }
    const line = this.line, column = this.pos - this.lineStart + 1;
    if (this.entryOpen) {
      this.entryOpen = false;
      return fill(t, TOKEN_END_OF_ENTRY, '', line, column, false);
    }
    return fill(t, TOKEN_END_OF_FILE, '', line, column, false);
  }

  private word(t: Token): Token {
    const buf = this.buf;
    const start = this.pos;
    let i = start;
    let escaped = false;
    for (;;) {
      WORD_RUN.lastIndex = i;
      WORD_RUN.test(buf);
      i = WORD_RUN.lastIndex;
      if (i >= buf.length || buf.charCodeAt(i) !== BACKSLASH) break;
      // A backslash takes the next character into the word, whatever it is.
      escaped = true;
      i++;
      if (i >= buf.length || buf.charCodeAt(i) === LF) {
        throw new ZoneSyntaxError(ZONE_ERROR_CODES.syntax, 'backslash at end of line', this.position(this.line, i - this.lineStart));
      }
      i++;
    }
    this.pos = i;
    return fill(t, TOKEN_WORD, buf.slice(start, i), this.line, start - this.lineStart + 1, escaped);
  }

  private quoted(t: Token): Token {
    const buf = this.buf;
    const open = this.pos;
    let i = open + 1;
    let escaped = false;
    for (;;) {
      if (i >= buf.length || buf.charCodeAt(i) === LF) {
        throw new ZoneSyntaxError(ZONE_ERROR_CODES.syntax, 'unterminated quoted string', this.position(this.line, open - this.lineStart + 1));
      }
      const c = buf.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        escaped = true;
        i++;
        if (i < buf.length && buf.charCodeAt(i) === LF) {
          throw new ZoneSyntaxError(ZONE_ERROR_CODES.syntax, 'backslash at end of line in quoted string', this.position(this.line, i - this.lineStart));
        }
      }
      i++;
    }
    this.pos = i + 1;
    return fill(t, TOKEN_QUOTED, buf.slice(open + 1, i), this.line, open - this.lineStart + 1, escaped);
  }
}

function fill(t: Token, kind: TokenKind, text: string, line: number, column: number, escaped: boolean): Token {
  t.kind = kind;
  t.text = text;
  t.line = line;
  t.column = column;
  t.escaped = escaped;
  return t;
}
