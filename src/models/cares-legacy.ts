// model-cares-legacy — c-ares before 1.26 (Debian 12's libc-ares 1.18.1),
// ares_getaddrinfo().
//
// Follows src/lib/ares__parse_into_addrinfo.c `ares__parse_into_addrinfo`
// (c-ares 1.18.1), reached from ares_getaddrinfo.c `host_callback` after
// ares_query.c `qcallback` has mapped the rcode. Sequential, one hostname: it
// starts at the question name, and every CNAME (whoever owns it: "SA: Seems
// wrong as it introduces order dependency") replaces it with its target. An A
// or AAAA record counts when its owner equals the current hostname (strcasecmp)
// and its RDLENGTH is the address size; other records are skipped by RDLENGTH.
// Any record that runs past the end makes the whole answer ARES_EBADRESP. The
// probe's canonical name is the target of the last CNAME in the answer (the
// ares_addrinfo cnames list), else the question name.

import { defineModel, failure, success } from './define-model.js';
import { addressText, CLASS_IN, nameText, readHeader, readName, readRecord, sameName, skipQuestion, TYPE, type NameRules } from './wire-reader.js';

const RULES: NameRules = { faultCode: 'ARES_EBADRESP', forwardPointers: true };

/** ares_query.c qcallback: rcode → status before any parsing. */
export function caresRcodeStatus(rcode: number, ancount: number): string | undefined {
  switch (rcode) {
    case 0: return ancount > 0 ? undefined : 'ARES_ENODATA';
    case 1: return 'ARES_EFORMERR';
    case 2: return 'ARES_ESERVFAIL';
    case 3: return 'ARES_ENOTFOUND';
    case 4: return 'ARES_ENOTIMP';
    case 5: return 'ARES_EREFUSED';
    default: return 'ARES_EBADRESP';
  }
}

export const caresLegacyModel = defineModel({
  id: 'model-cares-legacy',
  title: 'c-ares ares_getaddrinfo before 1.26 (1.18.1)',
  library: 'c-ares < 1.26 ares_getaddrinfo',
  follows: 'c-ares/c-ares src/lib/ares__parse_into_addrinfo.c ares__parse_into_addrinfo (c-ares 1.18.1)',
  // ares__parse_into_addrinfo is the same from 1.18.0 to 1.20.1; 1.21.0 moved it onto the ares_dns_record parser.
  covers: [{ library: 'c-ares', versions: '>=1.18 <1.21', clients: ['cares-system'] }],
  validated: [{ client: 'cares-system', library: 'c-ares', version: '1.18.1', suite: 'host' }],
  retriesOverTcp: true,
}, (_question, message) => {
  const header = readHeader(message);
  if (!header) return failure('ARES_EBADRESP', 'answer shorter than a header');
  const status = caresRcodeStatus(header.rcode, header.ancount);
  if (status) return failure(status, `rcode ${header.rcode}, ${header.ancount} answers`);
  if (header.qdcount !== 1) return failure('ARES_EBADRESP', 'QDCOUNT is not 1');

  const question = skipQuestion(message, 12, RULES);
  let hostname = question.labels;
  let offset = question.next;
  let lastCnameTarget: Buffer[] | undefined;
  const addresses: string[] = [];
  for (let i = 0; i < header.ancount; i++) {
    const rr = readRecord(message, offset, RULES);
    offset = rr.next;
    if (rr.class !== CLASS_IN) continue;
    const size = rr.type === TYPE.A ? 4 : rr.type === TYPE.AAAA ? 16 : 0;
    if (size > 0 && rr.rdlength === size && sameName(rr.owner, hostname)) {
      addresses.push(addressText(message.subarray(rr.rdataOffset, rr.next)));
    }
    if (rr.type === TYPE.CNAME) {
      hostname = readName(message, rr.rdataOffset, RULES).labels;
      lastCnameTarget = hostname;
    }
  }
  if (addresses.length === 0) return failure('ARES_ENODATA', 'DNS server returned answer with no data');
  return success(addresses, nameText(lastCnameTarget ?? question.labels));
});

