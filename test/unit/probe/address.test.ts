import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_PORT, formatEndpoint, parseEndpoint } from '../../../src/probe/address.js';

describe('probe endpoints', () => {
  it('reads IP[:port] with a default port, IPv6 bracketed or bare', () => {
    expect(parseEndpoint('192.0.2.1', 53)).toEqual({ address: '192.0.2.1', port: 53 });
    expect(parseEndpoint('192.0.2.1:5353', 53)).toEqual({ address: '192.0.2.1', port: 5353 });
    expect(parseEndpoint('[::1]:5300', 53)).toEqual({ address: '::1', port: 5300 });
    expect(parseEndpoint('[::1]', 53)).toEqual({ address: '::1', port: 53 });
    expect(parseEndpoint('::1', 53)).toEqual({ address: '::1', port: 53 });
    expect(parseEndpoint(DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_PORT)).toEqual({ address: '127.0.0.1', port: 5300 });
  });

  it('refuses names and ports out of range, in its own words', () => {
    for (const text of ['localhost', 'localhost:53', '[nope]:53']) {
      expect(() => parseEndpoint(text, 53, 'resolver')).toThrow(expect.objectContaining({
        code: 'ERR_PROBE_BAD_ADDRESS', message: `resolver "${text}" is not IP[:port] (IPv6 as [addr]:port)` }));
    }
    expect(() => parseEndpoint('[::1]:70000', 53, '--authority')).toThrow(expect.objectContaining({
      code: 'ERR_PROBE_BAD_ADDRESS', message: '--authority "[::1]:70000": port out of range' }));
  });

  it('writes IPv6 in brackets', () => {
    expect(formatEndpoint({ address: '::1', port: 53 })).toBe('[::1]:53');
    expect(formatEndpoint({ address: '192.0.2.1', port: 53 })).toBe('192.0.2.1:53');
  });
});
