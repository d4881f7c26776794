// model-dnspython — dnspython 2.3 (Debian 12's python3-dnspython),
// dns.resolver.Resolver.resolve().
//
// Follows dns/message.py `Message.resolve_chaining` (called by
// dns/resolver.py `Answer.__init__` inside `_Resolution.query_result`) over
// dns/message.py `_WireReader` (dnspython 2.3.0). Order-independent: the answer
// section is first merged into RRsets keyed by (owner, class, type) with owner
// names compared case-insensitively and duplicate RDATA dropped; then, from the
// QNAME, it looks for the RRset of the asked type, else the CNAME RRset at that
// name and restarts at its target, at most 16 times (MAX_CHAIN: the 16th CNAME
// is already ChainTooLong). The parse is strict (exact RDATA lengths, no
// trailing octets, pointers strictly backwards); any parse error or a chain too
// long makes the resolver drop the server, which surfaces as NoNameservers.

import { defineModel, failure, success } from './define-model.js';
import { parseStrict } from './strict-message.js';
import { addressText, CLASS_IN, fault, nameText, readName, sameName, TYPE, type NameRules } from './wire-reader.js';

const MAX_CHAIN = 16;
const RULES: NameRules = { faultCode: 'NoNameservers', forwardPointers: false, backwardOf: 'last-jump' };

/** One RDATA of an RRset: `key` is what dnspython compares (a CNAME target compares as a name, case-insensitively). */
interface Rdata { key: string; offset: number; octets: Buffer }
interface RRset { owner: Buffer[]; type: number; rdatas: Rdata[] }

export const dnspythonModel = defineModel({
  id: 'model-dnspython',
  title: 'dnspython resolver (2.3)',
  library: 'dnspython dns.resolver',
  follows: 'rthalley/dnspython dns/message.py Message.resolve_chaining + _WireReader, dns/resolver.py _Resolution.query_result (dnspython 2.3.0)',
  covers: [{ library: 'dnspython', versions: '>=2.3 <2.8', clients: ['dnspython'] }],
  validated: [
    { client: 'dnspython', library: 'dnspython', version: '2.3.0', suite: 'host' },
    { client: 'dnspython', library: 'dnspython', version: '2.7.0', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (question, message) => {
  const parsed = parseStrict(message, RULES, { trailingIsError: true });
  const rcode = parsed.header.rcode;
  if (rcode === 3) return failure('NXDOMAIN', 'The DNS query name does not exist');
  if (rcode !== 0) return failure('NoNameservers', `All nameservers failed to answer the query (rcode ${rcode})`);

  // _WireReader._get_section: records join the RRset with the same owner, class and type.
  const rrsets: RRset[] = [];
  for (const rr of parsed.answers) {
    if (rr.class !== CLASS_IN) continue;
    const octets = message.subarray(rr.rdataOffset, rr.next);
    let set = rrsets.find((s) => s.type === rr.type && sameName(s.owner, rr.owner));
    if (!set) rrsets.push(set = { owner: rr.owner, type: rr.type, rdatas: [] });
    const key = rr.type === TYPE.CNAME ? nameText(readName(message, rr.rdataOffset, RULES).labels).toLowerCase() : octets.toString('hex');
    if (!set.rdatas.some((d) => d.key === key)) set.rdatas.push({ key, offset: rr.rdataOffset, octets });
  }

  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  let qname = parsed.question.labels;
  let count = 0;
  let answer: RRset | undefined;
  while (count < MAX_CHAIN) {
    answer = rrsets.find((s) => s.type === qtype && sameName(s.owner, qname));
    if (answer) break;
    const cname = rrsets.find((s) => s.type === TYPE.CNAME && sameName(s.owner, qname));
    if (!cname) break;
    qname = readName(message, cname.rdatas[0]!.offset, RULES).labels;
    count++;
  }
  if (count >= MAX_CHAIN) fault('NoNameservers', 'All nameservers failed to answer the query: ChainTooLong');
  if (!answer) return failure('NoAnswer', 'The DNS response does not contain an answer to the question');
  return success(answer.rdatas.map((d) => addressText(d.octets)), `${nameText(qname)}.`);
});
