// `--listen ADDR[:PORT]` (IPv6 as `[::1]:PORT` or bare `::1`), and the
// loopback test (in net/address.ts) behind the "remote needs --allow-remote" safeguard.

import { splitHostPort } from '../net/address.js';
import { ServerError } from './errors.js';

export const DEFAULT_LISTEN_ADDRESS = '127.0.0.1';

export interface ListenAddress {
  address: string;
  port?: number;
}

export function parseListenAddress(text: string): ListenAddress {
  const split = splitHostPort(text);
  switch (split.problem) {
    case 'shape': throw new ServerError('ERR_SERVER_BAD_LISTEN', `cannot read listen address "${text}" (use ADDR, ADDR:PORT or [IPv6]:PORT)`);
    case 'address': throw new ServerError('ERR_SERVER_BAD_LISTEN', `"${split.address}" in "${text}" is not an IP address`);
    case 'port': throw new ServerError('ERR_SERVER_BAD_LISTEN', `port ${split.port} out of range`);
    default: return split.port === undefined ? { address: split.address } : { address: split.address, port: split.port };
  }
}
