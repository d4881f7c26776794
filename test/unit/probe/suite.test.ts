import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../../../src/order/analyze.js';
import { planTest } from '../../../src/probe/plan.js';
import { PROBE_GROUPS, probeTests, selectProbeTests, SHORT_TTL } from '../../../src/probe/suite.js';
import { identity } from '../../../src/probe/verdict.js';
import type { DnsRecord } from '../../../src/wire/message.js';

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
    // The injection group's layouts carry one record more on purpose (test/unit/probe/injection.test.ts).
    for (const plan of plans.filter((p) => p.layoutAnswer && p.test.group !== 'dname' && p.test.group !== 'injection' || p.test.id === 'dname-cname-first' || p.test.id === 'dname-address-first')) {
      expect(plan.layoutAnswer!.map(identity).sort(), plan.test.id).toEqual(plan.expected.map(identity).sort());
      expect(analyzeAnswer(plan.layoutAnswer!, { name: plan.qname, type: plan.qtype }).conformant, plan.test.id).toBe(false);
    }
  });

  it('sends a different layout in every test that gives one: no two tests send the same RRset order for the same chain', () => {
    // The RRsets in the order the authority sends them, by role (record order inside an RRset is free).
    const sequence = (p: (typeof plans)[number]) => {
      const out: string[] = [];
      for (const r of p.layoutAnswer!) {
        const role = roleOf(p, r);
        if (out.at(-1) !== role) out.push(role);
      }
      return out.join(' ');
    };
    const seen = new Map<string, string>();
    for (const plan of plans.filter((p) => p.layoutAnswer)) {
      const key = `${plan.qtype} ${JSON.stringify(plan.test.chain)} ${plan.test.injection?.owner ?? ''} ${sequence(plan)}`;
      expect(seen.get(key), `${plan.test.id} sends the layout of ${seen.get(key)}`).toBeUndefined();
      seen.set(key, plan.test.id);
    }
  });

  it('sends what each out-of-order test says it sends', () => {
    const described: Record<string, string> = {
      'authority-a-first': 'A cname0 cname1',
      'authority-reversed': 'A cname1 cname0',
      'authority-chain-reversed': 'cname1 cname0 A',
      // The split A RRset: no other probe test sends one (the seeded shuffle it replaced came out reversed).
      'authority-shuffled': 'cname1 A cname0 A',
      'authority-a-first-aaaa': 'AAAA cname0 cname1',
    };
    for (const plan of plans.filter((p) => p.test.group === 'out-of-order' || p.test.id === 'authority-a-first-aaaa')) {
      expect(plan.layoutAnswer!.map((r) => roleOf(plan, r)).filter((role, i, all) => role !== all[i - 1]).join(' '), plan.test.id).toBe(described[plan.test.id]);
      const roles = described[plan.test.id]!.split(' ');
      const split = roles.filter((role) => role === plan.qtype).length > 1;
      expect(/split/i.test(plan.test.title), `${plan.test.id}: "${plan.test.title}"`).toBe(split);
      if (/reverse/i.test(plan.test.title)) expect(described[plan.test.id]).toMatch(/cname1 cname0/);
      if (/A RRset first|a-first/i.test(plan.test.title)) expect(roles[0]).toBe(plan.qtype);
    }
    expect(Object.keys(described).every((id) => plans.some((p) => p.test.id === id))).toBe(true);
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
    // The opt-in groups (injection) run only when named.
    expect(selectProbeTests(undefined).tests).toHaveLength(probeTests().filter((t) => t.group !== 'injection').length);
    expect(selectProbeTests(['all']).tests).toEqual(selectProbeTests(undefined).tests);
    expect(selectProbeTests(['injection']).tests.map((t) => t.id)).toEqual(['injection-same-zone', 'injection-same-zone-first', 'injection-child-zone', 'injection-parent-zone', 'injection-outside-zone']);
    expect(selectProbeTests(['all', 'injection-child-zone']).tests.filter((t) => t.group === 'injection').map((t) => t.id)).toEqual(['injection-child-zone']);
  });
});

/** A record's role in its plan's chain: cnameN (owner = chain name N), DNAME, or the address type. */
function roleOf(plan: (typeof plans)[number], r: DnsRecord): string {
  if (r.type === 'CNAME') return `cname${plan.names.findIndex((n) => n === r.name.toLowerCase())}`;
  return r.type;
}
