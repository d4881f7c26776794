// Differential test: every real client against the model of the library
// VERSION it detected (src/models/match.ts — by version, not by id), in every
// userland built here: the host, and the Debian 13 (trixie) root when
// `dnsorder lab build trixie` has built it. Both sides go through the real
// scenario server and are judged by the matrix's own classifier
// (src/matrix/outcome.ts); a cell agrees when the outcome, the addresses
// (normalised, in order) AND the canonical name are the same. A model returns
// exactly what its API exposes, so where the API reports no canonical name the
// model's must be null too (not blanked here). A disagreement is a model bug.
//
// Each model's `validated` list (client, library version, suite) is checked
// against what was measured here, both ways, so it cannot go stale silently:
// a new library version in a root, or a model that no longer agrees, fails
// until the model file says so.
//
// DNSORDER_MODELS_CLIENTS=<api,...> (e.g. systemd-resolved) compares only those
// APIs; DNSORDER_MODELS_SAMPLE=all every permutation and shuffle layout.
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
import { models, parseDetectedVersion, viewResult, type ModelValidation, type ResolverResult, type ResultView } from '../../src/models/index.js';
import { modelRun, resolveScenarioName } from '../../src/matrix/model-clients.js';
import { normaliseAddress } from '../../src/net/address.js';
import type { ClientInfo, MatrixDocument, MatrixResult } from '../../src/matrix/document.js';
import { findRoot } from '../../src/roots/store.js';
import { answerQuestion, getScenario, listScenarios, chainEndAddresses } from '../../src/scenarios/index.js';
import { requirement } from '../helpers/peers.js';

const support = await namespaceSupport();
const serverEntry = fileURLToPath(new URL('../../dist/matrix/serve-in-namespace.js', import.meta.url));
const missing = requirement(!support.ok ? `the models differential test needs network namespaces: ${support.reason}`
  : !existsSync(serverEntry) ? `${serverEntry} is missing (npm run build)` : undefined);

/** Every userland built here: host always, trixie when its root is built. */
const trixieBuilt = findRoot('trixie') !== undefined;
const SUITES = trixieBuilt ? ['host', 'trixie'] : ['host'];

/**
 * The real client APIs some model covers: only these run and are compared. A
 * client of such an API whose VERSION no model covers fails the test; clients
 * of other APIs (no model of that library at all) are listed, not compared.
 */
const MODELLED_APIS = [...new Set(models.list().flatMap((m) => m.covers.flatMap((c) => c.clients)))];
const UNMODELLED_APIS = CLIENT_IDS.filter((id) => !MODELLED_APIS.includes(id));
/** DNSORDER_MODELS_CLIENTS=systemd-resolved,... compares only these APIs (and checks only their `validated` entries). */
const ONLY = process.env.DNSORDER_MODELS_CLIENTS?.split(',').map((id) => id.trim()).filter((id) => id !== '');
const COMPARED_APIS = ONLY ? MODELLED_APIS.filter((id) => ONLY.includes(id)) : MODELLED_APIS;

interface Comparison { scenario: string; client: string; model: string; real: Outcome; modelled: Outcome; agree: boolean; detail: string }

const baseOf = (c: Pick<ClientInfo, 'id' | 'base'>): string => c.base ?? c.id.split('@')[0]!;
const canonicalKey = (name: string): string => name.replace(/\.$/, '').toLowerCase();

/**
 * The model's result as the real API reports it: through the view the model
 * declares for that API (models.match: no canonical name for Node's
 * dns.lookup and Java, distinct addresses for Java, the first address for a
 * browser), nothing decided here.
 */
function asPrinted(result: ResolverResult, view: ResultView | undefined, realCanonical: string | null): ResolverResult {
  const out = { ...viewResult(result, view) };
  // A racy canonical (Go >= 1.20 LookupCNAME): the real one must be one of the names the model allows.
  if (out.canonicalOneOf && realCanonical !== null) {
    const hit = out.canonicalOneOf.find((n) => canonicalKey(n) === canonicalKey(realCanonical));
    if (hit !== undefined) out.canonical = hit;
  }
  return out;
}

function compare(doc: MatrixDocument): Comparison[] {
  const byId = new Map(doc.clients.map((c) => [c.id, c]));
  const out: Comparison[] = [];
  for (const r of doc.results as MatrixResult[]) {
    if (r.outcome === 'skipped' || !r.query) continue;
    const client = byId.get(r.client)!;
    const modelId = client.model;
    if (!modelId) continue;
    const match = models.match(client);
    expect(match.model, `${client.id}: the runner's model is the one models.match gives`).toBe(modelId);
    const qtype = getScenario(r.scenario)!.queryType;
    const expected = answerQuestion(r.query, qtype, DEFAULT_ZONE)!.expected;
    const result = asPrinted(resolveScenarioName(models.get(modelId)!, { name: r.query, qtype }, DEFAULT_ZONE), match.view, r.canonical);
    // Judged exactly as the runner judges the real cell (src/matrix/runner.ts runCell).
    const followUp = r.askedChainEnd ? chainEndAddresses(r.query, qtype, DEFAULT_ZONE) : undefined;
    // A client that reports one address is judged as one (src/clients: `reports`), the model's view of it too.
    const modelled = classify(expected, modelRun(result), { followUp, ...(match.view?.firstAddressOnly ? { reports: 'one-address' as const } : {}) });
    const realAddresses = r.addresses.map(normaliseAddress);
    const modelAddresses = (modelled.output?.addresses ?? []).map(normaliseAddress);
    const agree = r.outcome === modelled.outcome && JSON.stringify(realAddresses) === JSON.stringify(modelAddresses)
      && r.canonical === (modelled.output?.canonical ?? null);
    out.push({ scenario: r.scenario, client: r.client, model: modelId, real: r.outcome, modelled: modelled.outcome, agree,
      detail: `real ${r.raw?.stdout.trim() ?? ''} | model ${JSON.stringify(result)}` });
  }
  return out;
}

