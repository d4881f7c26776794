// model-chromium — Chromium's built-in DNS client (net/dns), an A or AAAA
// lookup through HostResolverManager with the insecure DnsTask (AsyncDns on,
// DNS-over-HTTPS off, no fallback to getaddrinfo), Chromium 156.
//
// Follows net/dns/dns_response_result_extractor.cc `ExtractAddressResults` →
// `ExtractResponseRecords` → `ValidateNamesAndAliases`, over
// net/dns/record_parsed.cc `RecordParsed::CreateFrom` and
// net/dns/dns_response.cc `DnsRecordParser::ReadRecord`.
// Order-blind and strict:
//  - every answer record must parse (a recognised type with malformed RDATA —
//    an A of RDLENGTH 5 — or a record cut short is kMalformedRecord); types
//    it does not know (RRSIG, DNAME, SVCB, ZONEMD, private) are kept unparsed
//    and ignored;
//  - class-IN CNAMEs go into a map by owner: a second CNAME at the same owner,
//    even an identical one, is kMultipleCnames;
//  - from the question name the map must form ONE chain that uses every CNAME
//    (a CNAME off the chain, or a loop, is kBadAliasChain);
//  - EVERY class-IN record of the asked type must be owned by the chain's end
//    (case-insensitively), else kNameMismatch — so an unrelated address
//    anywhere in the answer rejects the whole response, not just that record;
//  - the addresses are the asked-type records in answer order.
// Any extraction error fails the DnsTask (ERR_DNS_MALFORMED_RESPONSE); a
// NOERROR answer without addresses, NXDOMAIN or SERVFAIL fail it too. The
// request then reports ERR_NAME_NOT_RESOLVED whatever the cause
// (HostResolverManager keeps the DNS error in ResolveErrorInfo), which is the
// code returned here, the cause in the text. A truncated UDP answer is asked
// again over TCP (DnsTransaction). No canonical name reaches the page.
//
// The real client (src/clients/chromium.ts) reports only the address the
// browser connected to: the first of this list, as Chromium's RFC 6724 sort
// keeps the answer order for addresses of one family that all sit on the
// namespace's loopback. The differential test compares that first address.

import { defineModel, failure, success } from './define-model.js';
import { addressText, attempt, CLASS_IN, readHeader, readName, readRecord, skipQuestion, TYPE, type NameRules } from './wire-reader.js';
import { RRTYPE } from '../rdata/registry.js';

const NOT_RESOLVED = 'ERR_NAME_NOT_RESOLVED';
const MALFORMED = 'ERR_DNS_MALFORMED_RESPONSE';

// DnsRecordParser::ReadName follows any pointer inside the message (a loop is caught by length).
const RULES: NameRules = { faultCode: MALFORMED, forwardPointers: true };

const rejected = (cause: string, detail: string) => failure(NOT_RESOLVED, `${MALFORMED} (${cause}): ${detail}`);

