// Transport behaviour with real sockets: TC over UDP and the whole answer over
// TCP, pipelined TCP queries, AXFR of a ZONEMD-bearing zone file to dig and
// kdig (and the transferred zone still verifies), the counters and the hook.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type QueryEvent, type RunningServer } from '../../src/server/index.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { canonicalZoneFromText, computeZonemd, findApex, verifyZonemd } from '../../src/zone/index.js';
import { buildQuery, tcpExchange, udpExchange } from '../unit/server/support/dns-client.js';

const run = promisify(execFile);
const ORIGIN = 'zonemd.test';
const ZONE_BODY = `$ORIGIN ${ORIGIN}.
$TTL 3600
@      IN SOA ns1 hostmaster 2026010801 3600 600 86400 300
@      IN NS  ns1
ns1    IN A   127.0.0.1
www    IN CNAME edge
edge   IN A   192.0.2.10
edge   IN AAAA 2001:db8::10
txt    IN TXT "hello" "world"
${Array.from({ length: 1500 }, (_, i) => `host${i} IN A 10.1.${i >> 8}.${i & 255}`).join('\n')}
`;

function zoneWithZonemd(): string {
  const placeholder = `${ZONE_BODY}@ IN ZONEMD 2026010801 1 1 ${'00'.repeat(48)}\n`;
  const zone = canonicalZoneFromText(placeholder, { origin: `${ORIGIN}.` });
  const data = computeZonemd(zone, findApex(zone, `${ORIGIN}.`).apex!);
  return `${ZONE_BODY}@ IN ZONEMD ${data.serial} ${data.scheme} ${data.algorithm} ${data.digest.toString('hex')}\n`;
}

