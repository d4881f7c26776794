// The result document of `dnsorder atlas check` (schema dnsorder.atlas/v1):
// what was read, the verdicts per test aggregated over resolvers, and the
// resolvers, probes and ASNs behind them. Every format renders from it
// (src/report/atlas-render.ts).

import type { HostFacts } from '../run-header.js';
import type { Verdict } from '../probe/document.js';

export const ATLAS_SCHEMA = 'dnsorder.atlas/v1';

/** What happened to the entries and answers read: each is counted, none dropped silently. */
export interface AtlasCounts {
  /** JSON entries read (results). */
  entries: number;
  /** Answer items: one per result, or one per `resultset` element. */
  items: number;
  /** Items with an abuf that decoded (warm-ups and answers of another run included). */
  decoded: number;
  /** `error: {timeout: …}` items. */
  timeouts: number;
  /** Other `error` items (getaddrinfo, socket, …). */
  errors: number;
  /** Results without `abuf` (the measurement did not ask for it, or Atlas left it out). */
  missingAbuf: number;
  /** abufs that do not decode as a DNS message (judged `error`, behaviour `malformed`). */
  malformedAbuf: number;
  /** Entries that are not JSON, too large, or not objects. */
  unreadable: number;
  /** Entries of another measurement type. */
  notDns: number;
  /** Results with neither result, resultset nor error. */
  noResult: number;
  /** Answers to the warm-up half of a timed pair (not judged on their own). */
  warmUps: number;
  /** Answers to names outside the probe's plans, judged passively (any CNAME chain must be in order). */
  passive: number;
  /** Answers to probe names of another run than --plan's (not judged). */
  otherRun: number;
  /** Timeouts, errors and missing abufs of measurements whose test no decoded answer revealed. */
  unattributed: number;
}

export interface AtlasExample {
  /** The resolver (dst_addr; private addresses with the probe: `192.168.1.1 (probe 1234)`). */
  resolver: string;
  probe?: number;
  timestamp?: number;
  verdict: Verdict;
  behaviour?: string;
  note: string;
  findings: string[];
  /** The answer section in presentation format. */
  answer: string[];
}

export interface AtlasTestSummary {
  /** Probe test id; `/tcp` for a test's TCP definition; `name:<qname> <type>` for passive rows. */
  test: string;
  group: string;
  title: string;
  /** What the Atlas results of this test can show (src/atlas/plan.ts ATLAS_JUDGEMENT). */
  judged: string;
  answers: number;
  /** Resolvers by their verdict on this test. */
  resolvers: Record<Verdict, number>;
  /** Resolvers by what they did (the behaviour behind their verdict). */
  behaviours: Record<string, number>;
  /** Partial-expiry and cache tests: resolvers by why the cache path was or was not shown. */
  evidence?: Record<string, number>;
  examples: AtlasExample[];
}

export interface AtlasResolverSummary {
  total: number;
  /** Resolvers at public addresses (one resolver seen by many probes). */
  public: number;
  /** Private, loopback or shared addresses: one resolver per probe that reports it (192.168.1.1 is a different box everywhere). */
  private: number;
  /** No test violated (and at least one answer judged). */
  clean: number;
  violating: number;
  /** Answered a reordered authority answer in order. */
  reorder: number;
  passThrough: number;
  ownOrder: number;
  /** Answers missing chain records (CNAMEs dropped, the chain cut short). */
  dropChain: number;
  /** Records of one RRset not adjacent (rrset-contiguous). */
  splitRrsets: number;
  /** Only timeouts, errors or malformed answers: nothing to judge. */
  unjudged: number;
}

export interface AtlasOffender {
  resolver: string;
  address: string;
  private: boolean;
  probes: number;
  asns: number[];
  violations: string[];
  behaviours: string[];
  example?: AtlasExample;
}

export interface AtlasAsnSummary {
  asn: number;
  probes: number;
  resolvers: number;
  violatingResolvers: number;
}

export interface AtlasDocument {
  schema: typeof ATLAS_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  generatedAt: string;
  durationMs: number;
  host: HostFacts;
  inputs: {
    files: string[];
    plan: { file: string; runId: string; zone: string } | null;
    probesMeta: string | null;
  };
  counts: AtlasCounts;
  /** The first problems met (unreadable entries, …), with where. */
  problems: string[];
  resolvers: AtlasResolverSummary;
  probes: { total: number; withViolation: number; clean: number };
  tests: AtlasTestSummary[];
  offenders: AtlasOffender[];
  /** Per ASN, when the results or --probes-meta carry one; null otherwise. */
  asns: AtlasAsnSummary[] | null;
  /** Tests of the plan Atlas cannot run, with why. */
  notPlanned: Array<{ test: string; reason: string }>;
}

export function hasAtlasViolations(doc: Pick<AtlasDocument, 'resolvers'>): boolean {
  return doc.resolvers.violating > 0;
}
