// Models as matrix clients: each model behind the same ClientAdapter interface
// as the real stub clients (src/clients/types.ts), so `dnsorder matrix
// --clients model-*` can run them beside (or instead of) real ones. A model
// needs no program, root or namespace: it asks the scenario server's pure
// responder in-process (scenario-exchange.ts) and prints the same JSON line a
// probe program prints, which the matrix classifies like any other.
// (The runner's query ledger does not see these in-process queries.)

import type { ClientAdapter, PreparedClient, RawRun, ResolveRequest } from '../clients/types.js';
import { DEFAULT_SCENARIO_ZONE } from '../server/index.js';
import { MODELS } from './index.js';
import { exchangeScenario } from './scenario-exchange.js';
import type { ModelOptions, ModelResult, StubModel } from './types.js';

/** A model's result as the raw run of a probe program, for src/matrix/outcome.ts `classify`. */
export function modelRun(result: ModelResult, durationMs = 0): RawRun {
  return { stdout: JSON.stringify(result), stderr: '', exitCode: 0, signal: null, timedOut: false, durationMs };
}

/** What `model` returns for one scenario name, served in-process. */
export function resolveScenarioName(model: StubModel, request: Pick<ResolveRequest, 'name' | 'qtype'>, zone = DEFAULT_SCENARIO_ZONE): ModelResult {
  const question = { name: request.name, type: request.qtype };
  const answers = exchangeScenario(question, zone);
  const related: ModelOptions['related'] = {};
  for (const type of model.asks ?? []) related[type] = exchangeScenario({ name: request.name, type }, zone);
  const followUp: ModelOptions['followUp'] = (q) => exchangeScenario(q, zone);
  return model.resolve(question, answers.udp, { tcp: answers.tcp, ...(model.asks ? { related } : {}), followUp });
}

/** A ClientAdapter that says it is a model, so reports can mark it as one. */
export type ModelClientAdapter = ClientAdapter & { kind: 'model' };

export function modelClientAdapter(model: StubModel, zone = DEFAULT_SCENARIO_ZONE): ModelClientAdapter {
  const prepared: PreparedClient = {
    async resolve(request: ResolveRequest): Promise<RawRun> {
      const started = performance.now();
      const result = resolveScenarioName(model, request, zone);
      return modelRun(result, Math.round(performance.now() - started));
    },
    async close(): Promise<void> {},
  };
  return {
    id: model.id,
    kind: 'model',
    // It is handed nothing and reads nothing: the closest of the two kinds (it needs no namespace).
    discovery: 'explicit-server',
    describe: `model of ${model.library} (${model.follows})`,
    async detect() {
      const against = model.validatedVersions ? `validated against ${model.validatedVersions}` : 'not validated against a real client';
      return { available: true, version: `model, ${against}` };
    },
    async prepare() {
      return prepared;
    },
  };
}

/** Every model as a matrix client, in registry order. */
export const MODEL_CLIENTS: readonly ModelClientAdapter[] = MODELS.map((m) => modelClientAdapter(m));
