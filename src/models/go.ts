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
import type { ModelOptions, ModelQuestion, RelatedType } from './types.js';
import type { ResolverResult } from './resolver-result.js';
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
  // Go 1.20 changed LookupCNAME (go.dev/issue/50101); model-go-1.24 follows the newer code, read and measured at 1.24.
  covers: [{ library: 'go', versions: '>=1.19 <1.20', clients: ['go-pure'] }],
  validated: [{ client: 'go-pure', library: 'go', version: '1.19.8', suite: 'host' }],
  retriesOverTcp: true,
}, (question, message) => lookupIPCNAME(question, message, false));

/**
 * goLookupIPCNAME for one family (LookupIP "ip4"/"ip6") over one answer: checkHeader, skipToAnswer, then the
 * record loop. `parseCnames` (Go >= 1.20): the loop reads CNAME RDATA with CNAMEResource, and a CNAME that does
 * not unpack ends the walk like a bad address record; before, CNAMEs were skipped by RDLENGTH like any other type.
 */
function lookupIPCNAME(question: ModelQuestion, message: Buffer, parseCnames: boolean): ResolverResult {
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
    } else if (parseCnames && rr.type === TYPE.CNAME) {
      if (!attempt(() => readName(message, rr!.rdataOffset, RULES))) break; // CNAMEResource fails: lastErr, break loop
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
}

// model-go-1.24 — Go's pure resolver from Go 1.24 (Debian 13's golang-1.24):
// LookupIP, then LookupCNAME, as the go-pure probe calls them.
//
// Follows src/net/dnsclient_unix.go `goLookupIPCNAME` and `goLookupCNAME`
// (read at golang/go master; measured against Go 1.24.4) over
// golang.org/x/net/dns/dnsmessage. LookupIP walks the answer as model-go does,
// except that the record loop now has a `case dnsmessage.TypeCNAME` reading
// the target with CNAMEResource. LookupCNAME changed in Go 1.20
// (go.dev/issue/50101): goLookupCNAME calls goLookupIPCNAMEOrder with network
// "CNAME", which sends A, AAAA and CNAME queries in parallel (unless resolv.conf
// says single-request) and reads the replies from one channel IN THE ORDER THEY
// ARRIVE. The first reply that sets `cname` wins: an A/AAAA reply gives the
// owner of its first address record (after skipToAnswer), a CNAME reply the
// target of its first CNAME — for a chain www → cdn → edge the server answers
// the CNAME query with www's own CNAME, so LookupCNAME returns `cdn.` or
// `edge.` depending on a race (measured: both, on the same scenario, run to
// run; reported upstream for Go 1.20 in go.dev/issue/44199 and as "on unix the
// first [CNAME] is returned" in go.dev/issue/59943, still open). When the A
// answer is truncated (long-33, oversize-*) its TCP retry makes the CNAME reply
// win every time. The model returns every name the replies can give as canonicalOneOf,
// and as canonical the one for replies arriving in query order (A, AAAA,
// CNAME). It needs the answers to those queries as options.related (asks);
// without them it reads only the asked type's answer.

const RACED: readonly RelatedType[] = ['A', 'AAAA', 'CNAME'];

export const go124Model = defineModel({
  id: 'model-go-1.24',
  title: 'Go pure resolver (1.24): LookupIP + LookupCNAME',
  library: 'Go net (pure Go resolver)',
  follows: 'golang/go src/net/dnsclient_unix.go goLookupIPCNAME + goLookupCNAME + tryOneName/checkHeader/skipToAnswer, vendor golang.org/x/net/dns/dnsmessage (Go 1.24; LookupCNAME change go.dev/issue/50101, Go 1.20)',
  covers: [{ library: 'go', versions: '>=1.24 <1.25', clients: ['go-pure'] }],
  validated: [{ client: 'go-pure', library: 'go', version: '1.24.4', suite: 'trixie' }],
  retriesOverTcp: true,
  asks: [...RACED],
}, (question, message, _via, options) => {
  const looked = lookupIPCNAME(question, message, true);
  if (looked.error || !options.related) return looked;
  const names: string[] = [];
  for (const type of RACED) {
    const reply = type === question.type ? message : relatedReply(options, type);
    const name = reply ? firstCname(reply, type) : undefined;
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  if (names.length === 0) return { ...looked, canonical: null };
  return names.length > 1 ? { ...looked, canonical: names[0]!, canonicalOneOf: names } : { ...looked, canonical: names[0]! };
});

function relatedReply(options: ModelOptions, type: RelatedType): Buffer | undefined {
  const answer = options.related?.[type];
  if (!answer) return undefined;
  const udp = Buffer.from(answer.udp.buffer, answer.udp.byteOffset, answer.udp.byteLength);
  if (!readHeader(udp)?.tc) return udp;
  return answer.tcp ? Buffer.from(answer.tcp.buffer, answer.tcp.byteOffset, answer.tcp.byteLength) : undefined;
}

/**
 * What one reply of goLookupIPCNAME's "CNAME" lookup sets `cname` to: tryOneName (checkHeader, skipToAnswer to the
 * first record of the queried type), then the first loop iteration — an A/AAAA record's owner, a CNAME's target.
 * Undefined when the reply is an error (not found, unparsable, no record of that type).
 */
function firstCname(message: Buffer, type: RelatedType): string | undefined {
  const header = readHeader(message);
  if (!header || !header.qr || header.qdcount < 1 || header.rcode === 3) return undefined;
  const question = attempt(() => skipQuestion(message, 12, RULES));
  if (!question) return undefined;
  const wanted = type === 'A' ? TYPE.A : type === 'AAAA' ? TYPE.AAAA : TYPE.CNAME;
  let offset = question.next;
  for (let i = 0; i < header.ancount; i++) {
    const rr = attempt(() => answerHeader(message, offset));
    if (!rr) return undefined;
    if (i === 0 && header.rcode !== 0) return undefined; // checkHeader: server misbehaving
    if (rr.type === wanted) {
      if (wanted === TYPE.CNAME) {
        const target = attempt(() => readName(message, rr.rdataOffset, RULES));
        return target ? dotted(target.labels) : undefined;
      }
      const size = wanted === TYPE.A ? 4 : 16;
      return rr.rdataOffset + size > message.length ? undefined : dotted(rr.owner);
    }
    if (rr.next > message.length) return undefined; // SkipAnswer fails
    offset = rr.next;
  }
  return undefined;
}

function dotted(labels: readonly Buffer[]): string {
  return labels.length > 0 ? `${nameText(labels)}.` : '.';
}
