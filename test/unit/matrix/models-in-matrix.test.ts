import { describe, expect, it } from 'vitest';
import { REAL_CLIENTS } from '../../../src/clients/registry.js';
import { selectClients } from '../../../src/matrix/clients.js';
import { runMatrix } from '../../../src/matrix/runner.js';

describe('models in the matrix', () => {
  it('selects models by glob or "models", real clients by "real", both by default', () => {
    const models = selectClients('model-*');
    expect(models.length).toBeGreaterThanOrEqual(10);
    expect(models.every((m) => (m as { kind?: string }).kind === 'model')).toBe(true);
    expect(selectClients('models').map((c) => c.id)).toEqual(models.map((c) => c.id));
    expect(selectClients('real').map((c) => c.id)).toEqual(REAL_CLIENTS.map((c) => c.id));
    expect(selectClients().length).toBe(REAL_CLIENTS.length + models.length);
    expect(selectClients('glibc-*,model-glibc').map((c) => c.id)).toEqual(['glibc-getaddrinfo', 'glibc-gethostbyname', 'model-glibc']);
    expect(() => selectClients('model-nothing*')).toThrowError(/unknown client "model-nothing\*"/);
  });

  it('runs models without a namespace, marks them as models, and gives them no query count', async () => {
    const doc = await runMatrix({ clients: 'model-glibc,model-dnspython', scenarios: 'canonical,cname-last' });
    expect(doc.inputs.isolation).toBe('none');
    expect(doc.clients.map((c) => [c.id, c.kind])).toEqual([['model-glibc', 'model'], ['model-dnspython', 'model']]);
    const cell = (s: string, c: string) => doc.results.find((r) => r.scenario === s && r.client === c)!;
    expect(cell('cname-last', 'model-glibc').outcome).toBe('no-address');
    expect(cell('cname-last', 'model-glibc').breaks).toBe(true);
    expect(cell('cname-last', 'model-dnspython').outcome).toBe('ok');
    expect(doc.results.every((r) => r.queries === null)).toBe(true);
    // A model prints nothing; its cell's raw output shows its result as a probe program's line, so reports read alike.
    const raw = cell('cname-last', 'model-dnspython').raw!;
    expect(JSON.parse(raw.stdout)).toMatchObject({ addresses: cell('cname-last', 'model-dnspython').addresses, error: null });
    expect(raw.exitCode).toBe(0);
  });
});
