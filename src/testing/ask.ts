// One question to a DNS server, the raw reply back: what a resolver test needs
// to hand dnsorder's matchers the exact octets the scenario server sent
// (malformed scenarios included, which no decoder would pass on).

import { randomInt } from 'node:crypto';
import { DnsorderError } from '../errors.js';
import { sameMessageId, tcpExchange, udpExchange, type DnsEndpoint } from '../net/dns-exchange.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage } from '../wire/message.js';

export interface AskOptions {
  /** 'udp' (default) or 'tcp'. Over UDP a truncated reply is returned as it is: ask again over TCP to get it whole. */
  transport?: 'udp' | 'tcp';
  /** EDNS UDP payload size to advertise; 0 sends no OPT record (default 1232). */
  udpPayloadSize?: number;
  /** Give up after this many ms (default 2000). */
  timeoutMs?: number;
}

/** Sends `name`/`type` (RD set) to `server` once and resolves with the reply's octets. */
export async function ask(server: DnsEndpoint, name: string, type = 'A', options: AskOptions = {}): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const payload = options.udpPayloadSize ?? 1232;
  const query = encodeMessage(emptyMessage({
    id: randomInt(0x10000), rd: true, questions: [{ name, type, class: 'IN' }],
    ...(payload > 0 ? { edns: { udpPayloadSize: payload } } : {}),
  }));
  const transport = options.transport ?? 'udp';
  const reply = transport === 'tcp'
    ? await tcpExchange(server, query, timeoutMs)
    : await udpExchange(server, query, (bytes) => sameMessageId(query, bytes), timeoutMs);
  if (reply === undefined) {
    throw new DnsorderError('ERR_ASK_TIMEOUT', `no answer from ${server.address}:${server.port} over ${transport} for ${name} ${type} within ${timeoutMs} ms`);
  }
  return reply;
}
