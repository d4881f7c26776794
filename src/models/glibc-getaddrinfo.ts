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
  covers: [
    { library: 'glibc', versions: '>=2.36 <2.42', clients: ['glibc-getaddrinfo'] },
    // Node's dns.lookup calls getaddrinfo without AI_CANONNAME (node/src/cares_wrap.cc GetAddrInfo passes only the caller's ADDRCONFIG/V4MAPPED/ALL hints).
    { library: 'glibc', versions: '>=2.36 <2.42', clients: ['node-lookup'], view: { canonical: false } },
    // Java's InetAddress calls the userland's getaddrinfo (glibc in Debian) without AI_CANONNAME and drops
    // repeated addresses itself (OpenJDK Inet6AddressImpl.c lookupAllHostAddr).
    { library: 'java', versions: '>=17 <22', clients: ['java-inetaddress'], view: { canonical: false, distinctAddresses: true } },
  ],
  validated: [
    { client: 'glibc-getaddrinfo', library: 'glibc', version: '2.36', suite: 'host' },
    { client: 'glibc-getaddrinfo', library: 'glibc', version: '2.41', suite: 'trixie' },
    { client: 'node-lookup', library: 'glibc', version: '2.36', suite: 'host' },
    { client: 'node-lookup', library: 'glibc', version: '2.41', suite: 'trixie' },
    { client: 'java-inetaddress', library: 'java', version: '17.0.15', suite: 'host' },
    { client: 'java-inetaddress', library: 'java', version: '21.0.13', suite: 'trixie' },
  ],
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
