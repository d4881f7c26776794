// The models as matrix clients: same interface as the real adapters, no
// program, and the matrix's own classifier reads their output.
import { expect, test } from 'vitest';
import { classify } from '../../../src/matrix/outcome.js';
import { MODEL_CLIENTS } from '../../../src/matrix/model-clients.js';
import { answerQuestion, getScenario, scenarioQueryName } from '../../../src/scenarios/index.js';

const ZONE = 'order.test';

async function outcome(clientId: string, scenarioId: string) {
  const client = MODEL_CLIENTS.find((c) => c.id === clientId)!;
  const scenario = getScenario(scenarioId)!;
  const name = scenarioQueryName(scenario, ZONE, 'x1');
  const prepared = await client.prepare({ server: { address: '127.0.0.1', port: 0 }, maxWorkers: 1, cacheDir: '/nonexistent' });
  const run = await prepared.resolve({ name, qtype: scenario.queryType, timeoutMs: 1000 });
  await prepared.close();
  return classify(answerQuestion(name, scenario.queryType, ZONE)!.expected, run).outcome;
}

test('every model is available everywhere and marked as a model', async () => {
  for (const client of MODEL_CLIENTS) {
    expect(client.kind).toBe('model');
    expect((await client.detect('/nonexistent')).available).toBe(true);
  }
});

test('served in-process, classified like a real client: the 2026-01-08 layout breaks glibc, not dnspython', async () => {
  expect(await outcome('model-glibc', 'cname-last')).toBe('no-address');
  expect(await outcome('model-dnspython', 'cname-last')).toBe('ok');
  expect(await outcome('model-musl', 'unrelated-first')).toBe('wrong-address');
});

test('oversize answers take the TCP path for retrying libraries and the truncated UDP one for musl 1.2.3', async () => {
  expect(await outcome('model-go', 'oversize-canonical')).toBe('ok');
  expect(await outcome('model-musl', 'oversize-canonical')).toBe('no-address');
  expect(await outcome('model-musl', 'oversize-partial')).toBe('partial');
});

test('a model hands over its result as a value: nothing printed, nothing parsed', async () => {
  const client = MODEL_CLIENTS.find((c) => c.id === 'model-glibc')!;
  const scenario = getScenario('canonical')!;
  const name = scenarioQueryName(scenario, ZONE, 'x2');
  const prepared = await client.prepare({ server: { address: '127.0.0.1', port: 0 }, maxWorkers: 1, cacheDir: '/nonexistent' });
  const run = await prepared.resolve({ name, qtype: scenario.queryType, timeoutMs: 1000 });
  await prepared.close();
  expect(run.stdout).toBe('');
  expect(run.result?.addresses).toEqual(answerQuestion(name, scenario.queryType, ZONE)!.expected.addresses);
  expect(classify(answerQuestion(name, scenario.queryType, ZONE)!.expected, run).outcome).toBe('ok');
});
