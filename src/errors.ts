// Errors are values with a stable code (callers and tests switch on `code`,
// never on message text) and, when they come from a file, its position.

import type { ErrorCode } from './error-codes.js';
import { safeMessage } from './text/safe-text.js';

export type { ErrorCode } from './error-codes.js';

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface DnsorderErrorOptions {
  position?: SourcePosition;
  cause?: unknown;
}

/**
 * The base of every error dnsorder throws. Its code is one of ERROR_CODES
 * (src/error-codes.ts), or a user's own: DnsorderError stays open for code
 * built on dnsorder, while dnsorder's subclasses take only an ErrorCode, so a
 * mistyped code is a compile error there (and test/unit/repository/error-codes
 * checks every code in src/ against the table).
 */
export class DnsorderError extends Error {
  readonly code: string;
  readonly position?: SourcePosition;

  constructor(code: ErrorCode | (string & {}), message: string, options: DnsorderErrorOptions = {}) {
    const where = options.position ? `${options.position.file}:${options.position.line}:${options.position.column}: ` : '';
    // Messages quote input (names, tokens, file names): keep them one safe, bounded line.
    super(safeMessage(`${where}${message}`), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.position = options.position;
  }
}

/**
 * A DnsorderError whose code is from the table (ERROR_CODES): the base of
 * dnsorder's own error classes, so each of them takes only an ErrorCode.
 */
export class CodedError extends DnsorderError {
  declare readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options: DnsorderErrorOptions = {}) {
    super(code, message, options);
  }
}

/** A message that cannot be decoded (truncated, bad pointer, bad counts, ...). */
export class WireFormatError extends CodedError {
  /** Octet offset in the message where decoding failed. */
  readonly offset: number;
  constructor(code: ErrorCode, message: string, offset: number) {
    super(code, `${message} (at octet ${offset})`);
    this.offset = offset;
  }
}

/** A record or message that our API refuses to encode (unknown type name, bad field). */
export class EncodeError extends CodedError {}

/** Wrong arguments or an input file that cannot be read. */
export class UsageError extends CodedError {}

export function isDnsorderError(err: unknown): err is DnsorderError {
  return err instanceof DnsorderError;
}
