// The probe's authoritative server: the scenario server's pieces (responder,
// query handler, UDP and TCP shells) serving one ProbeZone, plus a ledger of
// the questions it was asked, by name, so tests can tell a cached answer from
// a re-fetched one. Nothing is cached on this side: the zone grows per run.

import { isLoopback } from '../net/address.js';
import { bindUdpAndTcp } from '../server/bind-both.js';
import { resolveLimits, type ServerLimits } from '../server/limits.js';
import { QueryHandler } from '../server/query-handler.js';
import { RateLimiter } from '../server/rate-limit.js';
import { ResponseCache } from '../server/response-cache.js';
import { StatsCollector, type QueryEvent } from '../server/stats.js';
import type { TcpShell } from '../server/tcp.js';
import type { UdpShell } from '../server/udp.js';
import { ZoneSet } from '../server/zone-set.js';
import { nameKey, tryNameKey } from '../rdata/name.js';
import { DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_PORT, formatEndpoint, parseEndpoint, type Endpoint } from './address.js';
import { ProbeZone } from './authority-zone.js';
import { outsideZoneFor } from './plan.js';
import type { ServedZone } from '../server/lookup.js';
import { probeNow } from './clock.js';
import { ProbeError } from './errors.js';
import { defaultZonemdZone } from './zonemd-plan.js';
import { ZonemdProbeZone } from './zonemd-zone.js';

export const DEFAULT_PROBE_ZONE = 'probe.test';

export interface ProbeAuthorityOptions {
  /** ADDR[:PORT] to serve on (default 127.0.0.1:5300; port 0 picks a free one). */
  listen?: string;
  /** The probe zone (default probe.test). */
  zone?: string;
  /** The transferable zone of the `zonemd` group (default zonemd.<zone>). */
  zonemdZone?: string;
  /** Required for a non-loopback address. */
  allowRemote?: boolean;
  /**
   * Safeguards (src/server/limits.ts) over the defaults for the address. Response-rate limiting stays
   * off unless `ratePerSecond` is given (a probe run asks in bursts); `probe --authority-only` sets it.
   */
  limits?: Partial<ServerLimits>;
  /** The address of `ns.<zone>` in the zone's NS glue (default the listen address; the public one behind NAT or on a wildcard address). */
  nameServerAddress?: string;
  /** Keep the ledger of questions (default true). Off for an Internet-facing authority, where it would grow without bound. */
  keepLedger?: boolean;
  /** Every query, as `serve --log-json` logs it. */
  onQuery?: (event: QueryEvent) => void;
}

export interface AskedQuestion {
  qname: string;
  qtype: string;
  transport: 'udp' | 'tcp';
  tc: boolean;
  /** When the question was answered: probeNow() (wall-clock ms, sub-millisecond, on the runner's clock). */
  time: number;
}

export interface ProbeAuthority extends Endpoint {
  readonly zone: ProbeZone;
  readonly origin: string;
  /** The zone outside the probe zone served here too (plan.ts outsideZoneFor; loopback authorities only): route it here for the injection group. */
  readonly outside?: string;
  /** The `zonemd` group's transferable zone (absent on stand-ins that do not serve it). */
  readonly zonemd?: ZonemdProbeZone;
  /** Questions asked so far for `name` (any letter case), in arrival order. */
  asked(name: string): readonly AskedQuestion[];
  /** Every question asked so far. */
  allAsked(): number;
  close(): Promise<void>;
}

export async function startProbeAuthority(options: ProbeAuthorityOptions = {}): Promise<ProbeAuthority> {
  const endpoint = parseEndpoint(options.listen ?? DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_PORT, '--authority');
  const remote = !isLoopback(endpoint.address);
  if (remote && !options.allowRemote) {
    throw new ProbeError('ERR_PROBE_BAD_ADDRESS', `authority ${formatEndpoint(endpoint)} is not a loopback address; the probe zone is test data, keep it on this host`);
  }
  const origin = options.zone ?? DEFAULT_PROBE_ZONE;
  const zone = new ProbeZone(origin, options.nameServerAddress ?? endpoint.address);
  const zonemd = new ZonemdProbeZone(options.zonemdZone ?? defaultZonemdZone(origin));
  // The injection group's zone outside the probe zone: its own apex in the same ProbeZone, reached through its
  // own origin. On loopback only: an Internet-facing authority answers for nothing but the zone delegated to it.
  const outside = remote ? undefined : outsideZoneFor(zone.origin);
  if (outside) zone.addChildZone(outside);
  const outsideZone: ServedZone[] = outside ? [{ origin: outside, lookup: (qname, qtype) => zone.lookup(qname, qtype), transferRecords: () => undefined }] : [];
  const limits = resolveLimits({ ratePerSecond: 0, ...options.limits, responseCacheSize: 0 }, remote);
  const stats = new StatsCollector();
  const onError = (error: unknown, where: string) =>
    process.stderr.write(`dnsorder probe authority: ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
  const handler = new QueryHandler({
    zones: new ZoneSet([zone, zonemd, ...outsideZone]), limits, stats, cache: new ResponseCache(0), onError,
    rateLimiter: new RateLimiter({ perSecond: limits.ratePerSecond, burst: limits.rateBurst, ipv4Prefix: limits.rateIpv4Prefix, ipv6Prefix: limits.rateIpv6Prefix, tableSize: limits.rateTableSize }),
  });
  const ledger = new Map<string, AskedQuestion[]>();
  let total = 0;
  const keepLedger = options.keepLedger ?? true;
  if (options.onQuery) handler.addHook(options.onQuery);
  handler.addHook((event: QueryEvent) => {
    if (!event.qname || !event.qtype) return;
    total++;
    const key = tryNameKey(event.qname);
    if (key === undefined || !keepLedger) return;
    let list = ledger.get(key);
    if (!list) ledger.set(key, (list = []));
    // The hook runs as the answer is built, before it is sent: probeNow() orders it against the runner's own stamps.
    list.push({ qname: event.qname, qtype: event.qtype, transport: event.transport, tc: event.tc, time: probeNow() });
  });

  let udp: UdpShell, tcp: TcpShell;
  try {
    ({ udp, tcp } = await bindUdpAndTcp(endpoint.address, endpoint.port, handler, limits, stats, onError));
  } catch (error) {
    // With port 0 the port that failed is the one the kernel chose, named in the error.
    throw bindError(error, { ...endpoint, port: (error as { port?: number }).port ?? endpoint.port });
  }
  let closing: Promise<void> | undefined;
  return {
    address: endpoint.address,
    port: udp.port,
    zone,
    origin: zone.origin,
    outside,
    zonemd,
    asked: (name) => ledger.get(nameKey(name)) ?? [],
    allAsked: () => total,
    close: () => (closing ??= Promise.all([udp.close(), tcp.close()]).then(() => undefined)),
  };
}

function bindError(error: unknown, endpoint: Endpoint): ProbeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new ProbeError('ERR_PROBE_AUTHORITY_PORT_TAKEN', `authority address ${formatEndpoint(endpoint)} is in use (pick another with --authority)`, { cause: error });
  }
  return new ProbeError('ERR_PROBE_AUTHORITY_BIND', `cannot serve the probe zone on ${formatEndpoint(endpoint)}: ${(error as Error).message}`, { cause: error });
}
