import { describe, expect, it } from 'vitest';
import { AuthoritativeZone } from '../../../src/server/zone-data.js';
import { respond, type ResponderContext } from '../../../src/server/responder.js';
import { ScenarioZone } from '../../../src/server/scenario-zone.js';
import { ZoneSet } from '../../../src/server/zone-set.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { RCODE } from '../../../src/wire/message.js';
import { listScenarios } from '../../../src/scenarios/catalogue-index.js';
import { answerQuestion, scenarioQueryName } from '../../../src/scenarios/response.js';
import { buildQuery } from './support/dns-client.js';

const exampleZone = new AuthoritativeZone({
  origin: 'example.test',
  records: [
    { name: 'example.test', type: 'SOA', class: 'IN', ttl: 3600, data: { mname: 'ns.example.test', rname: 'h.example.test', serial: 7, refresh: 1, retry: 1, expire: 1, minimum: 60 } },
    { name: 'example.test', type: 'NS', class: 'IN', ttl: 3600, data: 'ns.example.test' },
    { name: 'example.test', type: 'ZONEMD', class: 'IN', ttl: 3600, data: { serial: 7, scheme: 1, algorithm: 1, digest: Buffer.alloc(48, 1) } },
    { name: 'ns.example.test', type: 'A', class: 'IN', ttl: 3600, data: '127.0.0.1' },
    { name: 'a.b.example.test', type: 'A', class: 'IN', ttl: 3600, data: '192.0.2.9' },
    { name: 'alias.example.test', type: 'CNAME', class: 'IN', ttl: 3600, data: 'a.b.example.test' },
  ],
});
const zones = new ZoneSet([new ScenarioZone(), exampleZone]);
const udp: ResponderContext = { zones, transport: 'udp', maxUdpPayload: 1232 };
const tcp: ResponderContext = { ...udp, transport: 'tcp' };

function answer(query: Buffer, context = udp) {
  const outcome = respond(query, context);
  if (outcome.kind !== 'reply') throw new Error(`dropped: ${outcome.reason}`);
  return { outcome, message: decodeMessage(outcome.messages[0]!, { allowForwardPointers: true }) };
}

