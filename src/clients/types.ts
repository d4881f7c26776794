// The contract every real stub client implements. An adapter says whether its
// library is on this machine (detect), builds its probe program once
// (prepare), and then resolves one name per request, handing back the run:
// the result it reported (the probe program's JSON line, parsed once) and how
// the run went (stdout, stderr, exit, signal, timeout). Judging that run is the
// matrix's job (src/matrix/outcome.ts), never the adapter's.

import type { ResolverResult } from '../models/resolver-result.js';

export const CLIENT_IDS = [
  'glibc-getaddrinfo', 'glibc-gethostbyname', 'musl-getaddrinfo', 'cares-system', 'node-cares', 'node-lookup',
  'go-pure', 'dnspython', 'java-inetaddress', 'java-jndi', 'systemd-resolved',
  'chromium',
  'hickory',
  'ruby-resolv', 'perl-net-dns',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

/**
 * How a client finds the server. `system-config` clients only read
 * /etc/resolv.conf, so they run inside a network namespace whose resolv.conf
 * points at the scenario server; `explicit-server` clients are handed the
 * server's address and port.
 */
export type ServerDiscovery = 'system-config' | 'explicit-server';

/** How many of the addresses it resolved a client's result lists (ClientAdapter.reports). */
export type AddressReporting = 'all-addresses' | 'one-address';

export interface Detection {
  available: boolean;
  /** Library version the probe runs against, e.g. "glibc 2.36". */
  version?: string;
  /** Why the client cannot run here (missing package, toolchain, ...). */
  reason?: string;
}

export interface ServerEndpoint {
  address: string;
  port: number;
}

export interface ResolveRequest {
  name: string;
  qtype: 'A' | 'AAAA';
  timeoutMs: number;
}

/** What one run of a client produced, not yet judged. */
export interface RawRun {
  /**
   * What the client reported: its JSON line parsed (src/clients/client-output.ts),
   * or a model's result handed over as the value it is; undefined when it
   * printed no well-formed result line.
   */
  result: ResolverResult | undefined;
  /** The program's JSON line for this request ('' when it printed none; a model prints nothing). */
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
}

/** Where and how probe programs run for one matrix run. */
export interface RunContext {
  server: ServerEndpoint;
  /** Network namespace to run programs in (its resolv.conf points at `server`), if any. */
  namespace?: string;
  /** Upper bound of concurrent workers per client. */
  maxWorkers: number;
  /** Cache directory for built programs. */
  cacheDir: string;
}

export interface PreparedClient {
  resolve(request: ResolveRequest): Promise<RawRun>;
  /** In-process clients (models), whose queries the server never sees: whether they asked for this name. */
  asked?(name: string): boolean;
  close(): Promise<void>;
}

export interface ClientAdapter {
  /** `glibc-getaddrinfo`, or `glibc-getaddrinfo@trixie` for the same API inside a root. */
  id: string;
  /** The id without its userland (default: id). */
  base?: string;
  /** Where it runs: `host` (default) or a root's name. */
  userland?: string;
  /** A real library (default), or a TypeScript model of its parser that answers in-process (src/models). */
  kind?: 'real' | 'model';
  discovery: ServerDiscovery;
  /**
   * What its result lists: `all-addresses` (the default) every address the API
   * returns; `one-address` only the one it used (a browser reports the address
   * it connected to), so it is never judged `partial` for not listing the rest
   * (src/matrix/outcome.ts).
   */
  reports?: AddressReporting;
  /** One line for reports: which API of which library. */
  describe: string;
  detect(cacheDir: string): Promise<Detection>;
  /** Builds (or reuses) the probe program and starts serving requests. */
  prepare(context: RunContext): Promise<PreparedClient>;
}
