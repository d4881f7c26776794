// Field kinds for types whose RDATA layout depends on earlier fields:
// APL (RFC 3123), IPSECKEY (RFC 4025) and HIP (RFC 8005).

import { FieldError, FIELD_ERROR_CODES } from './errors.js';
import { asText, base64Rest, name, type FieldKind } from './fields.js';
import { nameToText, wireNameLength } from './name.js';
import { formatIpv4, formatIpv6, parseBase64, parseHex, parseIpv4, parseIpv6 } from './text-values.js';
import { WireShortError } from './wire-buffers.js';

/** APL items "[!]afi:address/prefix" up to the end. */
export const aplItems: FieldKind = {
  id: 'apl',
  parse(c, w, field) {
    while (!c.atEnd()) {
      const t = c.take(field);
      const m = /^(!?)([12]):([^/]+)\/([0-9]{1,3})$/.exec(t.text);
      if (!m) throw c.bad(field, t.text, 'expected [!]afi:address/prefix');
      const family = Number(m[2]);
      const address = new Uint8Array(family === 1 ? 4 : 16);
      const ok = family === 1 ? parseIpv4(m[3]!, address) : parseIpv6(m[3]!, address);
      const prefix = Number(m[4]);
      if (!ok || prefix > address.length * 8) throw c.bad(field, t.text);
      let used = address.length;
      while (used > 0 && address[used - 1] === 0) used--;
      w.u16(family);
      w.u8(prefix);
      w.u8((m[1] ? 0x80 : 0) | used);
      w.bytes(address.subarray(0, used));
    }
  },
  format(r) {
    const items: string[] = [];
    while (r.remaining() > 0) {
      const family = r.u16(), prefix = r.u8(), flags = r.u8();
      const used = flags & 0x7f;
      const size = family === 1 ? 4 : family === 2 ? 16 : -1;
      if (size < 0 || used > size) throw new WireShortError('bad APL item');
      const address = new Uint8Array(size);
      address.set(r.bytes(used));
      items.push(`${flags & 0x80 ? '!' : ''}${family}:${family === 1 ? formatIpv4(address) : formatIpv6(address)}/${prefix}`);
    }
    return items.join(' ');
  },
  skip(r) {
    this.format(r);
  },
  ...asText,
};

/** IPSECKEY: precedence, gateway type, algorithm, gateway (by type), public key. */
export const ipseckeyFields: FieldKind = {
  id: 'ipseckey',
  parse(c, w) {
    const num = (field: string): number => {
      const t = c.take(field);
      if (!/^[0-9]{1,3}$/.test(t.text) || Number(t.text) > 255) throw c.bad(field, t.text);
      return Number(t.text);
    };
    const precedence = num('precedence');
    const gatewayType = num('gateway type');
    const algorithm = num('algorithm');
    w.u8(precedence);
    w.u8(gatewayType);
    w.u8(algorithm);
    if (gatewayType === 0) {
      const t = c.take('gateway');
      if (t.text !== '.') throw c.bad('gateway', t.text, 'gateway type 0 needs "."');
    } else if (gatewayType === 1 || gatewayType === 2) {
      const t = c.take('gateway');
      const address = new Uint8Array(gatewayType === 1 ? 4 : 16);
      if (!(gatewayType === 1 ? parseIpv4(t.text, address) : parseIpv6(t.text, address))) throw c.bad('gateway', t.text);
      w.bytes(address);
    } else if (gatewayType === 3) {
      name.parse(c, w, 'gateway');
    } else {
      throw new FieldError(FIELD_ERROR_CODES.badField, `bad IPSECKEY gateway type ${gatewayType}`, c.index - 2);
    }
    base64Rest(true).parse(c, w, 'public key');
  },
  format(r) {
    const precedence = r.u8(), gatewayType = r.u8(), algorithm = r.u8();
    let gateway: string;
    if (gatewayType === 0) gateway = '.';
    else if (gatewayType === 1) gateway = formatIpv4(r.bytes(4));
    else if (gatewayType === 2) gateway = formatIpv6(r.bytes(16));
    else if (gatewayType === 3) gateway = name.format(r);
    else throw new WireShortError('bad IPSECKEY gateway type');
    const key = Buffer.from(r.rest()).toString('base64');
    return `${precedence} ${gatewayType} ${algorithm} ${gateway}${key ? ' ' + key : ''}`;
  },
  skip(r) {
    this.format(r);
  },
  ...asText,
};

/** HIP: algorithm, HIT (hex), public key (base64), rendezvous servers. */
export const hipFields: FieldKind = {
  id: 'hip',
  parse(c, w) {
    const algText = c.take('PK algorithm');
    if (!/^[0-9]{1,3}$/.test(algText.text) || Number(algText.text) > 255) throw c.bad('PK algorithm', algText.text);
    const hitText = c.take('HIT');
    const hit = parseHex(hitText.text);
    if (hit === undefined || hit.length === 0 || hit.length > 255) throw c.bad('HIT', hitText.text);
    const keyText = c.take('public key');
    const key = parseBase64(keyText.text);
    if (key === undefined || key.length > 0xffff) throw c.bad('public key', keyText.text.slice(0, 20) + '…');
    w.u8(hit.length);
    w.u8(Number(algText.text));
    w.u16(key.length);
    w.bytes(hit);
    w.bytes(key);
    while (!c.atEnd()) name.parse(c, w, 'rendezvous server');
  },
  format(r) {
    const hitLength = r.u8(), algorithm = r.u8(), keyLength = r.u16();
    const hit = Buffer.from(r.bytes(hitLength)).toString('hex').toUpperCase();
    const key = Buffer.from(r.bytes(keyLength)).toString('base64');
    const servers: string[] = [];
    while (r.remaining() > 0) {
      const len = wireNameLength(r.buf, r.pos, r.end);
      if (len < 0) throw new WireShortError('bad HIP rendezvous server');
      servers.push(nameToText(r.buf, r.pos));
      r.pos += len;
    }
    return [String(algorithm), hit, key, ...servers].join(' ');
  },
  skip(r) {
    this.format(r);
  },
  ...asText,
};
