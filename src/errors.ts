// Errors are values with a stable code (callers and tests switch on `code`,
// never on message text) and, when they come from a file, its position.

import { safeMessage } from './text/safe-text.js';

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export class DnsorderError extends Error {
  readonly code: string;
  readonly position?: SourcePosition;

  constructor(code: string, message: string, options: { position?: SourcePosition; cause?: unknown } = {}) {
    const where = options.position ? `${options.position.file}:${options.position.line}:${options.position.column}: ` : '';
    // Messages quote input (names, tokens, file names): keep them one safe, bounded line.
    super(safeMessage(`${where}${message}`), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.position = options.position;
  }
}

/** A message that cannot be decoded (truncated, bad pointer, bad counts, ...). */
export class WireFormatError extends DnsorderError {
  /** Octet offset in the message where decoding failed. */
  readonly offset: number;
  constructor(code: string, message: string, offset: number) {
    super(code, `${message} (at octet ${offset})`);
    this.offset = offset;
  }
}

/** A record or message that our API refuses to encode (unknown type name, bad field). */
export class EncodeError extends DnsorderError {}

/** Wrong arguments or an input file that cannot be read. */
export class UsageError extends DnsorderError {}

export function isDnsorderError(err: unknown): err is DnsorderError {
  return err instanceof DnsorderError;
}
