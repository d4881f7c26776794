import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../../../src/dnstap/collector.js';
import { encodeControl, encodeData } from '../../../src/dnstap/framestream.js';
import { labelValue, renderMetrics, startMetricsServer } from '../../../src/dnstap/metrics.js';
import { DNSTAP_CONTENT_TYPE, DnstapSchema } from '../../../src/dnstap/schema.js';
import { renderSummaryText, summaryJson, violationJson } from '../../../src/dnstap/summary.js';
import { connectWriter } from '../../../src/dnstap/writer.js';
import { testDataPath } from '../../helpers/test-data.js';

const bin = (name: string) => readFileSync(testDataPath('..', '..', 'fixtures', 'bin', `${name}.bin`));
const CNAME_LAST = bin('cname-last.response');
const CANONICAL = bin('canonical.response');
const QUERY = bin('canonical.query');

function message(type: number, responseMessage?: Uint8Array, identity = 'lab', extra: Record<string, unknown> = {}): Uint8Array {
  return toBinary(DnstapSchema, create(DnstapSchema, {
    type: 1, identity: Buffer.from(identity), version: Buffer.from('test 1.0'),
    message: { type, socketFamily: 1, socketProtocol: 1, queryAddress: Buffer.from([127, 0, 0, 1]), queryPort: 40000, responseAddress: Buffer.from([127, 0, 0, 1]), responsePort: 53, ...(responseMessage ? { responseMessage } : { queryMessage: QUERY }), ...extra },
  } as never));
}

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-collector-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let collector: Collector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});
let n = 0;
const socketPath = () => join(dir, `c${++n}.sock`);

