// Response caches around the pure responder (responder.ts), which knows
// nothing of them. The responder is a pure function of the query and the
// transport, so answers can be reused with only the ID patched:
// - by raw octets (everything after the ID): the fast path, no decoding at all;
// - by the decoded fields the answer depends on (answer-key.ts), for queries
//   that differ in octets the answer ignores (EDNS options, trailing garbage,
//   compression in the question).
// Both are bounded LRUs; transfers are never cached.

import { answerKey } from './answer-key.js';
import { BoundedLru } from './lru.js';
import type { Outcome, ResponseInfo } from './outcome.js';
import { answerDecoded, readQuery, respond, type ResponderContext } from './responder.js';

/** An encoded answer kept for reuse: only the query ID differs between uses. */
interface CachedAnswer {
  template: Buffer;
  info: ResponseInfo;
}

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
    const outcome = this.byFields(query, context);
    if (outcome.kind === 'reply' && outcome.messages.length === 1 && !outcome.info.transfer) {
      this.byOctets.set(key, { template: Buffer.from(outcome.messages[0]!), info: outcome.info });
    }
    return outcome;
  }

  /** The responder, skipping lookup and encoding for a question answered before under other octets. */
  private byFields(query: Buffer, context: ResponderContext): Outcome {
    const read = readQuery(query);
    if (read.kind !== 'query') return read;
    const key = answerKey(read.query, context.transport, context.maxUdpPayload);
    const cached = key === undefined ? undefined : this.byAnswerKey.get(key);
    if (cached) return withId(cached, query);
    const outcome = answerDecoded(read.query, context);
    // Only answers a zone gave (not REFUSED for a name no zone holds, nor a transfer) are kept by fields.
    if (key !== undefined && outcome.kind === 'reply' && outcome.info.zone !== undefined && !outcome.info.transfer) {
      this.byAnswerKey.set(key, { template: Buffer.from(outcome.messages[0]!), info: outcome.info });
    }
    return outcome;
  }

  get size(): number {
    return this.byOctets.size + this.byAnswerKey.size;
  }
}

/** A cached answer with the query's ID written in. */
function withId(cached: CachedAnswer, query: Uint8Array): Outcome {
  const bytes = Buffer.allocUnsafe(cached.template.length);
  cached.template.copy(bytes);
  bytes[0] = query[0]!;
  bytes[1] = query[1]!;
  return { kind: 'reply', messages: [bytes], info: cached.info };
}
