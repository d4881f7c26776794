// model-glibc — glibc getaddrinfo() over DNS with an explicit family
// (AF_INET for A, AF_INET6 for AAAA), as glibc 2.36 (Debian 12) runs it.
//
// Follows nss/getaddrinfo.c `gaih_inet`, which for one family calls
// `_nss_dns_gethostbyname3_r` and so resolv/nss_dns/dns-host.c `getanswer_r`
// (see glibc-getanswer.ts for the walk; glibc 2.36, current master the same).
// The canonical name (AI_CANONNAME) is h_name: the last host-name-shaped CNAME
// target in the answer. getaddrinfo folds every failure it can see here into
// EAI_NONAME except a server failure (EAI_AGAIN) — measured on glibc 2.36 for
// NODATA, malformed and CNAME-only answers.

import { defineModel, failure, success } from './define-model.js';
import { getanswerR } from './glibc-getanswer.js';
import { ModelFault, qtypeCode } from './wire-reader.js';

export const glibcGetaddrinfoModel = defineModel({
  id: 'model-glibc',
  title: 'glibc getaddrinfo (2.36)',
  library: 'glibc getaddrinfo',
  follows: 'bminor/glibc resolv/nss_dns/dns-host.c getanswer_r via nss/getaddrinfo.c gaih_inet and _nss_dns_gethostbyname3_r (glibc 2.36, ns_rr_cursor rewrite; same in current master)',
  validatedAgainst: ['glibc-getaddrinfo', 'node-lookup', 'java-inetaddress'],
  validatedVersions: 'glibc 2.36-9+deb12u14 (Debian 12); Node 20.20.2 dns.lookup; OpenJDK 17.0.15 InetAddress',
  retriesOverTcp: true,
}, (question, message) => {
  let walked: ReturnType<typeof getanswerR>;
  try {
    walked = getanswerR(message, qtypeCode(question.type));
  } catch (err) {
    if (err instanceof ModelFault) return failure('EAI_NONAME', `Name or service not known (${err.message})`);
    throw err;
  }
  if (walked === 'TRY_AGAIN') return failure('EAI_AGAIN', 'Temporary failure in name resolution');
  if (typeof walked === 'string') return failure('EAI_NONAME', `Name or service not known (${walked})`);
  return success(walked.addresses, walked.hName);
});
