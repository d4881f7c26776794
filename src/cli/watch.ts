// `dnsorder watch`: a dnstap collector resolvers connect to (a unix socket,
// or TCP on loopback). Every response a resolver logs is judged by the order
// analyzer; a summary (responses, violations by rule, message type and zone,
// sources, the last offending answers) is printed every --interval, one JSON
// line per violating response with --log-json, Prometheus counters with
// --metrics. Prints one JSON "listening" line on stderr when ready (even with
// --quiet: it is how a harness learns a port 0 listener's port); SIGTERM,
// SIGINT or --duration print the final summary and exit 0.

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { isLoopback, splitHostPort } from '../net/address.js';
import { EXIT_OK, notice, type CliCommand, type CliIo } from './command.js';
import { numberOptions, POSITIVE } from './options.js';
import { stopSignal } from './stop-signal.js';

interface WatchArgs {
  'dnstap-socket'?: string;
  'dnstap-tcp'?: string;
  'socket-mode'?: string;
  format: 'text' | 'json';
  'log-json': boolean;
  interval: number;
  metrics?: string;
  'allow-remote': boolean;
  duration?: number;
  'max-queue': number;
  'max-connections': number;
}

export const watchCommand: CliCommand<WatchArgs> = {
  command: 'watch',
  describe: 'collect a resolver\'s dnstap stream (unix socket or TCP) and judge every response it logs, with a rolling summary',
  builder: (y: Argv) => numberOptions(y
    .option('dnstap-socket', { type: 'string', describe: 'unix socket to listen on for dnstap (Frame Streams, bidirectional or not)' })
    .option('dnstap-tcp', { type: 'string', describe: 'ADDR:PORT to listen on for dnstap over TCP (loopback unless --allow-remote; port 0 picks one)' })
    .option('socket-mode', { type: 'string', describe: 'octal mode of the socket file, e.g. 0666 when the resolver runs as another user' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'summary format: a screenful of text, or one JSON line' })
    .option('log-json', { type: 'boolean', default: false, describe: 'one JSON line per violating response on stdout, with the message in hex (text summaries then go to stderr)' })
    .option('metrics', { type: 'string', describe: 'ADDR:PORT to serve the counters on, Prometheus text format at /metrics' })
    .option('allow-remote', { type: 'boolean', default: false, describe: 'allow --dnstap-tcp and --metrics on an address that is not loopback' }), {
    interval: { fraction: true, above: 0, max: 86_400, default: 10, describe: 'seconds between summaries' },
    // Node's timers hold at most 2^31-1 ms.
    duration: { fraction: true, above: 0, max: 2_147_483, describe: 'stop after this many seconds (default: until SIGINT or SIGTERM)' },
    'max-queue': { ...POSITIVE, default: 100_000, describe: 'frames waiting to be judged before new ones are dropped (and counted)' },
    'max-connections': { ...POSITIVE, default: 64, describe: 'resolver connections at once' },
  }) as unknown as Argv<WatchArgs>,
  examples: [
    ['dnsorder watch --dnstap-socket /tmp/dnsorder-dnstap.sock', 'collect dnstap at a unix socket: a summary every 10 s, the final one on Ctrl-C'],
    ['dnsorder watch --dnstap-tcp 127.0.0.1:0 --log-json --duration 5', 'dnstap over TCP on a free port (the ready line names it), a JSON line per violation'],
    ['dnsorder watch --dnstap-tcp 127.0.0.1:0 --metrics 127.0.0.1:0 --format json --duration 5', 'Prometheus counters at /metrics on a free port, JSON summaries'],
  ],
  exitCodes: { 0: 'stopped by SIGINT, SIGTERM or --duration (after the final summary)', 2: 'could not listen (socket in use, bad address, bad arguments)' },
  run: watch,
};

