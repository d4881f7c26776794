// `--listen ADDR[:PORT]` (IPv6 as `[::1]:PORT` or bare `::1`), and the
// loopback test behind the "remote needs --allow-remote" safeguard.

import { isIP, isIPv4 } from 'node:net';
import { ServerError } from './errors.js';

export const DEFAULT_LISTEN_ADDRESS = '127.0.0.1';

export interface ListenAddress {
  address: string;
  port?: number;
}

export function parseListenAddress(text: string): ListenAddress {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return checked(bracketed[1]!, bracketed[2], text);
  if (isIP(text) !== 0) return { address: text };
  const hostPort = /^([^:]+):(\d+)$/.exec(text);
  if (hostPort) return checked(hostPort[1]!, hostPort[2], text);
  throw new ServerError('ERR_SERVER_BAD_LISTEN', `cannot read listen address "${text}" (use ADDR, ADDR:PORT or [IPv6]:PORT)`);
}

function checked(address: string, port: string | undefined, text: string): ListenAddress {
  if (isIP(address) === 0) throw new ServerError('ERR_SERVER_BAD_LISTEN', `"${address}" in "${text}" is not an IP address`);
  if (port === undefined) return { address };
  const n = Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ServerError('ERR_SERVER_BAD_LISTEN', `port ${port} out of range`);
  return { address, port: n };
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. Wildcards (0.0.0.0, ::) are not loopback. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  const lower = address.toLowerCase();
  return lower === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(lower);
}
