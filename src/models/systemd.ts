// model-systemd — systemd-resolved answering a stub lookup (nss-resolve /
// ResolveHostname), systemd 252 (Debian 12).
//
// Follows src/resolve/resolved-dns-query.c `dns_query_process_cname_one` /
// `dns_query_cname_redirect` (CNAME_REDIRECT_MAX 16) and
// src/resolve/resolved-dns-answer.c `dns_answer_match_key` /
// `dns_answer_find_cname_or_dname`, over resolved-dns-packet.c
// `dns_packet_extract` (strict: exact A/AAAA RDLENGTH, backward pointers).
// Set-based: the answer is an ordered set (duplicates merged); for the current
// name it takes every record of the asked type whose owner matches
// (case-insensitively) anywhere in the answer; if there is none it takes the
// first CNAME owned by the name, or DNAME above it, and restarts at its target —
// at most 16 redirects, the 17th is ELOOP. Follow-up queries resolved would
// send for a target missing from the answer are not modelled (that is NODATA
// here). No real client on this machine: this model is unvalidated.

import { defineModel, failure, success } from './define-model.js';
import { parseStrict } from './strict-message.js';
import { addressText, CLASS_IN, isBelow, nameText, readName, sameName, TYPE, type NameRules } from './wire-reader.js';

const CNAME_REDIRECT_MAX = 16;
const RULES: NameRules = { faultCode: 'EBADMSG', forwardPointers: false, backwardOf: 'last-jump' };

export const systemdModel = defineModel({
  id: 'model-systemd',
  title: 'systemd-resolved (252)',
  library: 'systemd-resolved',
  follows: 'systemd/systemd src/resolve/resolved-dns-query.c dns_query_process_cname_one + dns_query_cname_redirect, resolved-dns-answer.c dns_answer_find_cname_or_dname (systemd 252)',
  covers: [],
  validated: [],
  retriesOverTcp: true,
}, (question, message) => {
  const parsed = parseStrict(message, RULES, { trailingIsError: false });
  if (parsed.header.rcode === 3) return failure('NXDOMAIN', `'${question.name}' not found`);
  if (parsed.header.rcode !== 0) return failure('SERVFAIL', `rcode ${parsed.header.rcode}`);

  // DnsAnswer is an ordered set: identical records (owner case-insensitively, same RDATA) appear once.
  const answer = parsed.answers.filter((rr, i) => rr.class === CLASS_IN && !parsed.answers.slice(0, i).some((earlier) =>
    earlier.type === rr.type && sameName(earlier.owner, rr.owner) && sameRdata(message, earlier, rr)));
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  let name = parsed.question.labels;
  for (let redirects = 0; ; redirects++) {
    const matches = answer.filter((rr) => rr.type === qtype && sameName(rr.owner, name));
    if (matches.length > 0) {
      return success(matches.map((rr) => addressText(message.subarray(rr.rdataOffset, rr.next))), nameText(name));
    }
    const redirect = answer.find((rr) => (rr.type === TYPE.CNAME && sameName(rr.owner, name)) || (rr.type === TYPE.DNAME && isBelow(name, rr.owner)));
    if (!redirect) return failure('NO_DATA', `'${nameText(name)}' does not have any RR of the requested type`);
    if (redirects >= CNAME_REDIRECT_MAX) return failure('ELOOP', 'CNAME chain too long (more than 16 redirects)');
    const target = readName(message, redirect.rdataOffset, RULES).labels;
    // DNAME: replace the owner suffix with the target (RFC 6672 §2.2).
    name = redirect.type === TYPE.DNAME ? [...name.slice(0, name.length - redirect.owner.length), ...target] : target;
  }
});

function sameRdata(message: Buffer, a: { type: number; rdataOffset: number; next: number }, b: { rdataOffset: number; next: number }): boolean {
  if (a.type === TYPE.CNAME || a.type === TYPE.DNAME) {
    return sameName(readName(message, a.rdataOffset, RULES).labels, readName(message, b.rdataOffset, RULES).labels);
  }
  return message.subarray(a.rdataOffset, a.next).equals(message.subarray(b.rdataOffset, b.next));
}
