// The RDATA tokens of one record, handed to field parsers in order. Errors
// name the record type and the field ("bad SOA serial") and point at the token.

import { FieldError, FIELD_ERROR_CODES } from './errors.js';
import type { Token } from './token.js';

export class TextCursor {
  index = 0;
  constructor(
    public tokens: readonly Token[],
    public typeName: string,
    /** Origin in wire form, for relative names in RDATA. */
    public origin: Buffer | undefined,
    start = 0,
  ) {
    this.index = start;
  }

  /** Points the cursor at another record's tokens (the parser reuses one cursor). */
  reset(tokens: readonly Token[], typeName: string, origin: Buffer | undefined, start: number): this {
    this.tokens = tokens;
    this.typeName = typeName;
    this.origin = origin;
    this.index = start;
    return this;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /** The next token, or a "missing <TYPE> <field>" error. */
  take(field: string): Token {
    const t = this.tokens[this.index];
    if (t === undefined) throw new FieldError(FIELD_ERROR_CODES.missingField, `missing ${this.typeName} ${field}`, this.index);
    this.index++;
    return t;
  }

  /** All remaining tokens (possibly none). */
  rest(): Token[] {
    const out = this.tokens.slice(this.index);
    this.index = this.tokens.length;
    return out;
  }

  /** A "bad <TYPE> <field>" error at the token just taken. */
  bad(field: string, text: string, why = ''): FieldError {
    return new FieldError(FIELD_ERROR_CODES.badField, `bad ${this.typeName} ${field} "${text}"${why ? `: ${why}` : ''}`, this.index - 1);
  }
}
