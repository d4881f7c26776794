// ZONEMD (RFC 8976, type 63): object ⇄ wire ⇄ presentation.
// Presentation is `serial scheme hash-algorithm hex`, hex possibly split by
// white space (the root zone splits it over lines inside parentheses).

import { EncodeError } from '../errors.js';
import { RRTYPE } from './registry.js';

/** RRTYPE.ZONEMD under the name the public `wire` API has always offered. */
export const ZONEMD_TYPE = RRTYPE.ZONEMD;
export const ZONEMD_SCHEME_SIMPLE = 1;
export const ZONEMD_HASH_SHA384 = 1;
export const ZONEMD_HASH_SHA512 = 2;
/** RFC 8976 §2.2.4: digests shorter than this are invalid whatever the algorithm. */
export const ZONEMD_MIN_DIGEST_OCTETS = 12;

export interface ZonemdData {
  serial: number;
  scheme: number;
  algorithm: number;
  digest: Buffer;
}

function checkFields(data: ZonemdData): void {
  if (!Number.isInteger(data.serial) || data.serial < 0 || data.serial > 0xffffffff) {
    throw new EncodeError('ERR_BAD_ZONEMD', `bad ZONEMD serial ${data.serial}`);
  }
  for (const [field, value] of [['scheme', data.scheme], ['hash algorithm', data.algorithm]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 255) {
      throw new EncodeError('ERR_BAD_ZONEMD', `bad ZONEMD ${field} ${value}`);
    }
  }
}

/**
 * What makes a ZONEMD record invalid in itself, or undefined. Follows
 * dnspython's dns/rdtypes/ANY/ZONEMD.py, which checks in its constructor, so
 * for text and wire input alike: scheme 0 is reserved (RFC 8976 §5.2), hash
 * algorithm 0 is reserved (§5.3), and for a hash algorithm it knows (SHA384,
 * SHA512) the digest must be exactly that hash's length. Added here: the
 * RFC 8976 §2.2.4 minimum of 12 digest octets for any algorithm. Unknown
 * schemes and algorithms are not errors: a verifier reports them as
 * unsupported (RFC 8976 §4 step 4).
 *
 * Not called by default: dnsorder builds, serves and verifies broken ZONEMD
 * records on purpose (see validate.ts). Strict input asks for it with
 * `{ validate: true }` here, in ZoneParseOptions and in DecodeOptions.
 */
export function zonemdProblem(data: ZonemdData): string | undefined {
  if (data.scheme === 0) return 'scheme 0 is reserved (RFC 8976 §5.2)';
  if (data.algorithm === 0) return 'hash algorithm 0 is reserved (RFC 8976 §5.3)';
  if (data.digest.length < ZONEMD_MIN_DIGEST_OCTETS) {
    return `digest of ${data.digest.length} octets (RFC 8976 §2.2.4: at least ${ZONEMD_MIN_DIGEST_OCTETS})`;
  }
  const expected = zonemdDigestLength(data.algorithm);
  if (expected !== undefined && data.digest.length !== expected) {
    return `digest of ${data.digest.length} octets for hash algorithm ${data.algorithm} (${zonemdHashAlgorithm(data.algorithm)!.name}: ${expected})`;
  }
  return undefined;
}

export function encodeZonemdRdata(data: ZonemdData): Buffer {
  checkFields(data);
  const out = Buffer.alloc(6 + data.digest.length);
  out.writeUInt32BE(data.serial, 0);
  out[4] = data.scheme;
  out[5] = data.algorithm;
  Buffer.from(data.digest).copy(out, 6);
  return out;
}

export interface ZonemdReadOptions {
  /** Refuse a record zonemdProblem finds invalid (ERR_BAD_ZONEMD). Default false. */
  validate?: boolean;
}

function validated(data: ZonemdData, options: ZonemdReadOptions): ZonemdData {
  const problem = options.validate ? zonemdProblem(data) : undefined;
  if (problem !== undefined) throw new EncodeError('ERR_BAD_ZONEMD', `invalid ZONEMD: ${problem}`);
  return data;
}

export function decodeZonemdRdata(rdata: Uint8Array, options: ZonemdReadOptions = {}): ZonemdData {
  if (rdata.length < 6) {
    throw new EncodeError('ERR_BAD_ZONEMD', `ZONEMD RDATA of ${rdata.length} octets (needs at least 6)`);
  }
  const buf = Buffer.from(rdata);
  return validated({ serial: buf.readUInt32BE(0), scheme: buf[4]!, algorithm: buf[5]!, digest: buf.subarray(6) }, options);
}

export function formatZonemd(data: ZonemdData): string {
  return `${data.serial} ${data.scheme} ${data.algorithm} ${Buffer.from(data.digest).toString('hex').toUpperCase()}`;
}

export function parseZonemd(text: string, options: ZonemdReadOptions = {}): ZonemdData {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length < 4) throw new EncodeError('ERR_BAD_ZONEMD', 'ZONEMD needs serial, scheme, hash algorithm and digest');
  const [serialText, schemeText, algorithmText, ...hexParts] = tokens as [string, string, string, ...string[]];
  const number = (t: string, field: string, max: number): number => {
    if (!/^[0-9]+$/.test(t) || Number(t) > max) throw new EncodeError('ERR_BAD_ZONEMD', `bad ZONEMD ${field} "${t}"`);
    return Number(t);
  };
  const hex = hexParts.join('');
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2 !== 0) {
    throw new EncodeError('ERR_BAD_ZONEMD', 'bad ZONEMD digest: not an even number of hex digits');
  }
  return validated({
    serial: number(serialText, 'serial', 0xffffffff),
    scheme: number(schemeText, 'scheme', 255),
    algorithm: number(algorithmText, 'hash algorithm', 255),
    digest: Buffer.from(hex, 'hex'),
  }, options);
}

export interface ZonemdHashAlgorithm {
  /** Hash algorithm number in the record. */
  algorithm: number;
  /** Name: the CLI's --hash value and node:crypto's hash name. */
  name: string;
  /** Octets of digest it produces. */
  digestLength: number;
}

/** The hash algorithms RFC 8976 §5.3 defines: the one table everything else is derived from. */
export const ZONEMD_HASH_ALGORITHMS: readonly ZonemdHashAlgorithm[] = Object.freeze([
  Object.freeze({ algorithm: ZONEMD_HASH_SHA384, name: 'sha384', digestLength: 48 }),
  Object.freeze({ algorithm: ZONEMD_HASH_SHA512, name: 'sha512', digestLength: 64 }),
]);

/** The known hash algorithm with this number, or undefined. */
export function zonemdHashAlgorithm(algorithm: number): ZonemdHashAlgorithm | undefined {
  return ZONEMD_HASH_ALGORITHMS.find((h) => h.algorithm === algorithm);
}

/** Digest length each known hash algorithm produces. */
export function zonemdDigestLength(algorithm: number): number | undefined {
  return zonemdHashAlgorithm(algorithm)?.digestLength;
}