export const chromiumModel = defineModel({
  id: 'model-chromium',
  title: 'Chromium built-in DNS client (156)',
  library: 'Chromium net/dns',
  follows: 'chromium/chromium net/dns/dns_response_result_extractor.cc ExtractAddressResults, ExtractResponseRecords, ValidateNamesAndAliases; net/dns/record_parsed.cc RecordParsed::CreateFrom (Chromium 156)',
  // The headless browser reports only the address it connected to: the first of the list, as Chromium's
  // RFC 6724 sort keeps the answer order for these test addresses.
  covers: [{ library: 'chromium', versions: '>=156 <157', clients: ['chromium'], view: { firstAddressOnly: true } }],
  validated: [
    { client: 'chromium', library: 'chromium', version: '156.0.8078.114', suite: 'host' },
    { client: 'chromium', library: 'chromium', version: '156.0.8078.79', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (question, message) => {
  const header = readHeader(message);
  if (!header || header.qdcount !== 1) return failure(NOT_RESOLVED, `${MALFORMED}: no single question`);
  if (header.rcode === 3) return failure(NOT_RESOLVED, 'NXDOMAIN');
  if (header.rcode === 2) return failure(NOT_RESOLVED, 'ERR_DNS_SERVER_FAILED (SERVFAIL)');
  if (header.rcode !== 0) return failure(NOT_RESOLVED, `ERR_DNS_SERVER_FAILED (rcode ${header.rcode})`);
  const q = skipQuestion(message, 12, RULES);
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;

  // ExtractResponseRecords: every answer record through RecordParsed::CreateFrom.
  const aliases = new Map<string, string>(); // canonical owner → canonical target
  const data: { owner: string; address: string }[] = [];
  let pos = q.next;
  for (let i = 0; i < header.ancount; i++) {
    const rr = attempt(() => readRecord(message, pos, RULES));
    if (!rr) return rejected('kMalformedRecord', `answer record ${i + 1} cannot be read`);
    pos = rr.next;
    const owner = key(rr.owner);
    if (!validRecordName(rr.owner)) return rejected('kMalformedRecord', `answer record ${i + 1} has an invalid owner`);
    if (!rdataParses(message, rr)) return rejected('kMalformedRecord', `answer record ${i + 1} (type ${rr.type}) has malformed RDATA`);
    if (rr.class !== CLASS_IN) continue;
    if (rr.type === TYPE.CNAME) {
      // Per RFC 2181 one CNAME per owner: a second, even identical, fails the response.
      if (aliases.has(owner)) return rejected('kMultipleCnames', `two CNAMEs at ${owner}`);
      aliases.set(owner, key(readName(message, rr.rdataOffset, RULES).labels));
    } else if (rr.type === qtype) {
      data.push({ owner, address: addressText(message.subarray(rr.rdataOffset, rr.next)) });
    }
  }

  // ValidateNamesAndAliases: one chain from the question name using every CNAME, data only at its end.
  let target = key(q.labels);
  let inChain = 0;
  for (let next = aliases.get(target); next !== undefined && inChain <= aliases.size; next = aliases.get(target)) {
    inChain++;
    if (next === '') return rejected('kMalformedCname', `the CNAME at ${target} points at the root`);
    target = next;
  }
  if (inChain !== aliases.size) return rejected('kBadAliasChain', `the ${aliases.size} CNAMEs do not form one chain from the question name`);
  const stray = data.find((d) => d.owner !== target);
  if (stray) return rejected('kNameMismatch', `${question.type} record owned by ${stray.owner}, not by the chain's end ${target}`);

  if (data.length === 0) return failure(NOT_RESOLVED, `no ${question.type} record at ${target}`);
  return success(data.map((d) => d.address), null);
});

/** UrlCanonicalizeNameIfAble, for the names of this catalogue: lower case, no trailing dot. */
function key(labels: readonly Uint8Array[]): string {
  return labels.map((l) => Buffer.from(l).toString('latin1').toLowerCase()).join('.');
}

/** dns_names_util::IsValidDnsRecordName: a non-root name that is not an IP literal. */
function validRecordName(labels: readonly Uint8Array[]): boolean {
  if (labels.length === 0) return false;
  const text = key(labels);
  return !/^\d+(\.\d+){3}$/.test(text);
}

/** The RecordRdata::Create of the types RecordParsed knows (A, AAAA, CNAME, HTTPS here); other types are not parsed. */
function rdataParses(message: Buffer, rr: { type: number; rdlength: number; rdataOffset: number; next: number }): boolean {
  switch (rr.type) {
    case TYPE.A:
      return rr.rdlength === 4;
    case TYPE.AAAA:
      return rr.rdlength === 16;
    case TYPE.CNAME:
      return attempt(() => readName(message, rr.rdataOffset, RULES)) !== undefined;
    case RRTYPE.HTTPS:
      return httpsParses(message.subarray(rr.rdataOffset, rr.next));
    default:
      return true;
  }
}

/** HttpsRecordRdata::Parse: priority, an uncompressed target name, then key/length/value parameters filling the RDATA. */
function httpsParses(rdata: Buffer): boolean {
  if (rdata.length < 3) return false;
  const target = attempt(() => readName(rdata, 2, { ...RULES, forwardPointers: false, maxPointers: 0 }));
  if (!target) return false;
  let pos = target.next;
  let lastKey = -1;
  while (pos < rdata.length) {
    if (pos + 4 > rdata.length) return false;
    const k = rdata.readUInt16BE(pos);
    const len = rdata.readUInt16BE(pos + 2);
    if (k <= lastKey || pos + 4 + len > rdata.length) return false;
    lastKey = k;
    pos += 4 + len;
  }
  return true;
}
