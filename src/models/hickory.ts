// model-hickory — hickory-resolver 0.24 (Debian 13's librust-hickory-resolver-dev
// 0.24.4, over hickory-proto 0.24.4): TokioAsyncResolver::lookup_ip with one
// family (LookupIpStrategy::Ipv4Only / Ipv6Only), a fresh resolver per lookup,
// as the hickory probe calls it (src/clients/programs/hickory/src/main.rs).
//
// Follows hickory-resolver src/caching_client.rs `CachingClient::inner_lookup`
// and `handle_noerror` (with `MAX_QUERY_DEPTH`), src/error.rs
// `ResolveError::from_response`, src/name_server/name_server_pool.rs
// `NameServerPool::send` (UDP; TCP only after a truncated answer), and
// hickory-proto src/udp/udp_client_stream.rs `NextRandomUdpSocket` (a reply
// that does not decode is dropped and the query waits: a timeout),
// src/xfer/dns_response.rs `contains_answer`, src/rr/resource.rs `Record::read`,
// src/rr/record_data.rs `RData::read` (the RDATA must be read to exactly
// RDLENGTH) and src/rr/domain/name.rs `read_inner` (pointers only to octets
// before the name being read).
//
// What handle_noerror does with an answer: it folds the answer section in
// order, starting from the query name, and moves `search_name` along every
// CNAME whose owner is the current `search_name` (so a chain laid out in
// order is followed in one pass, a reversed one only as far as its order
// allows). It then keeps, from answer + additional + authority (in that
// order), the records of the asked type owned by `search_name` OR by the
// query name — nothing owned by any other name, so an unrelated address is
// never taken. If it kept one, that is the result. Otherwise, if a CNAME moved
// `search_name`, it ASKS AGAIN for `search_name` (a new query: the depth
// counter allows 8 queries in all), carrying the CNAMEs along; otherwise it
// fails with NoRecordsFound (NO_DATA, NXDOMAIN after an NXDOMAIN rcode). So
// hickory repairs any order by re-querying the name it reached; a dangling
// chain is re-queried at its end and gets whatever the server says there.
//
// The probe reports the owner of the first address record as the canonical
// name (hickory's API has none; the Lookup keeps the records). Records with
// RDLENGTH 0 have no RDATA (Record::read) and give no address. RDATA of types
// other than A, AAAA, CNAME, NS, PTR and SOA is skipped by RDLENGTH here;
// hickory decodes some of them (TXT, SVCB, HTTPS, ...) and would drop a
// message whose RDATA of those types does not decode. A truncated UDP reply
// that does not decode is dropped by hickory (a timeout) but read as its TCP
// copy here (define-model.ts swaps to TCP before the walk).

import { defineModel, failure, success } from './define-model.js';
import type { ModelOptions, ModelQuestion } from './types.js';
import type { ResolverResult } from './resolver-result.js';
import { nameToLabels } from '../rdata/name.js';
import { addressText, fault, nameText, readHeader, readName, sameName, TYPE, type NameRules } from './wire-reader.js';
import { RRTYPE } from '../rdata/registry.js';

/** What the probe reports when hickory-proto drops a reply it cannot decode and nothing else arrives. */
const TIMEOUT = 'TIMEOUT';
const RULES: NameRules = { faultCode: TIMEOUT, forwardPointers: false, backwardOf: 'last-jump' };
/** caching_client.rs MAX_QUERY_DEPTH: a CNAME target is asked again while fewer lookups than this are nested. */
const MAX_QUERY_DEPTH = 8;
const CLASS_IN = 1;
/** RecordType::read of ANY, AXFR and IXFR in a record: RData::read refuses them. */
const QUERY_ONLY_TYPES = new Set([251, 252, 255]);
/** ResponseCode as the probe prints it (`format!("{:?}")` upper-cased) for the rcodes from_response turns into errors. */
const RCODE_NAMES: Record<number, string> = {
  1: 'FORMERR', 2: 'SERVFAIL', 4: 'NOTIMP', 5: 'REFUSED', 6: 'YXDOMAIN', 7: 'YXRRSET', 8: 'NXRRSET', 9: 'NOTAUTH', 10: 'NOTZONE',
};

