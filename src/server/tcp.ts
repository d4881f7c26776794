// The TCP shell (RFC 7766): several queries per connection, pipelined, answered
// as they are read; a bounded number of connections, overall and per source
// address; back-pressure per connection (we stop reading while too many
// answers are unflushed); and an idle timeout that only a complete query or a
// flushed answer resets, so a client dribbling octets of a query that never
// completes is closed like a silent one. Frames go to the same handler as UDP
// datagrams. Zone transfers are streamed a message at a time, waiting for
// 'drain' when the socket's buffer is full and yielding to the event loop
// between batches, and stop when the peer goes away.

import net from 'node:net';
import type { ServerLimits } from './limits.js';
import type { QueryHandler } from './query-handler.js';
import type { StatsCollector } from './stats.js';
import type { ZoneTransfer } from './transfer.js';
import { frame, FrameReader } from '../wire/tcp-framing.js';

/** Transfer messages (~16 kB each) written per event-loop turn when the socket keeps accepting them. */
const TRANSFER_MESSAGES_PER_TURN = 4;

export class TcpShell {
  private readonly connections = new Set<net.Socket>();
  /** Open connections per source address (entries removed at zero). */
  private readonly bySource = new Map<string, number>();

  private constructor(private readonly server: net.Server) {}

  static listen(address: string, port: number, handler: QueryHandler, limits: ServerLimits, stats: StatsCollector,
    onError: (e: unknown, where: string) => void): Promise<TcpShell> {
    // Half-open allowed: a client may send its query and shut its side; a transfer still goes out whole.
    const server = net.createServer({ noDelay: true, allowHalfOpen: true });
    const shell = new TcpShell(server);
    server.on('connection', (socket) => shell.accept(socket, handler, limits, stats, onError));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: address, ipv6Only: net.isIPv6(address), backlog: 511 }, () => {
        server.off('error', reject);
        server.on('error', (err) => onError(err, 'tcp server'));
        resolve(shell);
      });
    });
  }

  private accept(socket: net.Socket, handler: QueryHandler, limits: ServerLimits, stats: StatsCollector,
    onError: (e: unknown, where: string) => void): void {
    socket.on('error', () => socket.destroy()); // resets and the like: the connection is simply gone
    if (this.connections.size >= limits.maxTcpConnections) {
      stats.dropWithoutQuery('connection-limit');
      socket.destroy();
      return;
    }
    const client = socket.remoteAddress ?? '?';
    const fromSource = this.bySource.get(client) ?? 0;
    if (fromSource >= limits.maxTcpConnectionsPerSource) {
      stats.dropWithoutQuery('source-connection-limit');
      socket.destroy();
      return;
    }
    this.bySource.set(client, fromSource + 1);
    this.connections.add(socket);
    stats.tcp.accepted++;
    stats.tcp.open++;
    const clientPort = socket.remotePort ?? 0;
    const reader = new FrameReader(limits.maxQuerySize);
    let unflushed = 0;
    let paused = false;
    let transferring = false;
    let peerEnded = false;

    // Idle timeout: `lastProgress` moves on a complete query or a flushed answer, never on partial octets.
    const idleMs = limits.tcpIdleTimeoutMs;
    let lastProgress = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const checkIdle = () => {
      timer = undefined;
      if (socket.destroyed) return;
      const idle = Date.now() - lastProgress;
      if (idle >= idleMs) {
        stats.tcp.idleTimeouts++;
        if (reader.buffered > 0) stats.tcp.incompleteQueryTimeouts++;
        socket.destroy();
        return;
      }
      timer = setTimeout(checkIdle, idleMs - idle);
      timer.unref();
    };
    if (idleMs > 0) {
      timer = setTimeout(checkIdle, idleMs);
      timer.unref();
    }
    const progress = () => {
      lastProgress = Date.now();
    };

    socket.once('close', () => {
      if (timer) clearTimeout(timer);
      this.connections.delete(socket);
      const left = (this.bySource.get(client) ?? 1) - 1;
      if (left > 0) this.bySource.set(client, left);
      else this.bySource.delete(client);
      stats.tcp.open--;
    });

    const write = (message: Buffer) => {
      unflushed++;
      handler.inFlight++;
      socket.write(frame(message), () => {
        unflushed--;
        handler.inFlight--;
        progress();
        if (paused && !transferring && unflushed < limits.maxQueriesInFlightPerConnection && !socket.destroyed) {
          paused = false;
          socket.resume();
          setImmediate(drain);
        }
      });
    };

    const startTransfer = (transfer: ZoneTransfer) => {
      // Nothing else is read from this connection until the transfer ends: its messages stay contiguous.
      transferring = true;
      socket.pause();
      streamTransfer(socket, transfer, progress).then((completed) => {
        handler.endTransfer(transfer, completed);
        transferring = false;
        if (socket.destroyed) return;
        if (!peerEnded) {
          socket.resume();
          setImmediate(drain);
          return;
        }
        drain(); // queries the client sent before shutting its side
        if (!transferring) socket.end();
      }, (error: unknown) => {
        handler.endTransfer(transfer, false);
        stats.error();
        onError(error, `zone transfer to ${client}`);
        socket.destroy();
      });
    };

    const drain = () => {
      try {
        while (!socket.destroyed && !transferring) {
          if (unflushed >= limits.maxQueriesInFlightPerConnection) {
            // RFC 7766 §6.2.1.1 lets a server limit pipelining; reading resumes once answers flush.
            paused = true;
            socket.pause();
            return;
          }
          const next = reader.next();
          if (!next) return;
          if (next.kind === 'too-large') {
            handler.drop('too-large', 'tcp', client, clientPort);
            socket.destroy(); // the stream cannot be resynchronised without reading the whole frame
            return;
          }
          progress();
          const answer = handler.handle(next.bytes, 'tcp', client, clientPort);
          if (!answer) continue;
          if (Array.isArray(answer)) {
            for (const message of answer) write(message);
          } else {
            startTransfer(answer);
            return;
          }
        }
      } catch (error) {
        stats.error();
        onError(error, `tcp connection from ${client}`);
        socket.destroy();
      }
    };

    socket.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      drain();
    });
    socket.on('end', () => {
      peerEnded = true;
      if (!transferring) socket.end();
    });
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get openConnections(): number {
    return this.connections.size;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.connections) socket.destroy();
    });
  }
}

/**
 * Writes the transfer's messages to `socket` in order, waiting for 'drain'
 * whenever write() says the buffer is full and yielding to the event loop
 * every few messages otherwise. Resolves true when every message was handed
 * to the socket, false as soon as the socket is gone.
 */
async function streamTransfer(socket: net.Socket, transfer: ZoneTransfer, onFlushed: () => void): Promise<boolean> {
  let sinceYield = 0;
  for (;;) {
    if (socket.destroyed || !socket.writable) return false;
    const message = transfer.nextFrame();
    if (!message) return true;
    if (!socket.write(message, onFlushed)) {
      if (!(await drained(socket))) return false;
      sinceYield = 0;
    } else if (++sinceYield >= TRANSFER_MESSAGES_PER_TURN) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/** Resolves true on 'drain', false when the socket closes first. */
function drained(socket: net.Socket): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    socket.on('drain', onDrain);
    socket.on('close', onClose);
  });
}
