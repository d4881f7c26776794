// A probe test materialised for one run: the names (fresh labels under the
// run id, so no resolver has any of them cached), the records the authority
// holds, the authority's answer layout, and the answer a conformant resolver
// returns. Chain names are by role, as in src/scenarios (cdn, edge, hopN).

import type { LayoutItem } from '../scenarios/layout.js';
import { hopLabel, terminalAddress } from '../scenarios/materialise.js';
import type { DnsRecord } from '../wire/message.js';
import { LONG_TTL, type ProbeTestDefinition } from './suite.js';

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
}

/** Apex of the child zone for a run (`other.<run>.<zone>`), delegated by NS + glue to the authority itself. */
export function childZoneFor(runId: string, zone: string): string {
  return `other.${runId}.${zone}`;
}

export function runBase(runId: string, zone: string): string {
  return `${runId}.${zone}`;
}

/** Every other letter upper case: "CdN.LoNg..." (the case a resolver must keep or fold, never mistake for another name). */
export function mixedCase(name: string): string {
  let upper = true;
  return [...name].map((ch) => (/[a-z]/i.test(ch) ? ((upper = !upper) ? ch.toLowerCase() : ch.toUpperCase()) : ch)).join('');
}

function ttlOf(spec: number | number[] | undefined, hop: number): number {
  if (spec === undefined) return LONG_TTL;
  return typeof spec === 'number' ? spec : spec[hop] ?? LONG_TTL;
}

export function planTest(test: ProbeTestDefinition, runId: string, zone: string): ProbePlan {
  const base = `${test.id}.${runBase(runId, zone)}`;
  const childZone = childZoneFor(runId, zone);
  const { chain } = test;
  const hops = chain.hops;
  const names: string[] = [];
  if (chain.dname) {
    names.push(`www.src.${base}`, `www.dst.${base}`);
  } else {
    names.push(base);
    for (let hop = 1; hop <= hops; hop++) {
      const parent = chain.delegated?.includes(hop) ? `${test.id}.${childZone}` : base;
      names.push(`${hopLabel(hop, hops)}.${parent}`);
    }
  }
  const owner = (hop: number) => (hop > 0 && chain.mixedCase ? mixedCase(names[hop]!) : names[hop]!);
  const cname = (hop: number): DnsRecord => ({ name: owner(hop), type: 'CNAME', class: 'IN', ttl: ttlOf(chain.ttl?.cnames, hop), data: names[hop + 1]! });
  const count = chain.addresses ?? 2;
  const terminalTtl = chain.ttl?.terminal ?? LONG_TTL;
  const terminalOf = (type: 'A' | 'AAAA', n: number): DnsRecord[] =>
    Array.from({ length: n }, (_, i) => ({ name: owner(hops), type, class: 'IN', ttl: terminalTtl, data: terminalAddress(type, i) }));
  const other = test.qtype === 'A' ? 'AAAA' : 'A';
  // The terminal owner holds both address types, so a query for either is an answer or NODATA, never NXDOMAIN.
  const terminal = terminalOf(test.qtype, count);
  const otherTerminal = terminalOf(other, Math.max(count, 1));
  const dname: DnsRecord | undefined = chain.dname
    ? { name: `src.${base}`, type: 'DNAME', class: 'IN', ttl: ttlOf(chain.ttl?.cnames, 0), data: `dst.${base}` }
    : undefined;

  const records: DnsRecord[] = [];
  if (dname) records.push(dname);
  else for (let hop = 0; hop < hops; hop++) records.push(cname(hop));
  records.push(...terminal, ...otherTerminal);

  const byRole = (item: LayoutItem): DnsRecord[] => {
    if ('cname' in item) return [cname(item.cname)];
    if ('terminal' in item) return item.terminal === 'all' ? terminal : terminal.slice(item.terminal, item.terminal + 1);
    if ('dname' in item && dname) return [dname];
    throw new Error(`probe test ${test.id}: layout item ${JSON.stringify(item)} has no record here`);
  };
  const canonical = [...(dname ? [dname] : []), ...Array.from({ length: hops }, (_, hop) => cname(hop)), ...terminal];
  const chased = test.authority.answers === 'whole-chain';
  return {
    test, qname: names[0]!, qtype: test.qtype, names, records,
    chaseFrom: chased ? names.slice(0, hops) : [],
    layoutAnswer: test.authority.layout?.flatMap(byRole),
    expected: canonical,
    shortestTtl: Math.min(...[...canonical, ...otherTerminal].map((r) => r.ttl ?? LONG_TTL)),
    childZone,
  };
}
