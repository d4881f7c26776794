// A scenario's answer to one question: which records, in which order, and what
// an RFC 1034 §5.2.2 client should make of them. Follow-up queries for names
// inside a chain (a client chasing a CNAME target itself) get the canonical
// rest of the chain from that name.

import { expectedFromRecords, type ExpectedResult } from '../order/chain.js';
import { emptyMessage, type DnsMessage, type DnsRecord, type Question } from '../wire/message.js';
import { nameKey, nameToLabels, labelsToName } from '../rdata/name.js';
import { getScenario, type Scenario } from './catalogue-index.js';
import { canonicalLayout } from './catalogue.js';
import { chainFor, materialise } from './materialise.js';

export interface ScenarioAnswer {
  scenario: Scenario;
  answers: DnsRecord[];
  additionals: DnsRecord[];
  expected: ExpectedResult;
  /** True when the question was the scenario's own (not a follow-up for a chain target). */
  primary: boolean;
  /** The zone the scenarios are served under, as given (what a server for this answer serves). */
  zone: string;
}

export interface ScenarioName {
  scenario: Scenario;
  /** `<id>[.extra labels].<zone>` as the client wrote it. */
  base: string;
  /** Labels in front of the scenario label, as written ('' when none). */
  prefix: string;
}

/** Finds the scenario a name under `zone` addresses: the leftmost label that is a scenario id. */
export function parseScenarioName(qname: string, zone: string): ScenarioName | undefined {
  let labels: Buffer[];
  let zoneLabels: Buffer[];
  try {
    labels = nameToLabels(qname);
    zoneLabels = nameToLabels(zone);
  } catch {
    return undefined;
  }
  const inside = labels.length - zoneLabels.length;
  if (inside <= 0 || nameKey(labelsToName(labels.slice(inside))) !== nameKey(zone)) return undefined;
  for (let i = 0; i < inside; i++) {
    const scenario = getScenario(labels[i]!.toString('latin1'));
    if (scenario) {
      return { scenario, base: labelsToName(labels.slice(i)), prefix: labelsToName(labels.slice(0, i)).replace(/^\.$/, '') };
    }
  }
  return undefined;
}

/** A scenario's records for one question, without the expected client result (what a server needs). */
export type ScenarioRecords = Omit<ScenarioAnswer, 'expected'>;

/**
 * The records for a question under the scenario zone, in order, or undefined
 * when no scenario owns the name. The primary question gets the scenario's
 * layout; a follow-up for a chain target the canonical rest of the chain.
 */
export function scenarioRecords(qname: string, qtype: string, zone: string): ScenarioRecords | undefined {
  const parsed = parseScenarioName(qname, zone);
  if (!parsed) return undefined;
  const { scenario, base, prefix } = parsed;
  const expectedPrefix = scenario.queryPrefix ?? '';
  if (nameKey(prefix || '.') === nameKey(expectedPrefix || '.')) {
    return { scenario, ...materialise(scenario, { qname, qtype, zone }), primary: true, zone };
  }
  // A follow-up: find the hop of the primary chain that the client asked about.
  const primaryName = expectedPrefix ? `${expectedPrefix}.${base}` : base;
  const chain = chainFor(scenario.chain, primaryName, qtype);
  const hop = chain.names.findIndex((n) => nameKey(n) === nameKey(qname));
  if (hop < 0) return ownerOrAncestor(scenario, qname, qtype, primaryName, zone);
  const rest = canonicalLayout(chain.names.length - 1).slice(hop);
  const full = materialise({ ...scenario, answer: rest, additional: [] }, { qname: primaryName, qtype, zone });
  return { scenario, answers: full.answers, additionals: [], primary: false, zone };
}

/** The records for a question and what an RFC 1034 §5.2.2 client should make of them. */
export function answerQuestion(qname: string, qtype: string, zone: string): ScenarioAnswer | undefined {
  const records = scenarioRecords(qname, qtype, zone);
  return records && { ...records, expected: expectedFromRecords(records.answers, qname, qtype) };
}

/**
 * A name that is not a chain hop but still exists in the scenario: the owner
 * of one of its records (the DNAME at src.<base>, say) answers with those
 * records of the type asked, and an ancestor of any owner (an empty
 * non-terminal such as <base> for DNAME scenarios) is NODATA, never NXDOMAIN
 * (RFC 8020: NXDOMAIN would deny everything below it).
 */
function ownerOrAncestor(scenario: Scenario, qname: string, qtype: string, primaryName: string, zone: string): ScenarioRecords | undefined {
  const records = materialise(scenario, { qname: primaryName, qtype, zone });
  const all = [...records.answers, ...records.additionals];
  const key = nameKey(qname);
  const owned = all.filter((r) => nameKey(r.name) === key);
  const below = all.some((r) => nameKey(r.name).endsWith(`.${key}`)) || nameKey(primaryName).endsWith(`.${key}`);
  if (owned.length === 0 && !below) return undefined;
  return { scenario, answers: owned.filter((r) => r.type === qtype.toUpperCase()), additionals: [], primary: false, zone };
}

/** The last name of the scenario's chain for this question (what a client that follows the chain itself asks for); undefined when there is no chain. */
export function chainEndName(qname: string, qtype: string, zone: string): string | undefined {
  const parsed = parseScenarioName(qname, zone);
  if (!parsed) return undefined;
  const end = chainFor(parsed.scenario.chain, qname, qtype).terminalOwner;
  return nameKey(end) === nameKey(qname) ? undefined : end;
}

/**
 * What a client that follows the chain itself gets: the addresses the server
 * answers for the last name of the scenario's chain (a follow-up query, which
 * gets the canonical rest of the chain). Empty when that name has none.
 */
export function chainEndAddresses(qname: string, qtype: string, zone: string): string[] {
  const end = chainEndName(qname, qtype, zone);
  return end ? answerQuestion(end, qtype, zone)?.expected.addresses ?? [] : [];
}

/** The name a client asks to exercise `scenario` under `zone`, with optional extra labels to defeat caches. */
export function scenarioQueryName(scenario: Scenario, zone: string, extraLabels?: string): string {
  const base = [scenario.id, extraLabels, zone.replace(/\.$/, '')].filter(Boolean).join('.');
  return scenario.queryPrefix ? `${scenario.queryPrefix}.${base}` : base;
}

/**
 * The complete response message a recursive resolver would send for a scenario
 * answer, before encoding: what `encodeScenarioResponse` (src/server/scenario-query.ts)
 * reads the question and header from. Octets come only from the server's responder.
 */
export function scenarioResponseMessage(answer: ScenarioAnswer, question: Question, header: { id?: number; rd?: boolean } = {}): DnsMessage {
  return emptyMessage({
    id: header.id ?? 0, qr: true, rd: header.rd ?? true, ra: true,
    questions: [question], answers: answer.answers, additionals: answer.additionals,
  });
}