interface HickoryRecord {
  owner: Buffer[];
  type: number;
  class: number;
  /** A/AAAA address text, or the CNAME target; undefined with RDLENGTH 0 (no RDATA). */
  address?: string;
  target?: Buffer[];
}

interface Decoded {
  rcode: number;
  tc: boolean;
  answers: HickoryRecord[];
  authorities: HickoryRecord[];
  additionals: HickoryRecord[];
}

/** Message::from_vec: every section must decode, or the whole reply is dropped (a fault: the probe's TIMEOUT). */
function decode(message: Buffer): Decoded {
  const header = readHeader(message);
  if (!header) fault(TIMEOUT, 'request timed out (reply shorter than a header, dropped)');
  let offset = 12;
  for (let i = 0; i < header.qdcount; i++) {
    const name = readName(message, offset, RULES);
    if (name.next + 4 > message.length) fault(TIMEOUT, 'request timed out (question cut short, reply dropped)');
    offset = name.next + 4;
  }
  const section = (count: number): HickoryRecord[] => {
    const out: HickoryRecord[] = [];
    for (let i = 0; i < count; i++) {
      const [record, next] = readRecord(message, offset);
      out.push(record);
      offset = next;
    }
    return out;
  };
  const answers = section(header.ancount);
  const authorities = section(header.nscount);
  const additionals = section(header.arcount);
  return { rcode: header.rcode, tc: header.tc, answers, authorities, additionals };
}

/** resource.rs Record::read + record_data.rs RData::read. */
function readRecord(message: Buffer, offset: number): [HickoryRecord, number] {
  const owner = readName(message, offset, RULES);
  let at = owner.next;
  if (at + 10 > message.length) fault(TIMEOUT, 'request timed out (record cut short, reply dropped)');
  const type = message.readUInt16BE(at);
  const klass = message.readUInt16BE(at + 2);
  const rdlength = message.readUInt16BE(at + 8);
  at += 10;
  if (type === RRTYPE.OPT && owner.labels.length > 0) fault(TIMEOUT, 'request timed out (OPT not at the root, reply dropped)');
  if (at + rdlength > message.length) fault(TIMEOUT, 'request timed out (rdata length too large for remaining bytes, reply dropped)');
  const record: HickoryRecord = { owner: owner.labels, type, class: klass };
  const next = at + rdlength;
  if (rdlength === 0) return [record, next];
  if (QUERY_ONLY_TYPES.has(type)) fault(TIMEOUT, `request timed out (record of type ${type}, reply dropped)`);
  let read: number;
  if (type === TYPE.A || type === TYPE.AAAA) {
    const size = type === TYPE.A ? 4 : 16;
    if (at + size > message.length) fault(TIMEOUT, 'request timed out (address cut short, reply dropped)');
    record.address = addressText(message.subarray(at, at + size));
    read = size;
  } else if (type === TYPE.CNAME || type === RRTYPE.NS || type === RRTYPE.PTR) {
    const name = readName(message, at, RULES);
    if (type === TYPE.CNAME) record.target = name.labels;
    read = name.next - at;
  } else if (type === RRTYPE.SOA) {
    const mname = readName(message, at, RULES);
    const rname = readName(message, mname.next, RULES);
    read = rname.next + 20 - at;
  } else {
    read = rdlength;
  }
  if (read !== rdlength) fault(TIMEOUT, `request timed out (IncorrectRDataLengthRead: read ${read}, len ${rdlength}; reply dropped)`);
  return [record, next];
}

/** One server exchange as the name server pool does it: UDP, and TCP when the UDP reply decodes with TC set. */
function exchange(udp: Buffer, tcp: Buffer | undefined): Decoded | ResolverResult {
  const first = decode(udp);
  if (!first.tc) return first;
  if (!tcp) return failure('MODEL_NEEDS_TCP', 'TC is set and hickory retries over TCP: the follow-up answer has no TCP copy');
  // A TCP reply that fails leaves the truncated UDP one ("Even if the UDP result was truncated, return that").
  try {
    return decode(tcp);
  } catch {
    return first;
  }
}

