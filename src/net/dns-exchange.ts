// One DNS message out, the raw reply back, over UDP or TCP (RFC 1035 §4.2).
// Octets only: callers decide what a reply means, so a malformed answer (the
// very thing dnsorder serves on purpose) reaches them intact. Never retries.

import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { frame, FrameReader } from '../wire/tcp-framing.js';

export interface DnsEndpoint {
  address: string;
  port: number;
}

/**
 * Sends `query` once over UDP and resolves with the first datagram `accept`
 * takes (others are ignored, as a stub ignores stray replies), or undefined
 * after `timeoutMs`. Rejects only on a socket error.
 */
export function udpExchange(server: DnsEndpoint, query: Buffer, accept: (reply: Buffer) => boolean, timeoutMs: number): Promise<Buffer | undefined> {
  const socket = createSocket(isIPv6(server.address) ? 'udp6' : 'udp4');
  return new Promise<Buffer | undefined>((resolve, reject) => {
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const finish = (value: Buffer | undefined, error?: Error) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value);
    };
    socket.on('error', (error) => finish(undefined, error));
    socket.on('message', (reply) => {
      if (accept(reply)) finish(reply);
    });
    socket.send(query, server.port, server.address);
  });
}

/** Sends `query` over a new TCP connection; the first framed reply, or undefined after `timeoutMs`. */
export function tcpExchange(server: DnsEndpoint, query: Buffer, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.address, port: server.port });
    const reader = new FrameReader(0xffff);
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const done = (value: Buffer | undefined, error?: Error) => {
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
      if (next?.kind === 'query') done(Buffer.from(next.bytes)); // no frame is too large: the limit is the 16-bit maximum
    });
  });
}

/** A reply to `query` by its ID (the first two octets); what a stub checks first. */
export function sameMessageId(query: Buffer, reply: Buffer): boolean {
  return reply.length >= 12 && reply.readUInt16BE(0) === query.readUInt16BE(0);
}
