// model-glibc-gethostbyname — glibc gethostbyname2() over DNS (glibc 2.36).
//
// Follows resolv/nss_dns/dns-host.c `getanswer_r` (ns_rr_cursor rewrite,
// glibc 2.36; same in current master), reached through
// `_nss_dns_gethostbyname3_r`. The same sequential walk as getaddrinfo's
// `gaih_getanswer_slice` (one expected name, CNAME owners not checked, address
// owners compared case-insensitively, wrong RDLENGTH skipped), with three
// differences: records of a class other than IN are skipped, finding no
// address is NO_RECOVERY (not "not found"), and h_name is the last alias stored
// (the last host-name-shaped CNAME target, else the QNAME).

import { defineModel, failure, success } from './define-model.js';
import { glibcNameRules, openCursor, screenAnswer } from './glibc-rr-cursor.js';
import { addressLength, addressText, CLASS_IN, isHostname, nameText, readName, sameName, TYPE } from './wire-reader.js';

export const glibcGethostbynameModel = defineModel({
  id: 'model-glibc-gethostbyname',
  title: 'glibc gethostbyname2 (2.36)',
  library: 'glibc gethostbyname2',
  follows: 'bminor/glibc resolv/nss_dns/dns-host.c getanswer_r (glibc 2.36, ns_rr_cursor rewrite; same in current master)',
  validatedAgainst: ['glibc-gethostbyname'],
  retriesOverTcp: true,
}, (_question, message) => {
  const screened = screenAnswer(message);
  if (screened) return failure(screened, 'the resolver rejected the answer');

  const cursor = openCursor(message, 'NO_RECOVERY');
  const rules = glibcNameRules('NO_RECOVERY');
  // The QNAME is stored as the first alias; one that is not a host name is HOST_NOT_FOUND.
  if (!isHostname(cursor.qname)) return failure('HOST_NOT_FOUND', 'the question name is not a host name');

  let expected = cursor.qname;
  let lastAlias = cursor.qname;
  const addresses: string[] = [];
  for (let i = 0; i < cursor.ancount; i++) {
    const rr = cursor.next();
    if (rr.class !== CLASS_IN) continue;
    if (rr.type === TYPE.CNAME) {
      const target = readName(message, rr.rdataOffset, rules).labels;
      if (isHostname(target)) lastAlias = target;
      expected = target;
    } else if (rr.type === cursor.qtype && (rr.type === TYPE.A || rr.type === TYPE.AAAA)
      && sameName(rr.owner, expected) && rr.rdlength === addressLength(rr.type)) {
      addresses.push(addressText(message.subarray(rr.rdataOffset, rr.next)));
    }
  }
  if (addresses.length === 0) return failure('NO_RECOVERY', 'no address record owned by the expected name');
  return success(addresses, nameText(lastAlias));
});
