// model-musl — musl 1.2.3 getaddrinfo over DNS (Debian 12's musl).
//
// Follows src/network/lookup_name.c `name_from_dns` and `dns_parse_callback`
// over src/network/dns_parse.c `__dns_parse` (musl 1.2.3). The parser never
// reads owner names: it skips them octet by octet (any octet 1..127 is taken
// as part of the name, a 0 ends it, anything >= 128 is a 2-octet pointer) and
// hands the callback the low octet of the TYPE only. The callback keeps every
// record of the asked type whoever owns it (owner-agnostic: unrelated records
// are returned), takes the canonical name from the last CNAME's target
// (expanded within the first 512 octets), and stops the whole parse on an
// address record of the wrong RDLENGTH — addresses found before it are kept.
// musl 1.2.3 has no TCP fallback: a truncated answer is used as it is, cut to
// its 512-octet buffer; more than 64 question+answer records are refused.

import { defineModel, failure, success } from './define-model.js';
import { addressText, ModelFault, readName } from './wire-reader.js';

const MAXADDRS = 48;
const RR_A = 1;
const RR_CNAME = 5;
const RR_AAAA = 28;
/** name_from_dns reads each answer into `unsigned char abuf[2][512]`. */
const ANSWER_BUFFER = 512;

/** Thrown inside __dns_parse when it returns -1; the caller ignores the value and keeps what the callback stored. */
class StopParse extends Error {}

/** name_from_dns on the reply's RCODE: SERVFAIL (or no header) → EAI_AGAIN, NXDOMAIN → EAI_NONAME, any other error → EAI_FAIL. */
function rcodeFailure(message: Uint8Array) {
  if (message.length < 4 || (message[3]! & 15) === 2) return failure('EAI_AGAIN', 'temporary failure');
  const rcode = message[3]! & 15;
  if (rcode === 3) return failure('EAI_NONAME', 'Name does not resolve');
  if (rcode !== 0) return failure('EAI_FAIL', `rcode ${rcode}`);
  return undefined;
}

export const muslModel = defineModel({
  id: 'model-musl',
  title: 'musl getaddrinfo (1.2.3)',
  library: 'musl getaddrinfo',
  follows: 'musl 1.2.3 src/network/lookup_name.c name_from_dns + dns_parse_callback, src/network/dns_parse.c __dns_parse',
  // The DNS path (dns_parse.c, lookup_name.c name_from_dns, res_msend.c) is unchanged from 1.2.2 to 1.2.3; 1.2.4 adds TCP.
  covers: [{ library: 'musl', versions: '>=1.2.2 <1.2.4', clients: ['musl-getaddrinfo'] }],
  validated: [{ client: 'musl-getaddrinfo', library: 'musl', version: '1.2.3', suite: 'host' }],
  retriesOverTcp: false,
}, (question, received) => {
  const message = received.subarray(0, ANSWER_BUFFER);
  const refused = rcodeFailure(message);
  if (refused) return refused;

  const wanted = question.type === 'A' ? RR_A : RR_AAAA;
  const addresses: string[] = [];
  let canonical: string | null = null;
  const callback = (rr: number, data: number, len: number): void => {
    if (rr === RR_CNAME) {
      const target = expandWithin512(message, data);
      if (target !== undefined && isValidHostname(target)) canonical = target;
      return;
    }
    if (addresses.length >= MAXADDRS) return;
    if (rr !== wanted) return;
    if (len !== (rr === RR_A ? 4 : 16)) throw new StopParse();
    addresses.push(addressText(octetsAt(message, data, len)));
  };
  try {
    dnsParse(message, callback);
  } catch (err) {
    if (!(err instanceof StopParse)) throw err;
  }
  if (addresses.length === 0) return failure('EAI_NONAME', 'Name does not resolve');
  return success(addresses, canonical ?? question.name);
});

/** __dns_parse (1.2.3), line for line; a -1 return becomes StopParse. Octets past the end read as 0 (in C: the rest of abuf). */
function dnsParse(r: Buffer, callback: (rr: number, data: number, len: number) => void): void {
  const rlen = r.length;
  if (rlen < 12) throw new StopParse();
  if (r[3]! & 15) return;
  let p = 12;
  let qdcount = r[4]! * 256 + r[5]!;
  let ancount = r[6]! * 256 + r[7]!;
  if (qdcount + ancount > 64) throw new StopParse();
  const at = (i: number): number => (i < rlen ? r[i]! : 0);
  const inName = (i: number): boolean => i < rlen && r[i]! - 1 >= 0 && r[i]! - 1 < 127;
  // A pointer octet above 193, or 193 followed by 255, would point past the 512-octet buffer.
  const badStop = (i: number): boolean => at(i) > 193 || (at(i) === 193 && at(i + 1) > 254) || i > rlen - 6;
  while (qdcount--) {
    while (inName(p)) p++;
    if (badStop(p)) throw new StopParse();
    p += 5 + (at(p) ? 1 : 0);
  }
  while (ancount--) {
    while (inName(p)) p++;
    if (badStop(p)) throw new StopParse();
    p += 1 + (at(p) ? 1 : 0);
    const len = at(p + 8) * 256 + at(p + 9);
    // 1.2.3 compares p+len (not p+10+len) with the end: RDATA may overrun the answer by up to 10 octets.
    if (p + len > rlen) throw new StopParse();
    callback(at(p + 1), p + 10, len);
    p += 10 + len;
  }
}

