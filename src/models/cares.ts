// model-cares — c-ares 1.26 and later (1.34.x), ares_getaddrinfo: the API of
// `cares-system` (its probe program asks with ARES_AI_CANONNAME and prints the
// canonical name). Node's resolve4/resolve6 (`node-cares`) reach the same
// parser through another API that reports no canonical name: model-cares-resolve
// (cares-resolve.ts) reads the answer with readCaresAnswer below.
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
// where the chain is reversed (the last CNAME in the answer is the first hop;
// measured: cares-system@trixie on chain-reversed, cname-last-reversed,
// chain-reversed-aaaa).

import { defineModel, failure, success } from './define-model.js';
import { caresRcodeStatus } from './cares-legacy.js';
import { addressText, CLASS_IN, fault, nameText, readHeader, readName, readRecord, skipQuestion, TYPE, type NameRules, type WireRecord } from './wire-reader.js';

const RULES: NameRules = { faultCode: 'ARES_EBADRESP', forwardPointers: false, backwardOf: 'pointer' };

export const caresModel = defineModel({
  id: 'model-cares',
  title: 'c-ares 1.26 and later (1.34), ares_getaddrinfo',
  library: 'c-ares >= 1.26 ares_getaddrinfo',
  follows: 'c-ares/c-ares src/lib/ares_parse_into_addrinfo.c ares_parse_into_addrinfo + src/lib/record/ares_dns_parse.c ares_dns_parse (c-ares 1.34.x; owner check removed in 1.26.0, issue #683)',
  // 1.21–1.25 parse with ares_dns_record but still check owners: no model covers them.
  covers: [{ library: 'c-ares', versions: '>=1.26 <1.35', clients: ['cares-system'] }],
  validated: [
    { client: 'cares-system', library: 'c-ares', version: '1.34.9', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (_question, message) => {
  const answer = readCaresAnswer(message);
  if ('status' in answer) return failure(answer.status, answer.text);
  if (answer.nodes.length === 0) return failure('ARES_ENODATA', 'DNS server returned answer with no data');
  return success(answer.nodes.map((n) => n.address), answer.name);
});

/** What c-ares 1.26+ has read from a response before an API shapes the result (ares_addrinfo). */
export interface CaresAnswer {
  /** Every A and AAAA record of class IN in the answer, in answer order, whoever owns it (the ares_addrinfo nodes). */
  nodes: { type: 'A' | 'AAAA'; address: string }[];
  /** How many CNAME records of class IN the answer holds (ares_parse_into_addrinfo's got_cname). */
  cnames: number;
  /** ares_addrinfo.name: the question name, replaced by each CNAME's target in answer order. */
  name: string;
}

/**
 * ares_dns_parse (strict, the whole message: a fault is ARES_EBADRESP, thrown
 * as a ModelFault), ares_query.c qcallback (rcode → status, returned instead of
 * an answer), then ares_parse_into_addrinfo's walk over the answer section.
 */
export function readCaresAnswer(message: Buffer): CaresAnswer | { status: string; text: string } {
  const header = readHeader(message);
  if (!header) return { status: 'ARES_EBADRESP', text: 'answer shorter than a header' };
  const answers = parseWholeMessage(message, header.qdcount, header.ancount + header.nscount + header.arcount).slice(0, header.ancount);
  const status = caresRcodeStatus(header.rcode, header.ancount);
  if (status) return { status, text: `rcode ${header.rcode}, ${header.ancount} answers` };

  let lastCnameTarget: Buffer[] | undefined;
  let cnames = 0;
  const nodes: CaresAnswer['nodes'] = [];
  for (const rr of answers) {
    if (rr.class !== CLASS_IN) continue;
    if (rr.type === TYPE.CNAME) {
      cnames++;
      lastCnameTarget = readName(message, rr.rdataOffset, RULES).labels;
    } else if (rr.type === TYPE.A) nodes.push({ type: 'A', address: addressText(message.subarray(rr.rdataOffset, rr.rdataOffset + 4)) });
    else if (rr.type === TYPE.AAAA) nodes.push({ type: 'AAAA', address: addressText(message.subarray(rr.rdataOffset, rr.rdataOffset + 16)) });
  }
  const question = skipQuestion(message, 12, RULES);
  return { nodes, cnames, name: nameText(lastCnameTarget ?? question.labels) };
}

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
