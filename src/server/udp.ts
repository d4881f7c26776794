// The UDP shell: datagrams in, the handler's answer out. Nothing else.

import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { QueryHandler } from './query-handler.js';

export class UdpShell {
  private constructor(private readonly socket: dgram.Socket) {}

  static bind(address: string, port: number, handler: QueryHandler, onError: (e: unknown, where: string) => void): Promise<UdpShell> {
    const socket = dgram.createSocket({ type: isIPv6(address) ? 'udp6' : 'udp4', ipv6Only: isIPv6(address) });
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => {
        socket.close();
        reject(err);
      };
      socket.once('error', failed);
      socket.bind(port, address, () => {
        socket.off('error', failed);
        // Errors after binding (ICMP unreachable, EPERM on send...) must not stop serving.
        socket.on('error', (err) => onError(err, 'udp socket'));
        socket.on('message', (query, peer) => {
          const messages = handler.handle(query, 'udp', peer.address, peer.port);
          if (!messages) return;
          for (const message of messages) {
            handler.inFlight++;
            socket.send(message, peer.port, peer.address, () => {
              handler.inFlight--;
            });
          }
        });
        resolve(new UdpShell(socket));
      });
    });
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve(); // already closed
      }
    });
  }
}
