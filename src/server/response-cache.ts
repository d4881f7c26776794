// Exact response cache. The responder is a pure function of the query octets
// and the transport, so two queries that differ only in their ID get the same
// response but for its ID: cache by (transport, octets after the ID) and patch
// the ID. Bounded LRU; transfers are never cached.

import type { Outcome, ResponderContext, ResponseInfo } from './responder.js';
import { respond } from './responder.js';

interface Entry {
  template: Buffer;
  info: ResponseInfo;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity: number) {}

  respond(query: Buffer, context: ResponderContext): Outcome {
    if (this.capacity === 0 || query.length < 12) return respond(query, context);
    const key = context.transport + query.toString('latin1', 2);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      // Refresh its LRU position.
      this.entries.delete(key);
      this.entries.set(key, cached);
      const bytes = Buffer.allocUnsafe(cached.template.length);
      cached.template.copy(bytes);
      bytes[0] = query[0]!;
      bytes[1] = query[1]!;
      return { kind: 'reply', messages: [bytes], info: cached.info };
    }
    this.misses++;
    const outcome = respond(query, context);
    if (outcome.kind === 'reply' && outcome.messages.length === 1 && !outcome.info.transfer) {
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { template: Buffer.from(outcome.messages[0]!), info: outcome.info });
    }
    return outcome;
  }

  get size(): number {
    return this.entries.size;
  }
}
