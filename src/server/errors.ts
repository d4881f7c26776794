// Server errors: one class, stable codes (callers switch on `code`).

import { CodedError } from '../errors.js';

export type ServerErrorCode =
  | 'ERR_SERVER_REMOTE_NOT_ALLOWED'
  | 'ERR_SERVER_BAD_LISTEN'
  | 'ERR_SERVER_BAD_LIMIT'
  | 'ERR_SERVER_NO_REPLY'
  | 'ERR_ZONE_NO_SOA'
  | 'ERR_ZONE_OUT_OF_ZONE'
  | 'ERR_ZONE_BAD_RECORD'
  | 'ERR_ZONE_BAD_ORIGIN'
  | 'ERR_ZONE_DUPLICATE_ORIGIN';

export class ServerError extends CodedError {
  declare readonly code: ServerErrorCode;
  constructor(code: ServerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
