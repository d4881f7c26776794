// The specification texts that scenarios exercise and findings rest on.
// Each entry paraphrases the rule; `ref` is what reports print.

import { DnsorderError } from '../errors.js';

export interface SpecReference {
  id: string;
  ref: string;
  text: string;
}

const REFERENCES: SpecReference[] = [
  { id: 'rfc1034-3.6', ref: 'RFC 1034 §3.6', text: 'A CNAME RR identifies its owner as an alias and gives the canonical name in its RDATA; if a CNAME is present at a node, no other data should be present there.' },
  { id: 'rfc1034-3.6.2', ref: 'RFC 1034 §3.6.2', text: 'Chains of CNAMEs should be followed, but CNAME loops must be detected and signalled as errors.' },
  { id: 'rfc1034-4.3.1', ref: 'RFC 1034 §4.3.1', text: 'The answer section holds the RRs that answer the question, possibly prefaced by one or more CNAME RRs that specify aliases encountered while looking up the QNAME.' },
  { id: 'rfc1034-4.3.2', ref: 'RFC 1034 §4.3.2', text: 'When a CNAME is found at the QNAME, the server copies it into the answer section and restarts the lookup at its target.' },
  { id: 'rfc1034-5.2.2', ref: 'RFC 1034 §5.2.2', text: 'A resolver that receives a CNAME where it expected data restarts at the canonical name; the answer must be searched for the data of the canonical name.' },
  { id: 'rfc1035-4.1.4', ref: 'RFC 1035 §4.1.4', text: 'A name may be replaced with a pointer to a prior occurrence of the same name (message compression).' },
  { id: 'rfc1035-4.1.3', ref: 'RFC 1035 §4.1.3', text: 'RDLENGTH specifies the length in octets of the RDATA field.' },
  { id: 'rfc1035-4.2.1', ref: 'RFC 1035 §4.2.1', text: 'Messages carried by UDP are restricted to 512 octets; longer messages are truncated and the TC bit is set.' },
  { id: 'rfc2181-5', ref: 'RFC 2181 §5', text: 'Records with the same name, class and type form an RRset; an RRset should not be split, and duplicate records in an RRset should be suppressed.' },
  { id: 'rfc2181-10.1', ref: 'RFC 2181 §10.1', text: 'An alias name (the owner of a CNAME) may not have any other data, apart from DNSSEC records.' },
  { id: 'rfc3597', ref: 'RFC 3597', text: 'Resolvers must handle RRs of unknown type transparently, skipping them by their RDLENGTH; RDATA of new types is never compressed.' },
  { id: 'rfc4035-3.1.1', ref: 'RFC 4035 §3.1.1', text: 'A signed zone includes the RRSIG RRs that cover an RRset in the same section as that RRset.' },
  { id: 'rfc4343', ref: 'RFC 4343', text: 'DNS names are compared case-insensitively (ASCII only), and case should be preserved.' },
  { id: 'rfc6672', ref: 'RFC 6672 §3', text: 'A server answering through a DNAME includes the DNAME and a CNAME synthesized from it, the DNAME preceding the synthesized CNAME.' },
  { id: 'rfc6891', ref: 'RFC 6891 §6.2.5', text: 'A responder honours the requestor\'s advertised UDP payload size; larger responses are truncated.' },
  { id: 'rfc8976', ref: 'RFC 8976', text: 'ZONEMD (type 63) carries a message digest of the zone; resolvers unaware of it treat it as an unknown type.' },
  { id: 'rfc9460', ref: 'RFC 9460', text: 'SVCB (64) and HTTPS (65) records; clients that do not know them must skip them.' },
  { id: 'draft-ordered', ref: 'draft-jabley-dnsop-ordered-answer-section', text: 'The answer section is an ordered list of RRsets: each new RRset is appended, so the CNAME at the QNAME comes first and each following RRset is owned by the target of the CNAME before it.' },
  { id: 'draft-cname-order', ref: 'draft-jabley-dnsop-cname-response-order', text: 'The CNAME whose owner is the QNAME comes first and each following RRset\'s owner is the previous CNAME\'s target; clients should accept any order, and servers must not rely on clients doing so.' },
];

const byId = new Map(REFERENCES.map((r) => [r.id, r]));

export function specReference(id: string): SpecReference {
  const found = byId.get(id);
  if (!found) throw new DnsorderError('ERR_INTERNAL', `unknown spec reference "${id}"`);
  return found;
}

export function allSpecReferences(): readonly SpecReference[] {
  return REFERENCES;
}