function agreementTable(doc: MatrixDocument, rows: Comparison[]): string {
  return doc.clients.filter((c) => c.kind === 'real' && c.available).map((c) => {
    const mine = rows.filter((r) => r.client === c.id);
    const label = `${c.id} (${c.version})`.padEnd(48);
    return c.model ? `${label} ${c.model.padEnd(26)} ${mine.filter((r) => r.agree).length}/${mine.length}`
      : `${label} ${models.match(c).reason}`;
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

/** What this run measured: one validation per available real client whose every compared cell agreed. */
function measuredValidations(doc: MatrixDocument, rows: Comparison[]): Map<string, ModelValidation[]> {
  const out = new Map<string, ModelValidation[]>();
  for (const c of doc.clients) {
    if (c.kind !== 'real' || !c.available || !c.model) continue;
    const mine = rows.filter((r) => r.client === c.id);
    if (mine.length === 0 || mine.some((r) => !r.agree)) continue;
    const detected = parseDetectedVersion(c.version)!;
    const list = out.get(c.model) ?? [];
    list.push({ client: baseOf(c), library: detected.library, version: detected.version, suite: c.userland ?? 'host' });
    out.set(c.model, list);
  }
  return out;
}

const validationKey = (v: ModelValidation): string => `${v.client} ${v.library} ${v.version} (${v.suite})`;

describe.skipIf(missing !== undefined)(`models agree with the real clients (${SUITES.join(', ')})${missing ? ` — skipped: ${missing}` : ''}`, () => {
  let named: MatrixDocument;
  let rows: Comparison[];
  beforeAll(async () => {
    named = await runMatrix({ suites: SUITES, clients: COMPARED_APIS.join(','), jobs: 2 });
    rows = compare(named);
    console.log(`models vs real clients, named scenarios:\n${agreementTable(named, rows)}`);
    if (UNMODELLED_APIS.length > 0) console.log(`not compared (no model of these APIs): ${UNMODELLED_APIS.join(', ')}`);
  }, 600_000);

  it('runs in the trixie root too (built by `dnsorder lab build trixie`)', (ctx) => {
    const reason = requirement(trixieBuilt ? undefined : 'trixie root not built: run dnsorder lab build trixie');
    if (reason) ctx.skip(reason);
    expect(named.clients.some((c) => c.userland === 'trixie')).toBe(true);
  });

  it('matches every real client to a model by its detected version, and records it as ClientInfo.model', () => {
    const unmatched: string[] = [];
    for (const c of requireClients(named).filter((x) => x.kind === 'real')) {
      const match = models.match(c);
      expect(c.model, `${c.id} ${c.version}`).toBe(match.model);
      if (match.model === undefined) unmatched.push(match.reason);
    }
    expect(unmatched, 'real clients no model covers').toEqual([]);
  });

  it('agrees on outcome, addresses and canonical name on every named scenario, in every userland', () => {
    const available = requireClients(named).filter((c) => c.kind === 'real');
    expect(rows.length).toBeGreaterThanOrEqual(named.scenarios.length * available.length);
    expect(rows.filter((r) => !r.agree)).toEqual([]);
  });

  it("lists in each model's `validated` exactly the (client, version, suite) measured here", () => {
    const measured = measuredValidations(named, rows);
    const problems: string[] = [];
    for (const m of models.list()) {
      const declared = m.validated.filter((v) => SUITES.includes(v.suite) && COMPARED_APIS.includes(v.client)).map(validationKey).sort();
      const seen = (measured.get(m.id) ?? []).map(validationKey).sort();
      for (const v of seen) if (!declared.includes(v)) problems.push(`${m.id}: measured ${v} but its validated list lacks it`);
      for (const v of declared) if (!seen.includes(v)) problems.push(`${m.id}: lists ${v} but it was not measured agreeing here`);
    }
    const unchecked = models.list().flatMap((m) => m.validated.filter((v) => !SUITES.includes(v.suite)).map((v) => `${m.id}: ${validationKey(v)}`));
    if (unchecked.length > 0) console.warn(`not checked (userland not built here): ${unchecked.join('; ')}`);
    expect(problems).toEqual([]);
  });

  it('on a fast-check sample of permutation and shuffle layouts', async () => {
    const seed = Number(process.env.DNSORDER_MODELS_SEED ?? Date.now() % 2 ** 31);
    const pool = listScenarios().filter((s) => s.category === 'permutation' || s.category === 'shuffle').map((s) => s.id);
    // DNSORDER_MODELS_SAMPLE=all compares every permutation and shuffle (about 1600 cells per userland).
    const size = process.env.DNSORDER_MODELS_SAMPLE === 'all' ? pool.length : Number(process.env.DNSORDER_MODELS_SAMPLE ?? 30);
    const [sample] = fc.sample(fc.uniqueArray(fc.constantFrom(...pool), { minLength: size, maxLength: size }), { seed, numRuns: 1 });
    const doc = await runMatrix({ suites: SUITES, clients: COMPARED_APIS.join(','), scenarios: sample!.join(','), jobs: 2 });
    requireClients(doc);
    const sampled = compare(doc);
    console.log(`models vs real clients, ${sample!.length} sampled layouts (seed ${seed}):\n${agreementTable(doc, sampled)}`);
    const disagreements = sampled.filter((r) => !r.agree);
    if (disagreements.length > 0) console.error(`seed ${seed} (rerun with DNSORDER_MODELS_SEED=${seed})`);
    expect(disagreements).toEqual([]);
  }, 600_000);
});
