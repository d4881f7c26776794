// Overload: a source sending above the configured rate is cut down to the
// rate and every dropped query is counted, while a health query from another
// source (127.0.0.2: all of 127/8 is loopback on Linux) is answered within
// 100 ms during the flood. Plus the other drop reasons over real sockets.

import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServerLimits } from '../../src/server/index.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { buildQuery, udpExchange } from '../unit/server/support/dns-client.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(limits: Partial<ServerLimits>) {
  const server = await startServer({ port: 0, limits });
  servers.push(server);
  return server;
}

describe('overload', () => {
  it('drops and counts traffic above the rate; another source is answered within 100 ms', async () => {
    const RATE = 200;
    const BURST = 50;
    const server = await start({ ratePerSecond: RATE, rateBurst: BURST, rateIpv4Prefix: 32 });
    const flood = dgram.createSocket('udp4');
    let floodAnswers = 0;
    flood.on('message', () => floodAnswers++);
    await new Promise<void>((resolve) => flood.bind(0, '127.0.0.1', () => resolve()));
    const query = buildQuery('canonical.flood.order.test', 'A');
    const started = performance.now();
    let sent = 0;
    const latencies: number[] = [];
    try {
      // ~10,000 queries/s for one second from 127.0.0.1, health checks from 127.0.0.2 meanwhile.
      while (performance.now() - started < 1000) {
        await Promise.all(Array.from({ length: 50 }, () => new Promise<void>((resolve) => flood.send(query, server.port, '127.0.0.1', () => resolve()))));
        sent += 50;
        if (sent % 1000 === 0) {
          const t = performance.now();
          const health = decodeMessage(await udpExchange(server.port, buildQuery('order.test', 'SOA'), { source: '127.0.0.2', timeoutMs: 1000 }));
          latencies.push(performance.now() - t);
          expect(health.answers[0]?.type).toBe('SOA');
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      await new Promise((r) => setTimeout(r, 100));
      flood.close();
    }
    const elapsed = (performance.now() - started) / 1000;
    const stats = server.stats();
    const fromFlood = stats.byClient['127.0.0.1']!;
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(100);
    expect(stats.byClient['127.0.0.2']!.dropped).toBe(0);
    // At most the burst plus the rate over the elapsed time was answered; everything else was dropped and counted.
    const allowed = BURST + RATE * (elapsed + 0.2);
    expect(fromFlood.queries - fromFlood.dropped).toBeLessThanOrEqual(allowed);
    expect(floodAnswers).toBeLessThanOrEqual(allowed);
    expect(stats.drops.rate).toBe(fromFlood.dropped);
    expect(stats.drops.rate).toBeGreaterThan(fromFlood.queries / 2);
  }, 20_000);

  it('drops and counts oversized datagrams', async () => {
    const server = await start({ maxQuerySize: 512 });
    const big = Buffer.concat([buildQuery('canonical.order.test', 'A'), Buffer.alloc(600)]);
    await expect(udpExchange(server.port, big, { timeoutMs: 300 })).rejects.toThrow(/no UDP answer/);
    expect(server.stats().drops['too-large']).toBe(1);
    const ok = decodeMessage(await udpExchange(server.port, buildQuery('canonical.order.test', 'A')));
    expect(ok.answers).toHaveLength(4);
  });

  it('drops and counts queries while the in-flight limit is reached', async () => {
    const server = await start({ maxQueriesInFlight: 0 });
    await expect(udpExchange(server.port, buildQuery('canonical.order.test', 'A'), { timeoutMs: 300 })).rejects.toThrow(/no UDP answer/);
    expect(server.stats().drops['queue-full']).toBe(1);
  });
});
