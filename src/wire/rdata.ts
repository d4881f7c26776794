// RDATA codecs: raw octets for anything given as a Buffer, our own ZONEMD
// codec, RFC 1035 name-bearing types written through the name compressor, and
// dns-packet for the other types it knows. A type with neither a Buffer nor a
// codec is refused, never encoded as something else.

import { EncodeError, WireFormatError } from '../errors.js';
import { dnsPacketRdataCodec } from './dns-packet-internals.js';
import type { NameCompressor } from './name-compression.js';
import { typeName, typeNumber } from '../rdata/registry.js';
import { decodeZonemdRdata, encodeZonemdRdata, type ZonemdData } from '../rdata/zonemd.js';

/** Types whose object form dns-packet encodes and decodes. */
export const DNS_PACKET_TYPES: ReadonlySet<string> = new Set([
  'A', 'AAAA', 'PTR', 'CNAME', 'DNAME', 'TXT', 'NULL', 'SRV', 'HINFO', 'CAA', 'NS', 'SOA', 'MX',
  'DNSKEY', 'RRSIG', 'RP', 'NSEC', 'NSEC3', 'SSHFP', 'DS', 'NAPTR', 'TLSA',
]);

interface SoaData { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number }
interface MxData { preference: number; exchange: string }

/**
 * Encodes RDATA (without its length) for a record written at `offset`. Only the
 * RFC 1035 name-bearing types (COMPRESSIBLE_RDATA_TYPES: NS, CNAME, SOA, PTR, MX)
 * write their names through `names`; every other type leaves it untouched.
 */
export function encodeRdata(type: string, data: unknown, offset: number, names: NameCompressor): Buffer {
  if (data instanceof Uint8Array) return Buffer.from(data);
  const code = typeNumber(type);
  const mnemonic = typeName(code);
  switch (mnemonic) {
    case 'ZONEMD':
      return encodeZonemdRdata(data as ZonemdData);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return names.encode(String(data), offset);
    case 'MX': {
      const mx = data as MxData;
      const head = Buffer.alloc(2);
      head.writeUInt16BE(mx.preference, 0);
      return Buffer.concat([head, names.encode(mx.exchange, offset + 2)]);
    }
    case 'SOA': {
      const soa = data as SoaData;
      const mname = names.encode(soa.mname, offset);
      const rname = names.encode(soa.rname, offset + mname.length);
      const tail = Buffer.alloc(20);
      [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum].forEach((v, i) => tail.writeUInt32BE(v >>> 0, i * 4));
      return Buffer.concat([mname, rname, tail]);
    }
  }
  if (DNS_PACKET_TYPES.has(mnemonic)) {
    try {
      return dnsPacketRdataCodec(mnemonic).encode(data).subarray(2);
    } catch (err) {
      throw new EncodeError('ERR_BAD_RDATA', `cannot encode ${mnemonic} RDATA: ${(err as Error).message}`, { cause: err });
    }
  }
  throw new EncodeError('ERR_NO_CODEC', `no codec for ${mnemonic} RDATA: give its RDATA as a Buffer (RFC 3597 generic form)`);
}

/**
 * Decodes the RDATA at [offset, offset+length) of `message`. Known types become
 * dns-packet objects (names in them may be compressed, hence the whole message);
 * the rest stay raw octets.
 */
export function decodeRdata(type: number, message: Buffer, offset: number, length: number): unknown {
  const mnemonic = typeName(type);
  const raw = message.subarray(offset, offset + length);
  if (mnemonic === 'ZONEMD') {
    try {
      return decodeZonemdRdata(raw);
    } catch (err) {
      throw new WireFormatError('ERR_BAD_RDATA', (err as Error).message, offset);
    }
  }
  if (!DNS_PACKET_TYPES.has(mnemonic)) return Buffer.from(raw);
  const codec = dnsPacketRdataCodec(mnemonic);
  let value: unknown;
  try {
    // dns-packet's RDATA decoders read the 2-octet RDLENGTH in front of the RDATA themselves.
    value = codec.decode(message.subarray(0, offset + length), offset - 2);
  } catch (err) {
    throw new WireFormatError('ERR_BAD_RDATA', `${mnemonic} RDATA does not decode: ${(err as Error).message}`, offset);
  }
  if (codec.decode.bytes !== length + 2 && fixedLengthTypes.has(mnemonic)) {
    throw new WireFormatError('ERR_RDATA_LENGTH', `${mnemonic} RDATA is ${length} octets, its fields take ${codec.decode.bytes - 2}`, offset);
  }
  if (mnemonic === 'A' && length !== 4) throw new WireFormatError('ERR_RDATA_LENGTH', `A RDATA is ${length} octets, not 4`, offset);
  if (mnemonic === 'AAAA' && length !== 16) throw new WireFormatError('ERR_RDATA_LENGTH', `AAAA RDATA is ${length} octets, not 16`, offset);
  return value;
}

/** Types whose decoder consumes exactly their fields, so a length disagreement is detectable. */
const fixedLengthTypes: ReadonlySet<string> = new Set(['CNAME', 'NS', 'PTR', 'DNAME', 'MX', 'SOA', 'SRV']);

