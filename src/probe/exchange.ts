// One question to the resolver under test, the way a stub asks it: UDP with
// EDNS (1232 octets, RD set), retried on silence, and again over TCP when the
// answer comes back truncated. Returns what happened; never throws for
// anything the resolver does.

import { randomInt } from 'node:crypto';
import { decodeMessage, type DecodedMessage } from '../wire/decode.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage } from '../wire/message.js';
import { namesEqual } from '../rdata/name.js';
import { tcpExchange, udpExchange } from '../net/dns-exchange.js';
import type { Endpoint } from './address.js';

export const PROBE_UDP_PAYLOAD = 1232;

export interface ExchangeOptions {
  /** Per attempt (default 2000 ms). */
  timeoutMs?: number;
  /** UDP attempts before giving up (default 2). */
  attempts?: number;
  qclass?: string;
}

export type ExchangeResult =
  | { kind: 'answer'; message: DecodedMessage; transport: 'udp' | 'tcp'; truncatedOverUdp: boolean; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number; transport: 'udp' | 'tcp' }
  | { kind: 'failure'; reason: string; elapsedMs: number };

export async function exchange(server: Endpoint, qname: string, qtype: string, options: ExchangeOptions = {}): Promise<ExchangeResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = options.timeoutMs ?? 2000;
  const query = (id: number) => encodeMessage(emptyMessage({
    id, rd: true, questions: [{ name: qname, type: qtype, class: options.qclass ?? 'IN' }], edns: { udpPayloadSize: PROBE_UDP_PAYLOAD },
  }));
  const matches = (m: DecodedMessage, id: number) =>
    m.id === id && m.qr && m.questions.length === 1 && namesEqual(m.questions[0]!.name, qname) && m.questions[0]!.type === qtype;

  for (let attempt = 0; attempt < (options.attempts ?? 2); attempt++) {
    const id = randomInt(0x10000);
    let reply: DecodedMessage | undefined;
    try {
      reply = await udpAnswer(server, query(id), (m) => matches(m, id), timeoutMs);
    } catch (error) {
      return { kind: 'failure', reason: (error as Error).message, elapsedMs: elapsed() };
    }
    if (!reply) continue;
    if (!reply.tc) return { kind: 'answer', message: reply, transport: 'udp', truncatedOverUdp: false, elapsedMs: elapsed() };
    const tcpId = randomInt(0x10000);
    try {
      const overTcp = await tcpAnswer(server, query(tcpId), timeoutMs);
      if (!overTcp) return { kind: 'timeout', elapsedMs: elapsed(), transport: 'tcp' };
      if (!matches(overTcp, tcpId)) return { kind: 'failure', reason: 'TCP answer does not match the question', elapsedMs: elapsed() };
      return { kind: 'answer', message: overTcp, transport: 'tcp', truncatedOverUdp: true, elapsedMs: elapsed() };
    } catch (error) {
      return { kind: 'failure', reason: `TCP after TC: ${(error as Error).message}`, elapsedMs: elapsed() };
    }
  }
  return { kind: 'timeout', elapsedMs: elapsed(), transport: 'udp' };
}

/** The first reply over UDP that decodes and `accept`s; undecodable datagrams are ignored, as a stub would. */
async function udpAnswer(server: Endpoint, query: Buffer, accept: (m: DecodedMessage) => boolean, timeoutMs: number): Promise<DecodedMessage | undefined> {
  const readable = (bytes: Buffer): DecodedMessage | undefined => {
    try {
      return decodeMessage(bytes);
    } catch {
      return undefined;
    }
  };
  const bytes = await udpExchange(server, query, (reply) => {
    const message = readable(reply);
    return message !== undefined && accept(message);
  }, timeoutMs);
  return bytes === undefined ? undefined : decodeMessage(bytes);
}

async function tcpAnswer(server: Endpoint, query: Buffer, timeoutMs: number): Promise<DecodedMessage | undefined> {
  const bytes = await tcpExchange(server, query, timeoutMs);
  return bytes === undefined ? undefined : decodeMessage(bytes);
}

/** The resolver's `version.bind CH TXT`, when it tells (many hide it). */
export async function resolverVersion(server: Endpoint, timeoutMs = 1000): Promise<string | null> {
  return (await chaosTxt(server, 'version.bind', timeoutMs)) ?? null;
}

/**
 * What the server at `server` says it is: `version.bind CH TXT`, else `version.server CH TXT`
 * (RFC 4892), with the name that answered. Whatever answers at the address says it: a packet cache
 * or load balancer in front of a resolver passes these questions on (dnsdist does, measured).
 */
export async function resolverIdentity(server: Endpoint, timeoutMs = 1000): Promise<{ text: string; from: 'version.bind' | 'version.server' } | undefined> {
  for (const from of ['version.bind', 'version.server'] as const) {
    const text = await chaosTxt(server, from, timeoutMs);
    if (text) return { text, from };
  }
  return undefined;
}

async function chaosTxt(server: Endpoint, name: string, timeoutMs: number): Promise<string | undefined> {
  const result = await exchange(server, name, 'TXT', { qclass: 'CH', timeoutMs, attempts: 1 });
  if (result.kind !== 'answer' || result.message.rcode !== 0) return undefined;
  const txt = result.message.answers.find((r) => r.type === 'TXT');
  if (!txt) return undefined;
  const data = txt.data as Array<Buffer | string> | Buffer | string;
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : String(p))).join('') || undefined;
}
