// Zone transfers as the responder hands them to the TCP shell: encoded once
// per zone content and shared, framed per transfer with that client's ID,
// question and EDNS, names compressed only backwards inside each message.

import { describe, expect, it } from 'vitest';
import { respond, type ResponderContext } from '../../../src/server/responder.js';
import { ZonemdProbeZone } from '../../../src/probe/zonemd-zone.js';
import { AuthoritativeZone } from '../../../src/server/zone-data.js';
import { ZoneSet } from '../../../src/server/zone-set.js';
import type { ZoneTransfer } from '../../../src/server/transfer.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import type { DnsRecord } from '../../../src/wire/message.js';
import { buildQuery, type QueryOptions } from './support/dns-client.js';

const SOA: DnsRecord = { name: 'big.test', type: 'SOA', class: 'IN', ttl: 60, data: { mname: 'ns.big.test', rname: 'h.big.test', serial: 9, refresh: 1, retry: 1, expire: 1, minimum: 1 } };
const HOSTS: DnsRecord[] = Array.from({ length: 3000 }, (_, i) => ({ name: `h${i}.Sub${i % 7}.big.test`, type: 'A', class: 'IN', ttl: 60, data: `10.0.${i >> 8}.${i & 255}` }));
const zone = new AuthoritativeZone({ origin: 'big.test', records: [SOA, ...HOSTS] });
const context: ResponderContext = { zones: new ZoneSet([zone]), transport: 'tcp', maxUdpPayload: 1232, streamTransfers: true };

function start(qname: string, qtype: string, options: QueryOptions = {}, ctx = context): ZoneTransfer {
  const outcome = respond(buildQuery(qname, qtype, options), ctx);
  if (outcome.kind !== 'reply' || !outcome.transfer) throw new Error('no transfer');
  return outcome.transfer;
}

function frames(transfer: ZoneTransfer): Buffer[] {
  const out: Buffer[] = [];
  for (let f = transfer.nextFrame(); f; f = transfer.nextFrame()) {
    expect(f.readUInt16BE(0)).toBe(f.length - 2);
    out.push(f.subarray(2));
  }
  return out;
}

describe('zone transfers', () => {
  it('stream every record, SOA first and last, each message well-formed with backward pointers only', () => {
    const messages = frames(start('BIG.test', 'AXFR', { id: 777, edns: { udpPayloadSize: 4096, dnssecOk: true } }));
    expect(messages.length).toBeGreaterThan(3);
    const decoded = messages.map((m) => decodeMessage(m)); // strict: a forward or dangling pointer throws
    const records = decoded.flatMap((m) => m.answers);
    expect(records).toHaveLength(HOSTS.length + 2);
    expect([records[0]!.type, records.at(-1)!.type]).toEqual(['SOA', 'SOA']);
    expect(records.slice(1, -1).map((r) => r.name)).toEqual(HOSTS.map((r) => r.name)); // zone order, letter case kept
    for (const m of decoded) expect([m.id, m.qr, m.aa, m.rcode]).toEqual([777, true, true, 0]);
    // RFC 5936 §2.2: the question as the client wrote it, and EDNS, in the first message only.
    expect(decoded[0]!.questions).toEqual([{ name: 'BIG.test', type: 'AXFR', class: 'IN' }]);
    expect(decoded[0]!.edns).toMatchObject({ udpPayloadSize: 1232, dnssecOk: true });
    for (const m of decoded.slice(1)) expect([m.questions.length, m.edns]).toEqual([0, undefined]);
    for (const m of messages) expect(m.length).toBeLessThan(16_600);
  });

  it('is encoded once per zone content and shared by every transfer; another content gets its own', () => {
    const a = start('big.test', 'AXFR', { id: 1 });
    const b = start('big.test', 'IXFR', { id: 2 });
    expect(a.encoding).toBe(b.encoding);
    const first = frames(a);
    const second = frames(b);
    expect(second.length).toBe(first.length);
    // Same bodies, different headers: only the ID and the question's type differ.
    expect(second[1]!.subarray(2)).toEqual(first[1]!.subarray(2));
    expect(decodeMessage(second[0]!).questions[0]!.type).toBe('IXFR');
    expect(a.encoding.body(0)).toBe(b.encoding.body(0));

    const probe = new ZonemdProbeZone('zonemd.probe.test', 100);
    const probeContext: ResponderContext = { ...context, zones: new ZoneSet([probe]) };
    const p1 = start('zonemd.probe.test', 'AXFR', {}, probeContext);
    expect(start('zonemd.probe.test', 'AXFR', {}, probeContext).encoding).toBe(p1.encoding);
    probe.load('serial-mismatch', 101);
    const p2 = start('zonemd.probe.test', 'AXFR', {}, probeContext);
    expect(p2.encoding).not.toBe(p1.encoding);
    const soa = decodeMessage(frames(p2)[0]!).answers[0]!;
    expect((soa.data as { serial: number }).serial).toBe(101);
  });

  it('compresses owners inside each message, and not at all under --no-compress', () => {
    const compressed = frames(start('big.test', 'AXFR')).reduce((n, m) => n + m.length, 0);
    const plain = frames(start('big.test', 'AXFR', {}, { ...context, compress: false }));
    expect(plain.reduce((n, m) => n + m.length, 0)).toBeGreaterThan(compressed * 1.5);
    expect(plain.flatMap((m) => decodeMessage(m).answers)).toHaveLength(HOSTS.length + 2);
  });

  it('without streamTransfers respond() returns every message at once (library callers)', () => {
    const outcome = respond(buildQuery('big.test', 'AXFR'), { ...context, streamTransfers: false });
    if (outcome.kind !== 'reply') throw new Error('dropped');
    expect(outcome.transfer).toBeUndefined();
    expect(outcome.messages.flatMap((m) => decodeMessage(m).answers)).toHaveLength(HOSTS.length + 2);
    expect(outcome.info).toMatchObject({ transfer: true, answers: HOSTS.length + 2 });
  });
});