describe('respond: scenario zone', () => {
  it('answers a scenario with its records in exactly their order, question echoed in the client\'s case', () => {
    const qname = 'CNAME-Last.Run1.order.test';
    const { message, outcome } = answer(buildQuery(qname, 'A', { id: 4242 }));
    const expected = answerQuestion(qname, 'A', 'order.test')!;
    expect(message.id).toBe(4242);
    expect(message.qr && message.rd && message.ra).toBe(true);
    expect(message.questions[0]!.name).toBe(qname);
    expect(message.answers.map((r) => [r.name, r.type, r.data])).toEqual(expected.answers.map((r) => [r.name, r.type, r.data]));
    expect(message.answers[0]!.type).toBe('A'); // terminal first: the 2026-01-08 layout
    expect(outcome.kind === 'reply' && outcome.info.scenario).toBe('cname-last');
  });

  it('copies RD as the client set it', () => {
    expect(answer(buildQuery('canonical.order.test', 'A', { rd: false })).message.rd).toBe(false);
  });

  it('answers follow-up queries for chain targets and flags them', () => {
    const { message, outcome } = answer(buildQuery('cdn.canonical.x.order.test', 'A'));
    expect(message.answers.map((r) => r.type)).toEqual(['CNAME', 'A', 'A']);
    expect(outcome.kind === 'reply' && outcome.info.followUp).toBe(true);
  });

  it('NXDOMAIN with the SOA for an unknown scenario; SOA and NS with glue at the apex', () => {
    const nx = answer(buildQuery('no-such-scenario.order.test', 'A')).message;
    expect(nx.rcode).toBe(RCODE.NXDOMAIN);
    expect(nx.authorities.map((r) => r.type)).toEqual(['SOA']);
    const soa = answer(buildQuery('Order.Test', 'SOA')).message;
    expect(soa.aa).toBe(true);
    expect(soa.answers.map((r) => r.type)).toEqual(['SOA']);
    const ns = answer(buildQuery('order.test', 'NS')).message;
    expect(ns.answers.map((r) => r.data)).toEqual(['ns.order.test']);
    expect(ns.additionals.map((r) => [r.name, r.type, r.data])).toEqual([['ns.order.test', 'A', '127.0.0.1']]);
  });

  it('ANY per RFC 8482, other types NODATA (after the chain) with the SOA', () => {
    const any = answer(buildQuery('canonical.order.test', 'ANY')).message;
    expect(any.answers).toHaveLength(1);
    expect(any.answers[0]!.type).toBe('HINFO');
    const txt = answer(buildQuery('canonical.order.test', 'TXT')).message;
    expect(txt.rcode).toBe(RCODE.NOERROR);
    expect(txt.answers.map((r) => r.type)).toEqual(['CNAME', 'CNAME']);
    expect(txt.authorities.map((r) => r.type)).toEqual(['SOA']);
    const plain = answer(buildQuery('no-chain.order.test', 'MX')).message;
    expect(plain.answers).toHaveLength(0);
    expect(plain.authorities.map((r) => r.type)).toEqual(['SOA']);
  });

  it('compression follows the scenario option', () => {
    const compressed = respond(buildQuery('canonical.order.test', 'A'), udp);
    const plain = respond(buildQuery('canonical-uncompressed.order.test', 'A'), udp);
    if (compressed.kind !== 'reply' || plain.kind !== 'reply') throw new Error('dropped');
    const hasPointer = (b: Buffer) => b.subarray(12).some((octet, i, arr) => (octet & 0xc0) === 0xc0 && i + 1 < arr.length);
    expect(hasPointer(compressed.messages[0]!)).toBe(true);
    // Uncompressed: the owner names are written out, so the message is larger by more than the pointers.
    expect(plain.messages[0]!.length).toBeGreaterThan(compressed.messages[0]!.length + 20);
  });

  it('applies the scenario mutation to the encoded answer', () => {
    const outcome = respond(buildQuery('count-mismatch.order.test', 'A'), udp);
    if (outcome.kind !== 'reply') throw new Error('dropped');
    const bytes = outcome.messages[0]!;
    expect(bytes.readUInt16BE(6)).toBe(5); // 4 records, ANCOUNT says 5
    expect(() => decodeMessage(bytes)).toThrow();
  });

  it('breaks the last record when the answer to another qtype lacks the one the mutation names', () => {
    // rdlength-mismatch extends record 2's RDATA; asked CNAME the answer has the CNAME and the SOA, asked ANY one HINFO.
    const mutated = (qtype: string) => {
      const outcome = respond(buildQuery('rdlength-mismatch.order.test', qtype), udp);
      if (outcome.kind !== 'reply') throw new Error('dropped');
      expect(outcome.info.mutation, qtype).toBe('retargeted');
      expect(outcome.messages[0]![3]! & 0x0f, qtype).toBe(0); // NOERROR, not SERVFAIL
      return outcome.messages[0]!;
    };
    expect(() => decodeMessage(mutated('CNAME'))).toThrow(/SOA RDATA is 39 octets/); // the SOA in the authority section
    const [hinfo] = decodeMessage(mutated('ANY')).answers;
    expect([hinfo!.type, hinfo!.rdlength, hinfo!.rdata.at(-1)]).toEqual(['HINFO', 10, 0xff]); // "RFC8482", "", and the extra octet
    const own = respond(buildQuery('rdlength-mismatch.order.test', 'A'), udp);
    expect(own.kind === 'reply' && own.info.mutation).toBeUndefined(); // its own question: the record it names
  });
});

