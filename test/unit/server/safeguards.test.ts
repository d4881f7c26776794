import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../../src/net/address.js';
import { parseListenAddress } from '../../../src/server/listen-address.js';
import { resolveLimits, DEFAULT_LIMITS } from '../../../src/server/limits.js';
import { RateLimiter, sourcePrefix } from '../../../src/server/rate-limit.js';
import { FrameReader, frame } from '../../../src/wire/tcp-framing.js';
import { StatsCollector, type QueryEvent } from '../../../src/server/stats.js';
import { startServer } from '../../../src/server/index.js';
import { QueryHandler } from '../../../src/server/query-handler.js';
import { ResponseCache } from '../../../src/server/response-cache.js';
import { ScenarioZone } from '../../../src/server/scenario-zone.js';
import { ZoneSet } from '../../../src/server/zone-set.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { buildQuery } from './support/dns-client.js';

describe('listen addresses', () => {
  it('reads ADDR, ADDR:PORT and [IPv6]:PORT', () => {
    expect(parseListenAddress('127.0.0.1')).toEqual({ address: '127.0.0.1' });
    expect(parseListenAddress('127.0.0.1:53')).toEqual({ address: '127.0.0.1', port: 53 });
    expect(parseListenAddress('[::1]:5353')).toEqual({ address: '::1', port: 5353 });
    expect(parseListenAddress('::1')).toEqual({ address: '::1' });
    expect(() => parseListenAddress('localhost:53')).toThrow(expect.objectContaining({ code: 'ERR_SERVER_BAD_LISTEN' }));
    expect(() => parseListenAddress('127.0.0.1:70000')).toThrow(expect.objectContaining({ code: 'ERR_SERVER_BAD_LISTEN' }));
  });

  it('knows loopback from the rest', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['0.0.0.0', '::', '192.0.2.1', '2001:db8::1']) expect(isLoopback(a), a).toBe(false);
  });

  it('refuses a non-loopback address without allowRemote', async () => {
    await expect(startServer({ listen: '0.0.0.0', port: 0 })).rejects.toMatchObject({ code: 'ERR_SERVER_REMOTE_NOT_ALLOWED' });
  });
});

describe('limits', () => {
  it('turns rate limiting on for remote serving unless a rate was given', () => {
    expect(resolveLimits({}, false).ratePerSecond).toBe(0);
    expect(resolveLimits({}, true).ratePerSecond).toBeGreaterThan(0);
    expect(resolveLimits({ ratePerSecond: 0 }, true).ratePerSecond).toBe(0);
    expect(() => resolveLimits({ maxTcpConnections: -1 }, false)).toThrow(expect.objectContaining({ code: 'ERR_SERVER_BAD_LIMIT' }));
    expect(() => resolveLimits({ bogus: 1 } as never, false)).toThrow(expect.objectContaining({ code: 'ERR_SERVER_BAD_LIMIT' }));
    expect(DEFAULT_LIMITS.maxTcpConnections).toBeGreaterThan(0);
  });

  it('bounds connections per source below the overall limit, and transfers to a few', () => {
    expect(DEFAULT_LIMITS.maxTcpConnectionsPerSource).toBeGreaterThan(0);
    expect(DEFAULT_LIMITS.maxTcpConnectionsPerSource * 8).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTcpConnections);
    expect(DEFAULT_LIMITS.maxConcurrentTransfers).toBeGreaterThan(0);
    expect(DEFAULT_LIMITS.maxConcurrentTransfers).toBeLessThanOrEqual(8);
    expect(resolveLimits({ maxConcurrentTransfers: 0, maxTcpConnectionsPerSource: 2 }, false)).toMatchObject({ maxConcurrentTransfers: 0, maxTcpConnectionsPerSource: 2 });
  });
});

describe('rate limiter', () => {
  it('allows a burst, then the rate, per source prefix', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 10, burst: 5, ipv4Prefix: 24, ipv6Prefix: 56, tableSize: 100 }, () => now);
    const allowed = Array.from({ length: 8 }, () => limiter.allow('192.0.2.1')).filter(Boolean).length;
    expect(allowed).toBe(5);
    expect(limiter.allow('192.0.2.200')).toBe(false); // same /24
    expect(limiter.allow('198.51.100.1')).toBe(true); // another network
    now += 500; // half a second refills 5 tokens
    expect(Array.from({ length: 8 }, () => limiter.allow('192.0.2.1')).filter(Boolean).length).toBe(5);
  });

  it('keeps its table bounded', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, ipv4Prefix: 32, ipv6Prefix: 128, tableSize: 50 });
    for (let i = 0; i < 1000; i++) limiter.allow(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.trackedSources).toBe(50);
  });

  it('with a table size of 0 still tracks the latest source', () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, ipv4Prefix: 32, ipv6Prefix: 128, tableSize: 0 }, () => 0);
    expect(limiter.allow('192.0.2.1')).toBe(true);
    expect(limiter.allow('192.0.2.1')).toBe(false); // its bucket was kept
    expect(limiter.allow('192.0.2.2')).toBe(true);
    expect(limiter.trackedSources).toBe(1);
    expect(limiter.allow('192.0.2.1')).toBe(true); // forgotten for the newer source
  });

  it('groups addresses by prefix', () => {
    expect(sourcePrefix('192.0.2.77', 24, 56)).toBe('192.0.2.0/24');
    expect(sourcePrefix('::ffff:192.0.2.77', 24, 56)).toBe('192.0.2.0/24');
    expect(sourcePrefix('2001:db8:0:1::1', 24, 56)).toBe(sourcePrefix('2001:db8:0:1:ffff::2', 24, 56));
    expect(sourcePrefix('2001:db8:0:1::1', 24, 56)).not.toBe(sourcePrefix('2001:db8:0:100::1', 24, 56));
  });
});

