// model-go — Go's pure resolver (Go 1.19, Debian 12's golang), net.LookupIP /
// LookupIPAddr with GODEBUG=netdns=go.
//
// Follows src/net/dnsclient_unix.go `checkHeader`, `skipToAnswer` and
// `goLookupIPCNAME` (Go 1.19) over golang.org/x/net/dns/dnsmessage as vendored
// in Go 1.19 (`Parser.AnswerHeader`, `AResource`, `AAAAResource`,
// `SkipAnswer`, `Name.unpack`). Owner-agnostic: after skipping to the first
// record of the asked type, every A/AAAA record in the answer section is
// returned, whoever owns it; CNAMEs are skipped, never followed. The canonical
// name is the owner of the first address record. AResource reads the first 4
// (AAAA: 16) octets of the RDATA and skips RDLENGTH, so a longer RDATA is
// accepted. A broken record after some addresses ends the walk but keeps them.
// Names may use up to 10 compression pointers, forward ones included.

import { defineModel, failure, success } from './define-model.js';
import { addressText, attempt, fault, nameText, readHeader, readName, skipQuestion, TYPE, type NameRules, type WireRecord } from './wire-reader.js';

const UNMARSHAL = 'CANNOT_UNMARSHAL';
const RULES: NameRules = { faultCode: UNMARSHAL, forwardPointers: true, maxPointers: 10 };

/** dnsmessage's resource header: the RDATA bound is only checked when the record is skipped or read. */
function answerHeader(message: Buffer, offset: number): WireRecord {
  const owner = readName(message, offset, RULES);
  const at = owner.next;
  if (at + 10 > message.length) fault(UNMARSHAL, 'resource header cut short');
  const rdlength = message.readUInt16BE(at + 8);
  return {
    owner: owner.labels, type: message.readUInt16BE(at), class: message.readUInt16BE(at + 2), ttl: message.readUInt32BE(at + 4),
    rdlength, rdataOffset: at + 10, next: at + 10 + rdlength,
  };
}

export const goModel = defineModel({
  id: 'model-go',
  title: 'Go pure resolver (1.19)',
  library: 'Go net (pure Go resolver)',
  follows: 'golang/go src/net/dnsclient_unix.go goLookupIPCNAME + checkHeader + skipToAnswer, vendor golang.org/x/net/dns/dnsmessage (Go 1.19)',
  validatedAgainst: ['go-pure'],
  validatedVersions: 'Go 1.19.8 (Debian 12 golang-1.19)',
  retriesOverTcp: true,
}, (question, message) => {
  const header = readHeader(message);
  if (!header) return failure(UNMARSHAL, 'cannot unmarshal DNS message');
  if (!header.qr || header.qdcount < 1) return failure('INVALID_RESPONSE', 'invalid DNS response');
  const question0 = attempt(() => skipQuestion(message, 12, RULES));
  if (!question0) return failure('INVALID_RESPONSE', 'invalid DNS response');
  let offset = question0.next;
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  const count = header.ancount;

  // checkHeader
  if (header.rcode === 3) return failure('NOT_FOUND', 'no such host');
  let first: WireRecord | undefined;
  if (count > 0) first = answerHeader(message, offset); // a failure here is "cannot unmarshal"
  if (header.rcode === 2) return failure('SERVER_MISBEHAVING', 'server misbehaving (SERVFAIL)');
  if (header.rcode !== 0) return failure('SERVER_MISBEHAVING', 'server misbehaving');

  // skipToAnswer: find the first record of the asked type.
  let index = 0;
  let rr = first;
  for (;;) {
    if (index >= count || !rr) return failure('NOT_FOUND', 'no such host');
    if (rr.type === qtype) break;
    if (rr.next > message.length) fault(UNMARSHAL, 'cannot unmarshal DNS message');
    offset = rr.next;
    index++;
    rr = index < count ? answerHeader(message, offset) : undefined;
  }

  // goLookupIPCNAME's loop, from the record skipToAnswer stopped at.
  const addresses: string[] = [];
  let canonical: string | null = null;
  for (;;) {
    const size = rr.type === TYPE.A ? 4 : rr.type === TYPE.AAAA ? 16 : 0;
    if (size > 0) {
      if (rr.rdataOffset + size > message.length) break; // AResource fails: lastErr, break loop
      addresses.push(addressText(message.subarray(rr.rdataOffset, rr.rdataOffset + size)));
      if (canonical === null) canonical = rr.owner.length > 0 ? `${nameText(rr.owner)}.` : '.';
    } else if (rr.next > message.length) {
      break; // SkipAnswer fails
    }
    offset = rr.next;
    index++;
    if (index >= count) break;
    const nextHeader = attempt(() => answerHeader(message, offset));
    if (!nextHeader) break; // AnswerHeader fails: lastErr is set, but addresses found so far are returned
    rr = nextHeader;
  }
  if (addresses.length === 0) return failure(UNMARSHAL, 'cannot unmarshal DNS message');
  return success(addresses, canonical);
});
