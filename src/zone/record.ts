// A parsed zone record: owner and RDATA in wire form exactly as written (no
// case folding), numbers for type and class. `toDnsRecord` gives the shape
// src/wire's encoder takes, with the RDATA as raw octets (so the server sends
// exactly what the zone holds); `zoneRecordData` is the typed value of the
// same octets, through the same record layer the decoder uses.

import type { SourcePosition } from '../errors.js';
import type { DnsRecord } from '../wire/message.js';
import { className, typeName } from '../rdata/registry.js';
import { nameToText } from '../rdata/name.js';
import { rdataToValue } from '../rdata/value.js';

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

/** The record's RDATA as its type's value (RecordData: MX { preference, exchange }, …), as decodeMessage would give it. */
export function zoneRecordData(record: Pick<ZoneRecord, 'type' | 'rdata'>): unknown {
  return rdataToValue(record.type, record.rdata, 0, record.rdata.length);
}

/** The serial of SOA RDATA: the first of the five 32-bit fields that end it. */
export function soaSerial(rdata: Uint8Array): number {
  return Buffer.from(rdata.buffer, rdata.byteOffset, rdata.byteLength).readUInt32BE(rdata.length - 20);
}
