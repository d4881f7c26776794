import { describe, expect, it } from 'vitest';
import { analyzeBytes, analyzeAnswer, expectedFromRecords } from '../../../src/order/index.js';
import {
  answerQuestion, canonicalLayout, getScenario, listScenarios, namedScenarios, scenarioQueryName,
  selectScenarios, factorial,
} from '../../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../../src/server/scenario-query.js';
import { decodeMessage } from '../../../src/wire/index.js';

const ZONE = 'order.test';

function primary(id: string, qtype?: string) {
  const s = getScenario(id)!;
  const qname = scenarioQueryName(s, ZONE, 'r1');
  const answer = answerQuestion(qname, qtype ?? s.queryType, ZONE)!;
  return { s, qname, answer };
}

describe('catalogue', () => {
  it('has the pinned ids, at least 30 named scenarios, and every permutation up to 4 hops', () => {
    for (const id of ['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'unrelated-first']) expect(getScenario(id), id).toBeDefined();
    expect(namedScenarios().length).toBeGreaterThanOrEqual(30);
    for (let k = 1; k <= 4; k++) expect(selectScenarios(`perm-${k}-*`)).toHaveLength(factorial(k + 1));
    expect(new Set(listScenarios().map((s) => s.id)).size).toBe(listScenarios().length);
  });

  it('pins the DESIGN.md default chain: www → cdn → edge ending in 192.0.2.1 and 192.0.2.2', () => {
    const { answer, qname } = primary('canonical');
    expect(answer.answers.map((r) => [r.name, r.type, r.data])).toEqual([
      [qname, 'CNAME', `cdn.${qname}`], [`cdn.${qname}`, 'CNAME', `edge.${qname}`],
      [`edge.${qname}`, 'A', '192.0.2.1'], [`edge.${qname}`, 'A', '192.0.2.2'],
    ]);
    expect(primary('canonical', 'AAAA').answer.expected.addresses).toEqual(['2001:db8::1', '2001:db8::2']);
  });

  it('lays out cname-last as the 2026-01-08 layout: terminal RRset first, then the chain in order', () => {
    const { answer } = primary('cname-last');
    expect(answer.answers.map((r) => r.type)).toEqual(['A', 'A', 'CNAME', 'CNAME']);
  });

  // The `conformant` flag is declared in the catalogue; the analyzer must agree on the bytes we serve.
  it.each(listScenarios().map((s) => [s.id]))('%s: declared conformance matches the analyzer on the encoded response', (id) => {
    const { s, qname, answer } = primary(id);
    const bytes = answerScenarioQuery({ name: qname, type: s.queryType }, { transport: 'tcp' });
    const analysis = analyzeBytes(bytes);
    const violations = analysis.findings.filter((f) => f.severity === 'violation').map((f) => f.rule);
    expect(violations.length === 0, `${id}: ${violations.join(', ') || 'no violation'}`).toBe(s.conformant);
  });

  // Expected results come from the records themselves, read as a set (RFC 1034 §5.2.2), so they cannot drift from the data.
  it.each(listScenarios().map((s) => [s.id]))('%s: expected result equals an order-free reading of the records', (id) => {
    const { s, qname, answer } = primary(id);
    const reordered = [...answer.answers].reverse();
    expect(expectedFromRecords(reordered, qname, s.queryType).addresses.sort()).toEqual([...answer.expected.addresses].sort());
    if (answer.expected.kind === 'addresses') {
      const canonicalOwner = answer.answers.find((r) => r.type === s.queryType && String(r.data) === answer.expected.addresses[0]);
      expect(canonicalOwner?.name.toLowerCase()).toBe(answer.expected.canonical!.toLowerCase());
    }
  });

  it('gives the documented results for the degenerate layouts', () => {
    expect(primary('cname-loop').answer.expected.kind).toBe('loop');
    expect(primary('dangling-cname').answer.expected.addresses).toEqual([]);
    expect(primary('terminal-only').answer.expected.addresses).toEqual([]);
    expect(primary('unrelated-instead').answer.expected.addresses).toEqual([]);
    expect(primary('unrelated-first').answer.expected.addresses).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(primary('long-33').answer.expected.addresses).toHaveLength(2);
    expect(primary('oversize-canonical').answer.expected.addresses).toHaveLength(40);
    expect(primary('dname-canonical').qname.startsWith('www.src.dname-canonical.')).toBe(true);
    expect(primary('dname-canonical').answer.expected.canonical).toMatch(/^www\.dst\.dname-canonical\./);
  });

  it('answers a follow-up for a chain target with the rest of the chain in order', () => {
    const follow = answerQuestion('cdn.chain-reversed.r1.order.test', 'A', ZONE)!;
    expect(follow.primary).toBe(false);
    expect(follow.answers.map((r) => r.type)).toEqual(['CNAME', 'A', 'A']);
    expect(follow.expected.addresses).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(answerQuestion('nosuch.chain-reversed.order.test', 'A', ZONE)).toBeUndefined();
    expect(answerQuestion('not-a-scenario.order.test', 'A', ZONE)).toBeUndefined();
    expect(answerQuestion('canonical.example.com', 'A', ZONE)).toBeUndefined();
  });

  it('keeps the letter case of owners as the scenario asks and the question as the client wrote it', () => {
    const { answer } = primary('owner-case-upper');
    expect(answer.answers[1]!.name).toBe(answer.answers[1]!.name.toUpperCase());
    expect(String(answer.answers[0]!.data)).toBe(String(answer.answers[0]!.data).toLowerCase());
    const mixed = answerQuestion('CaNoNiCaL.order.test', 'A', ZONE)!;
    expect(mixed.answers[0]!.name).toBe('CaNoNiCaL.order.test');
  });

  it('applies byte mutations to the malformed scenarios', () => {
    for (const id of ['count-mismatch', 'rdlength-mismatch']) {
      const { s, qname, answer } = primary(id);
      const bytes = answerScenarioQuery({ name: qname, type: s.queryType }, { transport: 'tcp' });
      expect(() => decodeMessage(bytes)).toThrowError(expect.objectContaining({ code: expect.stringMatching(/^ERR_/) }));
    }
  });

  it('perm-k-0 is canonical and every other permutation is flagged', () => {
    for (const s of selectScenarios('perm-*')) {
      const hops = s.chain.hops;
      expect(s.answer.length).toBe(hops + 1);
      expect(JSON.stringify(s.answer) === JSON.stringify(canonicalLayout(hops))).toBe(s.id.endsWith('-0'));
      const { qname, answer } = primary(s.id);
      expect(analyzeAnswer(answer.answers, { name: qname, type: 'A' }).conformant).toBe(s.conformant);
    }
  });
});

describe('names inside a scenario that are not chain hops', () => {
  it('answers the DNAME at its owner and NODATA (not NXDOMAIN) at empty non-terminals', () => {
    const dname = answerQuestion('src.dname-canonical.r1.order.test', 'DNAME', ZONE)!;
    expect(dname.answers.map((r) => [r.type, r.data])).toEqual([['DNAME', 'dst.dname-canonical.r1.order.test']]);
    const ent = answerQuestion('dname-canonical.r1.order.test', 'A', ZONE)!;
    expect(ent).toBeDefined();
    expect(ent.answers).toEqual([]);
    expect(answerQuestion('src.dname-canonical.r1.order.test', 'A', ZONE)!.answers).toEqual([]);
    // Still unknown: a label the scenario never uses.
    expect(answerQuestion('bogus.dname-canonical.r1.order.test', 'A', ZONE)).toBeUndefined();
  });
});
