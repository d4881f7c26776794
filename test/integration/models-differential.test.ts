// Differential test: every model against the real client(s) running the library
// version it mirrors, on this machine, through the real scenario server. Both
// sides are judged by the matrix's own classifier (src/matrix/outcome.ts), so a
// disagreement is an outcome a user would see differ. A disagreement is a model
// bug unless it is a documented version difference (the c-ares split below).
//
// Needs what `dnsorder matrix` needs (root, network namespaces, a built dist/,
// the lab packages). Locally a missing piece skips with the reason; under
// CI=true it fails.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { namespaceSupport } from '../../src/clients/namespace.js';
import { CLIENT_IDS } from '../../src/clients/types.js';
import { classify, type Outcome } from '../../src/matrix/outcome.js';
import { DEFAULT_ZONE, runMatrix } from '../../src/matrix/runner.js';
import { models } from '../../src/models/index.js';
import { modelRun, resolveScenarioName } from '../../src/models/matrix-adapter.js';
import type { ClientInfo, MatrixDocument, MatrixResult } from '../../src/report/matrix-document.js';
import { answerQuestion, getScenario, listScenarios } from '../../src/scenarios/index.js';
import { requirement } from '../helpers/peers.js';

const support = await namespaceSupport();
const serverEntry = fileURLToPath(new URL('../../dist/matrix/serve-in-namespace.js', import.meta.url));
const missing = requirement(!support.ok ? `the models differential test needs network namespaces: ${support.reason}`
  : !existsSync(serverEntry) ? `${serverEntry} is missing (npm run build)` : undefined);

/** These APIs return no canonical name (the probe prints null), so the model's is not judged either. */
const NO_CANONICAL_API = new Set(['node-cares', 'node-lookup', 'java-inetaddress', 'java-jndi']);

/**
 * The model that stands for a real client, given the library version the
 * client reported. c-ares is the documented version split: before 1.26 it
 * checks address owners (model-cares-legacy), from 1.26 it does not
 * (model-cares) — whichever the distro's libc-ares or Node's bundled copy is.
 */
export function modelFor(client: Pick<ClientInfo, 'id' | 'version'>): string | undefined {
  if (client.id === 'cares-system' || client.id === 'node-cares') {
    const m = /c-ares (\d+)\.(\d+)/.exec(client.version ?? '');
    if (!m) return undefined;
    return Number(m[1]) > 1 || Number(m[2]) >= 26 ? 'model-cares' : 'model-cares-legacy';
  }
  return models.list().find((m) => m.validatedAgainst.includes(client.id))?.id;
}

interface Comparison { scenario: string; client: string; model: string; real: Outcome; modelled: Outcome; detail: string }

function compare(doc: MatrixDocument): Comparison[] {
  const byId = new Map(doc.clients.map((c) => [c.id, c]));
  const out: Comparison[] = [];
  for (const r of doc.results as MatrixResult[]) {
    if (r.outcome === 'skipped' || !r.query) continue;
    const modelId = modelFor(byId.get(r.client)!);
    if (!modelId) continue;
    const qtype = getScenario(r.scenario)!.queryType;
    const expected = answerQuestion(r.query, qtype, DEFAULT_ZONE)!.expected;
    const result = resolveScenarioName(models.get(modelId)!, { name: r.query, qtype }, DEFAULT_ZONE);
    if (NO_CANONICAL_API.has(r.client)) result.canonical = null;
    const modelled = classify(expected, modelRun(result));
    out.push({ scenario: r.scenario, client: r.client, model: modelId, real: r.outcome, modelled: modelled.outcome,
      detail: `real ${r.raw?.stdout.trim() ?? ''} | model ${JSON.stringify(result)}` });
  }
  return out;
}

function agreementTable(rows: Comparison[]): string {
  const keys = [...new Set(rows.map((r) => `${r.model} vs ${r.client}`))];
  return keys.map((k) => {
    const mine = rows.filter((r) => `${r.model} vs ${r.client}` === k);
    return `${k.padEnd(50)} ${mine.filter((r) => r.real === r.modelled).length}/${mine.length}`;
  }).join('\n');
}

function requireClients(doc: MatrixDocument): ClientInfo[] {
  const unavailable = doc.clients.filter((c) => !c.available);
  if (unavailable.length > 0) {
    const reasons = unavailable.map((c) => `${c.id}: ${c.reason}`).join('; ');
    requirement(`models differential: not compared (client unavailable): ${reasons}`);
  }
  return doc.clients.filter((c) => c.available);
}

describe.skipIf(missing !== undefined)(`models agree with the real clients${missing ? ` — skipped: ${missing}` : ''}`, () => {
  let named: MatrixDocument;
  beforeAll(async () => {
    named = await runMatrix({ clients: CLIENT_IDS.join(','), jobs: 2 });
  }, 300_000);

  it('on every named scenario, for every real client with a model', () => {
    const available = requireClients(named);
    for (const client of available) expect(modelFor(client), `no model for ${client.id} ${client.version}`).toBeDefined();
    const rows = compare(named);
    console.log(`models vs real clients, named scenarios:\n${agreementTable(rows)}`);
    expect(rows.length).toBeGreaterThanOrEqual(named.scenarios.length * available.length);
    expect(rows.filter((r) => r.real !== r.modelled)).toEqual([]);
  });

  it('on a fast-check sample of permutation and shuffle layouts', async () => {
    const seed = Number(process.env.DNSORDER_MODELS_SEED ?? Date.now() % 2 ** 31);
    const pool = listScenarios().filter((s) => s.category === 'permutation' || s.category === 'shuffle').map((s) => s.id);
    // DNSORDER_MODELS_SAMPLE=all compares every permutation and shuffle (about 1600 cells, ~20 s).
    const size = process.env.DNSORDER_MODELS_SAMPLE === 'all' ? pool.length : Number(process.env.DNSORDER_MODELS_SAMPLE ?? 30);
    const [sample] = fc.sample(fc.uniqueArray(fc.constantFrom(...pool), { minLength: size, maxLength: size }), { seed, numRuns: 1 });
    const doc = await runMatrix({ clients: CLIENT_IDS.join(','), scenarios: sample!.join(','), jobs: 2 });
    requireClients(doc);
    const rows = compare(doc);
    console.log(`models vs real clients, ${sample!.length} sampled layouts (seed ${seed}):\n${agreementTable(rows)}`);
    const disagreements = rows.filter((r) => r.real !== r.modelled);
    if (disagreements.length > 0) console.error(`seed ${seed} (rerun with DNSORDER_MODELS_SEED=${seed})`);
    expect(disagreements).toEqual([]);
  }, 300_000);
});
