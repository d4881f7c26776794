// dnsorder's scenario resolver, as a library.
//
//   const server = await startServer({ port: 0 });          // 127.0.0.1, a free port
//   // query <scenario-id>[.<labels>].order.test over UDP or TCP at server.address:server.port
//   server.stats();                                         // plain JSON-able counters
//   await server.close();                                   // resolves when every socket is released
//
// Counting queries per client (for the matrix): either read
//   server.stats().byQuestion["<qname in lower case> <QTYPE>"]
//     → { qname, qtype, scenario, queries, udp, tcp, followUps, truncated, tcpRetriesAfterTruncation, dropped }
//   server.stats().byClient["<source address>"] → the same counts per source address
// or subscribe to every query as it is handled:
//   const unsubscribe = server.onQuery((event) => ...)      // QueryEvent, see stats.ts
// Use a unique extra label per run (`canonical.<run-id>.order.test`) so that
// byQuestion separates runs; follow-up queries for chain targets are counted
// under their own qname with `followUps` set and under the scenario in
// stats().byScenario. A TCP query repeating a question that got TC over UDP
// from the same address counts as `tcpRetriesAfterTruncation`.
// From the CLI (`dnsorder serve` as a child process): `--log-json` gives one
// JSON line per query on stdout (the QueryEvent fields, `ts` as ISO time), and
// `--stats-json FILE` writes this same stats() document on exit.
//
// Safeguards (limits.ts): loopback unless `allowRemote`; with a non-loopback
// address response-rate limiting is on; TCP connections (overall and per
// source address), in-flight answers, query size, idle time (a query
// dribbled in octet by octet included) and concurrent zone transfers are
// bounded; every drop is counted by reason. Zone transfers stream a message
// at a time with back-pressure, stop when the client goes away, and each
// zone's transfer is encoded once (transfer.ts).

import { isLoopback } from '../net/address.js';
import { bindUdpAndTcp } from './bind-both.js';
import { DEFAULT_LISTEN_ADDRESS, parseListenAddress } from './listen-address.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import { ServerError } from './errors.js';
import { QueryHandler, type ErrorSink, type QueryHook } from './query-handler.js';
import { RateLimiter } from './rate-limit.js';
import { ResponseCache } from './response-cache.js';
import { ScenarioZone, DEFAULT_SCENARIO_ZONE } from './scenario-zone.js';
import { StatsCollector, type ServerStats } from './stats.js';
import { AuthoritativeZone, type ZoneData } from './zone-data.js';
import { loadServedZoneFile, type ZoneFileSpec } from './zone-files.js';
import { ZoneSet } from './zone-set.js';
import type { ServedZone } from './lookup.js';

export interface ServerOptions {
  /** Address to listen on, optionally with a port (`127.0.0.1:5353`, `[::1]:5353`). Default 127.0.0.1. */
  listen?: string;
  /** Port for UDP and TCP (default 0: a free port, the same for both). Overrides a port in `listen`. */
  port?: number;
  /** Required to listen on anything but loopback; turns on per-source rate limiting. */
  allowRemote?: boolean;
  /** Origin the scenario catalogue is served under (default order.test); `false` serves zone data only. */
  zone?: string | false;
  /** Zones built in-process, served authoritatively and by AXFR. */
  zones?: ZoneData[];
  /** Zone files read with src/zone's parser. */
  zoneFiles?: ZoneFileSpec[];
  limits?: Partial<ServerLimits>;
  /** Force name compression on or off for every response (default: each scenario's option). */
  compress?: boolean;
  /** Called for every query, answered or dropped. */
  onQuery?: QueryHook;
  /** Where unexpected errors go (default: one line on stderr). */
  onError?: ErrorSink;
}

export interface RunningServer {
  readonly address: string;
  readonly port: number;
  readonly limits: Readonly<ServerLimits>;
  stats(): ServerStats;
  /** Adds a query hook; returns its remover. */
  onQuery(hook: QueryHook): () => void;
  /** Stops serving; resolves when every socket is closed. Safe to call twice. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const listen = parseListenAddress(options.listen ?? DEFAULT_LISTEN_ADDRESS);
  const remote = !isLoopback(listen.address);
  if (remote && !options.allowRemote) {
    throw new ServerError('ERR_SERVER_REMOTE_NOT_ALLOWED',
      `${listen.address} is not a loopback address: the scenario resolver answers with deliberately broken data, so serving beyond this host needs --allow-remote`);
  }
  const limits = resolveLimits(options.limits, remote);
  const onError: ErrorSink = options.onError ?? ((error, where) => {
    process.stderr.write(`dnsorder serve: ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
  });

  const served: ServedZone[] = [];
  if (options.zone !== false) {
    const glue = listen.address.includes(':') || listen.address === '0.0.0.0' ? undefined : listen.address;
    served.push(new ScenarioZone({ origin: options.zone ?? DEFAULT_SCENARIO_ZONE, glueAddress: glue }));
  }
  for (const data of options.zones ?? []) served.push(new AuthoritativeZone(data));
  for (const spec of options.zoneFiles ?? []) served.push(loadServedZoneFile(spec));
  const zones = new ZoneSet(served);

  const stats = new StatsCollector();
  const cache = new ResponseCache(limits.responseCacheSize);
  const rateLimiter = new RateLimiter({
    perSecond: limits.ratePerSecond, burst: limits.rateBurst, ipv4Prefix: limits.rateIpv4Prefix,
    ipv6Prefix: limits.rateIpv6Prefix, tableSize: limits.rateTableSize,
  });
  const handler = new QueryHandler({ zones, limits, compress: options.compress, stats, cache, rateLimiter, onError });
  if (options.onQuery) handler.addHook(options.onQuery);

  const { udp, tcp } = await bindUdpAndTcp(listen.address, options.port ?? listen.port ?? 0, handler, limits, stats, onError);
  let closing: Promise<void> | undefined;
  return {
    address: listen.address,
    port: udp.port,
    limits,
    stats: () => stats.snapshot({ hits: cache.hits, misses: cache.misses, size: cache.size }),
    onQuery: (hook) => handler.addHook(hook),
    close: () => (closing ??= Promise.all([udp.close(), tcp.close()]).then(() => undefined)),
  };
}

export { ServerError } from './errors.js';
export { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
export { DEFAULT_SCENARIO_ZONE } from './scenario-zone.js';
export { respond, type ResponderContext } from './responder.js';
export { answerScenarioQuery, encodeScenarioQuery, encodeScenarioResponse, type ScenarioQuery, type ScenarioQueryOptions } from './scenario-query.js';
export { DEFAULT_ENCODING, type EncodingPolicy } from './lookup.js';
export { DROP_REASONS, type Outcome, type ResponseInfo, type DropReason, type Transport } from './outcome.js';
export type { QueryEvent, ServerStats, ClientCounts, QuestionCounts, TransportCounts } from './stats.js';
export type { QueryHook, ErrorSink } from './query-handler.js';
export type { ZoneData } from './zone-data.js';
export { AuthoritativeZone } from './zone-data.js';
export { ScenarioZone } from './scenario-zone.js';
export { ZoneSet } from './zone-set.js';
export type { ZoneFileSpec } from './zone-files.js';
export { loadZoneFile, loadServedZoneFile } from './zone-files.js';
export { parseListenAddress } from './listen-address.js';
export { isLoopback } from '../net/address.js';
