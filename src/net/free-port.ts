// A loopback port free for both UDP and TCP at the time of asking, for the
// daemons dnsorder starts (unbound, resolvers in the lab) which cannot be told
// "port 0". It can still be taken before the daemon binds it: callers retry.

import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { DnsorderError } from '../errors.js';

export async function freeLoopbackPort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, host, () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const u = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      u.once('error', () => resolve(false));
      u.bind(port, host, () => u.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new DnsorderError('ERR_NO_FREE_PORT', `no loopback port on ${host} was free for both UDP and TCP after 20 tries`);
}
