// `RESOLVER[:port]` and `--authority ADDR[:port]`: an IP address (IPv6 as
// `[::1]:53` or bare `::1`) and a port with a default.

import { splitHostPort } from '../net/address.js';
import { ProbeError } from './errors.js';

export interface Endpoint {
  address: string;
  port: number;
}

export const DEFAULT_RESOLVER_PORT = 53;
export const DEFAULT_AUTHORITY_PORT = 5300;
export const DEFAULT_AUTHORITY = `127.0.0.1:${DEFAULT_AUTHORITY_PORT}`;

export function parseEndpoint(text: string, defaultPort: number, what = 'address'): Endpoint {
  const split = splitHostPort(text);
  if (split.problem === 'shape' || split.problem === 'address') throw new ProbeError('ERR_PROBE_BAD_ADDRESS', `${what} "${text}" is not IP[:port] (IPv6 as [addr]:port)`);
  if (split.problem === 'port') throw new ProbeError('ERR_PROBE_BAD_ADDRESS', `${what} "${text}": port out of range`);
  return { address: split.address, port: split.port ?? defaultPort };
}

export function formatEndpoint(e: Endpoint): string {
  return e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
}
