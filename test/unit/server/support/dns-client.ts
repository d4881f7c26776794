// A minimal DNS client for the server tests: builds queries with src/wire and
// sends them over UDP or TCP to 127.0.0.0/8 / ::1 only (network rule).

import dgram from 'node:dgram';
import net from 'node:net';
import { encodeMessage } from '../../../../src/wire/encode.js';
import { emptyMessage, type Edns } from '../../../../src/wire/message.js';

export interface QueryOptions {
  id?: number;
  rd?: boolean;
  edns?: Edns;
  class?: string;
}

export function buildQuery(name: string, type: string, options: QueryOptions = {}): Buffer {
  return encodeMessage(emptyMessage({
    id: options.id ?? 0x1234, rd: options.rd ?? true, questions: [{ name, type, class: options.class ?? 'IN' }], edns: options.edns,
  }), { compress: false });
}

function assertLoopback(address: string): void {
  if (!address.startsWith('127.') && address !== '::1') throw new Error(`tests only talk to loopback, not ${address}`);
}

export function udpExchange(port: number, query: Buffer, options: { address?: string; source?: string; timeoutMs?: number } = {}): Promise<Buffer> {
  const address = options.address ?? '127.0.0.1';
  assertLoopback(address);
  const socket = dgram.createSocket(address.includes(':') ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP answer within ${options.timeoutMs ?? 2000} ms`));
    }, options.timeoutMs ?? 2000);
    socket.on('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    socket.bind(0, options.source, () => socket.send(query, port, address));
  });
}

/** Sends each query framed on one connection; resolves with `expect` response frames. */
export function tcpExchange(port: number, queries: Buffer[], expect = queries.length, options: { address?: string; timeoutMs?: number } = {}): Promise<Buffer[]> {
  const address = options.address ?? '127.0.0.1';
  assertLoopback(address);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: address });
    const frames: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`got ${frames.length} of ${expect} TCP answers within ${options.timeoutMs ?? 3000} ms`));
    }, options.timeoutMs ?? 3000);
    socket.on('connect', () => {
      for (const q of queries) {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(q.length);
        socket.write(Buffer.concat([len, q]));
      }
    });
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const n = pending.readUInt16BE(0);
        frames.push(pending.subarray(2, 2 + n));
        pending = pending.subarray(2 + n);
      }
      if (frames.length >= expect) {
        clearTimeout(timer);
        socket.destroy();
        resolve(frames);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (frames.length < expect) reject(new Error(`connection closed after ${frames.length} of ${expect} answers`));
    });
  });
}
