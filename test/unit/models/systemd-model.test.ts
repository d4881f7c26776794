// model-systemd on catalogue answers and a few built ones, in-process: what
// systemd-resolved 257's stub (127.0.0.53) re-emits for an upstream answer —
// the chain in canonical order, unrelated records dropped, a follow-up query
// when the chain dangles, at most 16 redirects, SERVFAIL for a reply its strict
// parser refuses — and what glibc getaddrinfo then reports from that reply.
import { describe, expect, it } from 'vitest';
import { models, type ModelQuestion } from '../../../src/models/index.js';
import { exchangeScenario } from '../../../src/server/scenario-exchange.js';
import { CNAME_REDIRECTS_MAX, resolvedStubReply } from '../../../src/models/systemd.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage, type DnsRecord } from '../../../src/wire/message.js';
import { scenarioCase, terminalName, ZONE } from './scenario-response.js';

const model = models.get('model-systemd')!;
const followUp = (q: ModelQuestion) => exchangeScenario(q, ZONE);

/** resolve() with a follow-up that records what it was asked. */
function resolveAsking(question: ModelQuestion, bytes: Buffer, answer: (q: ModelQuestion) => { udp: Uint8Array; tcp?: Uint8Array } = followUp) {
  const asked: string[] = [];
  const result = model.resolve(question, bytes, { followUp: (q) => (asked.push(q.name), answer(q)) });
  return { result, asked };
}

/** The stub's reply: its rcode and its answer section as "first-label TYPE" (with the CNAME target's first label). */
function stubAnswerOf(question: ModelQuestion, bytes: Buffer) {
  const reply = resolvedStubReply(question, bytes, { followUp });
  expect(Buffer.isBuffer(reply), JSON.stringify(reply)).toBe(true);
  const message = decodeMessage(reply as Buffer);
  return { rcode: message.rcode, owners: message.answers.map((r) => `${r.name.split('.')[0]} ${r.type}${r.type === 'CNAME' ? ` ${String(r.data).split('.')[0]}` : ''}`) };
}
/** The same for a catalogue scenario, CNAME targets left out. */
function stubAnswer(id: string) {
  const c = scenarioCase(id);
  const { rcode, owners } = stubAnswerOf(c.question, c.bytes);
  return { rcode, owners: owners.map((o) => o.replace(/ CNAME .*$/, ' CNAME')) };
}

/** A response to `name`/A with these records in its sections. */
function response(name: string, answers: DnsRecord[], sections: { authorities?: DnsRecord[]; rcode?: number } = {}): Buffer {
  return encodeMessage(emptyMessage({ id: 0x5a5a, qr: true, rd: true, ra: true, rcode: sections.rcode ?? 0,
    questions: [{ name, type: 'A', class: 'IN' }], answers, authorities: sections.authorities ?? [] }));
}
const cname = (owner: string, target: string): DnsRecord => ({ name: owner, type: 'CNAME', class: 'IN', ttl: 60, data: target });
const a = (owner: string, address: string): DnsRecord => ({ name: owner, type: 'A', class: 'IN', ttl: 60, data: address });
/** hop0.x.test → hop1.x.test → … → hop<n>.x.test */
const hops = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => cname(`hop${from + i}.x.test`, `hop${from + i + 1}.x.test`));

describe('model-systemd: the stub re-emits the chain in canonical order', () => {
  it('any order upstream → CNAMEs in chain order, then the addresses (as measured on 127.0.0.53)', () => {
    for (const s of ['cname-last', 'chain-reversed', 'terminal-split', 'cname-last-reversed']) {
      expect(stubAnswer(s), s).toEqual({ rcode: 0, owners: [`${s} CNAME`, 'cdn CNAME', 'edge A', 'edge A'] });
    }
  });

  it('drops a record owned off the chain', () => {
    expect(stubAnswer('unrelated-first').owners).toEqual(['unrelated-first CNAME', 'cdn CNAME', 'edge A', 'edge A']);
  });

  it('so glibc behind it gets both addresses in any order, with the chain end as AI_CANONNAME', () => {
    for (const s of ['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'cname-last-reversed', 'terminal-split',
      'terminal-split-first', 'one-hop-last', 'owner-case-mixed-last', 'unrelated-first', 'unrelated-between', 'duplicate-chain',
      'duplicate-terminal', 'rrsig-cname-last', 'dname-canonical', 'dname-after-cname', 'dname-last', 'zonemd-between', 'cname-last-aaaa']) {
      const c = scenarioCase(s);
      const { result, asked } = resolveAsking(c.question, c.bytes);
      expect(result, s).toEqual({ addresses: [c.t1, c.t2], canonical: terminalName(c), error: null });
      expect(asked, s).toEqual([]);
    }
  });
});

