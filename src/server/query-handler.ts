// What both shells do with one query: the safeguards in front of the
// responder (size, rate, in-flight, concurrent transfers), the responder
// behind its cache, counting, hooks — and the guarantee that nothing a client
// sends escapes as an exception: an unexpected error is logged, counted,
// answered SERVFAIL when the header is readable, and serving goes on.
//
// A zone transfer over TCP comes back as a ZoneTransfer for the TCP shell to
// stream; its query event is emitted when it ends (`endTransfer`), with the
// records and octets actually sent.

import { rcodeName } from '../wire/message.js';
import type { ServerLimits } from './limits.js';
import type { RateLimiter } from './rate-limit.js';
import type { ResponseCache } from './response-cache.js';
import type { DropReason, ResponseInfo, Transport } from './outcome.js';
import { servfailFor, type ResponderContext } from './responder.js';
import type { QueryEvent, StatsCollector } from './stats.js';
import type { ZoneSet } from './zone-set.js';
import type { ZoneTransfer } from './transfer.js';

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
  /** Transfers streaming now (bounded by limits.maxConcurrentTransfers). */
  activeTransfers = 0;
  private readonly hooks = new Set<QueryHook>();
  private readonly contexts: Record<Transport, ResponderContext>;
  private readonly started = new Map<ZoneTransfer, { info: ResponseInfo; client: string; clientPort: number }>();

  constructor(private readonly deps: QueryHandlerDeps) {
    const base = { zones: deps.zones, maxUdpPayload: deps.limits.maxUdpPayload, compress: deps.compress };
    this.contexts = { udp: { ...base, transport: 'udp' }, tcp: { ...base, transport: 'tcp', streamTransfers: true } };
  }

  addHook(hook: QueryHook): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  /**
   * The messages to send back for `query` (none when it is dropped), or, over
   * TCP, a zone transfer to stream; the shell then calls `endTransfer` once.
   */
  handle(query: Buffer, transport: Transport, client: string, clientPort: number): Buffer[] | ZoneTransfer | undefined {
    const { limits } = this.deps;
    if (query.length > limits.maxQuerySize) return this.drop('too-large', transport, client, clientPort);
    // Only UDP sources can be spoofed; a TCP peer has completed a handshake (RRL does the same).
    if (transport === 'udp' && !this.deps.rateLimiter.allow(client)) return this.drop('rate', transport, client, clientPort);
    if (this.inFlight >= limits.maxQueriesInFlight) return this.drop('queue-full', transport, client, clientPort);
    try {
      const outcome = this.deps.cache.respond(query, this.contexts[transport]);
      if (outcome.kind === 'drop') return this.drop(outcome.reason, transport, client, clientPort);
      const { info, messages } = outcome;
      if (outcome.transfer) return this.admitTransfer(outcome.transfer, info, client, clientPort);
      let bytes = 0;
      for (const m of messages) bytes += m.length;
      this.emit({
        time: Date.now(), transport, client, clientPort, qname: info.qname, qtype: info.qtype, zone: info.zone,
        scenario: info.scenario, rcode: rcodeName(info.rcode), answers: info.answers, tc: info.tc, bytes,
        followUp: info.followUp, tcpRetryAfterTc: false, mutation: info.mutation,
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

  /** Starts a transfer, or answers REFUSED (counted) when limits.maxConcurrentTransfers are streaming already. */
  private admitTransfer(transfer: ZoneTransfer, info: ResponseInfo, client: string, clientPort: number): Buffer[] | ZoneTransfer {
    const { stats, limits } = this.deps;
    if (this.activeTransfers >= limits.maxConcurrentTransfers) {
      stats.transfer.refusedOverLimit++;
      const refused = transfer.refusal();
      this.emit({
        time: Date.now(), transport: 'tcp', client, clientPort, qname: info.qname, qtype: info.qtype, zone: info.zone,
        rcode: 'REFUSED', answers: 0, tc: false, bytes: refused.length, followUp: false, tcpRetryAfterTc: false,
      }, info.questionKey);
      return [refused];
    }
    this.activeTransfers++;
    stats.transferStarted();
    this.started.set(transfer, { info, client, clientPort });
    return transfer;
  }

  /** A transfer handed out by `handle` has ended: all sent (`completed`), or cut short (peer gone, error, server closing). */
  endTransfer(transfer: ZoneTransfer, completed: boolean): void {
    const started = this.started.get(transfer);
    if (!started) return;
    this.started.delete(transfer);
    this.activeTransfers--;
    this.deps.stats.transferEnded(completed);
    const { info, client, clientPort } = started;
    this.emit({
      time: Date.now(), transport: 'tcp', client, clientPort, qname: info.qname, qtype: info.qtype, zone: info.zone,
      rcode: rcodeName(info.rcode), answers: transfer.recordsSent, tc: false, bytes: transfer.octetsSent, followUp: false,
      tcpRetryAfterTc: false, transfer: completed ? 'completed' : 'aborted',
    }, info.questionKey);
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
