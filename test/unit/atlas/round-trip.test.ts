// The round trip: plan → the probe's own run through a resolver → the very
// answers that resolver sent, wrapped as Atlas results → atlas check. For
// every test, Atlas' verdict on those answers is the verdict the probe gave
// (the behaviour may say less: without the authority's ledger a chain cut
// short is "dropped records", not "no chase").

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAtlasResults } from '../../../src/atlas/check.js';
import { planAtlas, type AtlasPlanDocument } from '../../../src/atlas/plan.js';
import { startProbeAuthority } from '../../../src/probe/authority.js';
import type { ProbeDocument } from '../../../src/probe/document.js';
import { probeResolver } from '../../../src/probe/runner.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import type { DnsRecord } from '../../../src/wire/message.js';
import { startFakeResolver } from '../probe/fake-resolver.js';
import { atlasResult, capturingRelay } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-atlas-rt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(plan: AtlasPlanDocument, transform?: (answers: DnsRecord[]) => DnsRecord[]): Promise<{ probe: ProbeDocument; atlas: Map<string, string> }> {
  const authority = await startProbeAuthority({ listen: '127.0.0.1:0', zone: plan.zone });
  const resolver = await startFakeResolver(authority, transform);
  const relay = await capturingRelay(resolver);
  try {
    const probe = await probeResolver({ resolver: relay, authority, runId: plan.runId, tests: plan.tests.map((t) => t.test), label: 'relay' });
    // Every answer the probe got for the plan's names, as Atlas would have returned it: one measurement per name.
    const msm = new Map<string, number>();
    const results = relay.replies.flatMap(({ bytes, at }) => {
      const q = decodeMessage(bytes).questions[0]!;
      if (q.class !== 'IN' || !q.name.toLowerCase().endsWith(`.${plan.runId}.${plan.zone}`) || q.name.startsWith('preflight.')) return [];
      if (!msm.has(q.name)) msm.set(q.name, 3000 + msm.size);
      return [atlasResult({ msm: msm.get(q.name)!, prb: 1, dst: '198.51.100.99', timestamp: Math.floor(at / 1000) }, bytes)];
    });
    const file = join(dir, `${plan.runId}.jsonl`);
    writeFileSync(file, results.map((r) => JSON.stringify(r)).join('\n'));
    const doc = await checkAtlasResults([file], { plan });
    const verdicts = new Map(doc.tests.filter((t) => t.answers > 0).map((t) => [t.test, (['violation', 'pass', 'inconclusive', 'error'] as const).find((v) => t.resolvers[v] > 0)!]));
    return { probe, atlas: verdicts };
  } finally {
    await relay.close();
    await resolver.close();
    await authority.close();
  }
}

describe('plan → answers → atlas check', () => {
  it('gives the probe\'s verdict for every test, through a forwarder that relays the authority\'s answers', async () => {
    const plan = planAtlas({ zone: 'probe.example.net', runId: 'rrt1', now: Date.UTC(2026, 0, 20) });
    const { probe, atlas } = await roundTrip(plan);
    const mismatches = probe.results.filter((r) => atlas.get(r.test) !== r.verdict).map((r) => `${r.test}: probe ${r.verdict} (${r.behaviour}), atlas ${atlas.get(r.test)}`);
    expect(mismatches).toEqual([]);
    expect(probe.results.length).toBe(plan.tests.length);
    // The relay passes the authority's order through: a violation either way.
    expect(atlas.get('authority-a-first')).toBe('violation');
    expect(atlas.get('whole-chain')).toBe('pass');
  }, 60_000);

  it('and through a resolver that writes every answer reversed', async () => {
    const plan = planAtlas({ zone: 'probe.example.net', runId: 'rrt2', tests: 'whole-chain,out-of-order,dname,long-8,mixed-case-owners', now: Date.UTC(2026, 0, 20) });
    const { probe, atlas } = await roundTrip(plan, (answers) => [...answers].reverse());
    expect(probe.results.map((r) => [r.test, atlas.get(r.test)])).toEqual(probe.results.map((r) => [r.test, r.verdict]));
    expect(probe.results.filter((r) => r.verdict === 'violation').length).toBeGreaterThan(5);
  }, 60_000);
});
