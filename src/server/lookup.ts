// What a zone says about one question, before it becomes a message: the
// sections in order, the rcode, how to encode it, and what the counters need
// to know.

import type { DnsRecord } from '../wire/message.js';
import type { TransferSource } from './transfer.js';

export interface LookupResult {
  rcode: number;
  /** Authoritative answer bit. */
  aa: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
  /** The served zone that answered (origin as configured). */
  zone: string;
  /** The scenario's id, set when a scenario name was asked (for the counters and the query log). */
  scenario?: string;
  /** How the responder turns this result into octets; DEFAULT_ENCODING when absent. */
  encoding?: EncodingPolicy;
  /** The question named a chain target of the scenario (a client chasing a CNAME itself). */
  followUp?: boolean;
}

/**
 * Encoding choices that belong to the answer, not to the server: a scenario's
 * options (src/scenarios/layout.ts ScenarioOptions) travel here as data, so
 * the responder never reads a scenario.
 */
export interface EncodingPolicy {
  /** Name compression (a server-wide `compress` setting overrides it). */
  compress: boolean;
  /** What a UDP answer that does not fit carries beside TC: nothing, or the answer records that fit. */
  truncation: 'empty' | 'partial';
  /** A named byte mutation (src/wire/mutate.ts) applied to a NOERROR, non-follow-up answer that fits. */
  mutation?: { name: string; record?: number };
}

export const DEFAULT_ENCODING: Readonly<EncodingPolicy> = Object.freeze({ compress: true, truncation: 'empty' });

/** A zone the responder can ask. */
export interface ServedZone {
  readonly origin: string;
  lookup(qname: string, qtype: string): LookupResult;
  /** Records for AXFR (SOA first and last), or undefined when the zone cannot be transferred. */
  transferRecords(): DnsRecord[] | undefined;
  /**
   * The zone's transfer, encoded once per content (zone-data.ts has one);
   * without it a transfer is encoded from transferRecords(), cached while the
   * zone returns the same list.
   */
  transferSource?(): TransferSource | undefined;
}
