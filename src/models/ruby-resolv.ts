// model-ruby-resolv — Ruby's standard library resolv 0.2 (the `resolv`
// default gem of Ruby 3.1, Debian 12), and model-ruby-resolv-0.3 — resolv 0.3
// (Ruby 3.3, Debian 13): Resolv::DNS#getresources(name,
// Resolv::DNS::Resource::IN::A | IN::AAAA), which is also what
// Resolv.getaddresses runs for each type behind /etc/hosts.
//
// Follows ruby/ruby lib/resolv.rb: Resolv::DNS#fetch_resource (RCODE and TC
// handling), Requester#request (an undecodable reply is ignored: `rescue
// DecodeError; next`, so the wait runs out), Message.decode and its
// MessageDecoder (get_labels, get_rr, get_length16, the decode_rdata of each
// type), and Resolv::DNS#extract_resources, the walk:
//
//   pass 1, in message order over answer + authority + additional: a record
//     of the asked type (class IN) owned by the current name is an address;
//     an IN CNAME owned by it moves the current name to its target — so
//     addresses at an intermediate name count too, and a CNAME only counts
//     when it comes after the link that leads to its owner;
//   pass 2, only when pass 1 found no address: every record of the asked
//     type owned by the name pass 1 ended at, wherever it sits.
//
// Owner names compare ASCII-case-insensitively (Label::Str#downcase), label by
// label. No chain limit (a loop ends with the pass). Every failure — NXDOMAIN,
// another RCODE, an undecodable reply, a timeout — is rescued inside
// Resolv::DNS::Config#resolv: getresources returns [] and the caller sees no
// error, so neither does this model. No canonical name is exposed (null).
//
// Decoding: a name's compression pointer must point before the previous jump
// (or the name's start), octets 0x40–0xBF are label lengths, no 255-octet
// limit; inside RDATA every read stops at RDLENGTH and RDATA must be consumed
// exactly ("junk exists"). RDATA is decoded for IN A (4 octets), IN AAAA
// (16), and IN NS/CNAME/PTR (a name), SOA (2 names + 20 octets), MX (2 +
// name), MINFO (2 names), TXT/HINFO (character-strings), SRV (6 + name), WKS
// (>= 6), ANY (a query type: always fails), and in 0.3 IN SVCB/HTTPS
// (priority, target, SvcParams by key); other types are Generic (any octets).
// Not modelled: LOC's fixed layout.
//
// What 0.3 changed besides SVCB/HTTPS: Message.decode returns right after the
// header when TC is set, so a truncated UDP reply goes to TCP undecoded, and
// a TCP reply with TC set has no records (-> []). 0.2 decodes the whole
// truncated UDP reply first and ignores it (-> []) when that fails; this
// model reads only the TCP answer then (define-model's retry), which agrees
// whenever the truncated reply decodes — the scenario server's always do.

import { defineModel, success } from './define-model.js';
import { addressText, attempt, CLASS_IN, fault, readHeader, sameName, TYPE } from './wire-reader.js';

/** Every DecodeError of Ruby's decoder: the reply is ignored, getresources returns []. */
const IGNORED = 'DecodeError';

interface RubyRecord { owner: Buffer[]; type: number; class: number; rdataOffset: number; rdlength: number }

/** MessageDecoder#get_labels: `end` is the decoder's @limit (RDATA end inside get_length16). */
function getName(buf: Buffer, start: number, end: number): { labels: Buffer[]; next: number } {
  const labels: Buffer[] = [];
  let pos = start;
  let prev = start;
  let resume = -1;
  for (;;) {
    if (pos >= end || pos >= buf.length) fault(IGNORED, 'limit exceeded');
    const octet = buf[pos]!;
    if (octet === 0) return { labels, next: resume >= 0 ? resume : pos + 1 };
    if (octet >= 0xc0) {
      if (pos + 2 > end || pos + 2 > buf.length) fault(IGNORED, 'limit exceeded');
      const target = buf.readUInt16BE(pos) & 0x3fff;
      if (prev <= target) fault(IGNORED, 'non-backward name pointer');
      prev = target;
      if (resume < 0) resume = pos + 2;
      pos = target;
      continue;
    }
    if (pos + 1 + octet > end || pos + 1 + octet > buf.length) fault(IGNORED, 'limit exceeded');
    labels.push(buf.subarray(pos + 1, pos + 1 + octet));
    pos += 1 + octet;
  }
}

