// No input crashes or hangs the server: 100,000+ random and mutated datagrams
// over UDP, then a burst of malformed TCP streams, while a health query (SOA
// at the apex) keeps being answered and memory stays bounded. Seeded, so a
// failure replays; every loop is bounded in count, every wait is for an event
// (the test's timeout turns a hang into a failure).

import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { listScenarios } from '../../src/scenarios/catalogue-index.js';
import { scenarioQueryName } from '../../src/scenarios/response.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { MUTATIONS } from '../../src/wire/mutate.js';
import { respond } from '../../src/server/responder.js';
import { ScenarioZone } from '../../src/server/scenario-zone.js';
import { ZoneSet } from '../../src/server/zone-set.js';
import { buildQuery, tcpExchange, udpExchange } from '../unit/server/support/dns-client.js';
import { seededRandom } from '../../src/scenarios/permutations.js';
import { EventCount, until } from '../helpers/wait.js';

const SEED = Number(process.env.DNSORDER_FUZZ_SEED ?? 20260108);
const DATAGRAMS = 100_000;

const TYPES = ['A', 'AAAA', 'ANY', 'TXT', 'SOA', 'NS', 'CNAME', 'AXFR', 'IXFR', 'ZONEMD', 'TYPE65280', 'MX'];

function seedCorpus(): Buffer[] {
  const scenarios = listScenarios();
  const corpus: Buffer[] = [];
  for (let i = 0; i < 200; i++) {
    const scenario = scenarios[(i * 7919) % scenarios.length]!;
    const name = i % 10 === 0 ? 'unknown.order.test' : i % 13 === 0 ? 'example.com' : scenarioQueryName(scenario, 'order.test', i % 3 ? `f${i}` : undefined);
    corpus.push(buildQuery(name, TYPES[i % TYPES.length]!, { id: i, edns: i % 2 ? { udpPayloadSize: 512 + i * 7 } : undefined }));
  }
  // Whole responses with their QR bit cleared: "queries" carrying answer records, and the record-level mutations.
  const zones = new ZoneSet([new ScenarioZone()]);
  for (const scenario of scenarios.slice(0, 40)) {
    const outcome = respond(buildQuery(scenarioQueryName(scenario, 'order.test'), 'A'), { zones, transport: 'tcp', maxUdpPayload: 1232 });
    if (outcome.kind !== 'reply') continue;
    const response = Buffer.from(outcome.messages[0]!);
    response[2]! &= 0x7f;
    corpus.push(response);
    for (const mutation of Object.values(MUTATIONS)) {
      try {
        corpus.push(mutation(response, { record: 1 }));
      } catch {
        // a mutation that needs more records than this answer has
      }
    }
  }
  return corpus;
}

/** One hostile datagram: a corpus entry broken in one of several ways, or noise. */
function hostile(corpus: Buffer[], random: () => number): Buffer {
  const pick = corpus[Math.floor(random() * corpus.length)]!;
  const kind = Math.floor(random() * 9);
  const out = Buffer.from(pick);
  switch (kind) {
    case 0: // pure noise of any length, including shorter than a header
      return Buffer.from(Array.from({ length: Math.floor(random() * 600) }, () => Math.floor(random() * 256)));
    case 1: // flip a few bytes
      for (let i = 0; i < 1 + random() * 4; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
      return out;
    case 2: // cut anywhere
      return out.subarray(0, Math.floor(random() * out.length));
    case 3: // header counts anything
      out.writeUInt16BE(Math.floor(random() * 65536), 4 + 2 * Math.floor(random() * 4));
      return out;
    case 4: // any opcode, QR and flags
      out.writeUInt16BE(Math.floor(random() * 65536), 2);
      return out;
    case 5: { // a wire mutation of the query
      const names = ['answer-count-plus-one', 'answer-count-minus-one', 'additional-count-plus-one', 'cut-short', 'label-too-long'];
      return MUTATIONS[names[Math.floor(random() * names.length)]!]!(out);
    }
    case 6: // compression pointer somewhere in the question
      if (out.length > 14) out.writeUInt16BE(0xc000 | Math.floor(random() * 0x3fff), 12 + Math.floor(random() * (out.length - 14)));
      return out;
    case 7: // garbage appended
      return Buffer.concat([out, Buffer.alloc(Math.floor(random() * 64), Math.floor(random() * 256))]);
    default: // left valid
      return out;
  }
}

let server: RunningServer;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer({
    port: 0,
    // Every connection here comes from 127.0.0.1: the per-source cap is set to the overall one so the crowd meets the latter.
    limits: { maxTcpConnections: 20, maxTcpConnectionsPerSource: 20, tcpIdleTimeoutMs: 400, maxQueriesInFlightPerConnection: 8 },
    onError: (error, where) => errors.push(`${where}: ${(error as Error).stack ?? String(error)}`),
  });
});
afterAll(async () => {
  await server?.close();
});

async function healthy(): Promise<void> {
  const answer = decodeMessage(await udpExchange(server.port, buildQuery('order.test', 'SOA')));
  expect(answer.answers[0]?.type).toBe('SOA');
}