describe('respond: names inside a scenario', () => {
  it('gives NODATA with the SOA at an empty non-terminal and the DNAME at its owner, NXDOMAIN for an unknown label', () => {
    const ent = answer(buildQuery('dname-canonical.order.test', 'A')).message;
    expect([ent.rcode, ent.answers.length, ent.authorities.map((r) => r.type)]).toEqual([RCODE.NOERROR, 0, ['SOA']]);
    const dname = answer(buildQuery('src.dname-canonical.order.test', 'DNAME')).message;
    expect(dname.answers.map((r) => [r.type, r.data])).toEqual([['DNAME', 'dst.dname-canonical.order.test']]);
    expect(answer(buildQuery('no-such-scenario.order.test', 'A')).message.rcode).toBe(RCODE.NXDOMAIN);
  });
});

describe('respond: truncation and EDNS', () => {
  it('sets TC with no answers over UDP for oversize-canonical, whole over TCP', () => {
    const query = buildQuery('oversize-canonical.order.test', 'A');
    const small = answer(query).message;
    expect(small.tc).toBe(true);
    expect(small.answers).toHaveLength(0);
    expect(respond(query, udp).kind === 'reply' && (respond(query, udp) as { messages: Buffer[] }).messages[0]!.length).toBeLessThanOrEqual(512);
    const whole = answer(query, tcp).message;
    expect(whole.tc).toBe(false);
    expect(whole.answers).toHaveLength(42);
  });

  it('partial truncation keeps the records that fit, in order', () => {
    const { message, outcome } = answer(buildQuery('oversize-partial.order.test', 'A'));
    expect(message.tc).toBe(true);
    expect(message.answers.length).toBeGreaterThan(2);
    expect(message.answers.length).toBeLessThan(42);
    expect(message.answers.slice(0, 2).map((r) => r.type)).toEqual(['CNAME', 'CNAME']);
    expect(outcome.kind === 'reply' && outcome.messages[0]!.length).toBeLessThanOrEqual(512);
  });

  it('honours the EDNS payload size and echoes OPT with ours', () => {
    const { message } = answer(buildQuery('oversize-canonical.order.test', 'A', { edns: { udpPayloadSize: 4096 } }));
    expect(message.tc).toBe(false);
    expect(message.answers).toHaveLength(42);
    expect(message.edns?.udpPayloadSize).toBe(1232);
    const noEdns = answer(buildQuery('canonical.order.test', 'A')).message;
    expect(noEdns.edns).toBeUndefined();
  });

  it('answers EDNS version 1 with BADVERS', () => {
    const { message } = answer(buildQuery('canonical.order.test', 'A', { edns: { udpPayloadSize: 1232, version: 1 } }));
    expect(message.edns?.extendedRcode).toBe(1);
    expect(message.answers).toHaveLength(0);
  });
});

describe('respond: malformed and refused', () => {
  it('drops what has no header and responses (QR=1)', () => {
    expect(respond(Buffer.alloc(11), udp)).toEqual({ kind: 'drop', reason: 'malformed' });
    const response = buildQuery('canonical.order.test', 'A');
    response[2]! |= 0x80;
    expect(respond(response, udp)).toEqual({ kind: 'drop', reason: 'qr-set' });
  });

  it('FORMERR with the id when the header is readable but the rest is not', () => {
    const query = buildQuery('canonical.order.test', 'A', { id: 777 }).subarray(0, 20);
    const { message } = answer(Buffer.from(query));
    expect(message.id).toBe(777);
    expect(message.rcode).toBe(RCODE.FORMERR);
  });

  it('NOTIMP for another opcode, REFUSED outside the served zones', () => {
    const notify = buildQuery('order.test', 'SOA');
    notify[2] = (notify[2]! & 0x87) | (4 << 3);
    expect(answer(notify).message.rcode).toBe(RCODE.NOTIMP);
    expect(answer(buildQuery('example.com', 'A')).message.rcode).toBe(RCODE.REFUSED);
  });
});

