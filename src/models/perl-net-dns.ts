// model-perl-net-dns — Perl's Net::DNS 1.36 (Debian 12), and
// model-perl-net-dns-1.57 — Net::DNS 1.57 (Debian 13):
// Net::DNS::Resolver->query(name, A|AAAA), the addresses being every record
// of the asked type in the reply's answer section, as the module's
// documentation takes them (`grep { $_->type eq 'A' } $reply->answer`).
//
// Follows Net::DNS lib/Net/DNS/Resolver/Base.pm `query` (send() without a
// search list; the reply only when the header's ANCOUNT is not zero), `send`
// (TCP after a reply with TC), `_send_udp`/`_accept_reply` (a reply is taken
// when it decoded at least its header and has QR set; NOERROR and NXDOMAIN
// end the wait, another RCODE is kept as the fallback that send() returns),
// and lib/Net/DNS/Packet.pm `decode`, which decodes records until one fails
// and returns the records decoded so far (the die is caught in an eval), over
// RR.pm `decode`, DomainName.pm `decode`, RR/A.pm and RR/AAAA.pm.
//
// The two versions differ in RR.pm `decode`: in 1.36 a die in a record's
// `_decode_rdata` (a CNAME target with a bad pointer, an HTTPS record whose
// SvcParams overrun its RDATA) ends the packet there;
// in 1.57 it is caught per record (`eval { $self->_decode_rdata(...) }; warn
// $@`), the record stays without its RDATA and decoding goes on. Only an
// owner name or a record running past the end stops it. (The change lies
// between the two; the history read here ends at 1.36, so each model covers
// only the minor release measured.)
//
// Nothing here looks at owner names or follows a CNAME: order, chains, case,
// loops and unrelated records make no difference; an A record anywhere in the
// answer section is an address (an unrelated one too: wrong-address). No
// canonical name is exposed (null).
//
// Decoding: a compression pointer must point before the start of the name (or
// of the previous jump target); octets 0x40–0xBF fail; RDATA names are read
// without regard to RDLENGTH; an A record's address is the 4 octets at its
// RDATA (zero-padded past the message end, 0.0.0.0 when RDLENGTH is 0),
// whatever RDLENGTH says — a 5-octet A record reads as its first 4. Of the
// other types' RDATA decoders only CNAME, DNAME, SVCB and HTTPS are modelled
// (checkRdata); the rest are taken as decodable (the scenario server sends
// them well-formed).
//
// Errors (resolve.pl's names): ANCOUNT 0 -> NXDOMAIN / NO_DATA (NOERROR) / the
// RCODE; no reply taken -> TIMEOUT (QR clear), ERROR (shorter than a header:
// the decode error is the last errorstring).

import { defineModel, failure, success } from './define-model.js';
import { readHeader, TYPE } from './wire-reader.js';
import { formatIpv6 } from '../rdata/text-values.js';

/** Header RCODEs by value as Net::DNS names them; resolve.pl prints these as the error code (others as ERROR). */
const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];

class Corrupt extends Error {}

/** DomainName->decode: the offset after the name; throws Corrupt where Net::DNS croaks. */
function skipName(buf: Buffer, start: number): number {
  let index = start;
  let offset = start;
  let resume = -1;
  for (let depth = 0; ; ) {
    if (index >= buf.length) throw new Corrupt('corrupt wire-format data');
    const header = buf[index]!;
    if (header === 0) return resume >= 0 ? resume : index + 1;
    if (header < 0x40) {
      index += 1 + header;
    } else if (header < 0xc0) {
      throw new Corrupt('unimplemented label type');
    } else {
      if (index + 2 > buf.length) throw new Corrupt('corrupt compression pointer');
      const link = buf.readUInt16BE(index) & 0x3fff;
      if (!(link < offset)) throw new Corrupt('corrupt compression pointer');
      if (depth++ > 120) throw new Corrupt('deep compression recursion');
      if (resume < 0) resume = index + 2;
      index = offset = link;
    }
  }
}

interface PerlRecord { type: number; rdataOffset: number; rdlength: number }

/**
 * The `_decode_rdata` dies 1.36 lets end the packet, for the types modelled:
 * CNAME and DNAME (a name read from RDATA's start, past RDLENGTH if need be),
 * SVCB and HTTPS (RR/SVCB.pm: target and key/length pairs inside RDATA, which
 * they must fill exactly). Other types' decoders are taken as succeeding.
 */
