// `dnsorder serve`: the scenario resolver on a port (UDP and TCP), plus zone
// files served authoritatively and by AXFR. Prints one JSON "listening" line
// on stderr when ready (and on stdout first with --log-json) — even with
// --quiet, as it is how a harness knows the port — serves until
// SIGTERM/SIGINT (or --duration), then closes every socket and exits 0.

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { startServer, DEFAULT_LIMITS, type QueryEvent, type ServerLimits } from '../server/index.js';
import { formatStatsTable } from '../report/stats-table.js';
import { parseListenAddress } from '../server/listen-address.js';
import { EXIT_OK, notice, type CliCommand, type CliIo } from './command.js';
import { listOption, numberOptions, PORT, POSITIVE } from './options.js';
import { checkOutputPath, writeOutputFile } from './output-file.js';
import { stopSignal } from './stop-signal.js';

/** CLI default port: unprivileged, and not 5353 (mDNS daemons hold it on many hosts). */
export const SERVE_DEFAULT_PORT = 8053;

export interface ServeArgs {
  listen: string;
  port?: number;
  'allow-remote': boolean;
  zone: string;
  'zone-file'?: string[];
  origin?: string[];
  compress?: boolean;
  stats: boolean;
  'stats-json'?: string;
  'log-json': boolean;
  duration?: number;
  'max-tcp-connections': number;
  'max-tcp-connections-per-source': number;
  'max-concurrent-transfers': number;
  'max-in-flight': number;
  'max-in-flight-per-connection': number;
  'tcp-idle-timeout': number;
  'max-query-size': number;
  rate?: number;
  'rate-burst'?: number;
  'rate-ipv4-prefix': number;
  'rate-ipv6-prefix': number;
}

export const serveCommand: CliCommand<ServeArgs> = {
  command: 'serve',
  describe: 'run the scenario resolver: <scenario-id>[.labels].order.test answered in the scenario\'s order, over UDP and TCP',
  builder: (y: Argv) =>
    numberOptions(y
      .option('listen', { type: 'string', default: `127.0.0.1:${SERVE_DEFAULT_PORT}`, describe: 'ADDR[:PORT] or [IPv6]:PORT to listen on (UDP and TCP)' })
      .option('allow-remote', { type: 'boolean', default: false, describe: 'allow a non-loopback --listen address (turns on response-rate limiting)' })
      .option('zone', { type: 'string', default: 'order.test', describe: 'origin the scenarios are served under' })
      .option('zone-file', listOption('zone file to serve authoritatively and by AXFR (repeatable, pairs with --origin)'))
      .option('origin', listOption('origin of the matching --zone-file'))
      .option('compress', { type: 'boolean', describe: 'force name compression on (--compress) or off (--no-compress) for every answer' })
      .option('stats', { type: 'boolean', default: false, describe: 'print a summary table of the counters on stderr on exit' })
      .option('stats-json', { type: 'string', describe: 'write the full counters (the library\'s stats() document) to this file on exit' })
      .option('log-json', { type: 'boolean', default: false, describe: 'one JSON line per query on stdout' }), {
      port: { ...PORT, describe: 'port (overrides one in --listen; 0 picks a free one)' },
      // Node's timers hold at most 2^31-1 ms; a longer one would fire at once.
      duration: { fraction: true, above: 0, max: 2_147_483, describe: 'stop after this many seconds' },
      'max-tcp-connections': { ...POSITIVE, default: DEFAULT_LIMITS.maxTcpConnections, describe: 'concurrent TCP connections' },
      'max-in-flight': { ...POSITIVE, default: DEFAULT_LIMITS.maxQueriesInFlight, describe: 'unflushed answers over all sockets before queries are dropped' },
      'max-in-flight-per-connection': { ...POSITIVE, default: DEFAULT_LIMITS.maxQueriesInFlightPerConnection, describe: 'unflushed answers on one TCP connection before reading pauses' },
      'max-tcp-connections-per-source': { ...POSITIVE, default: DEFAULT_LIMITS.maxTcpConnectionsPerSource, describe: 'concurrent TCP connections from one source address' },
      'max-concurrent-transfers': { min: 0, default: DEFAULT_LIMITS.maxConcurrentTransfers, describe: 'zone transfers streaming at once; one more is answered REFUSED (0: none)' },
      'tcp-idle-timeout': { ...POSITIVE, default: DEFAULT_LIMITS.tcpIdleTimeoutMs, describe: 'close TCP connections with no complete query or answer written for this many ms (trickled octets do not count)' },
      // A query is at least a 12-octet header; TCP frames it in 16 bits.
      'max-query-size': { min: 12, max: 65535, default: DEFAULT_LIMITS.maxQuerySize, describe: 'largest query accepted, octets' },
      rate: { min: 0, fraction: true, describe: 'UDP responses per second per source prefix (0: off; default off on loopback, 50 with --allow-remote)' },
      'rate-burst': { ...POSITIVE, describe: 'token-bucket depth (default: the rate)' },
      'rate-ipv4-prefix': { min: 0, max: 32, default: DEFAULT_LIMITS.rateIpv4Prefix, describe: 'IPv4 prefix length of one rate-limited source' },
      'rate-ipv6-prefix': { min: 0, max: 128, default: DEFAULT_LIMITS.rateIpv6Prefix, describe: 'IPv6 prefix length of one rate-limited source' },
    }) as unknown as Argv<ServeArgs>,
  examples: [
    ['dnsorder serve --duration 60', 'answer on 127.0.0.1:8053 for a minute (dig @127.0.0.1 -p 8053 cname-last.order.test)'],
    ['dnsorder serve --port 5300 --zone-file fixtures/zone/valid-sha384.zone --origin example.', 'on port 5300, with a zone served authoritatively and by AXFR'],
    ['dnsorder serve --port 0 --log-json --stats', 'a free port, one JSON line per query, counters on exit'],
  ],
  exitCodes: { 0: 'stopped by SIGTERM, SIGINT or --duration', 2: 'could not serve (address refused or in use, bad zone file, bad arguments)' },
  run: serve,
};

