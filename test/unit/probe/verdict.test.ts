import { describe, expect, it } from 'vitest';
import { planTest } from '../../../src/probe/plan.js';
import { probeTests } from '../../../src/probe/suite.js';
import { judgeAnswer, worse } from '../../../src/probe/verdict.js';
import type { ExchangeResult } from '../../../src/probe/exchange.js';
import { emptyMessage, type DnsRecord } from '../../../src/wire/message.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { encodeMessage } from '../../../src/wire/encode.js';

const plan = (id: string) => planTest(probeTests().find((t) => t.id === id)!, 'rverdict', 'probe.test');

function answer(answers: DnsRecord[], rcode = 0, qname = 'x'): ExchangeResult {
  const bytes = encodeMessage(emptyMessage({ id: 1, qr: true, rcode, questions: [{ name: qname, type: 'A' }], answers }));
  return { kind: 'answer', message: decodeMessage(bytes), transport: 'udp', truncatedOverUdp: false, elapsedMs: 1 };
}

describe('judgeAnswer', () => {
  const p = plan('authority-a-first');
  const expect_ = { qname: p.qname, qtype: 'A', expected: p.expected, authorityOrder: p.layoutAnswer };

  it('passes a complete answer in order and says the resolver reordered what the authority sent', () => {
    const j = judgeAnswer(answer(p.expected), expect_);
    expect([j.verdict, j.behaviour]).toEqual(['pass', 'reordered']);
  });

  it('finds a violation when the resolver passes the authority\'s order through', () => {
    const j = judgeAnswer(answer(p.layoutAnswer!), expect_);
    expect([j.verdict, j.behaviour]).toEqual(['violation', 'passed through']);
    expect(j.findings.map((f) => f.rule)).toContain('chain-start');
  });

  it('calls an in-order answer with missing records inconclusive, naming what was dropped', () => {
    const j = judgeAnswer(answer(p.expected.slice(0, 3)), expect_);
    expect([j.verdict, j.behaviour]).toEqual(['inconclusive', 'dropped records']);
    expect(j.note).toContain('192.0.2.2');
  });

  it('accepts SERVFAIL and a partial chain only where the test allows them (long chains)', () => {
    const long = plan('long-17');
    const longExpect = { qname: long.qname, qtype: 'A', expected: long.expected, accept: long.test.accept };
    expect(judgeAnswer(answer([], 2), longExpect)).toMatchObject({ verdict: 'pass', behaviour: 'servfail' });
    expect(judgeAnswer(answer(long.expected.slice(0, 9)), longExpect)).toMatchObject({ verdict: 'pass', behaviour: 'partial chain (9 hops)' });
    expect(judgeAnswer(answer([], 2), expect_)).toMatchObject({ verdict: 'error', note: 'SERVFAIL' });
  });

  it('never passes an answer that lost everything: empty NOERROR or only records of other names', () => {
    const long = plan('long-17');
    const longExpect = { qname: long.qname, qtype: 'A', expected: long.expected, accept: long.test.accept };
    expect(judgeAnswer(answer([]), longExpect)).toMatchObject({ verdict: 'error', behaviour: 'lost answer' });
    expect(judgeAnswer(answer([]), expect_)).toMatchObject({ verdict: 'error', behaviour: 'lost answer' });
    const stranger = [{ name: 'elsewhere.test', type: 'A', ttl: 1, data: '198.51.100.9' }];
    expect(judgeAnswer(answer(stranger), expect_).verdict).not.toBe('pass');
    // A partial chain that does not start at the query name is not a clean stop at a limit.
    expect(judgeAnswer(answer(long.expected.slice(3, 9)), longExpect).verdict).not.toBe('pass');
  });

  it('makes a timeout an error', () => {
    expect(judgeAnswer({ kind: 'timeout', elapsedMs: 4000, transport: 'udp' }, expect_).verdict).toBe('error');
  });

  it('ranks violation over error over inconclusive over pass', () => {
    expect(worse('pass', 'inconclusive')).toBe('inconclusive');
    expect(worse('error', 'inconclusive')).toBe('error');
    expect(worse('error', 'violation')).toBe('violation');
  });
});
