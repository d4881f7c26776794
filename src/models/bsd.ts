// model-bsd — FreeBSD libc getaddrinfo over DNS, and Android bionic, which
// carries the same NetBSD-derived code.
//
// Follows lib/libc/net/getaddrinfo.c `getanswer` (FreeBSD 13/14; bionic
// libc/dns/net/getaddrinfo.c `getanswer`). Sequential, one canonical name:
// it starts at the question name, every CNAME (owner not checked) replaces it
// with its target, and an A/AAAA record counts only when strcasecmp(canonname,
// owner) == 0 and its RDLENGTH is the address size (else skipped). A name that
// fails res_hnok, or a record cut short, stops the walk (had_error) keeping
// nothing; finding no address is NO_RECOVERY, which getaddrinfo reports as
// EAI_FAIL. No real client on this machine: this model is unvalidated.

import { defineModel, failure, success } from './define-model.js';
import { addressText, CLASS_IN, isHostname, ModelFault, nameText, readHeader, readName, sameName, TYPE, type NameRules } from './wire-reader.js';

const RULES: NameRules = { faultCode: 'EAI_FAIL', forwardPointers: true };

export const bsdModel = defineModel({
  id: 'model-bsd',
  title: 'FreeBSD / Android getaddrinfo',
  library: 'FreeBSD libc / Android bionic getaddrinfo',
  follows: 'freebsd/freebsd-src lib/libc/net/getaddrinfo.c getanswer (FreeBSD 13/14; Android bionic libc/dns/net/getaddrinfo.c getanswer)',
  covers: [],
  validated: [],
  unvalidated: 'no FreeBSD or Android (bionic) userland is at hand; a --root of one would let dnsorder check it',
  retriesOverTcp: true,
}, (question, message) => {
  const header = readHeader(message);
  if (!header) return failure('EAI_FAIL', 'answer shorter than a header');
  if (header.rcode === 3) return failure('EAI_NONAME', 'hostname nor servname provided, or not known');
  if (header.rcode === 2) return failure('EAI_AGAIN', 'temporary failure in name resolution');
  if (header.rcode !== 0 || header.qdcount !== 1) return failure('EAI_FAIL', 'non-recoverable failure in name resolution');
  if (header.ancount === 0) return failure('EAI_NONAME', 'no data');

  const qname = readName(message, 12, RULES);
  if (!isHostname(qname.labels)) return failure('EAI_FAIL', 'question name is not a host name');
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  let canonname = qname.labels;
  let cp = qname.next + 4;
  const addresses: string[] = [];
  for (let i = 0; i < header.ancount && cp < message.length; i++) {
    let owner: Buffer[];
    try {
      const read = readName(message, cp, RULES);
      owner = read.labels;
      cp = read.next;
    } catch (err) {
      if (err instanceof ModelFault) break; // had_error
      throw err;
    }
    if (!isHostname(owner) || cp + 10 > message.length) break; // had_error
    const type = message.readUInt16BE(cp);
    const klass = message.readUInt16BE(cp + 2);
    const n = message.readUInt16BE(cp + 8);
    cp += 10;
    if (klass !== CLASS_IN) { cp += n; continue; }
    if (type === TYPE.CNAME) {
      const target = readName(message, cp, RULES);
      if (!isHostname(target.labels)) break; // had_error
      canonname = target.labels;
      cp = target.next;
      continue;
    }
    if (type !== qtype) { cp += n; continue; }
    if (!sameName(canonname, owner) || n !== (type === TYPE.A ? 4 : 16) || cp + n > message.length) { cp += n; continue; }
    addresses.push(addressText(message.subarray(cp, cp + n)));
    cp += n;
  }
  if (addresses.length === 0) return failure('EAI_FAIL', 'non-recoverable failure in name resolution');
  return success(addresses, nameText(canonname));
});
