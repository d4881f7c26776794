// The injection group (issue #16): the plan puts an address record for another
// name into the authority's answer, the authority answers that name with its
// own address, and the verdict tells a resolver that served the injected
// record from its cache (a violation and a security finding) from one that
// asked the authority (a pass), with the inconclusive cases named.

import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../src/probe/address.js';
import { startProbeAuthority, type ProbeAuthority } from '../../../src/probe/authority.js';
import { ProbeZone } from '../../../src/probe/authority-zone.js';
import { securityFindings, summarise, type ProbeDocument } from '../../../src/probe/document.js';
import { exchange, type ExchangeResult } from '../../../src/probe/exchange.js';
import { GENUINE_ADDRESS, INJECTED_ADDRESS, outsideZoneFor, planTest } from '../../../src/probe/plan.js';
import { probeResolver } from '../../../src/probe/runner.js';
import { probeTests, SECURITY_GROUPS } from '../../../src/probe/suite.js';
import { identity, judgeInjection, type InjectionObservation } from '../../../src/probe/verdict.js';
import { renderProbe } from '../../../src/report/probe-render.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage, RCODE, type DnsRecord } from '../../../src/wire/message.js';
import { nameKey } from '../../../src/rdata/name.js';
import { startFakeResolver, type FakeResolver } from './fake-resolver.js';

const RUN = 'rinject';
const ZONE = 'probe.test';
const INJECTION = probeTests().filter((t) => t.group === 'injection');
const plan = (id: string) => planTest(INJECTION.find((t) => t.id === id)!, RUN, ZONE);

describe('the injection plans', () => {
  it('puts an address for another name into the answer, one the authority answers differently for that name', () => {
    expect(INJECTION.map((t) => t.id)).toEqual(['injection-same-zone', 'injection-same-zone-first', 'injection-child-zone', 'injection-parent-zone', 'injection-outside-zone']);
    expect(SECURITY_GROUPS).toEqual(['injection']);
    for (const t of INJECTION) {
      const p = planTest(t, RUN, ZONE);
      const inj = p.injection!;
      expect(inj.injected).toMatchObject({ name: inj.name, type: 'A', data: INJECTED_ADDRESS });
      expect(inj.genuine).toEqual([{ ...inj.injected, data: GENUINE_ADDRESS }]);
      // Off the chain, in the layout exactly once, never among the authority's own records or the expected answer.
      expect(p.names, t.id).not.toContain(inj.name);
      expect(p.layoutAnswer!.filter((r) => identity(r) === identity(inj.injected)), t.id).toHaveLength(1);
      expect(p.layoutAnswer!.filter((r) => identity(r) !== identity(inj.injected)).map(identity).sort(), t.id).toEqual(p.expected.map(identity).sort());
      expect(p.records.map(identity), t.id).toContain(identity(inj.genuine[0]!));
      expect(p.records.map(identity), t.id).not.toContain(identity(inj.injected));
      // The steps: plant (not judged), then ask for the injected name.
      expect(t.steps, t.id).toEqual([{ ask: 'query', check: false }, { askInjected: true }]);
    }
  });

  it('places the injected name by zone: beside the query name, in the child zone, or in the parent of a child-zone query name', () => {
    const child = `other.${RUN}.${ZONE}`;
    expect([plan('injection-same-zone').qname, plan('injection-same-zone').injection!.name])
      .toEqual([`injection-same-zone.${RUN}.${ZONE}`, `victim.injection-same-zone.${RUN}.${ZONE}`]);
    expect(plan('injection-child-zone').injection!.name).toBe(`victim.injection-child-zone.${child}`);
    expect(plan('injection-child-zone').qname).toBe(`injection-child-zone.${RUN}.${ZONE}`);
    expect(plan('injection-parent-zone').qname).toBe(`injection-parent-zone.${child}`);
    expect(plan('injection-parent-zone').injection!.name).toBe(`victim.injection-parent-zone.${RUN}.${ZONE}`);
    expect(plan('injection-same-zone-first').layoutAnswer![0]!.data).toBe(INJECTED_ADDRESS);
    expect(outsideZoneFor(ZONE)).toBe('probe-outside.test');
    expect(plan('injection-outside-zone').injection!.name).toBe(`victim.injection-outside-zone.${RUN}.probe-outside.test`);
  });

  it('makes the authority send the injected record for the query name, and its own address for the injected name, from the right zone', () => {
    const zone = new ProbeZone(ZONE, '127.0.0.1');
    zone.addChildZone(outsideZoneFor(ZONE)); // as startProbeAuthority does
    const plans = INJECTION.map((t) => planTest(t, RUN, ZONE));
    plans.forEach((p) => zone.addPlan(p));
    for (const p of plans) {
      const sent = zone.lookup(p.qname, 'A');
      expect(sent.answers.map(identity), p.test.id).toContain(identity(p.injection!.injected));
      const own = zone.lookup(p.injection!.name, 'A');
      expect([own.rcode, own.aa, own.answers.map((r) => String(r.data))], p.test.id).toEqual([RCODE.NOERROR, true, [GENUINE_ADDRESS]]);
    }
    const child = `other.${RUN}.${ZONE}`;
    expect(zone.lookup(plan('injection-child-zone').injection!.name, 'A').zone).toBe(child);
    expect(zone.lookup(plan('injection-parent-zone').qname, 'A').zone).toBe(child);
    expect(zone.lookup(plan('injection-parent-zone').injection!.name, 'A').zone).toBe(ZONE);
    expect(zone.lookup(plan('injection-outside-zone').injection!.name, 'A').zone).toBe('probe-outside.test');
  });
});

