import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeAnswer, analyzeBytes } from '../../src/order/index.js';
import { factorial, permutationByIndex } from '../../src/scenarios/index.js';
import { decodeMessage, emptyMessage, encodeMessage, type DnsRecord } from '../../src/wire/index.js';

/** A chain of `hops` CNAMEs from qname plus a terminal RRset of `terminal` A records, as RRsets in canonical order. */
function chainRrsets(qname: string, hops: number, terminal: number, names: string[]): DnsRecord[][] {
  const all = [qname, ...names.slice(0, hops)];
  const sets: DnsRecord[][] = [];
  for (let i = 0; i < hops; i++) sets.push([{ name: all[i]!, type: 'CNAME', ttl: 60, data: all[i + 1]! }]);
  sets.push(Array.from({ length: terminal }, (_, j) => ({ name: all[hops]!, type: 'A', ttl: 60, data: `192.0.2.${j + 1}` })));
  return sets;
}

describe('analyzer over every permutation of 1–5 hop chains', () => {
  it('flags exactly the non-canonical orders (exhaustive, 872 layouts, compressed and not)', () => {
    let checked = 0;
    for (let hops = 1; hops <= 5; hops++) {
      const sets = chainRrsets('www.example', hops, 2, Array.from({ length: hops }, (_, i) => `h${i + 1}.example`));
      for (let index = 0; index < factorial(hops + 1); index++) {
        const order = permutationByIndex(hops + 1, index);
        const answers = order.flatMap((i) => sets[i]!);
        const question = { name: 'www.example', type: 'A' };
        expect(analyzeAnswer(answers, question).conformant, `${hops} hops, order ${order}`).toBe(index === 0);
        for (const compress of [true, false]) {
          const bytes = encodeMessage(emptyMessage({ qr: true, questions: [question], answers }), { compress });
          expect(analyzeBytes(bytes).conformant).toBe(index === 0);
        }
        checked++;
      }
    }
    expect(checked).toBe(2 + 6 + 24 + 120 + 720);
  });

  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/);
  it('holds for random names, letter case and RRset sizes', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.uniqueArray(label, { minLength: 7, maxLength: 7 }),
      fc.boolean(), fc.nat(),
      (hops, terminal, labels, upper, seed) => {
        const qname = `${labels[6]}.test`;
        const names = labels.slice(0, 5).map((l) => `${l}.${upper ? 'TEST' : 'test'}`);
        const sets = chainRrsets(qname, hops, terminal, names);
        const index = seed % factorial(hops + 1);
        const answers = permutationByIndex(hops + 1, index).flatMap((i) => sets[i]!);
        const analysis = analyzeAnswer(answers, { name: qname.toUpperCase(), type: 'A' });
        expect(analysis.conformant).toBe(index === 0);
        expect(analysis.chain.terminalIndexes).toHaveLength(terminal);
      },
    ), { numRuns: 500 });
  });

  it('names the record positions involved in each violation, within the section', () => {
    const sets = chainRrsets('q.test', 2, 2, ['a.test', 'b.test']);
    const analysis = analyzeAnswer([...sets[2]!, ...sets[0]!, ...sets[1]!], { name: 'q.test', type: 'A' });
    const rules = analysis.findings.map((f) => f.rule);
    expect(rules).toContain('chain-start');
    expect(rules).toContain('terminal-after-chain');
    for (const f of analysis.findings) for (const i of f.records) expect(i).toBeLessThan(4);
    expect(analysis.findings.find((f) => f.rule === 'chain-start')!.records).toEqual([0]);
  });
});

describe('encode → decode', () => {
  const label = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
  const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
  const record: fc.Arbitrary<DnsRecord> = fc.oneof(
    fc.record({ name, type: fc.constant('A'), ttl: fc.nat(), data: fc.ipV4() }),
    fc.record({ name, type: fc.constant('CNAME'), ttl: fc.nat(), data: name }),
    fc.record({ name, type: fc.constant('NS'), ttl: fc.nat(), data: name }),
    fc.record({ name, type: fc.constant('MX'), ttl: fc.nat(), data: fc.record({ preference: fc.nat(65535), exchange: name }) }),
    fc.record({ name, type: fc.constant('TXT'), ttl: fc.nat(), data: fc.array(fc.uint8Array({ maxLength: 40 }).map((u) => Buffer.from(u)), { minLength: 1, maxLength: 3 }) }),
    fc.record({ name, type: fc.constantFrom('TYPE65280', 'SVCB', 'HTTPS'), ttl: fc.nat(), data: fc.uint8Array({ maxLength: 30 }).map((u) => Buffer.from(u)) }),
    fc.record({ name, type: fc.constant('ZONEMD'), ttl: fc.nat(), data: fc.record({
      serial: fc.nat(), scheme: fc.nat(255), algorithm: fc.nat(255), digest: fc.uint8Array({ minLength: 12, maxLength: 64 }).map((u) => Buffer.from(u)) }) }),
  );
  const strip = (rs: DnsRecord[]) => rs.map(({ name, type, ttl, data }) => ({ name, type, ttl, data }));

  it('preserves order, names, types and data, compressed and uncompressed; re-encoding gives the same bytes', () => {
    fc.assert(fc.property(name, fc.array(record, { maxLength: 12 }), fc.array(record, { maxLength: 4 }), fc.boolean(), (qname, answers, additionals, compress) => {
      const message = emptyMessage({ id: 9, qr: true, questions: [{ name: qname, type: 'A' }], answers, additionals });
      const bytes = encodeMessage(message, { compress });
      const decoded = decodeMessage(bytes);
      expect(strip(decoded.answers)).toEqual(strip(answers));
      expect(strip(decoded.additionals)).toEqual(strip(additionals));
      expect(decoded.questions[0]!.name).toBe(qname);
      expect(encodeMessage(decoded, { compress })).toEqual(bytes);
    }), { numRuns: 400 });
  });
});
