// The answer walk of glibc's resolv/nss_dns/dns-host.c `getanswer_r` (the
// ns_rr_cursor rewrite in glibc 2.36; current master reads the same), reached
// through `_nss_dns_gethostbyname3_r`. Both gethostbyname2() and a
// getaddrinfo() with an explicit family (AF_INET or AF_INET6: one query) end
// here. (getaddrinfo with AF_UNSPEC asks A and AAAA together through
// `gaih_getanswer_slice`: the same walk, but the canonical name is fixed at the
// first address instead of being the last alias.)
//
// Sequential with one "expected name": it starts at the QNAME and every CNAME
// of class IN, whoever owns it, replaces it with its target ("NB: No check for
// owner name match, based on historic precedent"). An address record counts
// only when its class is IN, its owner equals the expected name at that moment
// (__ns_samebinaryname: ASCII case-insensitive) and its RDLENGTH is the
// address size (else it is skipped). h_name, the canonical name, is the last
// alias stored: the last host-name-shaped CNAME target in the whole answer,
// else the QNAME. A CNAME that arrives after the addresses it leads to is too
// late for them, but still becomes h_name.

import { glibcNameRules, openCursor, screenAnswer } from './glibc-rr-cursor.js';
import { addressLength, addressText, CLASS_IN, isHostname, nameText, readName, sameName, TYPE } from './wire-reader.js';

export interface GetanswerResult {
  addresses: string[];
  hName: string;
}

export type GetanswerFailure = 'HOST_NOT_FOUND' | 'TRY_AGAIN' | 'NO_RECOVERY' | 'NO_DATA';

/** The walk; faults (with code NO_RECOVERY) where getanswer_r returns UNAVAIL, and returns the h_errno name where it fails softly. */
export function getanswerR(message: Buffer, qtype: number): GetanswerResult | GetanswerFailure {
  const screened = screenAnswer(message);
  if (screened) return screened;
  const cursor = openCursor(message, 'NO_RECOVERY');
  const rules = glibcNameRules('NO_RECOVERY');
  // The QNAME is stored as the first alias; one that is not a host name is HOST_NOT_FOUND.
  if (!isHostname(cursor.qname)) return 'HOST_NOT_FOUND';

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
    } else if (rr.type === qtype && sameName(rr.owner, expected) && rr.rdlength === addressLength(rr.type)) {
      addresses.push(addressText(message.subarray(rr.rdataOffset, rr.next)));
    }
  }
  if (addresses.length === 0) return 'NO_RECOVERY';
  return { addresses, hName: nameText(lastAlias) };
}

