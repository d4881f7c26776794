// `RESOLVER[:port]` and `--authority ADDR[:port]`: an IP address (IPv6 as
// `[::1]:53` or bare `::1`) and a port with a default.

import { isIP } from 'node:net';
import { ProbeError } from './errors.js';

export interface Endpoint {
  address: string;
  port: number;
}

export const DEFAULT_RESOLVER_PORT = 53;
export const DEFAULT_AUTHORITY = '127.0.0.1:5300';

export function parseEndpoint(text: string, defaultPort: number, what = 'address'): Endpoint {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const hostPort = /^([^:\[\]]+):(\d+)$/.exec(text);
  const [address, port] = bracketed ? [bracketed[1]!, bracketed[2]] : hostPort ? [hostPort[1]!, hostPort[2]] : [text, undefined];
  if (isIP(address) === 0) throw new ProbeError('ERR_PROBE_BAD_ADDRESS', `${what} "${text}" is not IP[:port] (IPv6 as [addr]:port)`);
  const n = port === undefined ? defaultPort : Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ProbeError('ERR_PROBE_BAD_ADDRESS', `${what} "${text}": port out of range`);
  return { address, port: n };
}

export function formatEndpoint(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