describe('model-systemd: a chain that dangles is asked for again (dns_stub_query_complete → dns_query_go)', () => {
  it.each(['dangling-cname', 'unrelated-instead'])('%s: asks for the chain\'s last name and returns what the server says there', (s) => {
    const c = scenarioCase(s);
    expect(model.resolve(c.question, c.bytes).error?.code).toBe('MODEL_NEEDS_FOLLOW_UP');
    const { result, asked } = resolveAsking(c.question, c.bytes);
    expect(asked).toEqual([terminalName(c)]);
    expect(result).toEqual({ addresses: [c.t1, c.t2], canonical: terminalName(c), error: null });
  });

  it('the follow-up answer is read the same way: a chain there is followed too, a NODATA there is no address', () => {
    const q = { name: 'hop0.x.test', type: 'A' as const };
    const first = response('hop0.x.test', hops(0, 2));
    const more = (x: ModelQuestion) => ({ udp: x.name === 'hop2.x.test' ? response(x.name, [...hops(2, 4), a('hop4.x.test', '192.0.2.9')]) : response(x.name, []) });
    expect(resolveAsking(q, first, more)).toEqual({ result: { addresses: ['192.0.2.9'], canonical: 'hop4.x.test', error: null }, asked: ['hop2.x.test'] });
    const nodata = resolveAsking(q, first, (x) => ({ udp: response(x.name, []) }));
    expect(nodata.asked).toEqual(['hop2.x.test']);
    expect(nodata.result.addresses).toEqual([]);
  });

  it('no record for the asked name at all is final: terminal-only is no address, and nothing is asked', () => {
    const c = scenarioCase('terminal-only');
    const { result, asked } = resolveAsking(c.question, c.bytes);
    expect(asked).toEqual([]);
    expect(result.addresses).toEqual([]);
    expect(result.error?.code).toBe('EAI_NONAME');
  });
});

describe('model-systemd: CNAME_REDIRECTS_MAX', () => {
  it('is 16: long-16 resolves, long-17 sends the 17 CNAMEs it collected and no address (glibc: EAI_NONAME)', () => {
    expect(CNAME_REDIRECTS_MAX).toBe(16);
    const ok = scenarioCase('long-16');
    expect(resolveAsking(ok.question, ok.bytes).result).toEqual({ addresses: [ok.t1, ok.t2], canonical: terminalName(ok), error: null });
    const reply = stubAnswer('long-17');
    expect(reply.rcode).toBe(0);
    expect(reply.owners).toHaveLength(17);
    expect(reply.owners.every((o) => o.endsWith(' CNAME'))).toBe(true);
    const tooLong = scenarioCase('long-17');
    const { result, asked } = resolveAsking(tooLong.question, tooLong.bytes);
    expect(asked).toEqual([]);
    expect(result).toMatchObject({ addresses: [], error: { code: 'EAI_NONAME' } });
  });

  it('a loop ends at the limit with no address and no query', () => {
    const c = scenarioCase('cname-loop');
    const { result, asked } = resolveAsking(c.question, c.bytes);
    expect(asked).toEqual([]);
    expect(result.addresses).toEqual([]);
  });

  it('counts the redirects of the follow-up too: 10 in the first answer and 7 in the follow-up are 17', () => {
    const q = { name: 'hop0.x.test', type: 'A' as const };
    const rest = (to: number) => (x: ModelQuestion) => ({ udp: response(x.name, [...hops(10, to), a(`hop${to}.x.test`, '192.0.2.9')]) });
    expect(resolveAsking(q, response('hop0.x.test', hops(0, 10)), rest(16)).result.addresses).toEqual(['192.0.2.9']);
    const tooMany = resolveAsking(q, response('hop0.x.test', hops(0, 10)), rest(17));
    expect(tooMany.asked).toEqual(['hop10.x.test']);
    expect(tooMany.result.addresses).toEqual([]);
  });
});

