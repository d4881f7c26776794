import { createSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { exchange } from '../../../src/probe/exchange.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage } from '../../../src/wire/message.js';

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
    const tcp: Server = createServer((socket) => {
      let got = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        got = Buffer.concat([got, chunk]);
        if (got.length < 2 || got.length < 2 + got.readUInt16BE(0)) return;
        const answer = reply(got.subarray(2, 2 + got.readUInt16BE(0)), false);
        const framed = Buffer.concat([Buffer.from([answer.length >> 8, answer.length & 0xff]), answer]);
        // one octet, then the rest a little later: the reader must wait for the whole frame
        socket.write(framed.subarray(0, 1));
        setTimeout(() => socket.write(framed.subarray(1)), 20);
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    closers.push(() => tcp.close());
    const port = (tcp.address() as { port: number }).port;
    const udp = createSocket('udp4');
    udp.on('message', (query, from) => udp.send(reply(query, true), from.port, from.address));
    await new Promise<void>((resolve, reject) => { udp.once('error', reject); udp.bind(port, '127.0.0.1', resolve); });
    closers.push(() => udp.close());

    const result = await exchange({ address: '127.0.0.1', port }, 'www.example', 'A', { timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'answer', transport: 'tcp', truncatedOverUdp: true });
    if (result.kind !== 'answer') throw new Error('no answer');
    expect(result.message.answers.map((r) => r.data)).toEqual(['192.0.2.7']);
  });
});
