// Lookup over the catalogue, with defaults filled in and ids checked once at load.

import { CATALOGUE_DEFINITIONS } from './catalogue.js';
import { DnsorderError } from '../errors.js';
import type { ScenarioDefinition, ScenarioOptions } from './layout.js';
import { queryPrefix } from './materialise.js';
import { specReference } from '../spec/references.js';
import { selectByGlobs } from '../text/glob.js';

export interface Scenario extends ScenarioDefinition {
  options: ScenarioOptions;
  /** The type a client should ask for. */
  queryType: 'A' | 'AAAA';
  /** Labels a client puts in front of `<id>...` (DNAME scenarios ask below the DNAME owner). */
  queryPrefix?: string;
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function complete(def: ScenarioDefinition): Scenario {
  if (!ID_PATTERN.test(def.id)) throw new DnsorderError('ERR_INTERNAL', `scenario id "${def.id}" is not lowercase-hyphenated`);
  for (const ref of def.spec) specReference(ref); // unknown references fail at load time
  return {
    ...def,
    options: { compress: true, truncation: 'empty', ...def.options },
    queryType: def.qtype ?? 'A',
    queryPrefix: queryPrefix(def),
  };
}

const SCENARIOS: readonly Scenario[] = CATALOGUE_DEFINITIONS.map(complete);
const BY_ID = new Map(SCENARIOS.map((s) => [s.id, s]));
if (BY_ID.size !== SCENARIOS.length) throw new DnsorderError('ERR_INTERNAL', 'duplicate scenario id in the catalogue');

export function listScenarios(): readonly Scenario[] {
  return SCENARIOS;
}

export function getScenario(id: string): Scenario | undefined {
  return BY_ID.get(id.toLowerCase());
}

/** Scenarios matching a comma-separated list of ids or globs (`perm-3-*`, `*-aaaa`); all when empty. */
export function selectScenarios(patterns?: string | readonly string[]): Scenario[] {
  const list = (typeof patterns === 'string' ? patterns.split(',') : patterns ?? []).map((p) => p.trim()).filter(Boolean);
  if (list.length === 0 || list.includes('all')) return [...SCENARIOS];
  return selectByGlobs(SCENARIOS, list, (s, pattern) => pattern.test(s.id), 'i').chosen;
}

/** The named scenarios, without the generated permutations and shuffles. */
export function namedScenarios(): Scenario[] {
  return SCENARIOS.filter((s) => s.category !== 'permutation' && s.category !== 'shuffle');
}