let dir: string;
let server: RunningServer;
const events: QueryEvent[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dnsorder-serve-'));
  const file = join(dir, 'zonemd.test.zone');
  writeFileSync(file, zoneWithZonemd());
  server = await startServer({ port: 0, zoneFiles: [{ file, origin: ORIGIN }], onQuery: (e) => events.push(e) });
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('truncation', () => {
  it('oversize-canonical: TC and no records over UDP, the whole answer over TCP, and the retry is counted', async () => {
    const qname = 'oversize-canonical.trunc.order.test';
    const udp = decodeMessage(await udpExchange(server.port, buildQuery(qname, 'A')));
    expect(udp.tc).toBe(true);
    expect(udp.answers).toHaveLength(0);
    const [tcpAnswer] = await tcpExchange(server.port, [buildQuery(qname, 'A')]);
    const whole = decodeMessage(tcpAnswer!);
    expect(whole.tc).toBe(false);
    expect(whole.answers.map((r) => r.type)).toEqual(['CNAME', 'CNAME', ...Array(40).fill('A')]);
    const stats = server.stats();
    expect(stats.byQuestion[`${qname} A`]).toMatchObject({ udp: 1, tcp: 1, truncated: 1, tcpRetriesAfterTruncation: 1 });
    expect(stats.truncated).toBeGreaterThanOrEqual(1);
  });

  it('oversize-partial: TC with the records that fit (dig without EDNS), the whole answer with +tcp', async () => {
    const args = ['+norec', '+noedns', '+ignore', '+tries=1', '+time=3', '-p', String(server.port), '@127.0.0.1', 'oversize-partial.order.test', 'A'];
    const { stdout: udp } = await run('dig', args);
    expect(udp).toMatch(/flags: qr tc rd ra;|flags: qr tc ra;/);
    const count = Number(/ANSWER: (\d+)/.exec(udp)![1]);
    expect(count).toBeGreaterThan(2);
    expect(count).toBeLessThan(42);
    const { stdout: tcp } = await run('dig', ['+tcp', ...args.filter((a) => a !== '+ignore')]);
    expect(tcp).toMatch(/ANSWER: 42,/);
    expect(tcp).not.toMatch(/flags: [a-z ]*tc/);
  });

  it('honours an EDNS payload large enough for the answer', async () => {
    const answer = decodeMessage(await udpExchange(server.port, buildQuery('oversize-canonical.order.test', 'A', { edns: { udpPayloadSize: 1232 } })));
    expect(answer.tc).toBe(false);
    expect(answer.answers).toHaveLength(42);
    expect(answer.edns?.udpPayloadSize).toBe(1232);
  });
});

describe('TCP (RFC 7766)', () => {
  it('answers several pipelined queries on one connection, each with its id', async () => {
    const ids = [11, 22, 33, 44, 55];
    const queries = ids.map((id, i) => buildQuery(['canonical', 'cname-last', 'no-chain', 'one-hop', 'long-8'][i] + '.pipe.order.test', 'A', { id }));
    const answers = (await tcpExchange(server.port, queries)).map((b) => decodeMessage(b));
    expect(answers.map((a) => a.id).sort((a, b) => a - b)).toEqual(ids);
    for (const a of answers) expect(a.answers.length).toBeGreaterThan(0);
  });
});

describe('zone files and AXFR', () => {
  it('AXFR to dig: SOA first and last, every record, and the transferred zone verifies its ZONEMD', async () => {
    const { stdout } = await run('dig', ['+tries=1', '+time=5', '+nocmd', '+nostats', '+nocomments', '-p', String(server.port), '@127.0.0.1', ORIGIN, 'AXFR'],
      { maxBuffer: 16 * 1024 * 1024 });
    const lines = stdout.split('\n').filter((l) => l && !l.startsWith(';'));
    expect(lines[0]).toMatch(/\sSOA\s/);
    expect(lines[lines.length - 1]).toMatch(/\sSOA\s/);
    expect(lines).toHaveLength(1500 + 8 + 1); // 1500 hosts, 8 other records (ZONEMD included), the SOA again at the end
    const zone = canonicalZoneFromText(lines.slice(0, -1).join('\n') + '\n', { origin: `${ORIGIN}.` });
    const verification = verifyZonemd(zone, findApex(zone, `${ORIGIN}.`).apex!, { time: Math.floor(Date.now() / 1000) });
    expect(verification.summary).toMatch(/^verified/);
  });

  it('AXFR to kdig, split over several messages', async () => {
    const { stdout } = await run('kdig', ['+json', '+time=5', '-p', String(server.port), '@127.0.0.1', ORIGIN, 'AXFR'], { maxBuffer: 16 * 1024 * 1024 });
    // kdig prints a JSON array with one object per message.
    const messages = JSON.parse(stdout) as Array<{ answerRRs?: Array<{ TYPEname: string }> }>;
    expect(messages.length).toBeGreaterThan(2);
    const types = messages.flatMap((m) => (m.answerRRs ?? []).map((r) => r.TYPEname));
    const axfr = events.filter((e) => e.qtype === 'AXFR' && e.transport === 'tcp').pop()!;
    expect(axfr.bytes).toBeGreaterThan(2 * 16_000); // several messages of at most ~16 kB
    expect(types[0]).toBe('SOA');
    expect(types[types.length - 1]).toBe('SOA');
    expect(types.filter((t) => t === 'ZONEMD')).toHaveLength(1);
    expect(types).toHaveLength(1509);
  });

  it('answers ZONEMD, authoritatively, and REFUSES AXFR over UDP', async () => {
    const zonemd = decodeMessage(await udpExchange(server.port, buildQuery(ORIGIN, 'ZONEMD')));
    expect(zonemd.aa).toBe(true);
    expect(zonemd.answers.map((r) => r.type)).toEqual(['ZONEMD']);
    const axfrUdp = decodeMessage(await udpExchange(server.port, buildQuery(ORIGIN, 'AXFR')));
    expect(axfrUdp.rcode).toBe(5);
    const www = decodeMessage(await udpExchange(server.port, buildQuery(`WWW.${ORIGIN}`, 'A')));
    // Owners as written in the zone file; the question keeps the client's case.
    expect(www.questions[0]!.name).toBe(`WWW.${ORIGIN}`);
    expect(www.answers.map((r) => [r.name, r.type])).toEqual([[`www.${ORIGIN}`, 'CNAME'], [`edge.${ORIGIN}`, 'A']]);
  });
});

describe('counters and the query hook', () => {
  it('reports every query to onQuery with transport, client, scenario and rcode', async () => {
    const before = events.length;
    await udpExchange(server.port, buildQuery('canonical.hook.order.test', 'A'));
    await udpExchange(server.port, buildQuery('edge.canonical.hook.order.test', 'A')); // a follow-up
    await udpExchange(server.port, buildQuery('nope.order.test', 'A'));
    const mine = events.slice(before);
    expect(mine.map((e) => [e.transport, e.client, e.scenario, e.rcode, e.followUp])).toEqual([
      ['udp', '127.0.0.1', 'canonical', 'NOERROR', false],
      ['udp', '127.0.0.1', 'canonical', 'NOERROR', true],
      ['udp', '127.0.0.1', undefined, 'NXDOMAIN', false],
    ]);
    const stats = server.stats();
    expect(stats.byQuestion['edge.canonical.hook.order.test A']).toMatchObject({ queries: 1, followUps: 1, scenario: 'canonical' });
    expect(stats.byClient['127.0.0.1']!.queries).toBeGreaterThanOrEqual(3);
    expect(stats.byRcode.NXDOMAIN).toBeGreaterThanOrEqual(1);
  });
});

describe('IPv6 loopback', () => {
  it('serves [::1] over UDP and TCP', async () => {
    let v6: RunningServer | undefined;
    try {
      v6 = await startServer({ listen: '[::1]:0' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return; // no IPv6 on this host
      throw error;
    }
    try {
      const udp = decodeMessage(await udpExchange(v6.port, buildQuery('canonical.v6.order.test', 'AAAA'), { address: '::1' }));
      expect(udp.answers.map((r) => r.type)).toEqual(['CNAME', 'CNAME', 'AAAA', 'AAAA']);
      const [tcp] = await tcpExchange(v6.port, [buildQuery('cname-last.v6.order.test', 'A')], 1, { address: '::1' });
      expect(decodeMessage(tcp!).answers[0]!.type).toBe('A');
      expect(Object.keys(v6.stats().byClient)).toEqual(['::1']);
    } finally {
      await v6.close();
    }
  });
});