describe('respond: zone data', () => {
  it('answers authoritatively, chases CNAMEs, NODATA at empty non-terminals, NXDOMAIN elsewhere', () => {
    const a = answer(buildQuery('ALIAS.example.test', 'A')).message;
    expect(a.aa).toBe(true);
    expect(a.answers.map((r) => [r.type, r.data])).toEqual([['CNAME', 'a.b.example.test'], ['A', '192.0.2.9']]);
    const ent = answer(buildQuery('b.example.test', 'A')).message;
    expect([ent.rcode, ent.answers.length, ent.authorities[0]?.type]).toEqual([RCODE.NOERROR, 0, 'SOA']);
    expect(answer(buildQuery('zz.example.test', 'A')).message.rcode).toBe(RCODE.NXDOMAIN);
  });

  it('answers ZONEMD at the apex', () => {
    const { message } = answer(buildQuery('example.test', 'ZONEMD'));
    expect(message.answers.map((r) => r.type)).toEqual(['ZONEMD']);
  });

  it('AXFR over TCP: SOA first and last with every record; refused over UDP; IXFR over UDP gets the SOA', () => {
    const outcome = respond(buildQuery('example.test', 'AXFR'), tcp);
    if (outcome.kind !== 'reply') throw new Error('dropped');
    const records = outcome.messages.flatMap((m) => decodeMessage(m).answers);
    expect(records.map((r) => r.type)).toEqual(['SOA', 'NS', 'ZONEMD', 'A', 'A', 'CNAME', 'SOA']);
    expect(answer(buildQuery('example.test', 'AXFR')).message.rcode).toBe(RCODE.REFUSED);
    expect(answer(buildQuery('example.test', 'IXFR')).message.answers.map((r) => r.type)).toEqual(['SOA']);
    expect(answer(buildQuery('order.test', 'AXFR'), tcp).message.rcode).toBe(RCODE.REFUSED);
  });

  it('splits a large transfer over several messages', () => {
    const records = Array.from({ length: 2000 }, (_, i) => ({ name: `h${i}.big.test`, type: 'A', class: 'IN', ttl: 60, data: `10.0.${i >> 8}.${i & 255}` }));
    const big = new AuthoritativeZone({
      origin: 'big.test',
      records: [{ name: 'big.test', type: 'SOA', class: 'IN', ttl: 60, data: { mname: 'ns.big.test', rname: 'h.big.test', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 } }, ...records],
    });
    const outcome = respond(buildQuery('big.test', 'AXFR'), { ...tcp, zones: new ZoneSet([big]) });
    if (outcome.kind !== 'reply') throw new Error('dropped');
    expect(outcome.messages.length).toBeGreaterThan(2);
    for (const m of outcome.messages) expect(m.length).toBeLessThan(65535);
    const all = outcome.messages.flatMap((m) => decodeMessage(m).answers);
    expect(all).toHaveLength(2002);
    expect([all[0]!.type, all[all.length - 1]!.type]).toEqual(['SOA', 'SOA']);
  });

  it('every scenario in the catalogue answers over both transports with answerQuestion\'s records', () => {
    for (const scenario of listScenarios()) {
      const qname = scenarioQueryName(scenario, 'order.test', 'Every');
      const expected = answerQuestion(qname, scenario.queryType, 'order.test')!;
      for (const context of [udp, tcp]) {
        const outcome = respond(buildQuery(qname, scenario.queryType, { edns: { udpPayloadSize: 1232 } }), context);
        if (outcome.kind !== 'reply') throw new Error(`${scenario.id}: dropped`);
        expect(outcome.info.scenario).toBe(scenario.id);
        if (scenario.options.mutation) continue; // decoded separately above
        const message = decodeMessage(outcome.messages[0]!, { allowForwardPointers: true });
        if (message.tc) continue;
        expect(message.answers.map((r) => [r.name, r.type]), scenario.id).toEqual(expected.answers.map((r) => [r.name, r.type]));
      }
    }
  });
});
