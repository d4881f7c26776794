// RDATA wire ⇄ value (DnsRecord.data), derived from the declarations in
// types.ts: a declared type's value is an object keyed by its fields
// (dns-packet's shapes: MX { preference, exchange }, SOA { mname, … }), or the
// one field's value for one-field types (A "192.0.2.1", CNAME "x.example",
// TXT Buffer[]). Undeclared types, and any type given as a Buffer, are raw
// RDATA octets: a Buffer always means "these exact octets".

import { EncodeError, WireFormatError } from '../errors.js';
import { badValue, type NameWriter } from './fields.js';
import { RRTYPE, typeName, typeNumber } from './registry.js';
import { rdataType } from './types.js';
import { typeProblem } from './validate.js';
import { RdataTooShortError, WireReader, WireShortError, WireWriter } from './wire-buffers.js';

/** The value shapes of the types dnsorder users write most (the rest: see declaredTypes()). */
export interface RecordDataMap {
  A: string;
  AAAA: string;
  NS: string;
  CNAME: string;
  PTR: string;
  DNAME: string;
  /** Decoded as Buffer[]; a string, strings or Buffers encode. */
  TXT: Buffer[] | string | Array<string | Buffer>;
  MX: { preference: number; exchange: string };
  SOA: { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
  SRV: { priority: number; weight: number; port: number; target: string };
  CAA: { flags?: number; tag: string; value: string };
  DS: { keyTag: number; algorithm: number; digestType: number; digest: Buffer };
  DNSKEY: { flags: number; protocol?: number; algorithm: number; key: Buffer };
  RRSIG: {
    typeCovered: string; algorithm: number; labels: number; originalTTL: number; expiration: number; inception: number;
    keyTag: number; signersName: string; signature: Buffer;
  };
  NSEC: { nextDomain: string; rrtypes: string[] };
  ZONEMD: { serial: number; scheme: number; algorithm: number; digest: Buffer };
}

/** `data` of a record of type T: its value shape, or raw RDATA octets. */
export type RecordData<T extends string> = T extends keyof RecordDataMap ? RecordDataMap[T] | Buffer : unknown;

/**
 * RDATA octets of `data` for a record of `type` whose RDATA starts at message
 * offset `offset`. Names are compressed through `names` only for the types
 * that allow it (COMPRESSIBLE_RDATA_TYPES). Throws EncodeError.
 */
export function rdataFromValue(type: string | number, data: unknown, offset = 0, names?: NameWriter): Buffer {
  if (data instanceof Uint8Array) return Buffer.from(data);
  const code = typeNumber(type);
  const declaration = rdataType(code);
  if (declaration === undefined) {
    throw new EncodeError('ERR_NO_CODEC', `no codec for ${typeName(code)} RDATA: give its RDATA as a Buffer (RFC 3597 generic form)`);
  }
  const w = new WireWriter(64);
  const ctx = { names: declaration.compressed ? names : undefined, base: offset };
  const label = (field: string) => `${declaration.mnemonic} ${field}`;
  if (declaration.bare) {
    const only = declaration.fields[0]!;
    only.kind.write(w, data, ctx, label(only.field));
  } else {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badValue(`${declaration.mnemonic} RDATA`, data, 'expected an object');
    const record = data as Record<string, unknown>;
    for (const f of declaration.fields) {
      const value = record[f.key] ?? f.fallback;
      if (value === undefined) throw new EncodeError('ERR_BAD_RDATA', `${declaration.mnemonic} RDATA without ${f.key}`);
      f.kind.write(w, value, ctx, label(f.field));
    }
  }
  if (w.pos > 0xffff) throw new EncodeError('ERR_RDATA_TOO_LONG', `${declaration.mnemonic} RDATA of ${w.pos} octets`);
  return w.take();
}

/**
 * Types whose RDATA the decoder refuses when it does not decode exactly (the
 * ones dnsorder has always decoded strictly: findings about address and
 * chain records depend on them). Any other type whose RDATA does not decode
 * is carried as its raw octets, so a tester can still report on it.
 */
const STRICT_TYPES: ReadonlySet<number> = new Set([
  RRTYPE.A, RRTYPE.AAAA, RRTYPE.NS, RRTYPE.CNAME, RRTYPE.PTR, RRTYPE.DNAME, RRTYPE.MX, RRTYPE.SOA, RRTYPE.SRV, RRTYPE.ZONEMD,
]);

/**
 * The value of the RDATA at [offset, offset+length) of `message` (the whole
 * message: names may be compressed in the types that allow it). Undeclared
 * types, and RDATA of a non-strict type that does not decode, come back as a
 * copy of their octets. For the STRICT_TYPES, throws WireFormatError:
 * ERR_RDATA_LENGTH when the RDATA is shorter or longer than its fields,
 * ERR_BAD_RDATA when a field does not decode. With `validate`, also the
 * type's own check (validate.ts): ERR_BAD_ZONEMD.
 */
export function rdataToValue(type: number, message: Uint8Array, offset: number, length: number, options: { validate?: boolean } = {}): unknown {
  const declaration = rdataType(type);
  if (declaration === undefined) return Buffer.from(message.subarray(offset, offset + length));
  if (options.validate) {
    const problem = typeProblem(type, message.subarray(offset, offset + length));
    if (problem !== undefined) throw new WireFormatError('ERR_BAD_ZONEMD', `invalid ${declaration.mnemonic}: ${problem}`, offset);
  }
  const r = new WireReader(message, offset, offset + length);
  const ctx = { decompress: declaration.decompressed };
  const raw = () => Buffer.from(message.subarray(offset, offset + length));
  const strict = STRICT_TYPES.has(type);
  let value: unknown;
  try {
    if (declaration.bare) {
      value = declaration.fields[0]!.kind.read(r, ctx);
    } else {
      const object: Record<string, unknown> = {};
      for (const f of declaration.fields) object[f.key] = f.kind.read(r, ctx);
      value = object;
    }
  } catch (err) {
    if (!strict && err instanceof WireShortError) return raw();
    if (err instanceof RdataTooShortError) {
      throw new WireFormatError('ERR_RDATA_LENGTH', `${declaration.mnemonic} RDATA is ${length} octets, too short for its fields`, offset);
    }
    if (err instanceof WireShortError) throw new WireFormatError('ERR_BAD_RDATA', `${declaration.mnemonic} RDATA does not decode: ${err.message}`, offset);
    throw err;
  }
  if (r.pos !== r.end) {
    if (!strict) return raw();
    throw new WireFormatError('ERR_RDATA_LENGTH', `${declaration.mnemonic} RDATA is ${length} octets, its fields take ${r.pos - offset}`, offset);
  }
  return value;
}
