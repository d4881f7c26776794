// One dnstap data frame → the fields dnsorder reads from it: the dnstap
// message type, who logged it (identity, version), the addresses and ports,
// the times and the DNS messages (still in wire form). Protobuf through
// @bufbuild/protobuf with the schema of ./schema.ts. Anything that is not a
// dnstap.Dnstap carrying a Message is a DnstapError with a code, never an
// untyped exception.

import { fromBinary, isFieldSet } from '@bufbuild/protobuf';
import { CodedError } from '../errors.js';
import { formatIpv6 } from '../rdata/text-values.js';
import { printable, shortened } from '../text/safe-text.js';
import { labelsToName } from '../rdata/name.js';
import { DnstapSchema, MessageSchema, messageTypeName, SOCKET_PROTOCOLS, type DnstapMessageType } from './schema.js';

export class DnstapError extends CodedError {}

/** The reflective shape @bufbuild/protobuf gives a decoded dnstap.Dnstap (field names in lowerCamelCase). */
interface RawDnstap {
  identity?: Uint8Array;
  version?: Uint8Array;
  type: number;
  message?: RawMessage;
}

interface RawMessage {
  type: number;
  socketFamily?: number;
  socketProtocol?: number;
  queryAddress?: Uint8Array;
  responseAddress?: Uint8Array;
  queryPort?: number;
  responsePort?: number;
  queryTimeSec?: bigint;
  queryTimeNsec?: number;
  queryMessage?: Uint8Array;
  queryZone?: Uint8Array;
  responseTimeSec?: bigint;
  responseTimeNsec?: number;
  responseMessage?: Uint8Array;
}

export interface DnstapRecord {
  /** dnstap `identity` (the server's name, as configured), printable. */
  identity?: string;
  /** dnstap `version` (the server's version string), printable. */
  version?: string;
  type: DnstapMessageType;
  /** A *_RESPONSE type. */
  response: boolean;
  family?: 'INET' | 'INET6';
  protocol?: string;
  queryAddress?: string;
  queryPort?: number;
  responseAddress?: string;
  responsePort?: number;
  /** Seconds since the epoch (with fractions). */
  queryTime?: number;
  responseTime?: number;
  /** The zone the resolver sent a RESOLVER/FORWARDER query for (its bailiwick), presentation text. */
  queryZone?: string;
  queryMessage?: Uint8Array;
  responseMessage?: Uint8Array;
}

/** Identity and version strings are cut here: they are labels, not payloads. */
const MAX_LABEL_TEXT = 128;

/** Identity and version repeat in every message: decoded once per distinct value. */
const textCache = new Map<string, string>();

function text(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined || bytes.length === 0) return undefined;
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let out = textCache.get(raw);
  if (out === undefined) {
    out = printable(shortened(Buffer.from(bytes).toString('utf8'), MAX_LABEL_TEXT));
    if (textCache.size > 1000) textCache.clear();
    textCache.set(raw, out);
  }
  return out;
}

function address(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  if (bytes.length === 16) return formatIpv6(bytes);
  return bytes.length === 0 ? undefined : `0x${Buffer.from(bytes).toString('hex')}`;
}

function time(sec: bigint | undefined, nsec: number | undefined): number | undefined {
  if (sec === undefined) return undefined;
  return Number(sec) + (nsec ?? 0) / 1e9;
}

/** A wire-format name (query_zone) as presentation text; undefined when it is not one. */
function zoneName(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined || bytes.length === 0) return undefined;
  const labels: Uint8Array[] = [];
  for (let o = 0; o < bytes.length;) {
    const len = bytes[o]!;
    if (len === 0) return o === bytes.length - 1 ? labelsToName(labels) : undefined;
    if (len > 63 || o + 1 + len > bytes.length) return undefined;
    labels.push(bytes.subarray(o + 1, o + 1 + len));
    o += 1 + len;
  }
  return undefined;
}

const FIELDS = {
  socketFamily: MessageSchema.field.socketFamily!, socketProtocol: MessageSchema.field.socketProtocol!,
  queryPort: MessageSchema.field.queryPort!, responsePort: MessageSchema.field.responsePort!,
  queryTimeSec: MessageSchema.field.queryTimeSec!, responseTimeSec: MessageSchema.field.responseTimeSec!,
};

/** Decodes one data frame of a dnstap stream. Throws DnstapError when it is not a dnstap message. */
export function decodeDnstap(payload: Uint8Array): DnstapRecord {
  let raw: RawDnstap;
  try {
    raw = fromBinary(DnstapSchema, payload, { readUnknownFields: false }) as unknown as RawDnstap;
  } catch (err) {
    throw new DnstapError('ERR_DNSTAP_PROTOBUF', `not a protobuf dnstap message: ${err instanceof Error ? err.message : String(err)}`);
  }
  // proto2 reads an absent enum as its first value: presence is asked for explicitly.
  if (!isFieldSet(raw as never, DnstapSchema.field.type!)) throw new DnstapError('ERR_DNSTAP_FIELDS', 'dnstap message without its required type');
  if (raw.type !== 1) throw new DnstapError('ERR_DNSTAP_FIELDS', `dnstap message of type ${raw.type}, not MESSAGE`);
  const m = raw.message;
  if (m === undefined) throw new DnstapError('ERR_DNSTAP_FIELDS', 'dnstap MESSAGE without its message');
  if (!isFieldSet(m as never, MessageSchema.field.type!)) throw new DnstapError('ERR_DNSTAP_FIELDS', 'dnstap message without its message type');
  const type = messageTypeName(m.type);
  if (type === undefined) throw new DnstapError('ERR_DNSTAP_FIELDS', `unknown dnstap message type ${m.type}`);
  // proto2 gives absent fields their defaults (0, the first enum value): only what the message carries is kept.
  const has = (field: keyof typeof FIELDS) => isFieldSet(m as never, FIELDS[field]);
  return {
    identity: text(raw.identity),
    version: text(raw.version),
    type,
    response: m.type % 2 === 0,
    family: !has('socketFamily') ? undefined : m.socketFamily === 1 ? 'INET' : 'INET6',
    protocol: has('socketProtocol') ? SOCKET_PROTOCOLS[m.socketProtocol! - 1] : undefined,
    queryAddress: address(m.queryAddress),
    queryPort: has('queryPort') ? m.queryPort : undefined,
    responseAddress: address(m.responseAddress),
    responsePort: has('responsePort') ? m.responsePort : undefined,
    queryTime: has('queryTimeSec') ? time(m.queryTimeSec, m.queryTimeNsec) : undefined,
    responseTime: has('responseTimeSec') ? time(m.responseTimeSec, m.responseTimeNsec) : undefined,
    queryZone: zoneName(m.queryZone),
    queryMessage: m.queryMessage && m.queryMessage.length > 0 ? m.queryMessage : undefined,
    responseMessage: m.responseMessage && m.responseMessage.length > 0 ? m.responseMessage : undefined,
  };
}

/** Short names of the message types, as dnstap-read prints them (CR: CLIENT_RESPONSE). */
export function shortType(type: DnstapMessageType): string {
  const [who, what] = type.split('_') as [string, string];
  return `${who[0]}${what[0]}`;
}