function limitsFrom(args: ServeArgs): Partial<ServerLimits> {
  return {
    maxTcpConnections: args['max-tcp-connections'],
    maxTcpConnectionsPerSource: args['max-tcp-connections-per-source'],
    maxConcurrentTransfers: args['max-concurrent-transfers'],
    maxQueriesInFlight: args['max-in-flight'],
    maxQueriesInFlightPerConnection: args['max-in-flight-per-connection'],
    tcpIdleTimeoutMs: args['tcp-idle-timeout'],
    maxQuerySize: args['max-query-size'],
    ratePerSecond: args.rate,
    rateBurst: args['rate-burst'],
    rateIpv4Prefix: args['rate-ipv4-prefix'],
    rateIpv6Prefix: args['rate-ipv6-prefix'],
  };
}

export function queryLogLine(event: QueryEvent): string {
  return JSON.stringify({
    ts: new Date(event.time).toISOString(), transport: event.transport, client: event.client, clientPort: event.clientPort,
    qname: event.qname, qtype: event.qtype, scenario: event.scenario, rcode: event.rcode, answers: event.answers, tc: event.tc,
    bytes: event.bytes, followUp: event.followUp, tcpRetryAfterTc: event.tcpRetryAfterTc, dropped: event.dropped,
  }) + '\n';
}

async function serve(args: ServeArgs, io: CliIo): Promise<number> {
  const files = args['zone-file'] ?? [];
  const origins = args.origin ?? [];
  if (files.length !== origins.length) {
    throw new UsageError('ERR_ZONE_FILE_ORIGIN', `give one --origin per --zone-file (${files.length} files, ${origins.length} origins)`);
  }
  const listen = parseListenAddress(args.listen);
  // Found out now, not when the server stops after hours of traffic.
  if (args['stats-json']) checkOutputPath(args['stats-json']);
  const server = await startServer({
    listen: listen.address,
    port: args.port ?? listen.port ?? SERVE_DEFAULT_PORT,
    allowRemote: args['allow-remote'],
    zone: args.zone,
    zoneFiles: files.map((file, i) => ({ file, origin: origins[i]! })),
    compress: args.compress,
    limits: limitsFrom(args),
    onQuery: args['log-json'] ? (event) => io.stdout.write(queryLogLine(event)) : undefined,
    onError: (error, where) => io.stderr.write(`dnsorder serve: ${where}: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  // Listening for the signals before saying so: a harness may send SIGTERM the moment it reads the ready line.
  const stopped = stopSignal(args.duration);
  const ready = JSON.stringify({
    event: 'listening', address: server.address, port: server.port, transports: ['udp', 'tcp'],
    zones: [args.zone, ...origins], pid: process.pid, rateLimit: server.limits.ratePerSecond,
  }) + '\n';
  if (args['log-json']) io.stdout.write(ready);
  io.stderr.write(ready);

  const reason = await stopped;
  await server.close();
  const stats = server.stats();
  if (args.stats) io.stderr.write(formatStatsTable(stats));
  if (args['stats-json']) writeOutputFile(args['stats-json'], JSON.stringify(stats, null, 2) + '\n');
  notice(io, JSON.stringify({ event: 'closed', reason, queries: stats.queries, errors: stats.errors }));
  return EXIT_OK;
}
