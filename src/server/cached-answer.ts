// An encoded answer kept for reuse: only the query ID differs between uses.

import type { Outcome, ResponseInfo } from './outcome.js';

export interface CachedAnswer {
  template: Buffer;
  info: ResponseInfo;
}

/** A cached answer with the query's ID written in. */
export function withId(cached: CachedAnswer, query: Uint8Array): Outcome {
  const bytes = Buffer.allocUnsafe(cached.template.length);
  cached.template.copy(bytes);
  bytes[0] = query[0]!;
  bytes[1] = query[1]!;
  return { kind: 'reply', messages: [bytes], info: cached.info };
}