describe('the dnstap collector', () => {
  it('judges every response, counts queries, and names each source by identity, version and connection', async () => {
    const violations: string[] = [];
    collector = await startCollector({ socketPath: socketPath(), tcp: { address: '127.0.0.1', port: 0 }, onViolation: (v) => violations.push(v.rules.join(',')) });
    const a = await connectWriter({ path: collector.socketPath! });
    const b = await connectWriter({ port: collector.tcp!.port, bidirectional: false });
    a.write(message(5));
    a.write(message(6, CANONICAL, 'resolver-a'));
    a.write(message(6, CNAME_LAST, 'resolver-a'));
    b.write(message(4, CNAME_LAST, 'resolver-b', { queryZone: Buffer.from('\x05order\x04test\x00', 'latin1') }));
    const stats = await collector.waitFor((s) => s.frames === 4);
    expect(stats).toMatchObject({ frames: 4, queries: 1, responses: 3, violating: 2, invalidFrames: 0, dropped: 0, malformed: 0 });
    expect(stats.byType).toEqual({ CLIENT_QUERY: { messages: 1, violating: 0 }, CLIENT_RESPONSE: { messages: 2, violating: 1 }, RESOLVER_RESPONSE: { messages: 1, violating: 1 } });
    expect(stats.byRule).toEqual({ 'chain-start': 2, 'terminal-after-chain': 2 });
    expect(stats.byZone).toEqual({ 'order.test': 2 });
    expect(stats.sources.map((s) => [s.identity, s.version, s.transport, s.bidirectional, s.responses, s.violating])).toEqual([
      ['resolver-a', 'test 1.0', 'unix', true, 2, 1], ['resolver-b', 'test 1.0', 'tcp', false, 1, 1],
    ]);
    expect(violations).toEqual(['chain-start,terminal-after-chain', 'chain-start,terminal-after-chain']);
    expect(stats.recent.map((r) => r.type)).toEqual(['CLIENT_RESPONSE', 'RESOLVER_RESPONSE']);
    await a.close();
    await b.close();
    expect((await collector.waitFor((s) => s.connections.open === 0)).connections).toMatchObject({ open: 0, total: 2, protocolErrors: 0 });
  });

  it('counts frames that are not dnstap and responses that are not DNS messages, and reads on', async () => {
    collector = await startCollector({ socketPath: socketPath() });
    const w = await connectWriter({ path: collector.socketPath! });
    w.write(Buffer.from('garbage'));
    w.write(message(6, Buffer.from('0001', 'hex')));
    w.write(message(6, CANONICAL));
    const stats = await collector.waitFor((s) => s.frames === 3);
    expect(stats).toMatchObject({ invalidFrames: 1, malformed: 1, responses: 2, violating: 1 });
    expect(stats.byRule).toEqual({ malformed: 1 });
    await w.close();
  });

  it('closes a connection that breaks the protocol, or offers another content type, and keeps serving others', async () => {
    const events: string[] = [];
    collector = await startCollector({ socketPath: socketPath(), onSource: (e) => events.push(e.kind === 'close' ? `close ${e.source.error?.code ?? ''}` : e.kind) });
    const raw = connect({ path: collector.socketPath! });
    raw.write(encodeControl('READY', ['protobuf:other']));
    await collector.waitFor((s) => s.connections.protocolErrors === 1 && s.connections.open === 0);
    await expect(connectWriter({ path: collector.socketPath!, contentType: 'protobuf:other' })).rejects.toThrow();
    const bad = connect({ path: collector.socketPath! });
    bad.write(Buffer.concat([encodeControl('START', [DNSTAP_CONTENT_TYPE]), Buffer.from([0x7f, 0, 0, 0])]));
    const stats = await collector.waitFor((s) => s.connections.protocolErrors === 3 && s.connections.open === 0);
    expect(stats.sources.map((s) => s.error?.code)).toEqual(['ERR_FSTRM_CONTENT_TYPE', 'ERR_FSTRM_CONTENT_TYPE', 'ERR_FSTRM_FRAME_TOO_LARGE']);
    const good = await connectWriter({ path: collector.socketPath! });
    good.write(message(6, CANONICAL));
    await collector.waitFor((s) => s.responses === 1);
    await good.close();
    expect(events.filter((e) => e.startsWith('close ERR'))).toHaveLength(3);
  });

  it('drops and counts when judging falls behind, and never stops reading', async () => {
    collector = await startCollector({ socketPath: socketPath(), maxQueueFrames: 10 });
    const raw = connect({ path: collector.socketPath! });
    // 500 frames in one write: they arrive in one or a few reads, far more than the queue holds.
    const frame = encodeData(message(6, CNAME_LAST));
    raw.write(Buffer.concat([encodeControl('START', [DNSTAP_CONTENT_TYPE]), ...Array<Buffer>(500).fill(frame), encodeControl('STOP')]));
    const stats = await collector.waitFor((s) => s.frames + s.dropped === 500);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.queue.peakFrames).toBeLessThanOrEqual(10);
    expect(stats.sources[0]!.dropped).toBe(stats.dropped);
    raw.destroy();
  });

  it('refuses connections over the limit', async () => {
    collector = await startCollector({ socketPath: socketPath(), maxConnections: 1 });
    const first = await connectWriter({ path: collector.socketPath! });
    const second = connect({ path: collector.socketPath! });
    second.on('error', () => undefined);
    const stats = await collector.waitFor((s) => s.connections.refused === 1);
    expect(stats.connections.open).toBe(1);
    await first.close();
  });

  it('replaces a stale socket file, refuses a path that is not a socket or is in use, and removes its socket on close', async () => {
    const path = socketPath();
    const first = await startCollector({ socketPath: path });
    await expect(startCollector({ socketPath: path })).rejects.toMatchObject({ code: 'ERR_WATCH_IN_USE' });
    await first.close();
    expect(existsSync(path)).toBe(false);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await expect(startCollector({ socketPath: file })).rejects.toMatchObject({ code: 'ERR_WATCH_SOCKET_PATH' });
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('what the watcher prints', () => {
  it('a text summary, a JSON summary, violation lines replayable as hex, and Prometheus counters over HTTP', async () => {
    const lines: string[] = [];
    collector = await startCollector({ socketPath: socketPath(), onViolation: (v) => lines.push(violationJson(v)) });
    const w = await connectWriter({ path: collector.socketPath! });
    w.write(message(6, CNAME_LAST, 'lab "one"\n', { responseTimeSec: 1_800_000_000n }));
    w.write(message(6, CANONICAL, 'lab "one"\n'));
    const stats = await collector.waitFor((s) => s.responses === 2);
    const text = renderSummaryText(stats, { listening: [collector.socketPath!] });
    expect(text).toContain('responses 2, queries 0, violating 1');
    expect(text).toContain('violations by rule:  chain-start 1, terminal-after-chain 1');
    expect(text).toContain('by message type:     CLIENT_RESPONSE 1 of 2');
    expect(text).toContain('by zone:             order.test 1');
    expect(text).toMatch(/lab "one"\\010 \(test 1\.0\) unix#1, open: 2 responses, 1 violating/);
    expect(text).toMatch(/2027-01-15T08:00:00\.000Z CLIENT_RESPONSE from .*: cname-last\.order\.test A — chain-start, terminal-after-chain\n\s+edge\.cname-last\.order\.test\. 300 IN A 192\.0\.2\.1/);
    const json = JSON.parse(summaryJson(stats, 'summary'));
    expect(json).toMatchObject({ event: 'summary', responses: 2, violating: 1 });
    expect(json.recent[0].message).toBe(CNAME_LAST.toString('hex'));
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({ event: 'violation', type: 'CLIENT_RESPONSE', rules: ['chain-start', 'terminal-after-chain'], queryAddress: '127.0.0.1', responsePort: 53 });
    expect(Buffer.from(logged.message, 'hex').equals(CNAME_LAST)).toBe(true);

    const metrics = await startMetricsServer('127.0.0.1', 0, () => collector!.stats());
    try {
      const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = await res.text();
      expect(body).toContain('# TYPE dnsorder_dnstap_responses_total counter\ndnsorder_dnstap_responses_total 2\n');
      expect(body).toContain('dnsorder_dnstap_rule_violations_total{rule="terminal-after-chain"} 1');
      expect(body).toContain('dnsorder_dnstap_messages_total{type="CLIENT_RESPONSE"} 2');
      expect(body).toContain('identity="lab \\"one\\"\\\\010"');
      expect((await fetch(`http://127.0.0.1:${metrics.port}/`)).status).toBe(404);
    } finally {
      await metrics.close();
    }
    expect(renderMetrics(collector.stats())).toMatch(/^# HELP /);
    expect(labelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    await w.close();
  });
});
