// The dnstap collector behind `dnsorder watch`: resolvers connect to it (a
// unix socket, or TCP on loopback) and stream their dnstap messages; every
// *_RESPONSE is judged by the order analyzer, queries are counted.
//
// It must never slow a resolver down. Reading a socket only frames the octets
// (cheap) and queues the frames; judging them runs in slices between reads.
// The queue is bounded (frames and octets): when judging falls behind, new
// frames are dropped and counted, and reading goes on. Several resolvers may
// connect at once; each connection is a source, named by its socket and the
// dnstap identity/version its messages carry. A connection that breaks the
// Frame Streams protocol is closed (no later frame boundary could be trusted);
// a frame that is not a dnstap message, or a response that is not a DNS
// message, is counted, never fatal.

import { EventEmitter } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { CodedError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { decodeDnstap, DnstapError, type DnstapRecord } from './decode.js';
import { FrameDecoder, FrameStreamError, FrameStreamReader, type DataFrame } from './framestream.js';
import { VerdictCache, type Verdict } from './judge.js';
import { DNSTAP_CONTENT_TYPE, type DnstapMessageType } from './schema.js';

export class CollectorError extends CodedError {}

export interface CollectorOptions {
  /** Unix socket to listen on (a stale socket file left by an earlier run is replaced; any other file is refused). */
  socketPath?: string;
  /** chmod of the socket file (the resolver's user must be able to write it). */
  socketMode?: number;
  /** TCP address to listen on. */
  tcp?: { address: string; port: number };
  /** Frames waiting to be judged before new ones are dropped (default 100,000). */
  maxQueueFrames?: number;
  /** Octets of those frames (default 64 MiB). */
  maxQueueOctets?: number;
  /** Connections at once (default 64); one more is closed at once and counted. */
  maxConnections?: number;
  /** Largest data frame (default 256 KiB). */
  maxFrameSize?: number;
  /** Offending responses kept for the summary (default 5). */
  recent?: number;
  /** Distinct zones counted (default 1,000); violations in further zones count under "(other)". */
  maxZones?: number;
  /** Distinct messages whose verdict is remembered (default 10,000; 0 judges every message afresh). */
  verdictCache?: number;
  /** Every response that violates a rule, as it is judged. */
  onViolation?: (event: ViolationEvent) => void;
  /** Every response judged, violating or not (the probe matches them to its questions). */
  onResponse?: (event: ResponseEvent) => void;
  /** Connections opening and closing, and protocol errors. */
  onSource?: (event: SourceEvent) => void;
}

export interface SourceStats {
  /** `unix#3` or `tcp 127.0.0.1:41234`: the connection. */
  id: string;
  transport: 'unix' | 'tcp';
  /** The listening socket it came in on. */
  listener: string;
  identity?: string;
  version?: string;
  open: boolean;
  bidirectional: boolean;
  connectedAt: string;
  frames: number;
  queries: number;
  responses: number;
  violating: number;
  invalidFrames: number;
  dropped: number;
  /** Why the connection ended, when not by the writer's STOP. */
  error?: { code: string; message: string };
}

export interface RecentViolation {
  time: string;
  source: string;
  identity?: string;
  type: DnstapMessageType;
  question?: { name: string; type: string };
  zone: string;
  rules: string[];
  /** The response in wire form. */
  message: Uint8Array;
}

export interface ViolationEvent extends RecentViolation {
  version?: string;
  verdict: Verdict;
  record: DnstapRecord;
}

export interface ResponseEvent {
  source: string;
  identity?: string;
  type: DnstapMessageType;
  question?: { name: string; type: string };
  conformant: boolean;
  /** Rules violated. */
  rules: string[];
  record: DnstapRecord;
}

export type SourceEvent =
  | { kind: 'open'; source: SourceStats }
  | { kind: 'close'; source: SourceStats }
  | { kind: 'refused'; listener: string; reason: string };

export interface TypeCounts {
  messages: number;
  violating: number;
}

export interface CollectorStats {
  startedAt: string;
  uptimeSeconds: number;
  frames: number;
  queries: number;
  responses: number;
  /** Responses with at least one violation. */
  violating: number;
  /** Responses whose DNS message did not decode (each also a `malformed` violation). */
  malformed: number;
  /** *_RESPONSE messages without a response message to judge. */
  responsesWithoutMessage: number;
  /** Data frames that are not dnstap messages. */
  invalidFrames: number;
  /** Frames dropped because the queue was full. */
  dropped: number;
  queue: { frames: number; octets: number; peakFrames: number; peakOctets: number; maxFrames: number; maxOctets: number };
  byType: Partial<Record<DnstapMessageType, TypeCounts>>;
  /** Violating responses per rule. */
  byRule: Record<string, number>;
  /** Responses with warnings per rule. */
  warningsByRule: Record<string, number>;
  /** Violating responses per zone (the dnstap query_zone, else the question's last two labels). */
  byZone: Record<string, number>;
  connections: { open: number; total: number; refused: number; protocolErrors: number };
  sources: SourceStats[];
  recent: RecentViolation[];
  verdictCache: { size: number; hits: number; misses: number };
}

export interface Collector {
  /** The unix socket path, when listening on one. */
  socketPath?: string;
  /** The TCP address and port (port 0 asked for becomes the real one). */
  tcp?: { address: string; port: number };
  stats(): CollectorStats;
  /** Resolves with the stats once `predicate` holds (checked after every batch judged and every connection event). */
  waitFor(predicate: (stats: CollectorStats) => boolean, timeoutMs?: number): Promise<CollectorStats>;
  /** Stops listening, closes every connection, judges what is queued. */
  close(): Promise<void>;
}

interface Queued {
  frame: DataFrame;
  source: SourceState;
}

interface SourceState extends SourceStats {
  socket: Socket;
}

const OTHER_ZONE = '(other)';

/** A response's zone: the query_zone the resolver logged, else the question's last two labels. */
export function zoneOf(record: DnstapRecord, question: { name: string } | undefined): string {
  if (record.queryZone) return record.queryZone.toLowerCase();
  if (!question) return '.';
  const labels = question.name.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  return labels.length === 0 ? '.' : labels.slice(-2).join('.');
}

export async function startCollector(options: CollectorOptions): Promise<Collector> {
  if (!options.socketPath && !options.tcp) throw new CollectorError('ERR_USAGE', 'give a unix socket path or a TCP address to listen on');
  const maxFrames = options.maxQueueFrames ?? 100_000;
  const maxOctets = options.maxQueueOctets ?? 64 * 1024 * 1024;
  const maxConnections = options.maxConnections ?? 64;
  const keepRecent = options.recent ?? 5;
  const maxZones = options.maxZones ?? 1000;
  const cache = new VerdictCache(options.verdictCache ?? 10_000);
  const started = Date.now();
  const events = new EventEmitter();
  events.setMaxListeners(0);

  const counters = {
    frames: 0, queries: 0, responses: 0, violating: 0, malformed: 0, responsesWithoutMessage: 0, invalidFrames: 0, dropped: 0,
  };
  const byType: Partial<Record<DnstapMessageType, TypeCounts>> = {};
  const byRule: Record<string, number> = {};
  const warningsByRule: Record<string, number> = {};
  const byZone: Record<string, number> = {};
  let zones = 0;
  const recent: RecentViolation[] = [];
  const connections = { open: 0, total: 0, refused: 0, protocolErrors: 0 };
  const sources: SourceState[] = [];
  const MAX_CLOSED_SOURCES = 64;

  // The queue: a ring of frames waiting to be judged.
  let queue: Array<Queued | undefined> = new Array(Math.min(maxFrames, 1024));
  let head = 0;
  let length = 0;
  let queuedOctets = 0;
  let peakFrames = 0;
  let peakOctets = 0;
  let scheduled = false;
  let closing = false;

  function enqueue(item: Queued): void {
    if (length >= maxFrames || queuedOctets + item.frame.payload.length > maxOctets) {
      counters.dropped++;
      item.source.dropped++;
      return;
    }
    if (length === queue.length) {
      // Grow the ring (up to maxFrames), keeping order.
      const grown: Array<Queued | undefined> = new Array(Math.min(maxFrames, queue.length * 2));
      for (let i = 0; i < length; i++) grown[i] = queue[(head + i) % queue.length];
      queue = grown;
      head = 0;
    }
    queue[(head + length) % queue.length] = item;
    length++;
    queuedOctets += item.frame.payload.length;
    if (length > peakFrames) peakFrames = length;
    if (queuedOctets > peakOctets) peakOctets = queuedOctets;
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  }

  /** Judges queued frames for at most ~10 ms, then lets the sockets be read again. */
  function drain(): void {
    scheduled = false;
    const until = performance.now() + 10;
    let n = 0;
    while (length > 0) {
      const item = queue[head]!;
      queue[head] = undefined;
      head = (head + 1) % queue.length;
      length--;
      queuedOctets -= item.frame.payload.length;
      judge(item);
      if (++n % 64 === 0 && performance.now() > until) break;
    }
    if (length > 0) {
      scheduled = true;
      setImmediate(drain);
    }
    events.emit('progress');
  }

  function judge({ frame, source }: Queued): void {
    counters.frames++;
    source.frames++;
    let record: DnstapRecord;
    try {
      record = decodeDnstap(frame.payload);
    } catch (err) {
      if (!(err instanceof DnstapError)) throw err;
      counters.invalidFrames++;
      source.invalidFrames++;
      return;
    }
    if (record.identity !== undefined) source.identity = record.identity;
    if (record.version !== undefined) source.version = record.version;
    const type = (byType[record.type] ??= { messages: 0, violating: 0 });
    type.messages++;
    if (!record.response) {
      counters.queries++;
      source.queries++;
      return;
    }
    counters.responses++;
    source.responses++;
    if (record.responseMessage === undefined) {
      counters.responsesWithoutMessage++;
      return;
    }
    const verdict = cache.judge(record.responseMessage);
    for (const f of verdict.findings) {
      if (f.severity === 'warning') warningsByRule[f.rule] = (warningsByRule[f.rule] ?? 0) + 1;
    }
    if (verdict.error) counters.malformed++;
    options.onResponse?.({
      source: source.id, identity: record.identity, type: record.type, conformant: verdict.conformant, rules: verdict.violated, record,
      question: verdict.question ? { name: verdict.question.name, type: verdict.question.type } : undefined,
    });
    if (verdict.conformant) return;
    counters.violating++;
    source.violating++;
    type.violating++;
    for (const rule of verdict.violated) byRule[rule] = (byRule[rule] ?? 0) + 1;
    let zone = zoneOf(record, verdict.question);
    if (byZone[zone] === undefined) {
      if (zones >= maxZones) zone = OTHER_ZONE;
      else zones++;
    }
    byZone[zone] = (byZone[zone] ?? 0) + 1;
    const offending: RecentViolation = {
      time: new Date((record.responseTime ?? Date.now() / 1000) * 1000).toISOString(),
      source: source.id, identity: record.identity, type: record.type,
      question: verdict.question ? { name: verdict.question.name, type: verdict.question.type } : undefined,
      zone, rules: verdict.violated,
      // Copied: the frame's octets belong to a read buffer shared with other frames.
      message: Uint8Array.from(record.responseMessage),
    };
    if (keepRecent > 0) {
      recent.push(offending);
      if (recent.length > keepRecent) recent.shift();
    }
    options.onViolation?.({ ...offending, version: record.version, verdict, record });
  }

  function snapshot(source: SourceState): SourceStats {
    const { socket: _socket, ...stats } = source;
    return { ...stats };
  }

  function handleConnection(socket: Socket, transport: 'unix' | 'tcp', listener: string): void {
    if (closing || connections.open >= maxConnections) {
      connections.refused++;
      socket.destroy();
      options.onSource?.({ kind: 'refused', listener, reason: closing ? 'closing' : `${maxConnections} connections already open` });
      events.emit('progress');
      return;
    }
    connections.total++;
    connections.open++;
    const source: SourceState = {
      id: transport === 'unix' ? `unix#${connections.total}` : `tcp ${socket.remoteAddress}:${socket.remotePort}`,
      transport, listener, open: true, bidirectional: false, connectedAt: new Date().toISOString(),
      frames: 0, queries: 0, responses: 0, violating: 0, invalidFrames: 0, dropped: 0, socket,
    };
    sources.push(source);
    // Forget the oldest closed connections: a resolver that reconnects every few seconds must not grow the list.
    const closed = sources.filter((s) => !s.open);
    if (closed.length > MAX_CLOSED_SOURCES) sources.splice(sources.indexOf(closed[0]!), 1);
    const decoder = new FrameDecoder({ maxFrameSize: options.maxFrameSize });
    const reader = new FrameStreamReader(DNSTAP_CONTENT_TYPE, (frame) => enqueue({ frame, source }), (octets) => {
      if (!socket.destroyed) socket.write(octets);
    });
    options.onSource?.({ kind: 'open', source: snapshot(source) });
    socket.on('data', (chunk: Buffer) => {
      try {
        decoder.push(chunk, (frame) => {
          if (reader.handle(frame)) {
            source.bidirectional = reader.bidirectional;
            // After STOP (and FINISH, bidirectional) the writer closes; so do we.
            socket.end();
          }
          source.bidirectional = reader.bidirectional;
        });
      } catch (err) {
        if (!(err instanceof FrameStreamError)) throw err;
        connections.protocolErrors++;
        source.error = { code: err.code, message: err.message };
        socket.destroy();
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      source.error ??= { code: err.code ?? 'ERR_SOCKET', message: err.message };
    });
    socket.on('close', () => {
      source.open = false;
      connections.open--;
      options.onSource?.({ kind: 'close', source: snapshot(source) });
      events.emit('progress');
    });
  }

  const servers: Server[] = [];
  const collector: Collector = {
    stats: () => ({
      startedAt: new Date(started).toISOString(),
      uptimeSeconds: (Date.now() - started) / 1000,
      ...counters,
      queue: { frames: length, octets: queuedOctets, peakFrames, peakOctets, maxFrames, maxOctets },
      byType: structuredClone(byType), byRule: { ...byRule }, warningsByRule: { ...warningsByRule }, byZone: { ...byZone },
      connections: { ...connections },
      sources: sources.map(snapshot),
      recent: recent.map((r) => ({ ...r })),
      verdictCache: { size: cache.size, hits: cache.hits, misses: cache.misses },
    }),
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const stats = collector.stats();
          if (!predicate(stats)) return false;
          cleanup();
          resolve(stats);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new CollectorError('ERR_WATCH_TIMEOUT', `the collector did not reach the expected state within ${timeoutMs} ms: ${JSON.stringify(summaryCounts(collector.stats()))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off('progress', check);
        };
        events.on('progress', check);
        check();
      });
    },
    async close() {
      closing = true;
      for (const s of sources) if (s.open) s.socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
      // What was queued before the end is judged, not lost.
      while (length > 0) drain();
      if (options.socketPath) removeSocketFile(options.socketPath);
    },
  };

  try {
    if (options.socketPath) {
      const path = options.socketPath;
      await clearStaleSocket(path);
      const server = createServer((socket) => handleConnection(socket, 'unix', path));
      await listen(server, { path }, `unix socket ${path}`);
      servers.push(server);
      if (options.socketMode !== undefined) chmodSync(path, options.socketMode);
      collector.socketPath = path;
    }
    if (options.tcp) {
      const server = createServer({ noDelay: true }, (socket) => handleConnection(socket, 'tcp', `tcp ${options.tcp!.address}:${(server.address() as { port: number }).port}`));
      await listen(server, { host: options.tcp.address, port: options.tcp.port }, `${options.tcp.address}:${options.tcp.port}`);
      servers.push(server);
      collector.tcp = { address: options.tcp.address, port: (server.address() as { port: number }).port };
    }
  } catch (err) {
    await collector.close();
    throw err;
  }
  return collector;
}

function summaryCounts(s: CollectorStats) {
  return { frames: s.frames, queries: s.queries, responses: s.responses, violating: s.violating, connections: s.connections.open };
}

function listen(server: Server, where: { path: string } | { host: string; port: number }, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(new CollectorError(err.code === 'EADDRINUSE' ? 'ERR_WATCH_IN_USE' : 'ERR_WATCH_LISTEN', `cannot listen on ${name}: ${fsReason(err)}`, { cause: err }));
    });
    server.listen(where, () => resolve());
  });
}

/** A socket file left by an earlier run that nothing listens on any more is removed; anything else at the path is refused. */
async function clearStaleSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CollectorError('ERR_WATCH_LISTEN', `cannot use ${path}: ${fsReason(err)}`, { cause: err });
  }
  if (!isSocket) throw new CollectorError('ERR_WATCH_SOCKET_PATH', `${path} exists and is not a socket: choose another --dnstap-socket`);
  const inUse = await new Promise<boolean>((resolve) => {
    const probe = connect({ path }, () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
  if (inUse) throw new CollectorError('ERR_WATCH_IN_USE', `something already listens on ${path}`);
  unlinkSync(path);
}

function removeSocketFile(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // Already gone.
  }
}