function checkRdata(buf: Buffer, type: number, start: number, rdlength: number): void {
  if (type === TYPE.CNAME || type === TYPE.DNAME) {
    skipName(buf, start);
  } else if (type === 64 || type === 65) {
    const rdata = buf.subarray(start, start + rdlength);
    let index = skipName(rdata, 2); // DomainName->decode(\$rdata, 2): names inside RDATA only
    const limit = rdata.length - 3;
    while (index < limit) index += rdata.readUInt16BE(index + 2) + 4;
    if (index !== rdata.length) throw new Corrupt(`${type === 64 ? 'SVCB' : 'HTTPS'}: corrupt RDATA`);
  }
}

/** Packet->decode: the answer records decoded before the first failure (`rdataStops`: a failing RDATA decoder is one, 1.36). */
function decodeAnswers(buf: Buffer, qdcount: number, ancount: number, rdataStops: boolean): PerlRecord[] {
  const answers: PerlRecord[] = [];
  try {
    let at = 12;
    for (let i = 0; i < qdcount; i++) {
      at = skipName(buf, at) + 4;
      if (at > buf.length) throw new Corrupt('corrupt wire-format data');
    }
    for (let i = 0; i < ancount; i++) {
      const fixed = skipName(buf, at);
      if (fixed + 10 > buf.length) throw new Corrupt('corrupt wire-format data');
      const type = buf.readUInt16BE(fixed);
      const rdlength = buf.readUInt16BE(fixed + 8);
      const rdataOffset = fixed + 10;
      const next = rdataOffset + rdlength;
      if (next > buf.length) throw new Corrupt('corrupt wire-format data');
      if (rdlength > 0 && rdataStops) checkRdata(buf, type, rdataOffset, rdlength);
      answers.push({ type, rdataOffset, rdlength });
      at = next;
    }
  } catch (err) {
    if (!(err instanceof Corrupt)) throw err;
  }
  return answers;
}

/** RR::A->address / RR::AAAA->address_long of the octets _decode_rdata unpacked ("a4"/"a16" from the RDATA's start). */
function addressOf(buf: Buffer, r: PerlRecord, size: 4 | 16): string {
  const octets = Buffer.alloc(size);
  if (r.rdlength > 0) buf.copy(octets, 0, r.rdataOffset, Math.min(r.rdataOffset + size, buf.length));
  return size === 4 ? Array.from(octets).join('.') : formatIpv6(octets);
}

interface Variant { id: string; title: string; version: string; suite: string; versions: string; rdataStops: boolean; followsVersion: string }

function perlNetDns(v: Variant) {
  return defineModel({
    id: v.id,
    title: v.title,
    library: 'Perl Net::DNS Resolver->query',
    follows: `Net::DNS lib/Net/DNS/Resolver/Base.pm query/send/_send_udp/_accept_reply, Packet.pm decode, RR.pm decode, DomainName.pm decode (Net::DNS ${v.followsVersion}), answer records filtered by type as in its documentation`,
    covers: [{ library: 'net-dns', versions: v.versions, clients: ['perl-net-dns'] }],
    validated: [{ client: 'perl-net-dns', library: 'net-dns', version: v.version, suite: v.suite }],
    retriesOverTcp: true,
  }, (question, message) => {
    const header = readHeader(message);
    if (!header) return failure('ERROR', 'corrupt wire-format data');
    if (!header.qr) return failure('TIMEOUT', 'query timed out');
    const answers = decodeAnswers(message, header.qdcount, header.ancount, v.rdataStops);
    const rcode = RCODES[header.rcode];
    // query(): `$packet->header->ancount ? $packet : undef` (the header's count, else the records decoded).
    if ((header.ancount || answers.length) === 0) {
      if (rcode === 'NXDOMAIN') return failure('NXDOMAIN', 'NXDOMAIN');
      if (rcode === 'NOERROR') return failure('NO_DATA', 'NOERROR (empty answer section)');
      return rcode ? failure(rcode, rcode) : failure('ERROR', `RCODE ${header.rcode}`);
    }
    const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
    const size = question.type === 'A' ? 4 : 16;
    return success(answers.filter((r) => r.type === qtype).map((r) => addressOf(message, r, size)), null);
  });
}

export const perlNetDnsModel = perlNetDns({
  id: 'model-perl-net-dns', title: 'Perl Net::DNS query (1.36)', version: '1.36', suite: 'host', versions: '>=1.36 <1.37',
  rdataStops: true, followsVersion: '1.36',
});

export const perlNetDns157Model = perlNetDns({
  id: 'model-perl-net-dns-1.57', title: 'Perl Net::DNS query (1.57)', version: '1.57', suite: 'trixie', versions: '>=1.57 <1.58',
  rdataStops: false, followsVersion: '1.57',
});
