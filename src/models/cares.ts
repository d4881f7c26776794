// model-cares — c-ares 1.26 and later (Node 20 bundles 1.34.x), ares_getaddrinfo
// and ares_parse_a_reply / ares_parse_aaaa_reply (Node's resolve4/resolve6).
//
// Follows src/lib/ares_parse_into_addrinfo.c `ares_parse_into_addrinfo` (named
// src/lib/ares__parse_into_addrinfo.c before 1.34.0) over the
// ares_dns_record parser (src/lib/record/ares_dns_parse.c `ares_dns_parse`),
// c-ares 1.34.x. Two changes from model-cares-legacy decide the outcomes:
//  - the owner check is gone (issue #683, c-ares 1.26.0: "Old code did this
//    hostname sanity check, however it appears this is flawed logic"), so every
//    A/AAAA record of class IN is returned, unrelated ones included;
//  - the whole message is parsed first, strictly: a record or count that does
//    not fit, or a pointer that does not point backwards, is ARES_EBADRESP for
//    the whole answer. Inside a record, an A/AAAA RDATA longer than the address
//    is accepted (the address is its first octets, the rest skipped); shorter
//    is an error.
// The canonical name is the last CNAME target (the ares_addrinfo cnames list):
// every CNAME, whoever owns it, replaces `hostname` with its target, in answer
// order. So against model-cares-legacy, the system library of Debian 13 (1.34.9)
// answers `ok` where addresses precede the chain (cname-last: no owner check
// drops them), `wrong-address` where an A/AAAA record is off the chain
// (unrelated-*, terminal-only: taken whoever owns it), and `wrong-canonical`
// where the chain is reversed (the last CNAME in the answer is the first hop).

import { defineModel, failure, success } from './define-model.js';
import { caresRcodeStatus } from './cares-legacy.js';
import { addressText, CLASS_IN, fault, nameText, readHeader, readName, readRecord, skipQuestion, TYPE, type NameRules, type WireRecord } from './wire-reader.js';

const RULES: NameRules = { faultCode: 'ARES_EBADRESP', forwardPointers: false, backwardOf: 'pointer' };

export const caresModel = defineModel({
  id: 'model-cares',
  title: 'c-ares 1.26 and later (1.34)',
  library: 'c-ares >= 1.26 ares_getaddrinfo / ares_parse_a_reply',
  follows: 'c-ares/c-ares src/lib/ares_parse_into_addrinfo.c ares_parse_into_addrinfo + src/lib/record/ares_dns_parse.c ares_dns_parse (c-ares 1.34.x; owner check removed in 1.26.0, issue #683)',
  // 1.21–1.25 parse with ares_dns_record but still check owners: no model covers them.
  covers: [{ library: 'c-ares', versions: '>=1.26 <1.35', clients: ['cares-system', 'node-cares'] }],
  validated: [
    { client: 'node-cares', library: 'c-ares', version: '1.34.6', suite: 'host' },
    { client: 'node-cares', library: 'c-ares', version: '1.34.5', suite: 'trixie' },
    { client: 'cares-system', library: 'c-ares', version: '1.34.9', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (_question, message) => {
  const header = readHeader(message);
  if (!header) return failure('ARES_EBADRESP', 'answer shorter than a header');
  const answers = parseWholeMessage(message, header.qdcount, header.ancount + header.nscount + header.arcount).slice(0, header.ancount);
  const status = caresRcodeStatus(header.rcode, header.ancount);
  if (status) return failure(status, `rcode ${header.rcode}, ${header.ancount} answers`);

  let lastCnameTarget: Buffer[] | undefined;
  const addresses: string[] = [];
  for (const rr of answers) {
    if (rr.class !== CLASS_IN) continue;
    if (rr.type === TYPE.CNAME) lastCnameTarget = readName(message, rr.rdataOffset, RULES).labels;
    else if (rr.type === TYPE.A) addresses.push(addressText(message.subarray(rr.rdataOffset, rr.rdataOffset + 4)));
    else if (rr.type === TYPE.AAAA) addresses.push(addressText(message.subarray(rr.rdataOffset, rr.rdataOffset + 16)));
  }
  if (addresses.length === 0) return failure('ARES_ENODATA', 'DNS server returned answer with no data');
  const question = skipQuestion(message, 12, RULES);
  return success(addresses, nameText(lastCnameTarget ?? question.labels));
});

/** ares_dns_parse: every question and record, with the per-type RDATA checks that matter here. */
function parseWholeMessage(message: Buffer, qdcount: number, rrcount: number): WireRecord[] {
  if (qdcount !== 1) fault('ARES_EBADRESP', 'QDCOUNT is not 1');
  let offset = skipQuestion(message, 12, RULES).next;
  const records: WireRecord[] = [];
  for (let i = 0; i < rrcount; i++) {
    const rr = readRecord(message, offset, RULES);
    checkRdata(message, rr);
    records.push(rr);
    offset = rr.next;
  }
  return records;
}

function checkRdata(message: Buffer, rr: WireRecord): void {
  if (rr.type === TYPE.A && rr.rdlength < 4) fault('ARES_EBADRESP', 'A RDATA shorter than 4 octets');
  if (rr.type === TYPE.AAAA && rr.rdlength < 16) fault('ARES_EBADRESP', 'AAAA RDATA shorter than 16 octets');
  if (rr.type === TYPE.CNAME || rr.type === TYPE.DNAME) {
    const target = readName(message, rr.rdataOffset, RULES);
    if (target.next > rr.next) fault('ARES_EBADRESP', 'name runs past its RDATA');
  }
}
