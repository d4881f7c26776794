// The safeguards' numbers. Everything the server holds per client or per
// connection is bounded by one of these, and whatever is refused because of
// one is counted as a drop (stats.ts), never silently lost.

import { ServerError } from './errors.js';

export interface ServerLimits {
  /** Concurrent TCP connections; one more is closed at once and counted as `connection-limit`. */
  maxTcpConnections: number;
  /**
   * Concurrent TCP connections from one source address; one more is closed at
   * once and counted as `source-connection-limit`. Keeps one host from holding
   * every slot of `maxTcpConnections`.
   */
  maxTcpConnectionsPerSource: number;
  /** Unflushed responses on one TCP connection before we stop reading from it (RFC 7766 back-pressure). */
  maxQueriesInFlightPerConnection: number;
  /** Unflushed TCP answers over all connections; a query arriving above this is dropped as `queue-full`. */
  maxQueriesInFlight: number;
  /**
   * A TCP connection that neither completes a query nor gets an answer written
   * for this long is closed (RFC 7766 §6.2.3); octets of an unfinished query
   * do not count as activity, so a slow drip is closed like an idle client. 0: never.
   */
  tcpIdleTimeoutMs: number;
  /** Zone transfers (AXFR/IXFR over TCP) streaming at once; one more is answered REFUSED and counted. */
  maxConcurrentTransfers: number;
  /** Largest query accepted (octets, UDP datagram or TCP frame); larger ones are dropped as `too-large`. */
  maxQuerySize: number;
  /** Responses per second per source prefix over UDP; 0 turns rate limiting off. */
  ratePerSecond: number;
  /** Bucket depth: how many queries a quiet source may send at once. */
  rateBurst: number;
  /** Prefix length that makes one rate-limit source (IPv4). */
  rateIpv4Prefix: number;
  /** Prefix length that makes one rate-limit source (IPv6). */
  rateIpv6Prefix: number;
  /** Sources tracked by the rate limiter; the least recently seen is forgotten beyond this. */
  rateTableSize: number;
  /** Largest UDP payload we advertise and honour (EDNS); clients asking more get this much. */
  maxUdpPayload: number;
  /** Encoded responses cached by query octets (0 turns the cache off). */
  responseCacheSize: number;
}

export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxTcpConnections: 128,
  // An eighth of the slots: a host needs no more (a stub or resolver opens a few, dnsperf -c 4 four),
  // and filling the table then takes at least 8 addresses.
  maxTcpConnectionsPerSource: 16,
  maxQueriesInFlightPerConnection: 32,
  maxQueriesInFlight: 4096,
  tcpIdleTimeoutMs: 10_000,
  // Each one streams a whole zone; a few keep the event loop free for queries.
  maxConcurrentTransfers: 4,
  maxQuerySize: 4096,
  ratePerSecond: 0,
  rateBurst: 0,
  rateIpv4Prefix: 24,
  rateIpv6Prefix: 56,
  rateTableSize: 65_536,
  maxUdpPayload: 1232,
  responseCacheSize: 10_000,
});

/** Rate used when serving a non-loopback address (`--allow-remote`) and no rate was given. */
export const REMOTE_DEFAULT_RATE_PER_SECOND = 50;

export function resolveLimits(given: Partial<ServerLimits> | undefined, remote: boolean): ServerLimits {
  const limits: ServerLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new ServerError('ERR_SERVER_BAD_LIMIT', `unknown limit "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ServerError('ERR_SERVER_BAD_LIMIT', `limit ${key} must be a non-negative number, got ${String(value)}`);
    }
    (limits as unknown as Record<string, number>)[key] = value;
  }
  // Serving beyond loopback turns response-rate limiting on unless the caller set a rate.
  if (remote && given?.ratePerSecond === undefined) limits.ratePerSecond = REMOTE_DEFAULT_RATE_PER_SECOND;
  if (limits.rateBurst === 0) limits.rateBurst = Math.max(1, limits.ratePerSecond);
  if (limits.maxUdpPayload < 512) limits.maxUdpPayload = 512;
  if (limits.rateIpv4Prefix > 32 || limits.rateIpv6Prefix > 128) {
    throw new ServerError('ERR_SERVER_BAD_LIMIT', 'rate-limit prefix longer than the address');
  }
  return limits;
}
