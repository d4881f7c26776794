// model-systemd — what an application gets through systemd-resolved's stub
// listener (127.0.0.53): systemd-resolved 257 (Debian 13) in front of glibc
// getaddrinfo (resolv.conf → 127.0.0.53). A model of "resolved + glibc": the
// application never sees the upstream answer, only the reply resolved's stub
// builds from it, and glibc's own walk (model-glibc, getanswer_r) reads that.
//
// resolved (systemd/systemd src/resolve):
//  - resolved-dns-packet.c `dns_packet_extract` / `dns_packet_read_rr`: the
//    upstream reply is parsed strictly (A/AAAA RDATA of exactly 4/16 octets, a
//    name RDATA that fills its RDLENGTH, every counted record present, only
//    backward pointers). A reply that does not parse is INVALID_REPLY, which
//    the stub answers SERVFAIL; glibc then says EAI_AGAIN. Every record of
//    every section goes into the transaction's DnsAnswer, an ordered set
//    (resolved-dns-answer.c `dns_answer_add`: identical records, owner
//    compared case-insensitively, appear once, at their first place; the same
//    record with TTL 0 and with a TTL other than 0 fails the whole parse).
//  - resolved-dns-query.c `dns_query_process_cname_one`: for the current name
//    it is a MATCH when any record of the set (any section, class IN) is of the
//    asked type and owned by that name; otherwise the FIRST CNAME owned by the
//    name, or DNAME owned by it or an ancestor, in set order, is followed
//    (`dns_query_cname_redirect`): at most CNAME_REDIRECTS_MAX = 16 redirects
//    per lookup, the 17th is -ELOOP; a redirect to the same name is -ELOOP too.
//  - resolved-dns-stub.c `dns_stub_query_complete`: before and after each
//    redirect it copies into the reply's ANSWER section every record of the set
//    that answers the current name (`dns_stub_collect_answer_by_question`: the
//    asked type owned by it, its CNAMEs, the DNAMEs above it), in set order —
//    so the stub re-emits the chain in canonical order and drops unrelated
//    records. When the packet ends mid-chain (no match, no redirect, after at
//    least one redirect) it sends a NEW QUERY for the name reached (the
//    follow-up: ModelOptions.followUp) and continues with that answer, the
//    redirect count carrying over. No match and no redirect for the asked name
//    itself is the final (NODATA) answer. -ELOOP sends what was collected
//    (the chain so far, no address) with NOERROR.
//  - resolved-dns-transaction.c `dns_transaction_process_reply`: a reply whose
//    question is not the one asked is INVALID_REPLY (SERVFAIL);
//    `dns_transaction_fix_rcode` turns an NXDOMAIN that carries a record or a
//    CNAME/DNAME for the name asked into NOERROR (the rcode is taken as the
//    first hop's, RFC 6604 notwithstanding). Any other rcode is passed on to
//    glibc with what was collected (FORMERR/SERVFAIL/NOTIMP/REFUSED only after
//    resolved's retries, which the one scenario server answers the same way).
// glibc 2.41 then reads the stub's reply exactly as model-glibc reads any
// reply (its canonical name, AI_CANONNAME, is the last CNAME target there).
//
// Not modelled: the cache (the matrix runs resolved with Cache=no), DNSSEC,
// search domains, LLMNR/mDNS, feature-level downgrades on a bad reply (they end
// in SERVFAIL too), the stub truncating its reply for glibc (glibc then
// retries over TCP and gets it whole), the RDATA checks of the other types
// `dns_packet_read_rr` decodes (RRSIG, SVCB/HTTPS, TXT, MX, ...: a malformed
// one would make resolved refuse the reply; here only A, AAAA, CNAME, DNAME,
// NS, PTR and SOA are checked), and its leniency for a count that runs past
// the end once an OPT record was read (resolved asks with EDNS; the exchange
// here has none).
//
// Validated (test/integration/models-differential.test.ts) against the trixie
// root's systemd-resolved 257 behind glibc 2.41: every named scenario and all
// 161 permutation and shuffle layouts agree on outcome and ordered addresses.
// The source was read in a recent systemd/systemd snapshot, not diffed against
// the v257 tag: the measured agreement is the evidence that 257 does the same.

import { defineModel, failure } from './define-model.js';
import { glibcGetaddrinfoModel } from './glibc-getaddrinfo.js';
import { parseStrict } from './strict-message.js';
import type { ModelOptions, ModelQuestion } from './types.js';
import type { ResolverResult } from './resolver-result.js';
import { CLASS_IN, ModelFault, nameText, readHeader, readName, readRecord, sameName, skipQuestion, TYPE, type NameRules } from './wire-reader.js';
import { nameToLabels } from '../rdata/name.js';

