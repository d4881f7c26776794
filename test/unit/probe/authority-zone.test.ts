import { describe, expect, it } from 'vitest';
import { ProbeZone } from '../../../src/probe/authority-zone.js';
import { planTest } from '../../../src/probe/plan.js';
import { probeTests } from '../../../src/probe/suite.js';

const RUN = 'rtest1';
const ZONE = 'probe.test';

function zoneWith(...ids: string[]) {
  const zone = new ProbeZone(ZONE, '127.0.0.1');
  const plans = ids.map((id) => planTest(probeTests().find((t) => t.id === id)!, RUN, ZONE));
  plans.forEach((p) => zone.addPlan(p));
  return { zone, plans };
}
const lines = (records: { name: string; type: string; data: unknown }[]) => records.map((r) => `${r.name} ${r.type} ${String(r.data)}`);

describe('ProbeZone', () => {
  it('sends the whole chain in one answer, in order, when the test says whole-chain', () => {
    const { zone, plans: [plan] } = zoneWith('whole-chain');
    const result = zone.lookup(plan!.qname, 'A');
    expect(result.aa).toBe(true);
    expect(lines(result.answers)).toEqual(lines(plan!.expected));
  });

  it('sends only the RRset at the name asked when the resolver must chase', () => {
    const { zone, plans: [plan] } = zoneWith('chase-three-hops');
    expect(lines(zone.lookup(plan!.qname, 'A').answers)).toEqual([`${plan!.names[0]} CNAME ${plan!.names[1]}`]);
    expect(zone.lookup(plan!.names[3]!, 'A').answers).toHaveLength(2);
  });

  it('answers the query name in the test\'s own order, and chain names asked directly in canonical order', () => {
    const { zone, plans: [plan] } = zoneWith('authority-a-first');
    expect(zone.lookup(plan!.qname, 'A').answers.map((r) => r.type)).toEqual(['A', 'A', 'CNAME', 'CNAME']);
    expect(zone.lookup(plan!.names[1]!, 'A').answers.map((r) => r.type)).toEqual(['CNAME', 'A', 'A']);
  });

  it('answers empty non-terminals NODATA (QNAME minimisation asks them) and unknown names NXDOMAIN, both with the SOA', () => {
    const { zone } = zoneWith('whole-chain');
    const ent = zone.lookup(`${RUN}.${ZONE}`, 'A');
    expect([ent.rcode, ent.answers.length, ent.authorities[0]!.type]).toEqual([0, 0, 'SOA']);
    expect(zone.lookup(`nothing.${RUN}.${ZONE}`, 'A').rcode).toBe(3);
  });

  it('answers names in the delegated child from the child zone itself (AA, its own SOA), never by a referral', () => {
    const { zone, plans: [plan] } = zoneWith('chase-delegated');
    const child = plan!.childZone;
    expect(plan!.names[1]!.endsWith(child)).toBe(true);
    const hop = zone.lookup(plan!.names[1]!, 'A');
    expect([hop.aa, hop.zone, hop.answers[0]!.type]).toEqual([true, child, 'CNAME']);
    expect(zone.lookup(child, 'NS').answers.map((r) => r.data)).toEqual([`ns.${child}`]);
    expect(zone.lookup(`ns.${child}`, 'A').answers.map((r) => r.data)).toEqual(['127.0.0.1']);
    // DS is the parent's: NODATA with the parent's SOA.
    expect(zone.lookup(child, 'DS').authorities[0]!.name).toBe(ZONE);
  });

  it('synthesizes a CNAME from a DNAME for names below it, echoing the query name', () => {
    const { zone, plans: [plan] } = zoneWith('dname-canonical');
    const other = `mail.src.dname-canonical.${RUN}.${ZONE}`;
    const result = zone.lookup(other, 'A');
    expect(result.answers.map((r) => r.type)).toEqual(['DNAME', 'CNAME']);
    expect(result.answers[1]).toMatchObject({ name: other, data: `mail.dst.dname-canonical.${RUN}.${ZONE}` });
    expect(lines(zone.lookup(plan!.qname, 'A').answers)).toEqual(lines(plan!.layoutAnswer!));
  });

  it('finds names in any letter case (0x20 resolvers) and keeps the owners as written', () => {
    const { zone, plans: [plan] } = zoneWith('mixed-case-owners');
    const result = zone.lookup(plan!.qname.toUpperCase(), 'A');
    expect(result.answers).toHaveLength(4);
    expect(result.answers[1]!.name).not.toBe(result.answers[1]!.name.toLowerCase());
  });
});
