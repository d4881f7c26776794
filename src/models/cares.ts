// model-cares — c-ares 1.26 and later (Node 20 bundles 1.34.x), ares_getaddrinfo
// and ares_parse_a_reply / ares_parse_aaaa_reply (Node's resolve4/resolve6).
//
// Follows src/lib/ares_addrinfo2.c `ares_parse_into_addrinfo` over the
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
// The canonical name is the last CNAME target (the ares_addrinfo cnames list).

import { defineModel, failure, success } from './define-model.js';
import { caresRcodeStatus } from './cares-legacy.js';
import { addressText, CLASS_IN, fault, nameText, readHeader, readName, readRecord, skipQuestion, TYPE, type NameRules, type WireRecord } from './wire-reader.js';

const RULES: NameRules = { faultCode: 'ARES_EBADRESP', forwardPointers: false, backwardOf: 'pointer' };

export const caresModel = defineModel({
  id: 'model-cares',
  title: 'c-ares 1.26 and later (1.34)',
  library: 'c-ares >= 1.26 ares_getaddrinfo / ares_parse_a_reply',
  follows: 'c-ares/c-ares src/lib/ares_addrinfo2.c ares_parse_into_addrinfo + src/lib/record/ares_dns_parse.c ares_dns_parse (c-ares 1.34.x; owner check removed in 1.26.0, issue #683)',
  validatedAgainst: ['node-cares'],
  validatedVersions: 'c-ares 1.34.6 bundled in Node 20.20.2 (resolve4/resolve6)',
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
