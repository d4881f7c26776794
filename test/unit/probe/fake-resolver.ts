// A stand-in resolver for unit tests: forwards each question to the probe
// authority and answers with the authority's records after `transform`
// (e.g. reversed), so a test can make a resolver that breaks order on purpose.

import { createSocket } from 'node:dgram';
import { exchange } from '../../../src/probe/exchange.js';
import type { Endpoint } from '../../../src/probe/address.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage, type DnsRecord } from '../../../src/wire/message.js';

export interface FakeResolver extends Endpoint {
  close(): Promise<void>;
}

export async function startFakeResolver(upstream: Endpoint, transform: (answers: DnsRecord[]) => DnsRecord[] = (a) => a): Promise<FakeResolver> {
  const socket = createSocket('udp4');
  socket.on('message', async (bytes, peer) => {
    const query = decodeMessage(bytes);
    const q = query.questions[0]!;
    const reply = q.class === 'IN' ? await exchange(upstream, q.name, q.type, { timeoutMs: 1000, attempts: 1 }) : undefined;
    const answers = reply?.kind === 'answer' ? transform(reply.message.answers.map(({ name, type, class: c, ttl, data }) => ({ name, type, class: c, ttl, data }))) : [];
    const rcode = reply?.kind === 'answer' ? reply.message.rcode : q.class === 'IN' ? 2 : 5;
    socket.send(encodeMessage(emptyMessage({ id: query.id, qr: true, rd: true, ra: true, rcode, questions: [q], answers })), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: '127.0.0.1', port: socket.address().port,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
