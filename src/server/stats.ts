// Counters: per scenario × qtype × transport, per client (source address), per
// question, TC answers, TCP retries after TC, follow-ups, drops by reason and
// errors. Every table is bounded; events beyond a full table are still counted
// in the totals and under `overflow`.

import { BoundedLru } from './lru.js';
import { DROP_REASONS, type DropReason, type Transport } from './outcome.js';
import { questionKey as questionKeyOf } from './responder.js';

/** One query as the server saw it: emitted to `onQuery` hooks and the JSON log. */
export interface QueryEvent {
  /** Milliseconds since the epoch. */
  time: number;
  transport: Transport;
  /** Source address (and port) of the query. */
  client: string;
  clientPort: number;
  qname?: string;
  qtype?: string;
  /** Served zone that answered. */
  zone?: string;
  scenario?: string;
  /** Response code name (NOERROR, NXDOMAIN, ...); absent when dropped. */
  rcode?: string;
  /** Answer records sent (for AXFR: all records over all messages). */
  answers: number;
  tc: boolean;
  /** Octets sent (all messages), 0 when dropped. */
  bytes: number;
  /** The question named a chain target (the client chased a CNAME itself). */
  followUp: boolean;
  /** A TCP query for a question this client got a TC answer for over UDP. */
  tcpRetryAfterTc: boolean;
  /** Set when no response was sent. */
  dropped?: DropReason;
  /** The scenario's mutation did not fit this answer (see ResponseInfo.mutation). */
  mutation?: 'retargeted' | 'skipped';
  /** Zone transfers: how it ended (the event is emitted then; `answers` and `bytes` are what was sent). */
  transfer?: 'completed' | 'aborted';
}

export interface TransportCounts {
  udp: number;
  tcp: number;
}

export interface ClientCounts extends TransportCounts {
  queries: number;
  followUps: number;
  truncated: number;
  tcpRetriesAfterTruncation: number;
  dropped: number;
}

export interface QuestionCounts extends ClientCounts {
  qname: string;
  qtype: string;
  scenario?: string;
}

/** `stats()`: plain data, safe to JSON.stringify. */
export interface ServerStats {
  startedAt: string;
  queries: number;
  responses: number;
  byTransport: TransportCounts;
  byRcode: Record<string, number>;
  /** UDP answers sent with TC set. */
  truncated: number;
  /** TCP queries repeating a question that got TC over UDP from the same address. */
  tcpRetriesAfterTruncation: number;
  followUps: number;
  /** Zone transfers started (over TCP; refused ones are not counted). */
  transfers: number;
  /**
   * Transfers streaming now, finished, cut short (the peer went away, an
   * error, the server closing), and answered REFUSED because
   * maxConcurrentTransfers were streaming.
   */
  transfer: { active: number; completed: number; aborted: number; refusedOverLimit: number };
  drops: Record<DropReason, number>;
  /** Unexpected errors while answering (each logged); serving went on. */
  errors: number;
  /**
   * TCP connections accepted and open now; `idleTimeouts`: closed for no
   * complete query and no answer written within tcpIdleTimeoutMs, of which
   * `incompleteQueryTimeouts` held part of a query (a slow drip).
   */
  tcp: { accepted: number; open: number; idleTimeouts: number; incompleteQueryTimeouts: number };
  /** Answers of mutated scenarios whose mutation did not fit the answer (another qtype): see ResponseInfo.mutation. */
  mutations: { retargeted: number; skipped: number };
  /** scenario id → qtype → transport → queries. */
  byScenario: Record<string, Record<string, TransportCounts>>;
  /** source address → counts. */
  byClient: Record<string, ClientCounts>;
  /** "<qname lower case> <qtype>" → counts. */
  byQuestion: Record<string, QuestionCounts>;
  /** Events not tabulated per client/question because those tables were full. */
  overflow: { clients: number; questions: number };
  cache: { hits: number; misses: number; size: number };
}

export interface StatsLimits {
  maxClients: number;
  maxQuestions: number;
  /** How long a TC answer is remembered to recognise the TCP retry. */
  tcRetryWindowMs: number;
}

const DEFAULT_STATS_LIMITS: StatsLimits = { maxClients: 10_000, maxQuestions: 50_000, tcRetryWindowMs: 30_000 };

function zeroClient(): ClientCounts {
  return { queries: 0, udp: 0, tcp: 0, followUps: 0, truncated: 0, tcpRetriesAfterTruncation: 0, dropped: 0 };
}

export class StatsCollector {
  private readonly startedAt = new Date().toISOString();
  private queries = 0;
  private responses = 0;
  private readonly byTransport: TransportCounts = { udp: 0, tcp: 0 };
  private readonly byRcode = new Map<string, number>();
  private truncated = 0;
  private tcpRetries = 0;
  private followUps = 0;
  private transfers = 0;
  readonly transfer = { active: 0, completed: 0, aborted: 0, refusedOverLimit: 0 };
  private readonly mutations = { retargeted: 0, skipped: 0 };
  private readonly drops = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  private errors = 0;
  readonly tcp = { accepted: 0, open: 0, idleTimeouts: 0, incompleteQueryTimeouts: 0 };
  private readonly byScenario = new Map<string, Map<string, TransportCounts>>();
  private readonly byClient = new Map<string, ClientCounts>();
  private readonly byQuestion = new Map<string, QuestionCounts>();
  private readonly overflow = { clients: 0, questions: 0 };
  /** "client|question key" → when it was last answered with TC over UDP (bounded, oldest first; a limit of 0 still keeps one). */
  private readonly recentTc: BoundedLru<string, number>;
  private readonly limits: StatsLimits;