/** resolved-dns-query.h CNAME_REDIRECTS_MAX. */
export const CNAME_REDIRECTS_MAX = 16;
const RULES: NameRules = { faultCode: 'EBADMSG', forwardPointers: false, backwardOf: 'last-jump' };
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

/** One record of resolved's DnsAnswer, decoded. */
interface ResolvedRecord {
  owner: Buffer[];
  type: number;
  class: number;
  ttl: number;
  /** Raw RDATA (A, AAAA and opaque types). */
  rdata: Buffer;
  /** The decompressed target of a CNAME or DNAME. */
  target?: Buffer[];
}

type Upstream = { rcode: number; records: ResolvedRecord[] } | 'invalid-reply';

/**
 * dns_packet_extract over one upstream reply (strict), then dns_packet_is_reply_for (its one question must
 * be the key asked, name compared case-insensitively): every section's records as an ordered set.
 */
function extract(message: Buffer, asked: readonly Buffer[], qtype: number): Upstream {
  try {
    const parsed = parseStrict(message, RULES, { trailingIsError: false });
    const header = parsed.header;
    const qclass = message.readUInt16BE(skipQuestion(message, 12, RULES).next - 2);
    if (parsed.question.type !== qtype || qclass !== CLASS_IN || !sameName(parsed.question.labels, asked)) return 'invalid-reply';
    let offset = skipQuestion(message, 12, RULES).next;
    const records: ResolvedRecord[] = [];
    for (let i = 0; i < header.ancount + header.nscount + header.arcount; i++) {
      const rr = readRecord(message, offset, RULES);
      offset = rr.next;
      if (rr.type === TYPE.OPT) continue;
      const record: ResolvedRecord = { owner: rr.owner, type: rr.type, class: rr.class, ttl: rr.ttl, rdata: message.subarray(rr.rdataOffset, rr.next) };
      if (rr.type === TYPE.CNAME || rr.type === TYPE.DNAME) record.target = readName(message, rr.rdataOffset, RULES).labels;
      const earlier = records.find((r) => sameRecord(r, record));
      // dns_answer_add: a repeated record is merged into the first; one with TTL 0 beside one without is -EINVAL.
      if (earlier && (earlier.ttl === 0) !== (record.ttl === 0)) return 'invalid-reply';
      if (!earlier) records.push(record);
    }
    return { rcode: header.rcode, records };
  } catch (err) {
    if (err instanceof ModelFault) return 'invalid-reply';
    throw err;
  }
}

function sameRecord(a: ResolvedRecord, b: ResolvedRecord): boolean {
  if (a.type !== b.type || a.class !== b.class || !sameName(a.owner, b.owner)) return false;
  if (a.target && b.target) return sameName(a.target, b.target);
  return a.rdata.equals(b.rdata);
}

function endsWith(name: readonly Buffer[], suffix: readonly Buffer[]): boolean {
  return name.length >= suffix.length && sameName(name.slice(name.length - suffix.length), suffix);
}

/** dns_resource_key_match_rr for the asked key (class IN, the asked type, this owner). */
function answersName(rr: ResolvedRecord, name: readonly Buffer[], qtype: number): boolean {
  return rr.class === CLASS_IN && rr.type === qtype && sameName(rr.owner, name);
}

/** dns_question_matches_cname_or_dname: a CNAME owned by the name, or a DNAME owned by it or an ancestor. */
function redirectsName(rr: ResolvedRecord, name: readonly Buffer[]): boolean {
  if (rr.class !== CLASS_IN) return false;
  if (rr.type === TYPE.CNAME) return sameName(rr.owner, name);
  if (rr.type === TYPE.DNAME) return endsWith(name, rr.owner);
  return false;
}

/** dns_question_cname_redirect: the name a CNAME/DNAME leads to (DNAME: the owner suffix replaced by the target). */
function redirectTarget(rr: ResolvedRecord, name: readonly Buffer[]): Buffer[] {
  if (rr.type === TYPE.DNAME) return [...name.slice(0, name.length - rr.owner.length), ...rr.target!];
  return rr.target!;
}

/** The stub's reply to glibc: its question, the collected ANSWER section (uncompressed names), the rcode. */
function stubReply(question: ModelQuestion, answer: readonly ResolvedRecord[], rcode: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(0x5a5a, 0);
  header.writeUInt16BE(0x8180 | (rcode & 0xf), 2); // QR, RD, RA
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answer.length, 6);
  const name = (labels: readonly Buffer[]) => Buffer.concat([...labels.flatMap((l) => [Buffer.from([l.length]), l]), Buffer.from([0])]);
  const fixed = (type: number, klass: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt16BE(type, 0);
    b.writeUInt16BE(klass, 2);
    return b;
  };
  const parts: Buffer[] = [header, name(nameToLabels(question.name)), fixed(question.type === 'A' ? TYPE.A : TYPE.AAAA, CLASS_IN)];
  for (const rr of answer) {
    const rdata = rr.target ? name(rr.target) : rr.rdata;
    const rest = Buffer.alloc(6);
    rest.writeUInt32BE(rr.ttl >>> 0, 0);
    rest.writeUInt16BE(rdata.length, 4);
    parts.push(name(rr.owner), fixed(rr.type, rr.class), rest, rdata);
  }
  return Buffer.concat(parts);
}

