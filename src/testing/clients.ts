// Which in-process client a matcher resolves with. 'rfc1034' is the
// order-independent reading every scenario's expected result comes from; the
// stub-parser models (src/models) register themselves here by id.

import { UsageError } from '../errors.js';
import { MODELS, type ResolverResult } from '../models/index.js';
import type { Question } from '../wire/message.js';

/** An in-process client returns the one ResolverResult a model returns (canonical null when its API reports none). */
export type InProcessResolver = (question: Question, response: Uint8Array) => ResolverResult;

const resolvers = new Map<string, InProcessResolver>(
  MODELS.map((model) => [model.id, (question: Question, response: Uint8Array): ResolverResult => {
    const type = question.type.toUpperCase();
    if (type !== 'A' && type !== 'AAAA') {
      throw new UsageError('ERR_UNSUPPORTED_QTYPE', `${model.id} resolves A and AAAA questions, not ${question.type}`);
    }
    return model.resolve({ name: question.name, type }, response);
  }]),
);

export function registerInProcessClient(id: string, resolver: InProcessResolver): void {
  resolvers.set(id, resolver);
}

export function resolveWithClient(id: string, question: Question, response: Uint8Array): ResolverResult {
  const resolver = resolvers.get(id);
  if (!resolver) {
    throw new UsageError('ERR_UNKNOWN_CLIENT', `no in-process client "${id}" (known: rfc1034${resolvers.size ? ', ' + [...resolvers.keys()].join(', ') : ''})`);
  }
  return resolver(question, response);
}
