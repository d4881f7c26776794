// Which in-process client a matcher resolves with. 'rfc1034' is the
// order-independent reading every scenario's expected result comes from; the
// stub-parser models (src/models) register themselves here by id.

import { UsageError } from '../errors.js';
import type { Question } from '../wire/message.js';

export interface InProcessResult {
  addresses: string[];
  canonical?: string | null;
  error: { code: string; text: string } | null;
}

export type InProcessResolver = (question: Question, response: Uint8Array) => InProcessResult;

const resolvers = new Map<string, InProcessResolver>();

export function registerInProcessClient(id: string, resolver: InProcessResolver): void {
  resolvers.set(id, resolver);
}

export function resolveWithClient(id: string, question: Question, response: Uint8Array): InProcessResult {
  const resolver = resolvers.get(id);
  if (!resolver) {
    throw new UsageError('ERR_UNKNOWN_CLIENT', `no in-process client "${id}" (known: rfc1034${resolvers.size ? ', ' + [...resolvers.keys()].join(', ') : ''})`);
  }
  return resolver(question, response);
}
