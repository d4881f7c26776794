// Passive mode: real names through the resolver under test, for operators
// checking a production resolver. No authority: each answer that carries a
// CNAME chain is judged on its order alone; answers without one have nothing
// to order (inconclusive, with that reason).

import { isDnsorderError } from '../errors.js';
import { rcodeName } from '../wire/message.js';
import { fsReason } from '../files/fs-errors.js';
import { DEFAULT_RESOLVER_PORT, formatEndpoint, parseEndpoint, type Endpoint } from './address.js';
import { recordText } from '../rdata/record-text.js';
import { PROBE_SCHEMA, resolverFacts, summarise, type ProbeDocument, type ProbeResult } from './document.js';
import { ProbeError } from './errors.js';
import { exchange, resolverIdentity } from './exchange.js';
import { mapBounded } from '../concurrency/map-bounded.js';
import { newRunId, DEFAULT_PROBE_JOBS, type ProbeProgress } from './runner.js';
import { judgeAnswer } from './verdict.js';
import { runHeader } from '../run-header.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';

export interface PassiveProbeOptions {
  resolver: string | Endpoint;
  names: readonly string[];
  /** Query types per name (default A and AAAA). */
  types?: readonly string[];
  jobs?: number;
  timeoutMs?: number;
  label?: string;
  onProgress?: (event: ProbeProgress) => void;
}

/** Names from `--names a,b` and/or a file with one name per line (# comments, blank lines ignored). */
export async function readNames(list: string | undefined, file: string | undefined): Promise<string[]> {
  const names = (list ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (file) {
    let text: string;
    try {
      text = readTextBounded(file, INPUT_LIMITS.list);
    } catch (error) {
      if (isDnsorderError(error)) throw error;
      throw new ProbeError('ERR_PROBE_NAMES', `cannot read names file ${file}: ${fsReason(error)}`, { cause: error });
    }
    names.push(...text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
  }
  if (names.length === 0) throw new ProbeError('ERR_PROBE_NAMES', 'passive mode needs names (--names a.example,b.example or --names-file FILE)');
  return names;
}

export async function probeNames(options: PassiveProbeOptions): Promise<ProbeDocument> {
  const started = performance.now();
  const given = typeof options.resolver === 'string' ? parseEndpoint(options.resolver, DEFAULT_RESOLVER_PORT, 'resolver') : options.resolver;
  const resolver: Endpoint = { address: given.address, port: given.port };
  const types = options.types ?? ['A', 'AAAA'];
  const questions = options.names.flatMap((name) => types.map((qtype) => ({ name, qtype })));
  const runId = newRunId();
  const identity = await resolverIdentity(resolver);
  const version = identity?.text ?? null;
  options.onProgress?.({ kind: 'start', runId, tests: questions.length, resolver: formatEndpoint(resolver), authority: 'none (passive)', version });
  let done = 0;
  const results = await mapBounded(questions, options.jobs ?? DEFAULT_PROBE_JOBS, async ({ name, qtype }): Promise<ProbeResult> => {
    const result = await exchange(resolver, name, qtype, { timeoutMs: options.timeoutMs });
    const judgement = judgeAnswer(result, { qname: name, qtype });
    const answer = result.kind === 'answer' ? result.message.answers.map(recordText) : [];
    const probeResult: ProbeResult = {
      test: `${name} ${qtype}`, group: 'passive', title: `${qtype} ${name} as the resolver answers it`, verdict: judgement.verdict,
      findings: judgement.findings, detail: judgement.note, behaviour: judgement.behaviour,
      asks: [{
        name, qtype, purpose: 'check', rcode: result.kind === 'answer' ? rcodeName(result.message.rcode) : null,
        transport: result.kind === 'failure' ? null : result.transport, truncatedOverUdp: result.kind === 'answer' && result.truncatedOverUdp,
        elapsedMs: result.elapsedMs, answer, authorityQueries: 0, verdict: judgement.verdict, note: judgement.note,
      }],
      durationMs: result.elapsedMs,
    };
    options.onProgress?.({ kind: 'result', result: probeResult, done: ++done, total: questions.length });
    return probeResult;
  });
  if (results.length > 0 && results.every((r) => r.behaviour === 'timeout' || r.behaviour === 'failure')) {
    throw new ProbeError('ERR_PROBE_RESOLVER_UNREACHABLE', `resolver ${formatEndpoint(resolver)} answered none of ${results.length} questions`);
  }
  return {
    ...runHeader(PROBE_SCHEMA, started),
    inputs: {
      mode: 'passive', resolver: resolverFacts(resolver, identity, options.label), authority: null, zone: null,
      runId, tests: questions.map((q) => `${q.name} ${q.qtype}`), names: [...options.names],
    },
    summary: summarise(results),
    results,
  };
}
