// A token of presentation text: what the zone lexer produces and the field
// parsers of the record types consume (the lexer lives in zone/, the parsers
// here, so the token's shape is declared once below both).

export const TOKEN_WORD = 0;
export const TOKEN_QUOTED = 1;
export const TOKEN_END_OF_ENTRY = 2;
export const TOKEN_END_OF_FILE = 3;
export type TokenKind = typeof TOKEN_WORD | typeof TOKEN_QUOTED | typeof TOKEN_END_OF_ENTRY | typeof TOKEN_END_OF_FILE;

export interface Token {
  kind: TokenKind;
  /** Raw text, escapes not decoded; for quoted strings the text between the quotes. */
  text: string;
  line: number;
  column: number;
  /** The text holds at least one backslash. */
  escaped: boolean;
}
