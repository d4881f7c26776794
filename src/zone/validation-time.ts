// The time RRSIGs are validated at: RRSIG form YYYYMMDDHHmmSS (RFC 4034 §3.2)
// or ISO 8601, as seconds since the epoch. The CLI words its own error for
// --time (validationTimeFromText); parseValidationTime is for other callers.

import { UsageError } from '../errors.js';

/** Seconds since the epoch, or undefined when `text` is neither form (or an impossible date). */
export function validationTimeFromText(text: string): number | undefined {
  if (/^[0-9]{14}$/.test(text)) {
    const fields = [0, 4, 6, 8, 10, 12].map((at, i) => +text.slice(at, i === 0 ? 4 : at + 2));
    const [y, mo, d, h, mi, s] = fields as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    // Date.UTC rolls 2026-13-40 over into 2027; an impossible date is a typo, not a time.
    const back = new Date(ms);
    if (back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === s) {
      return Math.floor(ms / 1000);
    }
  } else if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  return undefined;
}

/** validationTimeFromText, or an ERR_BAD_TIME UsageError. */
export function parseValidationTime(text: string): number {
  const time = validationTimeFromText(text);
  if (time === undefined) throw new UsageError('ERR_BAD_TIME', `validation time "${text}" is neither YYYYMMDDHHmmSS nor ISO 8601`);
  return time;
}
