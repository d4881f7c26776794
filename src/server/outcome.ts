// What answering one query comes to: a reply (the messages, and what the
// counters and the query log need about it) or a drop with its reason. The
// responder (responder.ts) hands it back; the cache (response-cache.ts), the
// shells (udp.ts, tcp.ts) and the counters (stats.ts) take it.

import type { ZoneTransfer } from './transfer.js';

export type Transport = 'udp' | 'tcp';

/** Why a query got no response. Every drop is counted under its reason. */
export type DropReason =
  | 'malformed' // shorter than a header: nothing to answer
  | 'qr-set' // a response, not a query (answering it could start a loop)
  | 'rate' // above the per-source response rate
  | 'queue-full' // too many responses in flight
  | 'connection-limit' // TCP connection over the limit
  | 'source-connection-limit' // TCP connection over the limit for its source address
  | 'too-large' // query larger than the limit
  | 'error'; // an unexpected error while answering, and no header to answer SERVFAIL with

export const DROP_REASONS: readonly DropReason[] = ['malformed', 'qr-set', 'rate', 'queue-full', 'connection-limit', 'source-connection-limit', 'too-large', 'error'];

/** What the counters and the query log need about one answered query. */
export interface ResponseInfo {
  qname?: string;
  qtype?: string;
  zone?: string;
  scenario?: string;
  followUp: boolean;
  rcode: number;
  /** Answer records in the (first) message sent. */
  answers: number;
  tc: boolean;
  transfer: boolean;
  /**
   * The scenario's mutation could not break the record it names in this
   * answer (asked with another qtype, fewer records): 'retargeted' when the
   * answer's last record was broken instead, 'skipped' when the answer had no
   * record at all and went out unbroken.
   */
  mutation?: 'retargeted' | 'skipped';
  /** "<qname in lower case> <qtype>": the counters' key, computed once per distinct answer (and cached with it). */
  questionKey?: string;
}

export type Outcome =
  /**
   * `transfer` is set for a zone transfer when the context asked for streaming
   * (`streamTransfers`): `messages` is then empty and the shell streams the
   * transfer's messages itself; otherwise `messages` holds them all.
   */
  | { kind: 'reply'; messages: Buffer[]; info: ResponseInfo; transfer?: ZoneTransfer }
  | { kind: 'drop'; reason: DropReason };