describe('model-systemd: what resolved reads from an upstream reply', () => {
  it.each(['rdlength-mismatch', 'count-mismatch'])('%s: the strict parser refuses it, the stub says SERVFAIL, glibc EAI_AGAIN', (s) => {
    expect(stubAnswer(s)).toEqual({ rcode: 2, owners: [] });
    const c = scenarioCase(s);
    expect(resolveAsking(c.question, c.bytes).result).toMatchObject({ addresses: [], error: { code: 'EAI_AGAIN' } });
  });

  it('an address of the asked name anywhere in the reply (here the authority section) answers it, and goes to the answer section', () => {
    const bytes = response('www.x.test', [], { authorities: [a('www.x.test', '192.0.2.7')] });
    expect(resolveAsking({ name: 'www.x.test', type: 'A' }, bytes)).toEqual({ result: { addresses: ['192.0.2.7'], canonical: 'www.x.test', error: null }, asked: [] });
  });

  it('the first matching CNAME in the reply is followed; a CNAME to itself ends the lookup', () => {
    const www = { name: 'www.x.test', type: 'A' as const };
    const bytes = response('www.x.test', [cname('www.x.test', 'one.x.test'), cname('www.x.test', 'two.x.test'), a('two.x.test', '192.0.2.2'), a('one.x.test', '192.0.2.1')]);
    // resolved follows www → one; the stub re-emits both CNAMEs of www and one's address only.
    expect(stubAnswerOf(www, bytes)).toEqual({ rcode: 0, owners: ['www CNAME one', 'www CNAME two', 'one A'] });
    // glibc follows every CNAME in turn (the last one, to two) and so takes no address from that reply (model-glibc; not measured).
    expect(resolveAsking(www, bytes).result.addresses).toEqual([]);
    const self = resolveAsking({ name: 'www.x.test', type: 'A' }, response('www.x.test', [cname('www.x.test', 'www.x.test')]));
    expect(self).toMatchObject({ result: { addresses: [] }, asked: [] });
  });

  it('passes an NXDOMAIN on: glibc says EAI_NONAME', () => {
    const bytes = response('nx.x.test', [], { rcode: 3 });
    expect(resolveAsking({ name: 'nx.x.test', type: 'A' }, bytes).result).toMatchObject({ addresses: [], error: { code: 'EAI_NONAME' } });
  });

  it('an NXDOMAIN that carries a CNAME for the name asked is NOERROR (dns_transaction_fix_rcode): the chain is followed', () => {
    const q = { name: 'hop0.x.test', type: 'A' as const };
    const bytes = response('hop0.x.test', [...hops(0, 1), a('hop1.x.test', '192.0.2.1')], { rcode: 3 });
    expect(stubAnswerOf(q, bytes)).toEqual({ rcode: 0, owners: ['hop0 CNAME hop1', 'hop1 A'] });
    expect(resolveAsking(q, bytes).result).toEqual({ addresses: ['192.0.2.1'], canonical: 'hop1.x.test', error: null });
  });

  it('a record repeated with TTL 0 and with another TTL fails dns_answer_add, so the whole parse: SERVFAIL', () => {
    const q = { name: 'www.x.test', type: 'A' as const };
    const repeated = (ttl: number) => response('www.x.test', [a('www.x.test', '192.0.2.1'), { ...a('WWW.x.test', '192.0.2.1'), ttl }]);
    expect(stubAnswerOf(q, repeated(0))).toEqual({ rcode: 2, owners: [] });
    expect(stubAnswerOf(q, repeated(30))).toEqual({ rcode: 0, owners: ['www A'] });
  });

  it('a reply to another question is INVALID_REPLY (dns_packet_is_reply_for): SERVFAIL, glibc EAI_AGAIN', () => {
    const bytes = response('other.x.test', [a('www.x.test', '192.0.2.1')]);
    expect(stubAnswerOf({ name: 'www.x.test', type: 'A' }, bytes)).toEqual({ rcode: 2, owners: [] });
    expect(resolveAsking({ name: 'WWW.x.test', type: 'A' }, response('www.X.test', [a('www.x.test', '192.0.2.1')])).result.addresses).toEqual(['192.0.2.1']);
  });
});
