import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../../../src/order/analyze.js';
import { planTest } from '../../../src/probe/plan.js';
import { PROBE_GROUPS, probeTests, selectProbeTests, SHORT_TTL } from '../../../src/probe/suite.js';
import { identity } from '../../../src/probe/verdict.js';

const plans = probeTests().map((t) => planTest(t, 'rsuite', 'probe.test'));

describe('the probe suite', () => {
  it('has unique ids in known groups, and covers every group the issue asks for', () => {
    const ids = probeTests().map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(probeTests().map((t) => t.group))).toEqual(new Set(PROBE_GROUPS));
    expect(ids).toEqual(expect.arrayContaining(['long-8', 'long-16', 'long-17', 'long-33', 'chase-delegated', 'large-answer']));
  });

  it('expects a canonical answer that the analyzer finds in order', () => {
    for (const plan of plans) {
      const analysis = analyzeAnswer(plan.expected, { name: plan.qname, type: plan.qtype });
      expect(analysis.conformant, plan.test.id).toBe(true);
    }
  });

  it('makes every out-of-order layout hold exactly the expected records, and break the order', () => {
    for (const plan of plans.filter((p) => p.layoutAnswer && p.test.group !== 'dname' || p.test.id === 'dname-cname-first' || p.test.id === 'dname-address-first')) {
      expect(plan.layoutAnswer!.map(identity).sort(), plan.test.id).toEqual(plan.expected.map(identity).sort());
      expect(analyzeAnswer(plan.layoutAnswer!, { name: plan.qname, type: plan.qtype }).conformant, plan.test.id).toBe(false);
    }
  });

  it('gives each test fresh names under the run id, and the partial-expiry tests one short TTL', () => {
    const other = probeTests().map((t) => planTest(t, 'rother', 'probe.test'));
    plans.forEach((p, i) => expect(p.qname).not.toBe(other[i]!.qname));
    for (const plan of plans.filter((p) => p.test.group === 'partial-expiry')) {
      expect(plan.shortestTtl, plan.test.id).toBe(SHORT_TTL);
      expect(plan.test.needs).toBe('refetch');
    }
  });

  it('selects by id, group and glob, and reports selectors that match nothing', () => {
    expect(selectProbeTests(['long-chain']).tests.map((t) => t.id)).toEqual(['long-8', 'long-16', 'long-17', 'long-33']);
    expect(selectProbeTests(['expiry-*']).tests.every((t) => t.id.startsWith('expiry-'))).toBe(true);
    expect(selectProbeTests(['whole-chain', 'nope']).unknown).toEqual(['nope']);
    expect(selectProbeTests(undefined).tests).toHaveLength(probeTests().length);
  });
});
