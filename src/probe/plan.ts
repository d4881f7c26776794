// A probe test materialised for one run: the names (fresh labels under the
// run id, so no resolver has any of them cached), the records the authority
// holds, the authority's answer layout, and the answer a conformant resolver
// returns. The chain is a ChainShape and its records come from the scenario
// catalogue's materialiser (src/scenarios/materialise.ts chainRecords), so
// names are by role there and here alike (cdn, edge, hopN).

import type { LayoutItem } from '../scenarios/layout.js';
import { chainRecords } from '../scenarios/materialise.js';
import type { DnsRecord } from '../wire/message.js';
import { LONG_TTL, type ProbeInjectionOwner, type ProbeTestDefinition } from './suite.js';
import { ProbeError } from './errors.js';

export interface ProbePlan {
  test: ProbeTestDefinition;
  qname: string;
  qtype: 'A' | 'AAAA';
  /** Chain names in lower case, index 0 = the query name, the last = the terminal owner. */
  names: string[];
  /** Everything the authority holds for this test. */
  records: DnsRecord[];
  /** Owners (lower case) whose CNAME the authority follows inside its zone when answering. */
  chaseFrom: string[];
  /** The authority's answer to (qname, qtype) when the test gives a layout. */
  layoutAnswer?: DnsRecord[];
  /** The answer a conformant resolver returns, in canonical order. */
  expected: DnsRecord[];
  /** Shortest TTL in the chain, seconds. */
  shortestTtl: number;
  /** Apex of the child zone delegated to the same authority. */
  childZone: string;
  /** The injection group: the record the answer to the query name carries for another name, and that name's own. */
  injection?: ProbeInjection;
}

export interface ProbeInjection {
  /** The injected record's owner (lower case): a name the authority answers for itself. */
  name: string;
  /** The record in the answer to the query name (an `unrelated` layout item): not what the authority holds for `name`. */
  injected: DnsRecord;
  /** What the authority answers for (name, A) itself. */
  genuine: DnsRecord[];
}

/** The address the authority slips into an answer about another name (TEST-NET-3: never one of a chain's). */
export const INJECTED_ADDRESS = '203.0.113.66';
/** The injected name's own address, as the authority answers it. */
export const GENUINE_ADDRESS = '198.51.100.7';

/** Apex of the child zone for a run (`other.<run>.<zone>`), delegated by NS + glue to the authority itself. */
export function childZoneFor(runId: string, zone: string): string {
  return `other.${runId}.${zone}`;
}

/**
 * A zone beside the probe zone, outside it (`probe-outside.test` for `probe.test`), that the authority
 * serves too: the injection group's out-of-bailiwick name lives there.
 */
export function outsideZoneFor(zone: string): string {
  const labels = zone.replace(/\.$/, '').split('.');
  return [`${labels[0]}-outside`, ...labels.slice(1)].join('.');
}

export function runBase(runId: string, zone: string): string {
  return `${runId}.${zone}`;
}

export function planTest(test: ProbeTestDefinition, runId: string, zone: string): ProbePlan {
  const base = `${test.id}.${runBase(runId, zone)}`;
  const childZone = childZoneFor(runId, zone);
  const { chain: shape } = test;
  const childBase = `${test.id}.${childZone}`;
  const qname = shape.dname ? `www.src.${base}` : shape.delegated?.includes(0) ? childBase : base;
  const outsideBase = `${test.id}.${runBase(runId, outsideZoneFor(zone))}`;
  const injection = test.injection ? injectionFor(test.injection.owner, base, childBase, outsideBase) : undefined;
  const chain = chainRecords(shape, {
    qname, qtype: test.qtype, zone, ttl: LONG_TTL, base, delegatedBase: childBase, unrelated: injection?.injected, owner: `probe test ${test.id}`,
  });
  const names = chain.chain.names;
  const hops = names.length - 1;
  const count = shape.terminalRecords ?? 2;
  const other = test.qtype === 'A' ? 'AAAA' : 'A';
  // The terminal owner holds both address types, so a query for either is an answer or NODATA, never NXDOMAIN.
  const terminal = chain.terminal(test.qtype, count);
  const otherTerminal = chain.terminal(other, Math.max(count, 1));
  const dname = shape.dname ? chain.dname() : undefined;
  const cnames = dname ? [] : Array.from({ length: hops }, (_, hop) => chain.cname(hop));

  const records: DnsRecord[] = [...(dname ? [dname] : cnames), ...terminal, ...otherTerminal];
  if (injection) records.push(...injection.genuine);

  const layout = test.authority.layout;
  const unplaceable = layout?.find((item) => !('cname' in item || 'terminal' in item || ('dname' in item && dname) || ('unrelated' in item && injection)));
  if (unplaceable) throw new ProbeError('ERR_PROBE_PLAN', `probe test ${test.id}: layout item ${JSON.stringify(unplaceable)} has no record here`);
  const canonical = [...(dname ? [dname] : []), ...Array.from({ length: hops }, (_, hop) => chain.cname(hop)), ...terminal];
  const chased = test.authority.answers === 'whole-chain';
  return {
    test, qname: names[0]!, qtype: test.qtype, names, records,
    chaseFrom: chased ? names.slice(0, hops) : [],
    layoutAnswer: layout && chain.layout(layout),
    expected: canonical,
    shortestTtl: Math.min(...[...canonical, ...otherTerminal].map((r) => r.ttl ?? LONG_TTL)),
    childZone,
    ...(injection ? { injection } : {}),
  };
}

/** The injected name and its two records: one slipped into the answer, one the authority answers for the name itself. */
function injectionFor(owner: ProbeInjectionOwner, base: string, childBase: string, outsideBase: string): ProbeInjection {
  // same-zone and parent-zone: a name beside the test's base in the parent zone; child-zone: one in the child zone.
  const name = `victim.${owner === 'child-zone' ? childBase : owner === 'outside-zone' ? outsideBase : base}`;
  const record = (data: string): DnsRecord => ({ name, type: 'A', class: 'IN', ttl: LONG_TTL, data });
  return { name, injected: record(INJECTED_ADDRESS), genuine: [record(GENUINE_ADDRESS)] };
}
