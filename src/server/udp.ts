// The UDP shell: datagrams in, the handler's answer out. Nothing else.

import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { QueryHandler } from './query-handler.js';

/** Socket buffers asked for; the kernel caps them at net.core.[rw]mem_max. Bursts beyond the buffer are lost in the kernel. */
const SOCKET_BUFFER_OCTETS = 4 * 1024 * 1024;

function enlargeBuffers(socket: dgram.Socket): void {
  try {
    socket.setRecvBufferSize(SOCKET_BUFFER_OCTETS);
    socket.setSendBufferSize(SOCKET_BUFFER_OCTETS);
  } catch {
    // a platform that refuses: the default buffers still work
  }
}

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
        enlargeBuffers(socket);
        // Errors after binding (ICMP unreachable, EPERM on send...) must not stop serving.
        socket.on('error', (err) => onError(err, 'udp socket'));
        socket.on('message', (query, peer) => {
          const messages = handler.handle(query, 'udp', peer.address, peer.port);
          if (!messages || !Array.isArray(messages)) return; // transfers are TCP-only: UDP never gets one to stream
          // No completion callback: it costs a tick per answer, and a UDP send is done once the kernel has it.
          for (const message of messages) socket.send(message, peer.port, peer.address);
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
