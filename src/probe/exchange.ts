// One question to the resolver under test, the way a stub asks it: UDP with
// EDNS (1232 octets, RD set), retried on silence, and again over TCP when the
// answer comes back truncated. Returns what happened; never throws for
// anything the resolver does.

import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { decodeMessage, type DecodedMessage } from '../wire/decode.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage } from '../wire/message.js';
import { namesEqual } from '../wire/name.js';
import { frame, FrameReader } from '../wire/tcp-framing.js';
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
      reply = await udpExchange(server, query(id), (m) => matches(m, id), timeoutMs);
    } catch (error) {
      return { kind: 'failure', reason: (error as Error).message, elapsedMs: elapsed() };
    }
    if (!reply) continue;
    if (!reply.tc) return { kind: 'answer', message: reply, transport: 'udp', truncatedOverUdp: false, elapsedMs: elapsed() };
    const tcpId = randomInt(0x10000);
    try {
      const overTcp = await tcpExchange(server, query(tcpId), timeoutMs);
      if (!overTcp) return { kind: 'timeout', elapsedMs: elapsed(), transport: 'tcp' };
      if (!matches(overTcp, tcpId)) return { kind: 'failure', reason: 'TCP answer does not match the question', elapsedMs: elapsed() };
      return { kind: 'answer', message: overTcp, transport: 'tcp', truncatedOverUdp: true, elapsedMs: elapsed() };
    } catch (error) {
      return { kind: 'failure', reason: `TCP after TC: ${(error as Error).message}`, elapsedMs: elapsed() };
    }
  }
  return { kind: 'timeout', elapsedMs: elapsed(), transport: 'udp' };
}

function udpExchange(server: Endpoint, query: Buffer, accept: (m: DecodedMessage) => boolean, timeoutMs: number): Promise<DecodedMessage | undefined> {
  const socket = createSocket(isIPv6(server.address) ? 'udp6' : 'udp4');
  return new Promise<DecodedMessage | undefined>((resolve, reject) => {
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const finish = (value: DecodedMessage | undefined, error?: Error) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value);
    };
    socket.on('error', (error) => finish(undefined, error));
    socket.on('message', (bytes) => {
      let message: DecodedMessage;
      try {
        message = decodeMessage(bytes);
      } catch {
        return; // not a DNS answer we can read: keep waiting, as a stub would
      }
      if (accept(message)) finish(message);
    });
    socket.send(query, server.port, server.address);
  });
}

function tcpExchange(server: Endpoint, query: Buffer, timeoutMs: number): Promise<DecodedMessage | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.address, port: server.port });
    const reader = new FrameReader(0xffff);
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const done = (value: DecodedMessage | undefined, error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    socket.on('error', (error) => done(undefined, error));
    socket.on('connect', () => socket.write(frame(query)));
    socket.on('data', (chunk) => {
      reader.push(chunk);
      const next = reader.next();
      if (next?.kind !== 'query') return; // no frame is too large: the limit is the 16-bit maximum
      try {
        done(decodeMessage(next.bytes));
      } catch (error) {
        done(undefined, error as Error);
      }
    });
  });
}

/** The resolver's `version.bind CH TXT`, when it tells (many hide it). */
export async function resolverVersion(server: Endpoint, timeoutMs = 1000): Promise<string | null> {
  const result = await exchange(server, 'version.bind', 'TXT', { qclass: 'CH', timeoutMs, attempts: 1 });
  if (result.kind !== 'answer' || result.message.rcode !== 0) return null;
  const txt = result.message.answers.find((r) => r.type === 'TXT');
  if (!txt) return null;
  const data = txt.data as Array<Buffer | string> | Buffer | string;
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : String(p))).join('') || null;
}
