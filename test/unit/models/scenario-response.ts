// Test helper: a catalogue scenario as the octets a stub library receives over
// TCP (complete, no truncation), with the names its expectations talk about.
import { getScenario, scenarioQueryName } from '../../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../../src/server/scenario-query.js';
import { UNRELATED_A, UNRELATED_AAAA } from '../../../src/scenarios/materialise.js';
import type { ModelQuestion } from '../../../src/models/index.js';

export const ZONE = 'order.test';

export interface ScenarioCase {
  question: ModelQuestion;
  bytes: Buffer;
  /** The chain's names: [qname, cdn.qname, edge.qname] for the two-hop scenarios. */
  names: string[];
  /** The two terminal addresses and the unrelated one, for the scenario's query type. */
  t1: string;
  t2: string;
  unrelated: string;
}

export function scenarioCase(id: string): ScenarioCase {
  const scenario = getScenario(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const name = scenarioQueryName(scenario, ZONE);
  const bytes = answerScenarioQuery({ name, type: scenario.queryType }, { zone: ZONE, transport: 'tcp' });
  const aaaa = scenario.queryType === 'AAAA';
  const hops = scenario.chain.hops;
  const label = (hop: number) => (hops === 1 ? 'edge' : hops === 2 ? (hop === 1 ? 'cdn' : 'edge') : `hop${hop}`);
  const names = scenario.chain.dname
    ? [name, name.replace(/^www\.src\./, 'www.dst.')]
    : [name, ...Array.from({ length: hops }, (_, i) => `${label(i + 1)}.${name}`)];
  return {
    question: { name, type: scenario.queryType }, bytes, names,
    t1: aaaa ? '2001:db8::1' : '192.0.2.1', t2: aaaa ? '2001:db8::2' : '192.0.2.2',
    unrelated: aaaa ? UNRELATED_AAAA : UNRELATED_A,
  };
}

/** The last name of the chain (where the terminal RRset lives). */
export function terminalName(c: ScenarioCase): string {
  return c.names[c.names.length - 1]!;
}
