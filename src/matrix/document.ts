// The one result document of `dnsorder matrix` (schema dnsorder.matrix/v1,
// DESIGN.md "Result schema"). Every format is rendered from it, and a stored
// one is the baseline `--expect` compares against. The matrix (runner.ts) writes
// it; src/report renders it.
import type { HostFacts } from '../run-header.js';
import type { Outcome } from './outcome.js';

export const MATRIX_SCHEMA = 'dnsorder.matrix/v1';

export interface ClientInfo {
  /** `glibc-getaddrinfo` on the host, `glibc-getaddrinfo@trixie` in the trixie root. */
  id: string;
  /** The id without its userland: the same library API across releases. */
  base?: string;
  /** Where it ran: `host`, a suite (`trixie`) or the NAME of `--root NAME=DIR` (absent in older documents: host). */
  userland?: string;
  /** A real library on this machine, or a TypeScript model of its parser (src/models). */
  kind: 'real' | 'model';
  describe: string;
  /** Library version the probe ran against. */
  version: string | null;
  /**
   * Real clients: the model (src/models) of the library version it detected,
   * matched by version, not by id (absent when no model covers that version,
   * and for models themselves).
   */
  model?: string;
  available: boolean;
  /** Why it did not run (missing package, no namespace, ...). */
  reason?: string;
  /** How it found the server: in the namespace via resolv.conf, or told explicitly. */
  discovery: 'system-config' | 'explicit-server';
}

export interface ScenarioInfo {
  id: string;
  title: string;
  category: string;
  conformant: boolean;
  queryType: 'A' | 'AAAA';
  /** The answer section as served (presentation lines, for `<id>.<zone>`). */
  answer: string[];
  expected: { addresses: string[]; canonical: string | null; kind: string };
}

export interface RawOutput {
  /** The probe program's JSON line; for a model, which prints nothing, its result written as that line (the runner's `printedLine`). */
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
}

export interface MatrixResult {
  scenario: string;
  client: string;
  /** The client's userland (see ClientInfo.userland). */
  userland?: string;
  outcome: Outcome;
  addresses: string[];
  canonical: string | null;
  /** Queries the server saw for this cell (null when not counted, e.g. skipped). */
  queries: number | null;
  detail: string;
  /** The outcome is not ok although the answer held the addresses. */
  breaks: boolean;
  /** The name the client asked for. */
  query?: string;
  /** It asked the server for the chain's last name itself, and the addresses it got there were judged as the chain end's. */
  askedChainEnd?: boolean;
  raw?: RawOutput;
}

export interface MatrixDocument {
  schema: typeof MATRIX_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  generatedAt: string;
  durationMs: number;
  host: HostFacts;
  inputs: { clients: string[]; scenarios: string[]; zone: string; jobs: number; timeoutMs: number; isolation: string; /** `--suites` and `--root` names, host first (absent in older documents: host only). */ userlands?: string[] };
  clients: ClientInfo[];
  scenarios: ScenarioInfo[];
  results: MatrixResult[];
  /**
   * Computed, never read: written by `--format json` when real clients ran in
   * more than one userland (src/report/matrix-releases.ts). Every scenario
   * whose outcome differs for the same base client across userlands; skipped
   * cells are not compared. `results` stays the one source of truth.
   */
  changes?: ReleaseChange[];
}

/** One userland's cell in a change between releases. */
export interface ReleaseSide {
  userland: string;
  /** The client id in that userland (`glibc-getaddrinfo@trixie`). */
  client: string;
  version: string | null;
  outcome: Outcome;
  detail: string;
}

/** A scenario whose outcome differs for one base client across userlands (sides in userland order, skipped ones left out). */
export interface ReleaseChange {
  scenario: string;
  base: string;
  sides: ReleaseSide[];
}

export function resultKey(r: Pick<MatrixResult, 'scenario' | 'client'>): string {
  return `${r.scenario}\u0000${r.client}`;
}
