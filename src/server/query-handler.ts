// What both shells do with one query: the safeguards in front of the
// responder (size, rate, in-flight), the responder behind its cache, counting,
// hooks — and the guarantee that nothing a client sends escapes as an
// exception: an unexpected error is logged, counted, answered SERVFAIL when
// the header is readable, and serving goes on.

import { rcodeName } from '../wire/message.js';
import type { ServerLimits } from './limits.js';
import type { RateLimiter } from './rate-limit.js';
import type { ResponseCache } from './response-cache.js';
import { servfailFor, type DropReason, type ResponderContext, type Transport } from './responder.js';
import type { QueryEvent, StatsCollector } from './stats.js';
import type { ZoneSet } from './zone-set.js';

export type QueryHook = (event: QueryEvent) => void;
export type ErrorSink = (error: unknown, where: string) => void;

export interface QueryHandlerDeps {
  zones: ZoneSet;
  limits: ServerLimits;
  compress?: boolean;
  stats: StatsCollector;
  cache: ResponseCache;
  rateLimiter: RateLimiter;
  onError: ErrorSink;
}

export class QueryHandler {
  /** TCP answers handed to a socket and not yet flushed (UDP sends complete at once: the kernel buffer bounds them). */
  inFlight = 0;
  private readonly hooks = new Set<QueryHook>();
  private readonly contexts: Record<Transport, ResponderContext>;

  constructor(private readonly deps: QueryHandlerDeps) {
    const base = { zones: deps.zones, maxUdpPayload: deps.limits.maxUdpPayload, compress: deps.compress };
    this.contexts = { udp: { ...base, transport: 'udp' }, tcp: { ...base, transport: 'tcp' } };
  }

  addHook(hook: QueryHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /** The messages to send back for `query` (none when it is dropped). */
  handle(query: Buffer, transport: Transport, client: string, clientPort: number): Buffer[] | undefined {
    const { limits } = this.deps;
    if (query.length > limits.maxQuerySize) return this.drop('too-large', transport, client, clientPort);
    // Only UDP sources can be spoofed; a TCP peer has completed a handshake (RRL does the same).
    if (transport === 'udp' && !this.deps.rateLimiter.allow(client)) return this.drop('rate', transport, client, clientPort);
    if (this.inFlight >= limits.maxQueriesInFlight) return this.drop('queue-full', transport, client, clientPort);
    try {
      const outcome = this.deps.cache.respond(query, this.contexts[transport]);
      if (outcome.kind === 'drop') return this.drop(outcome.reason, transport, client, clientPort);
      const { info, messages } = outcome;
      let bytes = 0;
      for (const m of messages) bytes += m.length;
      this.emit({
        time: Date.now(), transport, client, clientPort, qname: info.qname, qtype: info.qtype, zone: info.zone,
        scenario: info.scenario, rcode: rcodeName(info.rcode), answers: info.answers, tc: info.tc, bytes,
        followUp: info.followUp, tcpRetryAfterTc: false,
      }, info.questionKey);
      return messages;
    } catch (error) {
      this.deps.stats.error();
      this.deps.onError(error, `${transport} query from ${client}:${clientPort}`);
      const servfail = servfailFor(query);
      if (!servfail) return this.drop('error', transport, client, clientPort);
      this.emit({
        time: Date.now(), transport, client, clientPort, rcode: 'SERVFAIL', answers: 0, tc: false, bytes: servfail.length,
        followUp: false, tcpRetryAfterTc: false,
      });
      return [servfail];
    }
  }

  drop(reason: DropReason, transport: Transport, client: string, clientPort: number): undefined {
    this.emit({ time: Date.now(), transport, client, clientPort, answers: 0, tc: false, bytes: 0, followUp: false, tcpRetryAfterTc: false, dropped: reason });
    return undefined;
  }

  private emit(event: QueryEvent, questionKey?: string): void {
    this.deps.stats.record(event, questionKey);
    for (const hook of this.hooks) {
      try {
        hook(event);
      } catch (error) {
        this.deps.onError(error, 'onQuery hook');
      }
    }
  }
}
