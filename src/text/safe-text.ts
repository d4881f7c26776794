// Text from input (names, tokens, file contents) made safe to print in an
// error line: control characters become DNS-style \DDD escapes (an ESC in a
// zone file must not reach the user's terminal as an escape sequence), bidi
// overrides become \u{…} (they reorder what a reader sees), and quoted input
// longer than a screen line is cut, saying how much was left out (a
// 10-million-character name must not make a 10 MB error line).

/** Quoted input longer than this is cut. */
export const MAX_QUOTED = 80;
/** A whole message longer than this is cut. */
export const MAX_MESSAGE = 2000;

// C0 controls, DEL, C1 controls; the bidi embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character escaped. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\${String(code).padStart(3, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** `text` cut to `max` characters, with how many more there were. */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * An error message fit for one terminal line: "quoted" input cut to
 * MAX_QUOTED characters inside its quotes, the whole cut to MAX_MESSAGE,
 * and nothing unsafe left.
 */
export function safeMessage(message: string): string {
  // Cut first: a huge message is mostly one huge quoted piece, and escaping it whole would be wasted work.
  return printable(shortened(cutQuoted(message), MAX_MESSAGE));
}

/** Each "…" piece longer than MAX_QUOTED cut inside its quotes (a scan, not a regex: pieces can be megabytes). */
function cutQuoted(message: string): string {
  if (message.length <= MAX_QUOTED) return message;
  let out = '';
  let from = 0;
  for (;;) {
    const open = message.indexOf('"', from);
    const close = open < 0 ? -1 : message.indexOf('"', open + 1);
    if (close < 0) return out + message.slice(from);
    const inner = message.slice(open + 1, close);
    out += message.slice(from, open + 1) + (inner.length > MAX_QUOTED ? `${inner.slice(0, MAX_QUOTED)}…" (${inner.length - MAX_QUOTED} more characters)` : `${inner}"`);
    from = close + 1;
  }
}
