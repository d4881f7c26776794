import { expect, test } from 'vitest';
import { CLIENT_IDS } from '../../../src/clients/types.js';
import { models } from '../../../src/models/index.js';
import { UsageError } from '../../../src/errors.js';
import { scenarioCase } from './scenario-response.js';

const IDS = ['model-glibc', 'model-glibc-gethostbyname', 'model-musl', 'model-cares-legacy', 'model-cares', 'model-go',
  'model-systemd', 'model-dnspython', 'model-bsd', 'model-jndi', 'model-musl-1.2.5', 'model-go-1.24',
  'model-ruby-resolv', 'model-ruby-resolv-0.3', 'model-perl-net-dns', 'model-perl-net-dns-1.57', 'model-chromium',
  'model-hickory', 'model-cares-resolve'];

test('the ids other tools rely on are all there, each citing what it follows', () => {
  const list = models.list();
  expect(list.map((m) => m.id)).toEqual(IDS);
  for (const m of list) {
    expect(m.follows, m.id).toMatch(/\S+\.(c|cc|go|py|java|rb|pm|rs)\b/);
    for (const client of m.validatedAgainst) expect(CLIENT_IDS, m.id).toContain(client);
  }
});

test('get returns the model, undefined for an unknown id; resolve refuses an unknown id with a usage error', () => {
  expect(models.get('model-musl')?.library).toBe('musl getaddrinfo');
  expect(models.get('model-nope')).toBeUndefined();
  const c = scenarioCase('canonical');
  expect(() => models.resolve('model-nope', c.question, c.bytes)).toThrow(UsageError);
  expect(models.resolve('model-musl', c.question, c.bytes).addresses).toEqual([c.t1, c.t2]);
});

test('list() hands out copies: callers cannot change the registry', () => {
  models.list()[0]!.validatedAgainst.push('x');
  expect(models.list()[0]!.validatedAgainst).not.toContain('x');
});