/** One transaction's answer: the asked name's UDP reply, or its TCP copy when TC is set (resolved retries over TCP). */
function pick(exchange: { udp: Uint8Array; tcp?: Uint8Array }): Buffer {
  const udp = Buffer.from(exchange.udp.buffer, exchange.udp.byteOffset, exchange.udp.byteLength);
  if (readHeader(udp)?.tc && exchange.tcp) return Buffer.from(exchange.tcp.buffer, exchange.tcp.byteOffset, exchange.tcp.byteLength);
  return udp;
}

/** What the stub sends glibc for this lookup (dns_stub_query_complete), or a model error. */
export function resolvedStubReply(question: ModelQuestion, message: Buffer, options: ModelOptions): Buffer | ResolverResult {
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  const reply: ResolvedRecord[] = [];
  /** dns_stub_assign_sections → dns_stub_collect_answer_by_question for the current name. */
  const collect = (records: readonly ResolvedRecord[], name: readonly Buffer[]) => {
    for (const rr of records) {
      if ((answersName(rr, name, qtype) || redirectsName(rr, name)) && !reply.some((r) => sameRecord(r, rr))) reply.push(rr);
    }
  };
  let name = nameToLabels(question.name);
  let redirects = 0;
  let current = message;
  for (;;) {
    const upstream = extract(current, name, qtype);
    if (upstream === 'invalid-reply') return stubReply(question, reply, RCODE_SERVFAIL);
    // resolved-dns-transaction.c dns_transaction_fix_rcode: an NXDOMAIN whose answer has a record for the
    // name asked, or a CNAME/DNAME for it, is taken as NOERROR (the rcode is read as the first hop's).
    const rcode = upstream.rcode === RCODE_NXDOMAIN && upstream.records.some((rr) => answersName(rr, name, qtype) || redirectsName(rr, name))
      ? 0 : upstream.rcode;
    collect(upstream.records, name);
    if (rcode !== 0) return stubReply(question, reply, rcode);
    // Leaves the loop only to ask the server again (or returns the stub's reply).
    for (let first = true; ; first = false) {
      // dns_query_process_cname_one
      if (upstream.records.some((rr) => answersName(rr, name, qtype))) return stubReply(question, reply, 0);
      const cname = upstream.records.find((rr) => redirectsName(rr, name));
      if (!cname) {
        if (first) return stubReply(question, reply, 0);
        break;
      }
      // dns_query_cname_redirect: -ELOOP sends what was collected.
      if (redirects >= CNAME_REDIRECTS_MAX) return stubReply(question, reply, 0);
      redirects++;
      const next = redirectTarget(cname, name);
      if (sameName(next, name)) return stubReply(question, reply, 0);
      name = next;
      collect(upstream.records, name);
    }
    if (!options.followUp) {
      return failure('MODEL_NEEDS_FOLLOW_UP', `systemd-resolved queries ${nameText(name)} next: pass options.followUp`);
    }
    current = pick(options.followUp({ name: nameText(name), type: question.type }));
  }
}

export const systemdModel = defineModel({
  id: 'model-systemd',
  title: 'systemd-resolved (257) stub + glibc getaddrinfo',
  library: 'systemd-resolved stub (127.0.0.53) + glibc getaddrinfo',
  follows: 'systemd/systemd src/resolve/resolved-dns-stub.c dns_stub_query_complete + dns_stub_collect_answer_by_question, resolved-dns-query.c dns_query_process_cname_one + dns_query_cname_redirect, resolved-dns-transaction.c dns_transaction_process_reply + dns_transaction_fix_rcode, resolved-dns-packet.c dns_packet_extract, resolved-dns-answer.c dns_answer_add (read at systemd main, validated on 257); then model-glibc (getanswer_r) over the stub\'s reply',
  covers: [
    { library: 'systemd', versions: '>=257 <258', clients: ['systemd-resolved'] },
  ],
  validated: [
    { client: 'systemd-resolved', library: 'systemd', version: '257', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (question, message, _via, options) => {
  const reply = resolvedStubReply(question, message, options);
  if (!Buffer.isBuffer(reply)) return reply;
  return glibcGetaddrinfoModel.resolve(question, reply);
});