function answer(answers: readonly DnsRecord[], rcode = 0, qname = 'x'): ExchangeResult {
  const bytes = encodeMessage(emptyMessage({ id: 1, qr: true, rcode, questions: [{ name: qname, type: 'A' }], answers: [...answers] }));
  return { kind: 'answer', message: decodeMessage(bytes), transport: 'udp', truncatedOverUdp: false, elapsedMs: 1 };
}

describe('identity: when two records are the same record', () => {
  it('compares RDATA as the record layer presents it: addresses by value, names case-folded, every field of a composite type', () => {
    const rr = (name: string, type: string, data: unknown) => ({ name, type, class: 'IN', ttl: 300, data }) as DnsRecord;
    expect(identity(rr('WWW.Example.', 'AAAA', '2001:DB8:0::1'))).toBe(identity(rr('www.example', 'AAAA', '2001:db8::1')));
    expect(identity(rr('a.example', 'CNAME', 'B.Example'))).toBe(identity(rr('a.example', 'CNAME', 'b.example.')));
    expect(identity(rr('a.example', 'MX', { preference: 10, exchange: 'mx.example' })))
      .not.toBe(identity(rr('a.example', 'MX', { preference: 20, exchange: 'mx.example' })));
    expect(identity(rr('a.example', 'A', '192.0.2.1'))).not.toBe(identity(rr('a.example', 'A', '192.0.2.10')));
  });
});

