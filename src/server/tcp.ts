// The TCP shell (RFC 7766): several queries per connection, pipelined, answered
// as they are read; a bounded number of connections, back-pressure per
// connection (we stop reading while too many answers are unflushed), and an
// idle timeout. Frames go to the same handler as UDP datagrams.

import net from 'node:net';
import type { ServerLimits } from './limits.js';
import type { QueryHandler } from './query-handler.js';
import type { StatsCollector } from './stats.js';
import { frame, FrameReader } from '../wire/tcp-framing.js';

export class TcpShell {
  private readonly connections = new Set<net.Socket>();

  private constructor(private readonly server: net.Server) {}

  static listen(address: string, port: number, handler: QueryHandler, limits: ServerLimits, stats: StatsCollector,
    onError: (e: unknown, where: string) => void): Promise<TcpShell> {
    const server = net.createServer({ noDelay: true });
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
    this.connections.add(socket);
    stats.tcp.accepted++;
    stats.tcp.open++;
    socket.once('close', () => {
      this.connections.delete(socket);
      stats.tcp.open--;
    });
    const client = socket.remoteAddress ?? '?';
    const clientPort = socket.remotePort ?? 0;
    const reader = new FrameReader(limits.maxQuerySize);
    let unflushed = 0;
    let paused = false;
    socket.setTimeout(limits.tcpIdleTimeoutMs, () => {
      stats.tcp.idleTimeouts++;
      socket.destroy();
    });

    const write = (message: Buffer) => {
      unflushed++;
      handler.inFlight++;
      socket.write(frame(message), () => {
        unflushed--;
        handler.inFlight--;
        if (paused && unflushed < limits.maxQueriesInFlightPerConnection && !socket.destroyed) {
          paused = false;
          socket.resume();
          setImmediate(drain);
        }
      });
    };

    const drain = () => {
      try {
        while (!socket.destroyed) {
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
          const messages = handler.handle(next.bytes, 'tcp', client, clientPort);
          if (messages) for (const message of messages) write(message);
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
    socket.on('end', () => socket.end());
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