/** RDATA octets; past the received length the 512-octet buffer holds zeros in this model (in C: whatever was there). */
function octetsAt(message: Buffer, start: number, len: number): Buffer {
  const out = Buffer.alloc(len);
  message.copy(out, 0, Math.min(start, message.length), Math.min(start + len, message.length));
  return out;
}

/** __dn_expand(packet, packet + 512, data, ...): text with dots, or undefined on failure. */
function expandWithin512(message: Buffer, offset: number): string | undefined {
  return expandWithin(message, offset, Math.min(message.length, ANSWER_BUFFER));
}

/** __dn_expand(packet, packet + end, data, ...): text with dots, or undefined on failure. */
function expandWithin(message: Buffer, offset: number, end: number): string | undefined {
  try {
    const name = readName(message, offset, { faultCode: 'EXPAND', forwardPointers: true, end });
    return name.labels.map((l) => l.toString('latin1')).join('.');
  } catch (err) {
    if (err instanceof ModelFault) return undefined;
    throw err;
  }
}

/** lookup_name.c is_valid_hostname: at most 254 octets of letters, digits, '.', '-' or octets >= 0x80. */
function isValidHostname(host: string): boolean {
  if (host.length - 1 >= 254) return false;
  return /^[A-Za-z0-9.\-\u0080-\u00ff]*$/.test(host);
}


// model-musl-1.2.5 — musl 1.2.5 getaddrinfo over DNS (Debian 13's musl).
//
// Follows src/network/lookup_name.c `name_from_dns` + `dns_parse_callback`,
// src/network/dns_parse.c `__dns_parse` and src/network/res_msend.c
// `__res_msend_rc` (musl 1.2.5). What changed since 1.2.3:
//  - res_msend.c (1.2.4): a UDP answer with TC set is asked again over TCP, and
//    the TCP answer is read into the answer buffer, now ABUF_SIZE = 4800 octets
//    (768 in 1.2.4) instead of 512;
//  - dns_parse.c: no 64-record limit and no pointer-octet checks (both gone in
//    1.2.5); a record needs 12 octets after its owner and its RDATA must fit
//    (`len+10 > r+rlen-p` fails the parse);
//  - dns_parse_callback: the CNAME target is expanded within the received
//    length, records of another type than the query's are skipped (ctx->rrtype),
//    reaching MAXADDRS skips instead of stopping; no address is EAI_NODATA.
// Unchanged: owners are never read (unrelated records are returned), the TYPE's
// low octet is what the callback sees, and an address record of the wrong
// RDLENGTH stops the parse keeping what came before.

const ABUF_SIZE_125 = 4800;

export const musl125Model = defineModel({
  id: 'model-musl-1.2.5',
  title: 'musl getaddrinfo (1.2.5, TCP fallback)',
  library: 'musl getaddrinfo',
  follows: 'musl 1.2.5 src/network/lookup_name.c name_from_dns + dns_parse_callback, src/network/dns_parse.c __dns_parse, src/network/res_msend.c __res_msend_rc (TC → TCP since 1.2.4)',
  covers: [{ library: 'musl', versions: '>=1.2.5 <1.2.6', clients: ['musl-getaddrinfo'] }],
  validated: [{ client: 'musl-getaddrinfo', library: 'musl', version: '1.2.5', suite: 'trixie' }],
  retriesOverTcp: true,
}, (question, received) => {
  const message = received.subarray(0, ABUF_SIZE_125);
  const refused = rcodeFailure(message);
  if (refused) return refused;

  const wanted = question.type === 'A' ? RR_A : RR_AAAA;
  const addresses: string[] = [];
  let canonical: string | null = null;
  const callback = (rr: number, data: number, len: number): void => {
    if (rr === RR_CNAME) {
      const target = expandWithin(message, data, message.length);
      if (target !== undefined && isValidHostname(target)) canonical = target;
      return;
    }
    if (addresses.length >= MAXADDRS) return;
    if (rr !== wanted) return;
    if (len !== (rr === RR_A ? 4 : 16)) throw new StopParse();
    addresses.push(addressText(message.subarray(data, data + len)));
  };
  try {
    dnsParse125(message, callback);
  } catch (err) {
    if (!(err instanceof StopParse)) throw err;
  }
  if (addresses.length === 0) return failure('EAI_NODATA', 'Address not available');
  return success(addresses, canonical ?? question.name);
});

/** __dns_parse (1.2.5), line for line; a -1 return becomes StopParse. Every read is inside the answer. */
function dnsParse125(r: Buffer, callback: (rr: number, data: number, len: number) => void): void {
  const rlen = r.length;
  if (rlen < 12) throw new StopParse();
  if (r[3]! & 15) return;
  let p = 12;
  let qdcount = r[4]! * 256 + r[5]!;
  let ancount = r[6]! * 256 + r[7]!;
  const inName = (i: number): boolean => i < rlen && r[i]! - 1 >= 0 && r[i]! - 1 < 127;
  while (qdcount--) {
    while (inName(p)) p++;
    if (p > rlen - 6) throw new StopParse();
    p += 5 + (r[p] ? 1 : 0);
  }
  while (ancount--) {
    while (inName(p)) p++;
    if (p > rlen - 12) throw new StopParse();
    p += 1 + (r[p] ? 1 : 0);
    const len = r[p + 8]! * 256 + r[p + 9]!;
    if (len + 10 > rlen - p) throw new StopParse();
    callback(r[p + 1]!, p + 10, len);
    p += 10 + len;
  }
}