describe('judgeInjection', () => {
  const p = plan('injection-same-zone');
  const inj = p.injection!;
  const observe = (o: Partial<InjectionObservation> = {}): InjectionObservation => ({
    injection: inj, answer: answer(inj.genuine), authorityAsked: true,
    planted: { qname: p.qname, qtype: 'A', result: answer(p.expected), sentByAuthority: true, expected: p.expected }, ...o,
  });

  it('passes the authority\'s own address after asking the authority', () => {
    const j = judgeInjection(observe());
    expect([j.verdict, j.behaviour, j.security]).toEqual(['pass', 'asked the authority', undefined]);
    expect(j.note).toContain(`asked the authority and returned its own answer (${GENUINE_ADDRESS}), not the injected ${INJECTED_ADDRESS}`);
  });

  it('finds a violation, with a security finding, when the injected address comes back: alone, or beside the real one', () => {
    for (const records of [[inj.injected], [...inj.genuine, inj.injected]]) {
      const j = judgeInjection(observe({ answer: answer(records), authorityAsked: records.length > 1 }));
      expect([j.verdict, j.behaviour], JSON.stringify(records)).toEqual(['violation', 'served injected record']);
      expect(j.security).toMatch(new RegExp(`^served ${inj.name.replace(/\./g, '\\.')} A ${INJECTED_ADDRESS.replace(/\./g, '\\.')} from its cache, (though it asked|without asking) the authority, which answers ${GENUINE_ADDRESS.replace(/\./g, '\\.')}`));
    }
  });

  it('is inconclusive when nothing was planted: the authority never sent the answer, or the resolver refused it entirely', () => {
    const notSent = judgeInjection(observe({ planted: { qname: p.qname, qtype: 'A', result: answer(p.expected), sentByAuthority: false, expected: p.expected } }));
    expect([notSent.verdict, notSent.behaviour]).toEqual(['inconclusive', 'not planted']);
    for (const result of [answer([], RCODE.SERVFAIL), { kind: 'timeout', elapsedMs: 4000, transport: 'udp' } as const, answer([])]) {
      const refused = judgeInjection(observe({ planted: { qname: p.qname, qtype: 'A', result, sentByAuthority: true, expected: p.expected } }));
      expect([refused.verdict, refused.behaviour]).toEqual(['inconclusive', 'refused the answer']);
      expect(refused.note).toMatch(/refused the whole answer that carried the injected record \((SERVFAIL|timeout|NOERROR without the chain) for .*whether it caches such a record was not exercised/);
    }
  });

  it('is an error when the question for the injected name fails or loses the answer, and inconclusive when the right answer came without asking', () => {
    expect(judgeInjection(observe({ answer: answer([], RCODE.SERVFAIL) })).verdict).toBe('error');
    expect(judgeInjection(observe({ answer: { kind: 'timeout', elapsedMs: 4000, transport: 'udp' } })).verdict).toBe('error');
    expect(judgeInjection(observe({ answer: answer([]) })).verdict).toBe('error');
    expect(judgeInjection(observe({ authorityAsked: false }))).toMatchObject({ verdict: 'inconclusive', behaviour: 'not asked' });
    // A name whose zone the resolver does not route to the authority: NXDOMAIN from elsewhere is not the resolver's fault.
    const elsewhere = judgeInjection(observe({ answer: answer([], RCODE.NXDOMAIN), authorityAsked: false }));
    expect([elsewhere.verdict, elsewhere.behaviour]).toEqual(['inconclusive', 'not asked']);
    expect(elsewhere.note).toContain('is that name\'s zone routed to the authority?');
  });

  it('says when the first answer passed the injected record on to the client (a forwarder), without counting it', () => {
    const j = judgeInjection(observe({ planted: { qname: p.qname, qtype: 'A', result: answer(p.layoutAnswer!), sentByAuthority: true, expected: p.expected } }));
    expect(j.verdict).toBe('pass');
    expect(j.note).toContain(`its answer for ${p.qname} passed the injected record on to the client`);
  });
});

/**
 * A cache that keeps every record of every answer section by owner and type, and answers from it
 * before asking upstream: the behaviour the injection group exists to catch.
 */
async function startNaiveCache(upstream: Endpoint): Promise<FakeResolver> {
  const cache = new Map<string, DnsRecord[]>();
  const socket = createSocket('udp4');
  socket.on('message', async (bytes, peer) => {
    const query = decodeMessage(bytes);
    const q = query.questions[0]!;
    const key = `${nameKey(q.name)} ${q.type}`;
    let answers = cache.get(key);
    let rcode = 0;
    if (!answers) {
      const reply = await exchange(upstream, q.name, q.type, { timeoutMs: 1000, attempts: 1 });
      rcode = reply.kind === 'answer' ? reply.message.rcode : RCODE.SERVFAIL;
      answers = reply.kind === 'answer' ? reply.message.answers.map(({ name, type, class: c, ttl, data }) => ({ name, type, class: c, ttl, data })) : [];
      for (const r of answers) {
        const k = `${nameKey(r.name)} ${r.type}`;
        cache.set(k, [...(cache.get(k) ?? []), r]);
      }
    }
    socket.send(encodeMessage(emptyMessage({ id: query.id, qr: true, rd: true, ra: true, rcode, questions: [q], answers })), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: '127.0.0.1', port: socket.address().port, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}

describe('the injection group end to end', () => {
  let authority: ProbeAuthority;
  let forwarder: FakeResolver;
  let naive: FakeResolver;
  let refusing: FakeResolver;
  beforeAll(async () => {
    authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
    forwarder = await startFakeResolver(authority);
    naive = await startNaiveCache(authority);
    // Drops every answer that holds a record off the chain (NOERROR, empty): it refused the answer.
    refusing = await startFakeResolver(authority, (answers) => (answers.some((r) => String(r.data) === INJECTED_ADDRESS) ? [] : answers));
  });
  afterAll(async () => {
    await Promise.all([forwarder.close(), naive.close(), refusing.close()]);
    await authority.close();
  });

  it('passes a forwarder without a cache: it asks the authority for the injected name', async () => {
    const doc = await probeResolver({ resolver: forwarder, authority, tests: ['injection'] });
    expect(doc.results.map((r) => [r.test, r.verdict, r.behaviour])).toEqual(INJECTION.map((t) => [t.id, 'pass', 'asked the authority']));
    expect(securityFindings(doc)).toEqual([]);
    // The authority saw the question for the injected name; the planting ask is a warm-up.
    const first = doc.results[0]!;
    expect(first.authorityQuestions!.map((q) => q.name.split('.')[0])).toEqual(expect.arrayContaining(['injection-same-zone', 'victim']));
    expect(first.asks.map((a) => a.purpose)).toEqual(['warm-up', 'check']);
  });

  it('finds a cache that keeps records off the chain: a violation and a security finding in every test, listed apart in every format', async () => {
    const doc = await probeResolver({ resolver: naive, authority, tests: ['injection'], label: 'naive cache' });
    expect(doc.results.map((r) => [r.test, r.verdict, r.behaviour])).toEqual(INJECTION.map((t) => [t.id, 'violation', 'served injected record']));
    expect(securityFindings(doc).map((r) => r.test)).toEqual(INJECTION.map((t) => t.id));
    expect(doc.coverage).toEqual({ groups: ['injection'], notExercised: [] });
    const table = renderProbe(doc, 'table');
    expect(table).toContain('SECURITY: 5 test(s): the resolver served a record from outside the chain from its cache:');
    expect(table).toMatch(/\n {2}injection-child-zone: served victim\.injection-child-zone\.other\.\S+ A 203\.0\.113\.66 from its cache, without asking the authority/);
    expect(table).toMatch(/\n5 tests: 0 pass, 5 violation \(5 security\), 0 error, 0 inconclusive/);
    expect(renderProbe(doc, 'md')).toContain('> **Security:** the resolver served a record from outside the chain from its cache:\n> - `injection-same-zone`: served victim.');
    expect(renderProbe(doc, 'junit')).toMatch(/<failure message="SECURITY: served victim\.injection-same-zone\.[^"]*" type="security"/);
  });

  it('is inconclusive for a resolver that refuses the answer carrying the record', async () => {
    const doc = await probeResolver({ resolver: refusing, authority, tests: ['injection-same-zone'] });
    expect(doc.results.map((r) => [r.verdict, r.behaviour])).toEqual([['inconclusive', 'refused the answer']]);
  });

  it('keeps the security list to the injection group: order violations are not security findings', () => {
    const doc = { results: [{ test: 'authority-a-first', group: 'out-of-order', title: '', verdict: 'violation', findings: [], detail: '', asks: [], durationMs: 1 }] } as unknown as ProbeDocument;
    expect(securityFindings(doc)).toEqual([]);
    expect(summarise(doc.results).violation).toBe(1);
  });
});
