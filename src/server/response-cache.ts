// Response caches. The responder is a pure function of the query and the
// transport, so answers can be reused with only the ID patched:
// - by raw octets (everything after the ID): the fast path, no decoding at all;
// - by the decoded fields the answer depends on (see responder.ts
//   `answerKey`), for queries that differ in octets the answer ignores
//   (EDNS options, trailing garbage, compression in the question).
// Both are bounded LRUs; transfers are never cached.

import { BoundedLru } from './lru.js';
import { withId, type CachedAnswer } from './cached-answer.js';
import type { Outcome } from './outcome.js';
import type { ResponderContext } from './responder.js';
import { respond } from './responder.js';

export class ResponseCache {
  private readonly byOctets: BoundedLru<string, CachedAnswer>;
  private readonly byAnswerKey: BoundedLru<string, CachedAnswer>;
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {
    this.byOctets = new BoundedLru(capacity);
    this.byAnswerKey = new BoundedLru(capacity);
  }

  respond(query: Buffer, context: ResponderContext): Outcome {
    if (this.capacity === 0 || query.length < 12) return respond(query, context);
    const key = context.transport + query.toString('latin1', 2);
    const cached = this.byOctets.get(key);
    if (cached) {
      this.hits++;
      return withId(cached, query);
    }
    this.misses++;
    const outcome = respond(query, { ...context, answerCache: this.byAnswerKey });
    if (outcome.kind === 'reply' && outcome.messages.length === 1 && !outcome.info.transfer) {
      this.byOctets.set(key, { template: Buffer.from(outcome.messages[0]!), info: outcome.info });
    }
    return outcome;
  }

  get size(): number {
    return this.byOctets.size + this.byAnswerKey.size;
  }
}
