// LOC (RFC 1876): the one type whose text is a small grammar of its own.
// "d [m [s]] N|S d [m [s]] E|W alt[m] [size[m] [hp[m] [vp[m]]]]".

import { FieldError, FIELD_ERROR_CODES } from './errors.js';
import { asText, type FieldKind } from './fields.js';
import { WireShortError } from './wire-buffers.js';

const EQUATOR = 2 ** 31;
const ALTITUDE_BASE = 10_000_000; // centimetres below the WGS 84 spheroid

function metresToCm(text: string): number | undefined {
  const m = /^(-?[0-9]+)(?:\.([0-9]{1,2}))?m?$/.exec(text);
  if (!m) return undefined;
  const whole = Number(m[1]);
  const frac = m[2] === undefined ? 0 : Number(m[2].padEnd(2, '0'));
  return whole < 0 || m[1]!.startsWith('-') ? whole * 100 - frac : whole * 100 + frac;
}

/** RFC 1876 precision byte: mantissa (high nibble) × 10^exponent (low nibble) centimetres. */
function encodePrecision(cm: number): number | undefined {
  if (cm < 0 || cm > 9e9) return undefined;
  let exponent = 0;
  while (cm >= 10 && exponent < 9) {
    cm = Math.floor(cm / 10);
    exponent++;
  }
  return (cm << 4) | exponent;
}

function formatPrecision(byte: number): string {
  const mantissa = byte >> 4, exponent = byte & 0xf;
  if (mantissa > 9 || exponent > 9) throw new WireShortError('bad LOC precision');
  return formatCm(mantissa * 10 ** exponent);
}

function formatCm(cm: number): string {
  const sign = cm < 0 ? '-' : '';
  const abs = Math.abs(cm);
  const frac = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${frac ? '.' + String(frac).padStart(2, '0') : ''}m`;
}

function formatAngle(value: number, positive: string, negative: string): string {
  let ms = value - EQUATOR;
  const hemisphere = ms < 0 ? negative : positive;
  ms = Math.abs(ms);
  const deg = Math.floor(ms / 3_600_000);
  const min = Math.floor((ms % 3_600_000) / 60_000);
  const sec = (ms % 60_000) / 1000;
  return `${deg} ${min} ${sec.toFixed(3)} ${hemisphere}`;
}

export const locFields: FieldKind = {
  id: 'loc',
  parse(c, w) {
    const angle = (field: string, hemispheres: [string, string], maxDeg: number): number => {
      const parts: number[] = [];
      for (;;) {
        const t = c.take(field);
        const h = t.text.toUpperCase();
        if (h === hemispheres[0] || h === hemispheres[1]) {
          if (parts.length === 0) throw c.bad(field, t.text, 'degrees missing');
          const [d = 0, m = 0, s = 0] = parts;
          const ms = Math.round(d * 3_600_000 + m * 60_000 + s * 1000);
          if (d > maxDeg || m >= 60 || s >= 60 || ms > maxDeg * 3_600_000) throw c.bad(field, t.text, 'out of range');
          return h === hemispheres[0] ? EQUATOR + ms : EQUATOR - ms;
        }
        if (parts.length === 3 || !/^[0-9]+(\.[0-9]{1,3})?$/.test(t.text) || (parts.length < 2 && t.text.includes('.'))) {
          throw c.bad(field, t.text);
        }
        parts.push(Number(t.text));
      }
    };
    const latitude = angle('latitude', ['N', 'S'], 90);
    const longitude = angle('longitude', ['E', 'W'], 180);
    const altText = c.take('altitude');
    const alt = metresToCm(altText.text);
    if (alt === undefined || alt + ALTITUDE_BASE < 0 || alt + ALTITUDE_BASE > 0xffffffff) throw c.bad('altitude', altText.text);
    const precision = (field: string, fallback: number): number => {
      if (c.atEnd()) return fallback;
      const t = c.take(field);
      const cm = metresToCm(t.text);
      const byte = cm === undefined ? undefined : encodePrecision(cm);
      if (byte === undefined) throw c.bad(field, t.text);
      return byte;
    };
    const size = precision('size', 0x12); // 1m
    const horizontal = precision('horizontal precision', 0x16); // 10000m
    const vertical = precision('vertical precision', 0x13); // 10m
    if (!c.atEnd()) throw new FieldError(FIELD_ERROR_CODES.trailingData, `too many LOC fields`, c.index);
    w.u8(0);
    w.u8(size);
    w.u8(horizontal);
    w.u8(vertical);
    w.u32(latitude);
    w.u32(longitude);
    w.u32(alt + ALTITUDE_BASE);
  },
  format(r) {
    if (r.u8() !== 0) throw new WireShortError('unknown LOC version');
    const size = r.u8(), horizontal = r.u8(), vertical = r.u8();
    const latitude = r.u32(), longitude = r.u32(), altitude = r.u32();
    return [formatAngle(latitude, 'N', 'S'), formatAngle(longitude, 'E', 'W'), formatCm(altitude - ALTITUDE_BASE),
      formatPrecision(size), formatPrecision(horizontal), formatPrecision(vertical)].join(' ');
  },
  skip(r) {
    this.format(r);
  },
  ...asText,
};
