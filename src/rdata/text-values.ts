// Presentation-format values shared by field kinds: numbers, TTLs, times,
// addresses, character strings, base64/base32hex/hex. Each parser returns
// undefined for bad text (the caller names the field in its error).

const DIGIT0 = 0x30, DIGIT9 = 0x39;

/** Unsigned decimal up to `max`, or undefined. */
export function parseDecimal(text: string, max: number): number | undefined {
  const n = text.length;
  if (n === 0 || n > 10) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < DIGIT0 || c > DIGIT9) return undefined;
    v = v * 10 + (c - DIGIT0);
  }
  return v <= max ? v : undefined;
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** TTL as seconds: decimal, or BIND units ("1h30m", "2W"). */
export function parseTtl(text: string): number | undefined {
  const plain = parseDecimal(text, 0xffffffff);
  if (plain !== undefined) return plain;
  if (!/^([0-9]+[smhdwSMHDW])+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)([smhdwSMHDW])/g)) total += Number(m[1]) * TTL_UNITS[m[2]!.toLowerCase()]!;
  return total <= 0xffffffff ? total : undefined;
}

/** RRSIG time: YYYYMMDDHHmmSS (UTC) or seconds since the epoch (RFC 4034 §3.2), as a 32-bit value. */
export function parseSigTime(text: string): number | undefined {
  if (text.length === 14) {
    const y = decimalAt(text, 0, 4), mo = decimalAt(text, 4, 2), d = decimalAt(text, 6, 2);
    const h = decimalAt(text, 8, 2), mi = decimalAt(text, 10, 2), s = decimalAt(text, 12, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return undefined;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (d > (mo === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[mo - 1]!)) return undefined;
    return (Date.UTC(y, mo - 1, d, h, mi, s) / 1000) % 2 ** 32;
  }
  return parseDecimal(text, 0xffffffff);
}

/** The `count` decimal digits of `text` at `from`, or -1 when one is not a digit. */
function decimalAt(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - DIGIT0;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function formatSigTime(value: number): string {
  const iso = new Date(value * 1000).toISOString();
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19);
}

export function parseIpv4(text: string, out: Uint8Array, offset = 0): boolean {
  let part = 0, digits = 0, index = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || index > 3) return false;
      out[offset + index++] = part;
      part = 0;
      digits = 0;
    } else if (c >= DIGIT0 && c <= DIGIT9) {
      if (digits > 0 && part === 0) return false; // no leading zeros
      part = part * 10 + (c - DIGIT0);
      if (++digits > 3 || part > 255) return false;
    } else {
      return false;
    }
  }
  return index === 4;
}

/** IPv6 text (RFC 4291 §2.2, with "::" and a trailing dotted quad) into 16 octets; false when malformed. */
export function parseIpv6(text: string, out: Uint8Array, offset = 0): boolean {
  const groups = ipv6Groups;
  let count = 0;
  let gap = -1; // group index where "::" stands
  let i = 0;
  const n = text.length;
  if (n < 2) return false;
  if (text.charCodeAt(0) === 0x3a) {
    if (text.charCodeAt(1) !== 0x3a) return false;
    gap = 0;
    i = 2;
    if (i === n) return finishIpv6(groups, count, gap, out, offset);
  }
  for (;;) {
    // One group: up to 4 hex digits, or a dotted quad at the end.
    let value = 0, digits = 0, j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      const h = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (h < 0) break;
      value = value * 16 + h;
      digits++;
    }
    if (j < n && text.charCodeAt(j) === 0x2e) {
      if (count > 6 || !parseIpv4(text.slice(i), ipv4Scratch)) return false;
      groups[count++] = (ipv4Scratch[0]! << 8) | ipv4Scratch[1]!;
      groups[count++] = (ipv4Scratch[2]! << 8) | ipv4Scratch[3]!;
      return finishIpv6(groups, count, gap, out, offset);
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    groups[count++] = value;
    if (j === n) return finishIpv6(groups, count, gap, out, offset);
    if (text.charCodeAt(j) !== 0x3a) return false;
    if (j + 1 < n && text.charCodeAt(j + 1) === 0x3a) {
      if (gap >= 0) return false;
      gap = count;
      i = j + 2;
      if (i === n) return finishIpv6(groups, count, gap, out, offset);
    } else {
      i = j + 1;
      if (i === n) return false;
    }
  }
}

const ipv6Groups = new Array<number>(10).fill(0);
const ipv4Scratch = new Uint8Array(4);

