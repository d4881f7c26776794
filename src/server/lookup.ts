// What a zone says about one question, before it becomes a message: the
// sections in order, the rcode, and what the counters need to know.

import type { Scenario } from '../scenarios/catalogue-index.js';
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
  /** Set when a scenario name was asked. */
  scenario?: Scenario;
  /** The question named a chain target of the scenario (a client chasing a CNAME itself). */
  followUp?: boolean;
}

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
