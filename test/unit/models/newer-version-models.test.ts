// The models of newer library versions (Debian 13): musl 1.2.5 and Go 1.24,
// and where they part from the models of the versions before them.
import { describe, expect, test } from 'vitest';
import { DEFAULT_SCENARIO_ZONE } from '../../../src/server/index.js';
import { exchangeScenario } from '../../../src/server/scenario-exchange.js';
import { resolveScenarioName } from '../../../src/matrix/model-clients.js';
import { models } from '../../../src/models/index.js';
import { getScenario, scenarioQueryName } from '../../../src/scenarios/index.js';
import { scenarioCase } from './scenario-response.js';

const ZONE = DEFAULT_SCENARIO_ZONE;

/** What `id` returns for scenario `scenario` as served (UDP, TC → TCP, and the other questions the model asks). */
function served(id: string, scenario: string) {
  const s = getScenario(scenario)!;
  const name = scenarioQueryName(s, ZONE);
  return { name, result: resolveScenarioName(models.get(id)!, { name, qtype: s.queryType }, ZONE) };
}

describe('model-musl-1.2.5: TC → TCP since 1.2.4', () => {
  test.each(['long-33', 'oversize-canonical', 'oversize-cname-last'])('%s: 1.2.3 reads the truncated UDP answer, 1.2.5 the TCP one', (scenario) => {
    const old = served('model-musl', scenario).result;
    const now = served('model-musl-1.2.5', scenario).result;
    expect(old.addresses.length).toBe(0);
    expect(now.error).toBeNull();
    expect(now.addresses.length).toBeGreaterThanOrEqual(2);
  });

  test('without the TCP answer it says it needs one, instead of guessing', () => {
    const s = getScenario('oversize-canonical')!;
    const name = scenarioQueryName(s, ZONE);
    const { udp } = exchangeScenario({ name, type: 'A' }, ZONE);
    expect(models.resolve('model-musl-1.2.5', { name, type: 'A' }, udp).error?.code).toBe('MODEL_NEEDS_TCP');
  });

  test('owners are still never read: unrelated records are returned', () => {
    const c = scenarioCase('unrelated-first');
    expect(models.resolve('model-musl-1.2.5', c.question, c.bytes).addresses).toContain(c.unrelated);
  });

  test('an answer with no address of the asked type is EAI_NODATA (1.2.3: EAI_NONAME)', () => {
    const c = scenarioCase('dangling-cname');
    expect(models.resolve('model-musl-1.2.5', c.question, c.bytes).error?.code).toBe('EAI_NODATA');
    expect(models.resolve('model-musl', c.question, c.bytes).error?.code).toBe('EAI_NONAME');
  });
});

describe('model-go-1.24: LookupCNAME races its A, AAAA and CNAME replies', () => {
  test('a two-hop chain: cdn (CNAME reply first) or edge (A reply first), edge for replies in query order', () => {
    const { name, result } = served('model-go-1.24', 'canonical');
    expect(result.addresses).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(result.canonical).toBe(`edge.${name}.`);
    expect(result.canonicalOneOf?.sort()).toEqual([`cdn.${name}.`, `edge.${name}.`]);
  });

  test('one hop: both replies give the same name, so there is no race to report', () => {
    const { name, result } = served('model-go-1.24', 'one-hop');
    expect(result.canonical).toBe(`edge.${name}.`);
    expect(result.canonicalOneOf).toBeUndefined();
  });

  test('no chain: the CNAME reply is NODATA and sets nothing', () => {
    const { name, result } = served('model-go-1.24', 'no-chain');
    expect(result.canonical).toBe(`${name}.`);
    expect(result.canonicalOneOf).toBeUndefined();
  });

  test('AAAA: the AAAA reply and the CNAME reply race the same way', () => {
    const { name, result } = served('model-go-1.24', 'canonical-aaaa');
    expect(result.addresses).toEqual(['2001:db8::1', '2001:db8::2']);
    expect(result.canonicalOneOf?.sort()).toEqual([`cdn.${name}.`, `edge.${name}.`]);
  });

  test('model-go (1.19) has no race: LookupCNAME asked A and AAAA only, the first address owner', () => {
    const { name, result } = served('model-go', 'canonical');
    expect(result.canonical).toBe(`edge.${name}.`);
    expect(result.canonicalOneOf).toBeUndefined();
  });

  test('without the other replies (models.resolve on one answer) it reads the asked type only', () => {
    const c = scenarioCase('canonical');
    const result = models.resolve('model-go-1.24', c.question, c.bytes);
    expect(result.canonical).toBe(`${c.names[2]}.`);
    expect(result.canonicalOneOf).toBeUndefined();
  });

  test('addresses: unrelated records are still taken, as in 1.19', () => {
    const c = scenarioCase('unrelated-first');
    expect(models.resolve('model-go-1.24', c.question, c.bytes).addresses).toContain(c.unrelated);
  });
});

describe('model-jndi: the attribute is a set', () => {
  test('duplicate-terminal: the repeated address appears once', () => {
    const c = scenarioCase('duplicate-terminal');
    expect(models.resolve('model-jndi', c.question, c.bytes).addresses).toEqual([c.t1, c.t2]);
  });
});