function finishIpv6(groups: number[], count: number, gap: number, out: Uint8Array, offset: number): boolean {
  if (gap < 0 ? count !== 8 : count > 7) return false;
  const zeros = 8 - count;
  for (let g = 0, k = 0; g < 8; g++) {
    const v = gap >= 0 && g >= gap && g < gap + zeros ? 0 : groups[k++]!;
    out[offset + 2 * g] = v >> 8;
    out[offset + 2 * g + 1] = v & 0xff;
  }
  return true;
}

export function formatIpv4(b: Uint8Array): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/**
 * RFC 5952 text of 16 IPv6 address octets: lower-case hex groups without leading
 * zeros, the first longest run of two or more zero groups as "::". IPv4-mapped
 * addresses stay in hex (::ffff:c000:201). The one formatter for packets, models and zone text.
 */
export function formatIpv6(octets: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((octets[2 * i]! << 8) | octets[2 * i + 1]!);
  return ipv6GroupsText(groups);
}

/** RFC 5952 text of eight 16-bit groups (net/address.ts normalises captured text with it). */
export function ipv6GroupsText(groups: readonly number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Octets of a character string's text with `\X` and `\DDD` decoded, or undefined on a bad escape. */
export function decodeEscapes(text: string, escaped: boolean): Buffer | undefined {
  if (!escaped) return Buffer.from(text, 'latin1');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c) {
      out.push(c & 0xff);
      continue;
    }
    const d1 = text.charCodeAt(i + 1);
    if (d1 >= DIGIT0 && d1 <= DIGIT9) {
      const ddd = text.slice(i + 1, i + 4);
      if (!/^[0-9]{3}$/.test(ddd) || Number(ddd) > 255) return undefined;
      out.push(Number(ddd));
      i += 3;
    } else if (i + 1 < text.length) {
      out.push(d1 & 0xff);
      i++;
    } else {
      return undefined;
    }
  }
  return Buffer.from(out);
}

/** A character string in quotes, escaping `"`, `\` and non-printable octets. */
export function formatCharString(b: Uint8Array): string {
  return `"${escapeText(b)}"`;
}

export function escapeText(b: Uint8Array): string {
  let out = '';
  for (const c of b) {
    if (c === 0x22 || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c < 0x20 || c >= 0x7f) out += '\\' + String(c).padStart(3, '0');
    else out += String.fromCharCode(c);
  }
  return out;
}

// Validation by decoding: Node's decoders skip (base64) or stop at (hex) a
// character outside the alphabet, so the decoded length tells whether every
// character was valid — one native pass instead of a regular expression and a
// decode (signed zones are mostly base64, DS records hex).

/**
 * The octets strict RFC 4648 base64 text decodes to, or undefined when its
 * shape is wrong (length, padding inside, base64url characters). The decoder
 * must then produce exactly that many octets, or a character was invalid.
 */
export function base64DecodedLength(text: string): number | undefined {
  const length = text.length;
  if (length % 4 !== 0) return undefined;
  // Node also accepts the base64url alphabet; presentation format does not.
  if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) return undefined;
  const pad = length > 0 && text.charCodeAt(length - 1) === 0x3d ? (text.charCodeAt(length - 2) === 0x3d ? 2 : 1) : 0;
  const firstPad = text.indexOf('=');
  if (firstPad >= 0 && firstPad < length - pad) return undefined;
  return (length / 4) * 3 - pad;
}

/** Strict RFC 4648 base64, decoded; undefined when invalid. */
export function parseBase64(text: string): Buffer | undefined {
  const expected = base64DecodedLength(text);
  if (expected === undefined) return undefined;
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === expected ? decoded : undefined;
}

export function isBase64(text: string): boolean {
  return parseBase64(text) !== undefined;
}

/** Hex digits, an even number of them, decoded; undefined when invalid. */
export function parseHex(text: string): Buffer | undefined {
  if (text.length % 2 !== 0) return undefined;
  const decoded = Buffer.from(text, 'hex');
  return decoded.length * 2 === text.length ? decoded : undefined;
}

export function isHex(text: string): boolean {
  return parseHex(text) !== undefined;
}

const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** RFC 4648 base32hex without padding (NSEC3 hashed owner names). */
export function parseBase32Hex(text: string): Buffer | undefined {
  const upper = text.toUpperCase();
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const ch of upper) {
    const v = BASE32HEX.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return undefined;
  return Buffer.from(out);
}

export function formatBase32Hex(b: Uint8Array): string {
  let out = '', bits = 0, value = 0;
  for (const octet of b) {
    value = (value << 8) | octet;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out.toLowerCase();
}
