// model-glibc-gethostbyname — glibc gethostbyname2() over DNS (glibc 2.36).
//
// Follows resolv/nss_dns/dns-host.c `getanswer_r` through
// `_nss_dns_gethostbyname3_r` (see glibc-getanswer.ts for the walk). Its
// failures are h_errno values: finding no address is NO_RECOVERY, not
// HOST_NOT_FOUND, so callers see "Unknown server error" for a CNAME-only or
// out-of-order answer.

import { defineModel, failure, success } from './define-model.js';
import { getanswerR } from './glibc-getanswer.js';
import { qtypeCode } from './wire-reader.js';

export const glibcGethostbynameModel = defineModel({
  id: 'model-glibc-gethostbyname',
  title: 'glibc gethostbyname2 (2.36)',
  library: 'glibc gethostbyname2',
  follows: 'bminor/glibc resolv/nss_dns/dns-host.c getanswer_r via _nss_dns_gethostbyname3_r (glibc 2.36, ns_rr_cursor rewrite; same in current master)',
  covers: [{ library: 'glibc', versions: '>=2.36 <2.42', clients: ['glibc-gethostbyname'] }],
  validated: [
    { client: 'glibc-gethostbyname', library: 'glibc', version: '2.36', suite: 'host' },
    { client: 'glibc-gethostbyname', library: 'glibc', version: '2.41', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (question, message) => {
  const walked = getanswerR(message, qtypeCode(question.type));
  if (typeof walked === 'string') return failure(walked, 'gethostbyname2 found no address');
  return success(walked.addresses, walked.hName);
});
