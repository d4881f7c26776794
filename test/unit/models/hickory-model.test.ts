// model-hickory on catalogue answers, in-process: the fold over the answer's
// CNAMEs, the owner filter, and the follow-up query for the name the fold
// reached (ModelOptions.followUp), as hickory-resolver 0.24 caching_client.rs does.
import { describe, expect, it } from 'vitest';
import { models } from '../../../src/models/index.js';
import { exchangeScenario } from '../../../src/server/scenario-exchange.js';
import type { ModelQuestion } from '../../../src/models/index.js';
import { scenarioCase, terminalName, ZONE } from './scenario-response.js';

const model = models.get('model-hickory')!;
const followUp = (q: ModelQuestion) => exchangeScenario(q, ZONE);

describe('model-hickory', () => {
  it('follows a chain in order in one pass: the addresses in order, the last owner as canonical name', () => {
    const c = scenarioCase('canonical');
    expect(model.resolve(c.question, c.bytes)).toEqual({ addresses: [c.t1, c.t2], canonical: `${terminalName(c)}.`, error: null });
  });

  it('never takes an address owned off the chain', () => {
    const c = scenarioCase('unrelated-first');
    expect(model.resolve(c.question, c.bytes).addresses).toEqual([c.t1, c.t2]);
  });

  it('asks again for the name the fold reached when nothing there is in the answer', () => {
    const c = scenarioCase('chain-reversed');
    // Without a way to ask, it says what it would send.
    expect(model.resolve(c.question, c.bytes).error?.code).toBe('MODEL_NEEDS_FOLLOW_UP');
    const asked: string[] = [];
    const result = model.resolve(c.question, c.bytes, { followUp: (q) => (asked.push(q.name), followUp(q)) });
    expect(asked).toEqual([c.names[1]]);
    expect(result).toEqual({ addresses: [c.t1, c.t2], canonical: `${terminalName(c)}.`, error: null });
  });

  it('gives up on a loop after 8 queries in all (MAX_QUERY_DEPTH) with NoRecordsFound', () => {
    const c = scenarioCase('cname-loop');
    let asked = 0;
    const result = model.resolve(c.question, c.bytes, { followUp: (q) => (asked++, followUp(q)) });
    expect(asked).toBe(7);
    expect(result.error?.code).toBe('NO_DATA');
  });

  it('drops a reply that does not decode: the lookup times out', () => {
    for (const id of ['rdlength-mismatch', 'count-mismatch']) {
      const c = scenarioCase(id);
      expect(model.resolve(c.question, c.bytes, { followUp }).error?.code, id).toBe('TIMEOUT');
    }
  });
});
