// Addresses in one printable form: IPv4 dotted quad, IPv6 per RFC 5952. Clients print them
// differently (Java writes 2001:db8:0:0:0:0:0:1) and captures give raw groups.
// Also the `ADDR[:PORT]` reading shared by `--listen`, `--authority` and `RESOLVER[:port]`.
import { isIP, isIPv4, isIPv6 } from 'node:net';
import { ipv6GroupsText } from '../rdata/text-values.js';

export function normaliseAddress(text: string): string {
  let address = text.trim().replace(/%.*$/, '');
  if (!isIPv6(address)) return address;
  // A dotted-quad tail (::ffff:192.0.2.1) is two groups, written in hex like formatIpv6 does.
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    address = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = address.includes('::') ? address.split('::') as [string, string] : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return ipv6GroupsText([...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => parseInt(g, 16)));
}


/**
 * `ADDR`, `ADDR:PORT`, `[ADDR]` or `[ADDR]:PORT` (IPv6 bracketed, or bare without a port).
 * On failure, `problem` says which part is wrong so each caller can word its own error:
 * `shape` (none of those forms), `address` (not an IP address) or `port` (above 65535).
 */
export type HostPort =
  | { problem?: undefined; address: string; port: number | undefined }
  | { problem: 'shape' }
  | { problem: 'address'; address: string }
  | { problem: 'port'; address: string; port: string };

export function splitHostPort(text: string): HostPort {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return checked(bracketed[1]!, bracketed[2]);
  if (isIP(text) !== 0) return { address: text, port: undefined };
  const hostPort = /^([^:]+):(\d+)$/.exec(text);
  if (hostPort) return checked(hostPort[1]!, hostPort[2]);
  return { problem: 'shape' };
}

function checked(address: string, port: string | undefined): HostPort {
  if (isIP(address) === 0) return { problem: 'address', address };
  if (port === undefined) return { address, port: undefined };
  const n = Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) return { problem: 'port', address, port };
  return { address, port: n };
}

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback. Wildcards (0.0.0.0, ::) are not loopback. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  const lower = address.toLowerCase();
  return lower === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(lower);
}
