// The contract every stub-parser model implements: the question a library
// asked and the response octets it received in, what that library would hand
// its caller out. A model never throws for bad input: whatever the library
// does with a broken message (fail, skip, read garbage) comes back as a value.

import type { ResolverResult, ResultView } from './resolver-result.js';

export interface ModelQuestion {
  name: string;
  type: 'A' | 'AAAA';
}

export interface ModelOptions {
  /**
   * The same server's answer over TCP. Libraries that retry over TCP when TC
   * is set read this instead of the truncated UDP answer; without it they
   * return the MODEL_NEEDS_TCP error.
   */
  tcp?: Uint8Array;
  /**
   * The same server's answers to the other questions the library's API sends
   * for the same name (ModelInfo.asks), by type; `tcp` when the UDP answer is
   * truncated. Without them the model reads only `response`.
   */
  related?: Partial<Record<RelatedType, { udp: Uint8Array; tcp?: Uint8Array }>>;
  /**
   * The same server's answer to a question for another name (UDP, and TCP for
   * a truncated one): libraries that query a CNAME target again themselves
   * (hickory) ask it here. Without it such a model returns MODEL_NEEDS_FOLLOW_UP
   * where the library would send that query.
   */
  followUp?: (question: ModelQuestion) => { udp: Uint8Array; tcp?: Uint8Array };
}

export type RelatedType = 'A' | 'AAAA' | 'CNAME';

/**
 * The library a real client's detected version names (src/clients detect():
 * "glibc 2.36 (...)", "musl 1.2.5 (...)", "c-ares 1.34.6 (node v20...)",
 * "go1.24.4", "dnspython 2.7.0", "java 21.0.13", "systemd 257 (via glibc 2.41)").
 */
export type ModelLibrary = 'glibc' | 'musl' | 'c-ares' | 'go' | 'dnspython' | 'java' | 'resolv' | 'net-dns' | 'chromium' | 'hickory' | 'systemd';

/** One (library, version range) a model mirrors, and the real clients (base ids) whose API reaches that code. */
export interface ModelCoverage {
  library: ModelLibrary;
  /** Space-separated comparators over dotted numeric versions, all must hold: ">=1.26", ">=1.16 <1.21", "*". */
  versions: string;
  /** Base client ids (src/clients CLIENT_IDS) whose API runs this code of this library. */
  clients: string[];
  /** How those APIs show the model's result when they show less of it (no canonical name, ...). */
  view?: ResultView;
}

/** One measured agreement: the differential test checks this list against what it measured. */
export interface ModelValidation {
  /** Base client id (src/clients CLIENT_IDS). */
  client: string;
  library: ModelLibrary;
  /** The detected upstream version, e.g. "1.34.9". */
  version: string;
  /** The userland it ran in: `host` or a suite (`trixie`). */
  suite: string;
}

export interface ModelInfo {
  /** `model-<name>`: stable, other tools rely on it. */
  id: string;
  title: string;
  /** Library and API, e.g. "glibc getaddrinfo". */
  library: string;
  /** Source file, function and version the model mirrors. */
  follows: string;
  /** Real client ids (src/clients) it was validated against: the clients of `validated`. */
  validatedAgainst: string[];
  /** `validated` as one line for reports, or null when no real client exists here. */
  validatedVersions: string | null;
  /** True when the library retries over TCP on a truncated UDP answer. */
  retriesOverTcp: boolean;
  /** The (library, version range) pairs it mirrors; a real client is matched to a model by these (src/models/match.ts). */
  covers: ModelCoverage[];
  /** Every (client, library version, suite) the differential test measured agreement with; empty when no real client exists here. */
  validated: ModelValidation[];
  /** Why `validated` is empty, where that is for want of a real client (said wherever the model appears). */
  unvalidated?: string;
  /** Questions its API asks besides the asked type, whose answers it reads from ModelOptions.related. */
  asks?: RelatedType[];
}

/** What a model file declares: validatedAgainst and validatedVersions are derived from `validated`. */
export type ModelSpec = Omit<ModelInfo, 'validatedAgainst' | 'validatedVersions'>;

export interface StubModel extends ModelInfo {
  resolve(question: ModelQuestion, response: Uint8Array, options?: ModelOptions): ResolverResult;
}

export const NEEDS_TCP_CODE = 'MODEL_NEEDS_TCP';