describe('TCP framing', () => {
  it('reassembles frames however the stream is cut', () => {
    const messages = [Buffer.from('first message'), Buffer.from('x'), Buffer.alloc(300, 7)];
    const stream = Buffer.concat(messages.map(frame));
    for (const cut of [1, 2, 3, 7, 64]) {
      const reader = new FrameReader(1000);
      const got: Buffer[] = [];
      for (let i = 0; i < stream.length; i += cut) {
        reader.push(stream.subarray(i, i + cut));
        for (let f = reader.next(); f; f = reader.next()) if (f.kind === 'query') got.push(Buffer.from(f.bytes));
      }
      expect(got).toEqual(messages);
    }
  });

  it('refuses a frame longer than the limit before buffering it', () => {
    const reader = new FrameReader(100);
    reader.push(Buffer.from([0x10, 0x00, 1, 2, 3]));
    expect(reader.next()).toEqual({ kind: 'too-large', length: 4096 });
  });
});

describe('stats', () => {
  const event = (fields: Partial<QueryEvent>): QueryEvent => ({
    time: 1000, transport: 'udp', client: '127.0.0.1', clientPort: 1, qname: 'Oversize-Canonical.order.test', qtype: 'A',
    scenario: 'oversize-canonical', rcode: 'NOERROR', answers: 0, tc: false, bytes: 30, followUp: false, tcpRetryAfterTc: false, ...fields,
  });

  it('counts TC answers and the TCP retry of the same question from the same client', () => {
    const stats = new StatsCollector();
    stats.record(event({ tc: true }));
    const retry = event({ transport: 'tcp', time: 1500, qname: 'oversize-canonical.ORDER.test', answers: 42 });
    stats.record(retry);
    stats.record(event({ transport: 'tcp', client: '127.0.0.9' })); // another client: not a retry
    const s = stats.snapshot({ hits: 0, misses: 0, size: 0 });
    expect(retry.tcpRetryAfterTc).toBe(true);
    expect([s.truncated, s.tcpRetriesAfterTruncation]).toEqual([1, 1]);
    expect(s.byScenario['oversize-canonical']).toEqual({ A: { udp: 1, tcp: 2 } });
    expect(s.byQuestion['oversize-canonical.order.test A']).toMatchObject({ queries: 3, udp: 1, tcp: 2, truncated: 1, tcpRetriesAfterTruncation: 1 });
    expect(s.byClient['127.0.0.1']).toMatchObject({ queries: 2 });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('counts drops by reason and bounds its tables', () => {
    const stats = new StatsCollector({ maxClients: 3, maxQuestions: 3 });
    for (let i = 0; i < 10; i++) stats.record(event({ client: `127.0.0.${i}`, qname: `q${i}.order.test` }));
    stats.record(event({ dropped: 'rate', qname: undefined, qtype: undefined }));
    const s = stats.snapshot({ hits: 0, misses: 0, size: 0 });
    expect(Object.keys(s.byClient)).toHaveLength(3);
    expect(s.overflow).toEqual({ clients: 7, questions: 7 });
    expect(s.drops.rate).toBe(1);
    expect(s.queries).toBe(11);
  });
});

describe('unexpected errors', () => {
  it('answer SERVFAIL, are logged and counted, and the next query is served', () => {
    const broken = {
      origin: 'broken.test',
      lookup: () => {
        throw new Error('zone exploded');
      },
      transferRecords: () => undefined,
    };
    const stats = new StatsCollector();
    const logged: string[] = [];
    const handler = new QueryHandler({
      zones: new ZoneSet([broken, new ScenarioZone()]), limits: resolveLimits({}, false), stats, cache: new ResponseCache(100),
      rateLimiter: new RateLimiter({ perSecond: 0, burst: 1, ipv4Prefix: 24, ipv6Prefix: 56, tableSize: 10 }),
      onError: (error, where) => logged.push(`${where}: ${(error as Error).message}`),
    });
    const [servfail] = handler.handle(buildQuery('x.broken.test', 'A', { id: 99 }), 'udp', '127.0.0.1', 5000) as Buffer[];
    expect(decodeMessage(servfail!)).toMatchObject({ id: 99, rcode: 2 });
    expect(logged).toEqual(['udp query from 127.0.0.1:5000: zone exploded']);
    const [ok] = handler.handle(buildQuery('canonical.order.test', 'A'), 'udp', '127.0.0.1', 5000) as Buffer[];
    expect(decodeMessage(ok!).answers).toHaveLength(4);
    const s = stats.snapshot({ hits: 0, misses: 0, size: 0 });
    expect(s.errors).toBe(1);
    expect(s.byRcode).toEqual({ SERVFAIL: 1, NOERROR: 1 });
  });
});