/** Types with a decode_rdata of their own in class IN (the rest are Generic: any octets). */
const DECODED = new Set([TYPE.A, TYPE.AAAA, 2, TYPE.CNAME, 6, 11, 12, 13, 14, 15, 16, 33, 255]);
/** IN SVCB and HTTPS: ServiceBinding.decode_rdata, resolv 0.3. */
const SERVICE_BINDING = new Set([64, 65]);

/**
 * The decode_rdata of the class Resource.get_class finds for (type, class),
 * inside get_length16: reads stop at RDATA's end (and the message's), and
 * RDATA must be consumed exactly.
 */
function checkRdata(buf: Buffer, type: number, klass: number, start: number, end: number, svcb: boolean): void {
  if (klass === CLASS_IN && svcb && SERVICE_BINDING.has(type)) return checkServiceBinding(buf, start, end);
  if (klass !== CLASS_IN || !DECODED.has(type)) return;
  const limit = Math.min(end, buf.length);
  let at = start;
  const bytes = (n: number) => {
    if (at + n > limit) fault(IGNORED, 'limit exceeded');
    at += n;
  };
  const name = () => { at = getName(buf, at, limit).next; };
  const string = () => {
    if (at >= limit) fault(IGNORED, 'limit exceeded');
    bytes(1 + buf[at]!);
  };
  switch (type) {
    case TYPE.A: bytes(4); break;
    case TYPE.AAAA: bytes(16); break;
    case 2: case TYPE.CNAME: case 12: name(); break; // NS, CNAME, PTR
    case 6: name(); name(); bytes(20); break; // SOA
    case 14: name(); name(); break; // MINFO
    case 15: bytes(2); name(); break; // MX
    case 13: string(); string(); break; // HINFO
    case 16: // TXT: TXT.new(first_string, *rest) needs one string at least
      if (at >= end) fault(IGNORED, 'wrong number of arguments');
      while (at < end) string();
      break;
    case 33: bytes(6); name(); break; // SRV
    case 11: bytes(6); at = limit; break; // WKS: address, get_unpack('n'), then the bitmap (the rest)
    case 255: fault(IGNORED, 'ANY is query'); // IN::ANY < Query
    default: break;
  }
  if (at < end) fault(IGNORED, 'junk exists');
}

/**
 * ServiceBinding.decode_rdata (resolv 0.3): priority, target, then SvcParams
 * until RDATA's end, each a key and a get_length16 value read by that key's
 * class (SvcParam::ClassHash; unknown keys and ech are Generic).
 */
function checkServiceBinding(buf: Buffer, start: number, end: number): void {
  const limit = Math.min(end, buf.length);
  if (start + 2 > limit) fault(IGNORED, 'limit exceeded');
  let at = getName(buf, start + 2, limit).next;
  while (at < end) {
    if (at + 4 > limit) fault(IGNORED, 'limit exceeded');
    const key = buf.readUInt16BE(at);
    const length = buf.readUInt16BE(at + 2);
    at += 4;
    // A value past RDATA's end is read up to its own length, then RDATA's get_length16 says "limit exceeded".
    const valueEnd = at + length;
    if (valueEnd > end || valueEnd > buf.length) fault(IGNORED, 'limit exceeded');
    const unit = key === 0 || key === 3 ? 2 : key === 4 ? 4 : key === 6 ? 16 : 0; // mandatory, port, ipv4hint, ipv6hint
    if (key === 3 && length !== 2) fault(IGNORED, length < 2 ? 'limit exceeded' : 'junk exists');
    if (key === 2 && length !== 0) fault(IGNORED, 'junk exists'); // no-default-alpn
    if (unit > 0 && length % unit !== 0) fault(IGNORED, 'limit exceeded');
    if (key === 1) { // alpn: character-strings filling the value
      let p = at;
      while (p < valueEnd) p += 1 + buf[p]!;
      if (p > valueEnd) fault(IGNORED, 'limit exceeded');
    }
    at = valueEnd;
  }
}