describe('robustness', () => {
  it(`survives ${DATAGRAMS} random and mutated datagrams (seed ${SEED}) and keeps answering`, async () => {
    const random = seededRandom(SEED);
    const corpus = seedCorpus();
    const socket = dgram.createSocket('udp4');
    const seen = new EventCount();
    let responses = 0;
    socket.on('message', () => responses++);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const port = socket.address().port; // this socket's datagrams, not the health queries
    const unsubscribe = server.onQuery((e) => (e.clientPort === port ? seen.add() : undefined));
    const heapBefore = process.memoryUsage().heapUsed;
    let sent = 0;
    try {
      while (sent < DATAGRAMS) {
        const batch = Math.min(64, DATAGRAMS - sent);
        await Promise.all(Array.from({ length: batch }, () => new Promise<void>((resolve) => {
          socket.send(hostile(corpus, random), server.port, '127.0.0.1', () => resolve());
        })));
        sent += batch;
        // The server shares this process: the next batch goes once it has taken this one (each
        // datagram is an event, answered or dropped), so the kernel's socket buffer never
        // overflows and every datagram really reaches the responder.
        await seen.reaches(sent);
        if (sent % 10_240 === 0) await healthy();
      }
    } finally {
      socket.close();
      unsubscribe();
    }
    await healthy();
    expect(sent).toBe(DATAGRAMS);
    const stats = server.stats();
    // Every datagram reached the server; each was answered or counted as a drop.
    expect(seen.count).toBe(DATAGRAMS);
    expect(stats.queries).toBe(stats.responses + Object.values(stats.drops).reduce((a, b) => a + b, 0));
    expect(stats.drops.malformed + stats.drops['qr-set']).toBeGreaterThan(1000);
    expect(stats.byRcode.FORMERR).toBeGreaterThan(1000);
    expect(responses).toBeGreaterThan(DATAGRAMS / 3);
    expect(errors).toEqual([]);
    expect(stats.errors).toBe(0);
    // Bounded: the tables and the cache stop growing at their limits.
    expect(Object.keys(stats.byQuestion).length).toBeLessThanOrEqual(50_000);
    expect(stats.cache.size).toBeLessThanOrEqual(2 * server.limits.responseCacheSize); // two bounded LRUs
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  }, 60_000);

  it('survives malformed TCP streams, idle and surplus connections, and a client that never reads', async () => {
    const before = server.stats();
    const connect = () => new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ port: server.port, host: '127.0.0.1' }, () => resolve(s));
      s.resume(); // read and discard answers, so the server's close reaches 'close' here
      s.on('error', () => undefined);
      s.once('error', reject);
    });
    // Closed by the server: the socket's 'close' (a server that never closes fails by the test's timeout).
    const closed = (s: net.Socket) => new Promise<void>((resolve) => {
      if (s.destroyed) return resolve();
      s.once('close', () => resolve());
    });

    // A length far beyond the limit: refused without buffering, connection closed.
    const huge = await connect();
    huge.write(Buffer.from([0xff, 0xff, 1, 2, 3]));
    await closed(huge);

    // Garbage framed and unframed, and a partial frame left idle: answered or dropped, then closed when idle.
    const random = seededRandom(SEED + 1);
    const streams = await Promise.all(Array.from({ length: 10 }, () => connect()));
    streams.forEach((s, i) => {
      if (i % 3 === 0) s.write(Buffer.from(Array.from({ length: 300 }, () => Math.floor(random() * 256))));
      else if (i % 3 === 1) s.write(Buffer.from([0x00, 0x40, 0x12, 0x34])); // promises 64 octets, sends 2
      else {
        const junk = Buffer.from(Array.from({ length: 40 }, () => Math.floor(random() * 256)));
        s.write(Buffer.concat([Buffer.from([0, junk.length]), junk, Buffer.from([0, 5, 1, 2, 3, 4, 5])]));
      }
    });
    await Promise.all(streams.map((s) => closed(s)));

    // Far more connections than the limit: the surplus is refused and counted.
    const crowd = await Promise.allSettled(Array.from({ length: 60 }, () => connect()));
    const crowdSockets = crowd.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // The server counts each refusal as it accepts and closes the connection: wait for the count.
    await until(() => server.stats().drops['connection-limit'] - before.drops['connection-limit'] >= 40);
    expect(server.stats().tcp.open).toBeLessThanOrEqual(20);
    for (const s of crowdSockets) s.destroy();
    await until(() => server.stats().tcp.open === 0);

    // Pipelined queries from a client that never reads: the server stops reading it, others are served.
    const greedy = await connect();
    greedy.pause();
    const query = buildQuery('oversize-canonical.greedy.order.test', 'A');
    const framed = Buffer.concat([Buffer.from([query.length >> 8, query.length & 0xff]), query]);
    for (let i = 0; i < 2000; i++) greedy.write(framed);
    // Asked once the greedy client's answers have started to pile up unread (the server has taken
    // some of its queries): the server stops reading it instead of falling behind everyone.
    const queriesBefore = server.stats().queries;
    await until(() => server.stats().queries - queriesBefore >= 32);
    const [tcpHealth] = await tcpExchange(server.port, [buildQuery('order.test', 'SOA')]);
    expect(decodeMessage(tcpHealth!).answers[0]?.type).toBe('SOA');
    await healthy();
    greedy.destroy();

    await until(() => server.stats().tcp.open === 0);
    const after = server.stats();
    expect(after.drops['too-large'] - before.drops['too-large']).toBeGreaterThanOrEqual(1);
    expect(after.tcp.idleTimeouts - before.tcp.idleTimeouts).toBeGreaterThanOrEqual(3);
    expect(after.tcp.open).toBe(0);
    expect(errors).toEqual([]);
  }, 30_000);
});
