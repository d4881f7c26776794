// UDP and TCP on one port, as a DNS server needs. Asked for port 0, the kernel
// picks a free UDP port, which another program may hold for TCP: then both
// are closed and another port tried, a bounded number of times.

import type { ServerLimits } from './limits.js';
import type { ErrorSink, QueryHandler } from './query-handler.js';
import type { StatsCollector } from './stats.js';
import { TcpShell } from './tcp.js';
import { UdpShell } from './udp.js';

const PORT_ATTEMPTS = 10;

export async function bindUdpAndTcp(address: string, port: number, handler: QueryHandler, limits: ServerLimits, stats: StatsCollector,
  onError: ErrorSink): Promise<{ udp: UdpShell; tcp: TcpShell }> {
  for (let attempt = 1; ; attempt++) {
    const udp = await UdpShell.bind(address, port, handler, onError);
    const udpPort = udp.port;
    try {
      const tcp = await TcpShell.listen(address, udpPort, handler, limits, stats, onError);
      return { udp, tcp };
    } catch (error) {
      await udp.close();
      if (port !== 0 || attempt >= PORT_ATTEMPTS || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}
