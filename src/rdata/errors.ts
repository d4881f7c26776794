// Errors in RDATA text. A FieldError names the token it is about; the zone
// parser turns it into a positioned ZoneSyntaxError (its codes are the zone's
// own, listed once here and spread into FIELD_ERROR_CODES).

export const FIELD_ERROR_CODES = {
  badField: 'ERR_ZONE_BAD_FIELD',
  missingField: 'ERR_ZONE_MISSING_FIELD',
  trailingData: 'ERR_ZONE_TRAILING_DATA',
  badName: 'ERR_ZONE_BAD_NAME',
  noOrigin: 'ERR_ZONE_NO_ORIGIN',
  badGeneric: 'ERR_ZONE_BAD_GENERIC_RDATA',
} as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[keyof typeof FIELD_ERROR_CODES];

/**
 * An error in RDATA text that the parser turns into a ZoneSyntaxError at the
 * offending token. The zone parser raises it with its own codes too (`Code`).
 */
export class FieldError<Code extends string = FieldErrorCode> extends Error {
  constructor(readonly code: Code, message: string, readonly tokenIndex: number) {
    super(message);
  }
}