/** Message.decode after the header: questions, then every record of the three sections (none when 0.3 sees TC). */
function decode(buf: Buffer, v: Variant): RubyRecord[] {
  const header = readHeader(buf);
  if (!header) fault(IGNORED, 'limit exceeded');
  if (v.tcEndsDecode && header.tc) return [];
  let at = 12;
  for (let i = 0; i < header.qdcount; i++) {
    at = getName(buf, at, buf.length).next;
    if (at + 4 > buf.length) fault(IGNORED, 'limit exceeded');
    at += 4;
  }
  const records: RubyRecord[] = [];
  const total = header.ancount + header.nscount + header.arcount;
  for (let i = 0; i < total; i++) {
    const owner = getName(buf, at, buf.length);
    at = owner.next;
    if (at + 10 > buf.length) fault(IGNORED, 'limit exceeded');
    const type = buf.readUInt16BE(at);
    const klass = buf.readUInt16BE(at + 2);
    const rdlength = buf.readUInt16BE(at + 8);
    const rdataOffset = at + 10;
    // get_length16 sets @limit past the message end unchecked: only a decoder that reads there fails.
    checkRdata(buf, type, klass, rdataOffset, rdataOffset + rdlength, v.svcb);
    records.push({ owner: owner.labels, type, class: klass, rdataOffset, rdlength });
    at = rdataOffset + rdlength;
  }
  return records;
}

function candidateLabels(name: string): Buffer[] {
  // Name.create / Label.split: the non-empty runs between dots.
  return name.split('.').filter((l) => l !== '').map((l) => Buffer.from(l, 'utf8'));
}

interface Variant { id: string; title: string; version: string; suite: string; versions: string; svcb: boolean; tcEndsDecode: boolean }

function rubyResolv(v: Variant) {
  return defineModel({
    id: v.id,
    title: v.title,
    library: 'Ruby resolv Resolv::DNS#getresources',
    follows: `ruby/ruby lib/resolv.rb Resolv::DNS#extract_resources + #fetch_resource, Requester#request, Message.decode/MessageDecoder (resolv ${v.version})`,
    covers: [{ library: 'resolv', versions: v.versions, clients: ['ruby-resolv'] }],
    validated: [{ client: 'ruby-resolv', library: 'resolv', version: v.version, suite: v.suite }],
    retriesOverTcp: true,
  }, (question, message) => {
    // Requester#request: an undecodable reply is ignored and the wait runs out: [].
    const records = attempt(() => decode(message, v));
    if (!records) return success([], null);
    // fetch_resource: only NoError reaches extract_resources; NXDomain and the rest end in [].
    if (readHeader(message)!.rcode !== 0) return success([], null);
    const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
    const isAddress = (r: RubyRecord) => r.type === qtype && r.class === CLASS_IN;
    const addressOf = (r: RubyRecord) => addressText(message.subarray(r.rdataOffset, r.rdataOffset + r.rdlength));
    let n0 = candidateLabels(question.name);
    const out: string[] = [];
    for (const r of records) {
      if (!sameName(n0, r.owner)) continue;
      if (isAddress(r)) out.push(addressOf(r));
      else if (r.type === TYPE.CNAME && r.class === CLASS_IN) n0 = getName(message, r.rdataOffset, r.rdataOffset + r.rdlength).labels;
    }
    if (out.length > 0) return success(out, null);
    for (const r of records) if (sameName(n0, r.owner) && isAddress(r)) out.push(addressOf(r));
    return success(out, null);
  });
}

export const rubyResolvModel = rubyResolv({
  id: 'model-ruby-resolv', title: 'Ruby resolv (0.2)', version: '0.2.1', suite: 'host', versions: '>=0.2.1 <0.3', svcb: false, tcEndsDecode: false,
});

export const rubyResolv03Model = rubyResolv({
  id: 'model-ruby-resolv-0.3', title: 'Ruby resolv (0.3)', version: '0.3.0', suite: 'trixie', versions: '>=0.3.0 <0.4', svcb: true, tcEndsDecode: true,
});
