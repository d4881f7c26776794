// Models as matrix clients: each model behind the same ClientAdapter interface
// as the real stub clients (src/clients/types.ts), so `dnsorder matrix
// --clients model-*` can run them beside (or instead of) real ones. A model
// needs no program, root or namespace: it asks the scenario server's pure
// responder in-process (src/server/scenario-exchange.ts) and hands its result
// over as the value it is (RawRun.result), the same ResolverResult a probe
// program's line is parsed into, which the matrix classifies like any other.
// The runner's query ledger does not see these in-process queries, so the
// names a model asks again itself (a chain's end, as hickory and resolved do)
// are told to the runner through PreparedClient.asked.

import type { ClientAdapter, PreparedClient, RawRun, ResolveRequest } from '../clients/types.js';
import { MODELS, type ModelOptions, type ResolverResult, type StubModel } from '../models/index.js';
import { DEFAULT_SCENARIO_ZONE } from '../server/index.js';
import { exchangeScenario } from '../server/scenario-exchange.js';

/** A model's result as a run, for outcome.ts `classify`: the value itself; a model prints nothing. */
export function modelRun(result: ResolverResult, durationMs = 0): RawRun {
  return { result, stdout: '', stderr: '', exitCode: 0, signal: null, timedOut: false, durationMs };
}

/** What `model` returns for one scenario name, served in-process. */
export function resolveScenarioName(model: StubModel, request: Pick<ResolveRequest, 'name' | 'qtype'>, zone = DEFAULT_SCENARIO_ZONE, onAsk?: (name: string) => void): ResolverResult {
  const question = { name: request.name, type: request.qtype };
  const answers = exchangeScenario(question, zone);
  const related: ModelOptions['related'] = {};
  for (const type of model.asks ?? []) related[type] = exchangeScenario({ name: request.name, type }, zone);
  const followUp: ModelOptions['followUp'] = (q) => {
    onAsk?.(q.name);
    return exchangeScenario(q, zone);
  };
  return model.resolve(question, answers.udp, { tcp: answers.tcp, ...(model.asks ? { related } : {}), followUp });
}

/** A ClientAdapter that says it is a model, so reports can mark it as one. */
export type ModelClientAdapter = ClientAdapter & { kind: 'model' };

export function modelClientAdapter(model: StubModel, zone = DEFAULT_SCENARIO_ZONE): ModelClientAdapter {
  const asked = new Set<string>();
  const key = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const prepared: PreparedClient = {
    async resolve(request: ResolveRequest): Promise<RawRun> {
      const started = performance.now();
      const result = resolveScenarioName(model, request, zone, (name) => asked.add(key(name)));
      return modelRun(result, Math.round(performance.now() - started));
    },
    asked: (name) => asked.has(key(name)),
    async close(): Promise<void> {},
  };
  return {
    id: model.id,
    kind: 'model',
    // It is handed nothing and reads nothing: the closest of the two kinds (it needs no namespace).
    discovery: 'explicit-server',
    describe: `model of ${model.library} (${model.follows})`,
    async detect() {
      const against = model.validatedVersions ? `validated against ${model.validatedVersions}`
        : `not validated against a real client${model.unvalidated ? `: ${model.unvalidated}` : ''}`;
      return { available: true, version: `model, ${against}` };
    },
    async prepare() {
      return prepared;
    },
  };
}

/** Every model as a matrix client, in registry order. */
export const MODEL_CLIENTS: readonly ModelClientAdapter[] = MODELS.map((m) => modelClientAdapter(m));
