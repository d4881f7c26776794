import { describe, expect, it } from 'vitest';
import { answerQuestion, listScenarios, scenarioQueryName } from '../../../src/scenarios/index.js';

describe('catalogue smoke', () => {
  it('loads and answers', () => {
    const all = listScenarios();
    expect(all.length).toBeGreaterThan(150);
    for (const s of all) {
      const q = scenarioQueryName(s, 'order.test');
      const a = answerQuestion(q, s.queryType, 'order.test');
      expect(a, s.id).toBeDefined();
      expect(a!.primary).toBe(true);
    }
    const a = answerQuestion('cname-last.order.test', 'A', 'order.test')!;
    expect(a.answers.map((r) => `${r.name} ${r.type} ${r.data}`)).toEqual([
      'edge.cname-last.order.test A 192.0.2.1', 'edge.cname-last.order.test A 192.0.2.2',
      'cname-last.order.test CNAME cdn.cname-last.order.test', 'cdn.cname-last.order.test CNAME edge.cname-last.order.test',
    ]);
    expect(a.expected.addresses).toEqual(['192.0.2.1', '192.0.2.2']);
    const f = answerQuestion('cdn.cname-last.x.order.test', 'A', 'order.test')!;
    expect(f.primary).toBe(false);
    expect(f.answers.map((r) => r.type)).toEqual(['CNAME', 'A', 'A']);
  });
});
