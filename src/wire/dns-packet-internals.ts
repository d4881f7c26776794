// dns-packet exports the record codec (`answer`) at run time, but its type
// declarations omit it. This module is the one place that reaches past the
// declarations; dnsorder uses it only to write the OPT pseudo-record (RDATA
// of every other type comes from src/rdata).

import dnsPacket from 'dns-packet';

interface Internals {
  answer: { encode(record: unknown): Buffer };
  DNSSEC_OK: number;
}

const internals = dnsPacket as unknown as Internals;

export function dnsPacketEncodeRecord(record: unknown): Buffer {
  return internals.answer.encode(record);
}

export const DNSSEC_OK_FLAG = internals.DNSSEC_OK;