  constructor(limits: Partial<StatsLimits> = {}) {
    this.limits = { ...DEFAULT_STATS_LIMITS, ...limits };
    this.recentTc = new BoundedLru(Math.max(1, this.limits.maxQuestions));
  }

  /** Records one query and completes the event's `tcpRetryAfterTc`; `knownQuestionKey` saves recomputing the key. */
  record(event: QueryEvent, knownQuestionKey?: string): void {
    this.queries++;
    this.byTransport[event.transport]++;
    const client = this.tableEntry(this.byClient, event.client, this.limits.maxClients, 'clients', zeroClient);
    const questionKey = knownQuestionKey ?? (event.qname !== undefined && event.qtype !== undefined ? questionKeyOf(event.qname, event.qtype) : undefined);
    const question = questionKey
      ? this.tableEntry(this.byQuestion, questionKey, this.limits.maxQuestions, 'questions',
        () => ({ qname: questionKey.slice(0, questionKey.lastIndexOf(' ')), qtype: event.qtype!, scenario: event.scenario, ...zeroClient() }))
      : undefined;
    const rows = [client, question].filter((r): r is ClientCounts => r !== undefined);
    for (const row of rows) {
      row.queries++;
      row[event.transport]++;
    }
    if (event.dropped) {
      this.drops[event.dropped]++;
      for (const row of rows) row.dropped++;
      return;
    }
    this.responses++;
    if (event.rcode) this.byRcode.set(event.rcode, (this.byRcode.get(event.rcode) ?? 0) + 1);
    if (event.scenario && event.qtype) {
      let byType = this.byScenario.get(event.scenario);
      if (!byType) this.byScenario.set(event.scenario, (byType = new Map()));
      let counts = byType.get(event.qtype);
      if (!counts) byType.set(event.qtype, (counts = { udp: 0, tcp: 0 }));
      counts[event.transport]++;
    }
    if (event.followUp) {
      this.followUps++;
      for (const row of rows) row.followUps++;
    }
    if (event.mutation) this.mutations[event.mutation]++;
    if (questionKey) this.trackTruncation(event, `${event.client}|${questionKey}`, rows);
  }

  private trackTruncation(event: QueryEvent, key: string, rows: ClientCounts[]): void {
    if (event.transport === 'udp' && event.tc) {
      this.truncated++;
      for (const row of rows) row.truncated++;
      this.recentTc.set(key, event.time);
      return;
    }
    if (event.transport === 'tcp') {
      const when = this.recentTc.peek(key);
      if (when !== undefined && event.time - when <= this.limits.tcRetryWindowMs) {
        this.recentTc.delete(key);
        event.tcpRetryAfterTc = true;
        this.tcpRetries++;
        for (const row of rows) row.tcpRetriesAfterTruncation++;
      }
    }
  }

  private tableEntry<T>(table: Map<string, T>, key: string, max: number, overflowKey: 'clients' | 'questions', make: () => T): T | undefined {
    let row = table.get(key);
    if (!row) {
      if (table.size >= max) {
        this.overflow[overflowKey]++;
        return undefined;
      }
      table.set(key, (row = make()));
    }
    return row;
  }

  error(): void {
    this.errors++;
  }

  transferStarted(): void {
    this.transfers++;
    this.transfer.active++;
  }

  transferEnded(completed: boolean): void {
    this.transfer.active--;
    if (completed) this.transfer.completed++;
    else this.transfer.aborted++;
  }

  /** A drop that belongs to no query (a refused TCP connection). */
  dropWithoutQuery(reason: DropReason): void {
    this.drops[reason]++;
  }

  snapshot(cache: { hits: number; misses: number; size: number }): ServerStats {
    const byScenario: ServerStats['byScenario'] = {};
    for (const [scenario, byType] of this.byScenario) {
      byScenario[scenario] = Object.fromEntries([...byType].map(([qtype, counts]) => [qtype, { ...counts }]));
    }
    return {
      startedAt: this.startedAt,
      queries: this.queries,
      responses: this.responses,
      byTransport: { ...this.byTransport },
      byRcode: Object.fromEntries(this.byRcode),
      truncated: this.truncated,
      tcpRetriesAfterTruncation: this.tcpRetries,
      followUps: this.followUps,
      transfers: this.transfers,
      transfer: { ...this.transfer },
      drops: { ...this.drops },
      errors: this.errors,
      tcp: { ...this.tcp },
      mutations: { ...this.mutations },
      byScenario,
      byClient: Object.fromEntries([...this.byClient].map(([k, v]) => [k, { ...v }])),
      byQuestion: Object.fromEntries([...this.byQuestion].map(([k, v]) => [k, { ...v }])),
      overflow: { ...this.overflow },
      cache: { ...cache },
    };
  }
}

