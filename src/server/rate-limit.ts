// Per-source response-rate limiting: a token bucket per source prefix (/24 for
// IPv4, /56 for IPv6 by default, as RRL does) in a bounded table, so a flood
// from one network is dropped while everyone else is still answered.

import { isIPv4 } from 'node:net';
import { BoundedLru } from './lru.js';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  ipv4Prefix: number;
  ipv6Prefix: number;
  tableSize: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  // Least recently seen source forgotten first; a table size of 0 still keeps one source.
  private readonly buckets: BoundedLru<string, Bucket>;

  constructor(private readonly options: RateLimitOptions, private readonly now: () => number = () => performance.now()) {
    this.buckets = new BoundedLru(Math.max(1, options.tableSize));
  }

  get enabled(): boolean {
    return this.options.perSecond > 0;
  }

  /** True when `address` may be answered now (and takes a token). */
  allow(address: string): boolean {
    if (!this.enabled) return true;
    const key = sourcePrefix(address, this.options.ipv4Prefix, this.options.ipv6Prefix);
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.options.burst, updated: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updated) / 1000) * this.options.perSecond);
      bucket.updated = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  get trackedSources(): number {
    return this.buckets.size;
  }
}

/** The network a source belongs to for rate limiting, e.g. "192.0.2.0/24". */
export function sourcePrefix(address: string, ipv4Prefix: number, ipv6Prefix: number): string {
  const mapped = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(mapped)) {
    const octets = mapped.split('.').map(Number);
    const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
    const mask = ipv4Prefix === 0 ? 0 : (0xffffffff << (32 - ipv4Prefix)) >>> 0;
    const net = (value & mask) >>> 0;
    return `${[net >>> 24, (net >> 16) & 0xff, (net >> 8) & 0xff, net & 0xff].join('.')}/${ipv4Prefix}`;
  }
  const groups = expandIpv6(mapped);
  const bits = groups.map((g) => g.toString(2).padStart(16, '0')).join('').slice(0, ipv6Prefix);
  return `${bits}/${ipv6Prefix}`;
}

function expandIpv6(address: string): number[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16) || 0) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill(0), ...right].slice(0, 8);
}
