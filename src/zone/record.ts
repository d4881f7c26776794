// A parsed zone record: owner and RDATA in wire form exactly as written (no
// case folding), numbers for type and class. `toDnsRecord` gives the shape
// src/wire's encoder takes, with the RDATA as raw octets.

import type { SourcePosition } from '../errors.js';
import type { DnsRecord } from '../wire/message.js';
import { className, typeName } from '../rdata/registry.js';
import { nameToText } from '../rdata/name.js';

export interface ZoneRecord {
  /** Owner name, uncompressed wire form, letter case as written. */
  owner: Buffer;
  type: number;
  class: number;
  ttl: number;
  /** RDATA octets (names uncompressed, as written). */
  rdata: Buffer;
  /** Where the record starts in its file (absent for records built in code). */
  position?: SourcePosition;
}

export const CLASS_IN = 1;

/** dns-packet-shaped record for encodeMessage (`data` is raw RDATA). */
export function toDnsRecord(record: ZoneRecord): DnsRecord {
  const name = nameToText(record.owner);
  return {
    name: name === '.' ? '.' : name.slice(0, -1),
    type: typeName(record.type),
    class: className(record.class),
    ttl: record.ttl,
    data: record.rdata,
  };
}

/** The serial of SOA RDATA: the first of the five 32-bit fields that end it. */
export function soaSerial(rdata: Uint8Array): number {
  return Buffer.from(rdata.buffer, rdata.byteOffset, rdata.byteLength).readUInt32BE(rdata.length - 20);
}
