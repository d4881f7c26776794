// The time RRSIGs are validated at: RRSIG form YYYYMMDDHHmmSS (RFC 4034 §3.2)
// or ISO 8601, as seconds since the epoch.

import { UsageError } from '../errors.js';

export function parseValidationTime(text: string): number {
  if (/^[0-9]{14}$/.test(text)) {
    const ms = Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(8, 10), +text.slice(10, 12), +text.slice(12, 14));
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  } else if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  throw new UsageError('ERR_BAD_TIME', `--time "${text}" is neither YYYYMMDDHHmmSS nor ISO 8601`);
}
