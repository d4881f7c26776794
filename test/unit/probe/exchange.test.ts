import { createSocket } from 'node:dgram';
import { createServer, Socket, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchange } from '../../../src/probe/exchange.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage } from '../../../src/wire/message.js';
import { EventCount } from '../../helpers/wait.js';

const closers: Array<() => void> = [];
afterEach(() => { while (closers.length) closers.pop()!(); });

function reply(query: Buffer, tc: boolean): Buffer {
  const q = decodeMessage(query);
  return encodeMessage(emptyMessage({
    id: q.id, qr: true, rd: true, ra: true, tc, questions: q.questions,
    answers: tc ? [] : [{ name: q.questions[0]!.name, type: 'A', class: 'IN', ttl: 60, data: '192.0.2.7' }],
  }));
}

describe('probe exchange', () => {
  it('retries over TCP after TC, reading a length-framed answer however the stream is cut', async () => {
    // What the client's socket delivers to the code under test: each 'data' chunk of a socket whose
    // peer is this test's server (the server's own sockets have the client's port as their peer).
    let port = 0;
    const clientReads: number[] = [];
    const clientRead = new EventCount();
    const emit = Socket.prototype.emit;
    const spy = vi.spyOn(Socket.prototype, 'emit').mockImplementation(function (this: Socket, event: string | symbol, ...args: unknown[]) {
      if (event === 'data' && this.remotePort === port) {
        clientReads.push((args[0] as Buffer).length);
        clientRead.add();
      }
      return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    });
    closers.push(() => spy.mockRestore());
    const tcp: Server = createServer((socket) => {
      let got = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        got = Buffer.concat([got, chunk]);
        if (got.length < 2 || got.length < 2 + got.readUInt16BE(0)) return;
        const answer = reply(got.subarray(2, 2 + got.readUInt16BE(0)), false);
        const framed = Buffer.concat([Buffer.from([answer.length >> 8, answer.length & 0xff]), answer]);
        // One octet, then the rest once the client has read that octet on its own: the reader must
        // wait for the whole frame. Sent on the client's read, not after a delay, so the cut is certain.
        socket.write(framed.subarray(0, 1));
        void clientRead.reaches(1).then(() => socket.write(framed.subarray(1)));
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    closers.push(() => tcp.close());
    port = (tcp.address() as { port: number }).port;
    const udp = createSocket('udp4');
    udp.on('message', (query, from) => udp.send(reply(query, true), from.port, from.address));
    await new Promise<void>((resolve, reject) => { udp.once('error', reject); udp.bind(port, '127.0.0.1', resolve); });
    closers.push(() => udp.close());

    const result = await exchange({ address: '127.0.0.1', port }, 'www.example', 'A', { timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'answer', transport: 'tcp', truncatedOverUdp: true });
    if (result.kind !== 'answer') throw new Error('no answer');
    expect(result.message.answers.map((r) => r.data)).toEqual(['192.0.2.7']);
    expect(clientReads[0]).toBe(1); // the frame really arrived cut after its first octet
  });
});
