// Atlas results for tests, built the way the documentation describes them
// (https://atlas.ripe.net/docs/apis/measurement-result-format/, DNS) around
// real answers: the octets the probe authority or the scenario server sent.

import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { tcpExchange, udpExchange, sameMessageId } from '../../../src/net/dns-exchange.js';
import type { Endpoint } from '../../../src/probe/address.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage, type DnsRecord } from '../../../src/wire/message.js';
import type { AtlasDnsResultJson, AtlasResultsetJson } from '../../../src/atlas/format.js';

/** The raw answer of `server` to one question, as a stub sends it (RD, EDNS `payload` or none). */
export async function rawAnswer(server: Endpoint, qname: string, qtype: string, options: { tcp?: boolean; payload?: number } = {}): Promise<Buffer> {
  const query = encodeMessage(emptyMessage({
    id: randomInt(0x10000), rd: true, questions: [{ name: qname, type: qtype, class: 'IN' }],
    ...(options.payload ? { edns: { udpPayloadSize: options.payload } } : {}),
  }));
  const reply = options.tcp ? await tcpExchange(server, query, 2000) : await udpExchange(server, query, (r) => sameMessageId(query, r), 2000);
  if (!reply) throw new Error(`no answer from ${server.address}:${server.port} for ${qname} ${qtype}`);
  return reply;
}

/** The same message with its answer section rewritten (a resolver that reorders, ages TTLs, …). */
export function rewrite(bytes: Buffer, change: (answers: DnsRecord[]) => DnsRecord[]): Buffer {
  const m = decodeMessage(bytes);
  const answers = change(m.answers.map(({ name, type, class: c, ttl, data }) => ({ name, type, class: c, ttl, data })));
  return encodeMessage(emptyMessage({ id: m.id, qr: true, aa: m.aa, rd: m.rd, ra: true, rcode: m.rcode, tc: m.tc, questions: m.questions, answers }));
}

export interface ResultFields {
  msm: number;
  prb: number;
  dst: string;
  timestamp?: number;
  proto?: 'UDP' | 'TCP';
  from?: string;
}

/** The `result` object of an answer: header counts from the octets, the octets as base64. */
export function resultOf(bytes: Buffer, rt = 12.5): NonNullable<AtlasDnsResultJson['result']> {
  return {
    ANCOUNT: bytes.readUInt16BE(6), ARCOUNT: bytes.readUInt16BE(10), ID: bytes.readUInt16BE(0), NSCOUNT: bytes.readUInt16BE(8),
    QDCOUNT: bytes.readUInt16BE(4), abuf: bytes.toString('base64'), rt, size: bytes.length,
  };
}

/** A single-resolver DNS result (firmware 5000 layout). */
export function atlasResult(f: ResultFields, answer: Buffer | { error: unknown } | { noAbuf: true }): AtlasDnsResultJson {
  const base: AtlasDnsResultJson = {
    fw: 5080, af: f.dst.includes(':') ? 6 : 4, dst_addr: f.dst, from: f.from ?? '203.0.113.7', msm_id: f.msm, prb_id: f.prb,
    proto: f.proto ?? 'UDP', timestamp: f.timestamp ?? 1768910400, type: 'dns',
  };
  if (Buffer.isBuffer(answer)) return { ...base, result: resultOf(answer) };
  if ('error' in answer) return { ...base, error: answer.error };
  return { ...base, result: { ANCOUNT: 0, ARCOUNT: 0, ID: 1, NSCOUNT: 0, QDCOUNT: 1, rt: 10, size: 40 } };
}

/** A result of a probe asking its local resolvers: one `resultset` element per resolver. */
export function atlasResultset(f: Omit<ResultFields, 'dst'>, answers: Array<{ dst: string; answer: Buffer | { error: unknown } }>): AtlasDnsResultJson {
  const resultset: AtlasResultsetJson[] = answers.map((a, i) => ({
    af: a.dst.includes(':') ? 6 : 4, dst_addr: a.dst, lts: 30, proto: f.proto ?? 'UDP', subid: i + 1, submax: answers.length, time: f.timestamp ?? 1768910400,
    ...(Buffer.isBuffer(a.answer) ? { result: resultOf(a.answer) } : { error: a.answer.error }),
  }));
  return { fw: 5080, from: f.from ?? '203.0.113.7', msm_id: f.msm, prb_id: f.prb, timestamp: f.timestamp ?? 1768910400, type: 'dns', resultset };
}

/** A UDP relay in front of `upstream` that keeps every reply's octets, with when it came. */
export async function capturingRelay(upstream: Endpoint): Promise<Endpoint & { replies: Array<{ bytes: Buffer; at: number }>; close(): Promise<void> }> {
  const replies: Array<{ bytes: Buffer; at: number }> = [];
  const front = createSocket('udp4');
  const open = new Set<Socket>();
  front.on('message', (query, client) => {
    const back = createSocket('udp4');
    open.add(back);
    back.on('message', (reply) => {
      replies.push({ bytes: Buffer.from(reply), at: Date.now() });
      front.send(reply, client.port, client.address);
      back.close();
      open.delete(back);
    });
    back.send(query, upstream.port, upstream.address);
  });
  await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve));
  return {
    address: '127.0.0.1', port: front.address().port, replies,
    close: async () => {
      for (const s of open) s.close();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}