function noRecords(rcode: number, name: string, qtype: string): ResolverResult {
  const code = rcode === 3 ? 'NXDOMAIN' : rcode === 0 ? 'NO_DATA' : RCODE_NAMES[rcode] ?? `UNKNOWN(${rcode})`;
  return failure(code, `no record found for Query { name: Name("${name}."), query_type: ${qtype}, query_class: IN }`);
}

function lookupIp(question: ModelQuestion, first: Decoded, options: ModelOptions): ResolverResult {
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  // The name lookup_ip asks (its Query), not the reply's question section.
  let queryName: Buffer[] = nameToLabels(question.name);
  let response = first;
  for (let depth = 1; ; depth++) {
    // error.rs from_response (in name_server.rs and again in inner_lookup).
    const rcode = response.rcode;
    if (RCODE_NAMES[rcode]) return noRecords(rcode, nameText(queryName), question.type);
    const containsAnswer = response.answers.length > 0
      || [...response.authorities, ...response.additionals].some((r) => r.type === qtype && sameName(r.owner, queryName));
    if ((rcode === 0 || rcode === 3) && !containsAnswer && !response.tc) return noRecords(rcode, nameText(queryName), question.type);

    // handle_noerror: fold the CNAMEs of the answer section into search_name.
    let searchName = queryName;
    let wasCname = false;
    for (const r of response.answers) {
      if (r.type === TYPE.CNAME && r.target && sameName(r.owner, searchName)) {
        searchName = r.target;
        wasCname = true;
      }
    }
    const kept = [...response.answers, ...response.additionals, ...response.authorities]
      .filter((r) => r.class === CLASS_IN && r.type === qtype && (sameName(r.owner, searchName) || sameName(r.owner, queryName)));
    if (kept.length > 0) {
      const withData = kept.filter((r) => r.address !== undefined);
      const canonical = withData.length > 0 ? `${nameText(withData[0]!.owner)}.` : null;
      return success(withData.map((r) => r.address!), canonical);
    }
    if (!wasCname || depth >= MAX_QUERY_DEPTH) return noRecords(rcode, nameText(queryName), question.type);
    // Records::CnameChain: a new query for the name the chain reached.
    if (!options.followUp) return failure('MODEL_NEEDS_FOLLOW_UP', `hickory queries ${nameText(searchName)} next: pass options.followUp`);
    const next = options.followUp({ name: nameText(searchName), type: question.type });
    const decoded = exchange(Buffer.from(next.udp), next.tcp ? Buffer.from(next.tcp) : undefined);
    if ('addresses' in decoded) return decoded;
    queryName = searchName;
    response = decoded;
  }
}

export const hickoryModel = defineModel({
  id: 'model-hickory',
  title: 'hickory-resolver 0.24: lookup_ip',
  library: 'hickory-resolver (Rust) TokioAsyncResolver::lookup_ip',
  follows: 'hickory-dns crates/resolver/src/caching_client.rs CachingClient::inner_lookup + handle_noerror, error.rs ResolveError::from_response, '
    + 'name_server/name_server_pool.rs; crates/proto/src/udp/udp_client_stream.rs, rr/record_data.rs RData::read, rr/domain/name.rs read_inner (hickory-resolver/hickory-proto 0.24.4)',
  // Read and measured at 0.24.4; 0.25 reworked the resolver (Resolver::builder, the CachingClient moved), so it ends before 0.25.
  covers: [{ library: 'hickory', versions: '>=0.24 <0.25', clients: ['hickory'] }],
  validated: [{ client: 'hickory', library: 'hickory', version: '0.24.4', suite: 'trixie' }],
  retriesOverTcp: true,
}, (question, message, _via, options) => lookupIp(question, decode(message), options));
