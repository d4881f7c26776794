// model-glibc — glibc getaddrinfo() over DNS as glibc 2.36 (Debian 12) runs it.
//
// Follows resolv/nss_dns/dns-host.c `gaih_getanswer_slice` (the ns_rr_cursor
// rewrite that shipped in glibc 2.36; current upstream master reads the same
// for this path, so no separate upstream model), reached through
// `_nss_dns_gethostbyname4_r` → `gaih_getanswer`/`gaih_getanswer_noaaaa`.
//
// The walk is sequential with one "expected name": it starts at the QNAME and
// every CNAME, whoever owns it, replaces it with its target ("NB: No check for
// owner name match, based on historic precedent"). An address record counts
// only when its owner equals the expected name at that moment
// (__ns_samebinaryname: ASCII case-insensitive), its class is not checked, and
// its RDLENGTH must be the type's size (else it is skipped). The canonical name
// is the last host-name-shaped CNAME target seen before the first address.
// So a CNAME that arrives after the address records it leads to is too late.

import { defineModel, failure, success } from './define-model.js';
import { openCursor, screenAnswer } from './glibc-rr-cursor.js';
import { addressLength, addressText, isHostname, nameText, readName, sameName, TYPE } from './wire-reader.js';
import { glibcNameRules } from './glibc-rr-cursor.js';

// getaddrinfo folds every DNS failure it can see here into "name not known",
// except a server failure (measured on glibc 2.36: EAI_NONAME for NODATA,
// malformed answers and CNAME-only answers).
const NOT_KNOWN = 'EAI_NONAME';

export const glibcGetaddrinfoModel = defineModel({
  id: 'model-glibc',
  title: 'glibc getaddrinfo (2.36)',
  library: 'glibc getaddrinfo',
  follows: 'bminor/glibc resolv/nss_dns/dns-host.c gaih_getanswer_slice (glibc 2.36, ns_rr_cursor rewrite; same in current master)',
  validatedAgainst: ['glibc-getaddrinfo', 'node-lookup', 'java-inetaddress'],
  retriesOverTcp: true,
}, (_question, message) => {
  const screened = screenAnswer(message);
  if (screened === 'TRY_AGAIN') return failure('EAI_AGAIN', 'temporary failure in name resolution');
  if (screened) return failure(NOT_KNOWN, `no usable answer (${screened})`);

  const cursor = openCursor(message, NOT_KNOWN);
  const rules = glibcNameRules(NOT_KNOWN);
  if (!isHostname(cursor.qname)) return failure(NOT_KNOWN, 'the question name is not a host name');

  let expected = cursor.qname;
  let alias = cursor.qname;
  let canonical: string | null = null;
  const addresses: string[] = [];
  for (let i = 0; i < cursor.ancount; i++) {
    const rr = cursor.next();
    if (rr.type === TYPE.CNAME) {
      const target = readName(message, rr.rdataOffset, rules).labels;
      expected = target;
      if (isHostname(target)) alias = target;
    } else if (rr.type === cursor.qtype && (rr.type === TYPE.A || rr.type === TYPE.AAAA)
      && sameName(rr.owner, expected) && rr.rdlength === addressLength(rr.type)) {
      if (canonical === null) canonical = nameText(alias);
      addresses.push(addressText(message.subarray(rr.rdataOffset, rr.next)));
    }
  }
  if (addresses.length === 0) return failure(NOT_KNOWN, 'no address record owned by the expected name');
  return success(addresses, canonical);
});
