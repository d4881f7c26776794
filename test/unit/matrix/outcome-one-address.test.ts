// `reports: 'one-address'` (src/clients/types.ts): a client that reports only the
// address it used (Chromium: the one it connected to) is never `partial` for not
// listing the others; everything else is judged as for any client.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/matrix/outcome.js';
import type { RawRun } from '../../../src/clients/types.js';

const expected = { addresses: ['192.0.2.1', '192.0.2.2'], canonical: 'edge.cdn.www.order.test', kind: 'addresses' as const };
const none = { addresses: [], canonical: null, kind: 'no-address' as const };
const run = (addresses: string[], error: { code: string; text: string } | null = null): RawRun =>
  ({ result: { addresses, canonical: null, error }, stdout: '', stderr: '', exitCode: null, signal: null, timedOut: false, durationMs: 1 });
const one = { reports: 'one-address' as const };

describe("classify with reports: 'one-address'", () => {
  it('one address of the chain is ok, where an all-addresses client would be partial', () => {
    expect(classify(expected, run(['192.0.2.2'])).outcome).toBe('partial');
    const c = classify(expected, run(['192.0.2.2']), one);
    expect(c.outcome).toBe('ok');
    expect(c.detail).toContain('the one it used');
    expect(classify(expected, run(['192.0.2.1', '192.0.2.2']), one).outcome).toBe('ok');
  });

  it('an address off the chain is still wrong-address, and none is still no-address', () => {
    expect(classify(expected, run(['198.51.100.66']), one).outcome).toBe('wrong-address');
    expect(classify(expected, run([], { code: 'ERR_NAME_NOT_RESOLVED', text: 'net::ERR_NAME_NOT_RESOLVED' }), one).outcome).toBe('no-address');
    expect(classify(none, run([], { code: 'ERR_NAME_NOT_RESOLVED', text: 'net::ERR_NAME_NOT_RESOLVED' }), one).outcome).toBe('ok');
  });

  it("Chromium's other net errors are errors, not not-found", () => {
    expect(classify(expected, run([], { code: 'ERR_CONNECTION_REFUSED', text: 'net::ERR_CONNECTION_REFUSED' }), one).outcome).toBe('error');
  });
});
