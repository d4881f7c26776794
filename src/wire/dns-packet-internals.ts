// dns-packet exports per-type codecs (`record(type)`) and the record codec
// (`answer`) at run time, but its type declarations omit them. This module is
// the one place that reaches past the declarations.

import dnsPacket from 'dns-packet';

export interface RdataCodec {
  /** Encodes RDATA *with* its 2-octet length prefix. */
  encode(data: unknown): Buffer;
  /** Decodes RDATA whose 2-octet length prefix starts at `offset`; sets `decode.bytes`. */
  decode: ((buf: Buffer, offset: number) => unknown) & { bytes: number };
}

interface Internals {
  record(type: string): RdataCodec;
  answer: { encode(record: unknown): Buffer };
  DNSSEC_OK: number;
}

const internals = dnsPacket as unknown as Internals;

export function dnsPacketRdataCodec(type: string): RdataCodec {
  return internals.record(type);
}

export function dnsPacketEncodeRecord(record: unknown): Buffer {
  return internals.answer.encode(record);
}

export const DNSSEC_OK_FLAG = internals.DNSSEC_OK;