function endpoint(flag: string, text: string, allowRemote: boolean): { address: string; port: number } {
  const parsed = splitHostPort(text);
  if (parsed.problem !== undefined || parsed.port === undefined) {
    throw new UsageError('ERR_USAGE', `--${flag} must be ADDR:PORT (or [IPv6]:PORT), not "${text}"`);
  }
  if (!allowRemote && !isLoopback(parsed.address)) {
    throw new UsageError('ERR_USAGE', `--${flag} ${parsed.address} is not a loopback address (--allow-remote to listen there)`);
  }
  return { address: parsed.address, port: parsed.port };
}

async function watch(args: WatchArgs, io: CliIo): Promise<number> {
  if (!args['dnstap-socket'] && !args['dnstap-tcp']) {
    throw new UsageError('ERR_USAGE', 'give --dnstap-socket PATH or --dnstap-tcp ADDR:PORT (or both) for resolvers to connect to');
  }
  const tcp = args['dnstap-tcp'] !== undefined ? endpoint('dnstap-tcp', args['dnstap-tcp'], args['allow-remote']) : undefined;
  const metricsAt = args.metrics !== undefined ? endpoint('metrics', args.metrics, args['allow-remote']) : undefined;
  let socketMode: number | undefined;
  if (args['socket-mode'] !== undefined) {
    if (!/^0?[0-7]{3}$/.test(args['socket-mode'])) throw new UsageError('ERR_BAD_NUMBER', `--socket-mode must be an octal mode such as 0660, not "${args['socket-mode']}"`);
    socketMode = parseInt(args['socket-mode'], 8);
  }
  // The protobuf library and the analyzer load here, not when another command starts.
  const { startCollector } = await import('../dnstap/collector.js');
  const { renderSummaryText, summaryJson, violationJson } = await import('../dnstap/summary.js');
  const { startMetricsServer } = await import('../dnstap/metrics.js');

  const out = io.stdout;
  const summaryStream = args.format === 'text' && args['log-json'] ? io.stderr : io.stdout;
  const collector = await startCollector({
    socketPath: args['dnstap-socket'], socketMode, tcp,
    maxQueueFrames: args['max-queue'], maxConnections: args['max-connections'],
    onViolation: args['log-json'] ? (v) => out.write(violationJson(v)) : undefined,
    onSource: (event) => {
      if (event.kind === 'refused') notice(io, `dnsorder watch: connection on ${event.listener} refused: ${event.reason}`);
      else if (event.kind === 'close' && event.source.error) {
        notice(io, `dnsorder watch: ${event.source.id} closed: ${event.source.error.message} [${event.source.error.code}]`);
      }
    },
  });
  let metrics: Awaited<ReturnType<typeof startMetricsServer>> | undefined;
  try {
    if (metricsAt) metrics = await startMetricsServer(metricsAt.address, metricsAt.port, () => collector.stats());
  } catch (err) {
    await collector.close();
    throw err;
  }
  const listening = [
    ...(collector.socketPath ? [collector.socketPath] : []),
    ...(collector.tcp ? [`tcp ${collector.tcp.address}:${collector.tcp.port}`] : []),
  ];
  let previous: { responses: number; uptimeSeconds: number } | undefined;
  const summary = (final: boolean) => {
    const stats = collector.stats();
    summaryStream.write(args.format === 'json' ? summaryJson(stats, final ? 'final' : 'summary') : renderSummaryText(stats, { previous, listening }));
    previous = { responses: stats.responses, uptimeSeconds: stats.uptimeSeconds };
  };

  // Listening for the signals before saying so: a harness may send SIGTERM the moment it reads the ready line.
  const stopped = stopSignal(args.duration);
  const ticker = setInterval(() => summary(false), args.interval * 1000);
  io.stderr.write(JSON.stringify({
    event: 'listening', socket: collector.socketPath ?? null, tcp: collector.tcp ?? null,
    metrics: metrics ? { address: metrics.address, port: metrics.port } : null, pid: process.pid,
  }) + '\n');

  const reason = await stopped;
  clearInterval(ticker);
  await collector.close();
  await metrics?.close();
  summary(true);
  notice(io, JSON.stringify({ event: 'closed', reason }));
  return EXIT_OK;
}
