// model-chromium on catalogue answers (complete, as over TCP): the causes
// net/dns/dns_response_result_extractor.cc gives for refusing a whole answer,
// and the order-blindness the real client showed (test/integration/clients-chromium.test.ts).
import { describe, expect, it } from 'vitest';
import { models } from '../../../src/models/index.js';
import { scenarioCase } from './scenario-response.js';

const resolve = (id: string) => {
  const c = scenarioCase(id);
  return { c, r: models.resolve('model-chromium', c.question, c.bytes) };
};

describe('model-chromium', () => {
  it.each(['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'owner-case-mixed', 'dname-last', 'rrsig-before-each', 'https-first', 'long-33', 'canonical-aaaa'])(
    '%s: every address, in answer order, no canonical name', (id) => {
      const { c, r } = resolve(id);
      expect(r).toEqual({ addresses: [c.t1, c.t2], canonical: null, error: null });
    });

  it.each([
    ['unrelated-first', 'kNameMismatch'], ['unrelated-last', 'kNameMismatch'], ['unrelated-between', 'kNameMismatch'],
    ['duplicate-cname', 'kMultipleCnames'], ['duplicate-chain', 'kMultipleCnames'],
    ['rdlength-mismatch', 'kMalformedRecord'], ['count-mismatch', 'kMalformedRecord'], ['cname-loop', 'kBadAliasChain'],
  ])('%s: the whole answer is refused (%s), reported as ERR_NAME_NOT_RESOLVED', (id, cause) => {
    const { r } = resolve(id);
    expect(r.addresses).toEqual([]);
    expect(r.error?.code).toBe('ERR_NAME_NOT_RESOLVED');
    expect(r.error?.text).toContain(cause);
  });

  it('a chain without addresses at its end, or addresses without the chain, is no address', () => {
    for (const id of ['dangling-cname', 'terminal-only', 'unrelated-instead']) expect(resolve(id).r.addresses, id).toEqual([]);
  });

  it('is matched to Chromium 156 by its detected version', () => {
    expect(models.match({ id: 'chromium', version: 'Chromium 156.0.8078.114' }).model).toBe('model-chromium');
    expect(models.match({ id: 'chromium@trixie', base: 'chromium', version: 'Chromium 156.0.8078.79' }).model).toBe('model-chromium');
    expect(models.match({ id: 'chromium', version: 'Chromium 157.0.1.2' }).model).toBeUndefined();
  });
});
