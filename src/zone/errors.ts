// Zone-file errors. Every problem carries a stable code and the position
// `file:line:column` of the token it is about; a parse that found problems
// throws one ZoneFileError holding all of them (no partial success).

import { CodedError, type SourcePosition } from '../errors.js';
import { FIELD_ERROR_CODES } from '../rdata/errors.js';

export const ZONE_ERROR_CODES = {
  ...FIELD_ERROR_CODES,
  syntax: 'ERR_ZONE_SYNTAX',
  unknownType: 'ERR_ZONE_UNKNOWN_TYPE',
  badTtl: 'ERR_ZONE_BAD_TTL',
  noTtl: 'ERR_ZONE_NO_TTL',
  badDirective: 'ERR_ZONE_BAD_DIRECTIVE',
  include: 'ERR_ZONE_INCLUDE',
  unreadable: 'ERR_ZONE_UNREADABLE',
  tooManyErrors: 'ERR_ZONE_TOO_MANY_ERRORS',
  lineTooLong: 'ERR_ZONE_LINE_TOO_LONG',
  tooLarge: 'ERR_ZONE_TOO_LARGE',
  binary: 'ERR_ZONE_BINARY',
} as const;

export type ZoneErrorCode = (typeof ZONE_ERROR_CODES)[keyof typeof ZONE_ERROR_CODES];

/** One problem at one place in a zone file. */
export class ZoneSyntaxError extends CodedError {
  /** The message without the position prefix. */
  readonly detail: string;
  constructor(code: ZoneErrorCode, detail: string, position: SourcePosition, options: { cause?: unknown } = {}) {
    super(code, detail, { position, cause: options.cause });
    this.detail = detail;
  }
}

/**
 * The input went past one of the readers' bounds (ZONE_LIMITS: line length,
 * input size; or it holds NUL octets, so it is not zone text). Reading stops
 * there, $INCLUDEs and all, and the file is rejected with what was found so far.
 */
export class ZoneLimitError extends ZoneSyntaxError {}

/**
 * The whole file was rejected. `errors` holds every problem found (collection
 * stops after a few dozen); the code and position are the first one's.
 */
export class ZoneFileError extends CodedError {
  readonly errors: readonly ZoneSyntaxError[];
  /** Reading stopped at the error limit (ZoneParseOptions.maxErrors): the file may hold more. */
  readonly stoppedEarly: boolean;
  constructor(errors: readonly ZoneSyntaxError[], options: { stoppedEarly?: boolean } = {}) {
    const first = errors[0]!;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    super(first.code, `${first.detail}${more}`, { position: first.position });
    this.errors = errors;
    this.stoppedEarly = options.stoppedEarly ?? false;
  }
}
