// The declarative vocabulary of a scenario: which records go where, by role
// in the chain, never by literal name. Names and data are derived from the
// query name when the scenario is materialised (materialise.ts).

/** One slot in a section. */
export type LayoutItem =
  /** The CNAME whose owner is hop `hop` of the chain (0 = the query name). */
  | { cname: number }
  /** The terminal RRset (all its records), or one record of it. */
  | { terminal: 'all' | number }
  /** An RRSIG covering the CNAME at hop `hop`, or covering the terminal RRset. */
  | { rrsig: 'terminal' | { cname: number } }
  /** An address record for a name outside the chain. */
  | { unrelated: 'address' }
  /** The DNAME that the first CNAME is synthesized from (DNAME scenarios only). */
  | { dname: true }
  /** A record of a type stub resolvers do not know, owned by the query name. */
  | { extra: ExtraKind };

export type ExtraKind = 'zonemd' | 'private-use' | 'svcb' | 'https';

/**
 * A chain by role: the one description the scenario catalogue and the probe
 * suite (src/probe/suite.ts) share. materialise.ts turns it, a query name and
 * a layout into records.
 */
export interface ChainShape {
  /** CNAME hops between the query name and the terminal owner (0 = no CNAME). */
  hops: number;
  /** Records in the terminal RRset (default 2); 0 = the terminal owner has none of the query type (NODATA). */
  terminalRecords?: number;
  /** The last CNAME points back at the query name. */
  loop?: boolean;
  /** The first CNAME is synthesized from a DNAME; clients query `www.src.<base>`, the DNAME maps src → dst. */
  dname?: boolean;
  /** Letter case used for owner names that continue the chain (targets stay lower case). */
  ownerCase?: 'upper' | 'mixed';
  /**
   * TTLs in seconds: per CNAME hop (a number applies to all; the DNAME takes
   * hop 0's) and of the terminal RRset. Default: the materialiser's TTL.
   */
  ttl?: { cnames?: number | number[]; terminal?: number };
  /** Chain names (0 = the query name) that live under a second base: the probe's child zone, delegated to the same authority. */
  delegated?: number[];
}

export interface ScenarioOptions {
  /** Name compression in the response (default true). */
  compress: boolean;
  /** What a UDP answer that does not fit carries beside TC: nothing, or the records that fit. */
  truncation: 'empty' | 'partial';
  /** A named byte mutation applied to the encoded response (src/wire/mutate.ts). */
  mutation?: { name: string; record?: number };
}

export type Category =
  | 'order' | 'permutation' | 'shuffle' | 'chain-length' | 'case' | 'duplicates' | 'unrelated'
  | 'degenerate' | 'dname' | 'dnssec' | 'unknown-types' | 'size' | 'malformed' | 'aaaa';

export interface ScenarioDefinition {
  id: string;
  title: string;
  description: string;
  category: Category;
  /** Spec reference ids (src/spec/references.ts). */
  spec: string[];
  /** Whether the layout follows draft-jabley-dnsop-ordered-answer-section (checked against the analyzer by tests). */
  conformant: boolean;
  chain: ChainShape;
  answer: LayoutItem[];
  additional?: LayoutItem[];
  /** Force the query type (for AAAA variants); otherwise the client's qtype is used. */
  qtype?: 'A' | 'AAAA';
  options?: Partial<ScenarioOptions>;
}
