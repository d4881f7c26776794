import { describe, expect, it } from 'vitest';
import { breaks, classify } from '../../../src/matrix/outcome.js';
import { normaliseAddress } from '../../../src/net/address.js';
import type { RawRun } from '../../../src/clients/types.js';
import { parseClientOutput } from '../../../src/clients/client-output.js';

const expected = { addresses: ['192.0.2.1', '192.0.2.2'], canonical: 'edge.cdn.www.order.test', kind: 'addresses' as const };
const none = { addresses: [], canonical: null, kind: 'no-address' as const };

/** A probe program's run: its printed line, parsed as the real-client path parses it. */
function run(out: unknown, extra: Partial<RawRun> = {}): RawRun {
  const stdout = typeof out === 'string' ? out : JSON.stringify(out);
  return { result: parseClientOutput(stdout), stdout, stderr: '', exitCode: null, signal: null, timedOut: false, durationMs: 3, ...extra };
}
const result = (addresses: string[], canonical: string | null = null, error: { code: string; text: string } | null = null) => run({ addresses, canonical, error });

describe('classify', () => {
  it('timeout wins over everything, then a signal is a crash', () => {
    expect(classify(expected, run('', { timedOut: true, signal: 'SIGKILL' })).outcome).toBe('timeout');
    expect(classify(expected, run('', { signal: 'SIGSEGV', stderr: 'boom' })).outcome).toBe('crash');
    expect(classify(expected, run('', { signal: 'SIGSEGV', stderr: 'boom' })).detail).toContain('SIGSEGV');
  });

  it('no result line is an error naming the exit code', () => {
    const c = classify(expected, run('garbage', { exitCode: 3, stderr: 'cannot start' }));
    expect(c.outcome).toBe('error');
    expect(c.detail).toContain('exited with 3');
    expect(c.detail).toContain('cannot start');
  });

  it('all addresses in any order and with duplicates is ok', () => {
    expect(classify(expected, result(['192.0.2.2', '192.0.2.1', '192.0.2.2'])).outcome).toBe('ok');
  });

  it('an address outside the chain is wrong-address, even beside the right ones or an error', () => {
    expect(classify(expected, result(['198.51.100.66', '192.0.2.1', '192.0.2.2'])).outcome).toBe('wrong-address');
    expect(classify(none, result(['198.51.100.66'], null, { code: 'EAI_AGAIN', text: 'x' })).outcome).toBe('wrong-address');
  });

  it('expected no address and got none is ok, with or without an error', () => {
    expect(classify(none, result([])).outcome).toBe('ok');
    expect(classify(none, result([], null, { code: 'EAI_NONAME', text: 'x' })).outcome).toBe('ok');
  });

  it('no address: "not found" codes are no-address, other failures are error', () => {
    expect(classify(expected, result([], null, { code: 'EAI_NONAME', text: 'x' })).outcome).toBe('no-address');
    expect(classify(expected, result([], null, { code: 'ARES_ENODATA', text: 'x' })).outcome).toBe('no-address');
    expect(classify(expected, result([], null, { code: 'NO_RECOVERY', text: 'x' })).outcome).toBe('error');
    expect(classify(expected, result([], null, { code: 'LifetimeTimeout', text: 'x' })).outcome).toBe('error');
    expect(classify(expected, result([])).outcome).toBe('no-address');
  });

  it('a strict subset is partial', () => {
    expect(classify(expected, result(['192.0.2.1'])).outcome).toBe('partial');
  });

  it('canonical is compared case-insensitively without the trailing dot, and only when reported', () => {
    expect(classify(expected, result(['192.0.2.1', '192.0.2.2'], 'EDGE.cdn.www.order.test.')).outcome).toBe('ok');
    expect(classify(expected, result(['192.0.2.1', '192.0.2.2'], 'cdn.www.order.test')).outcome).toBe('wrong-canonical');
    expect(classify(expected, result(['192.0.2.1', '192.0.2.2'], null)).outcome).toBe('ok');
  });

  it('IPv6 addresses are compared in one form', () => {
    const v6 = { addresses: ['2001:db8::1'], canonical: null, kind: 'addresses' as const };
    expect(classify(v6, result(['2001:db8:0:0:0:0:0:1'])).outcome).toBe('ok');
    expect(normaliseAddress('2001:0db8:0000:0000:0001:0000:0000:0001')).toBe('2001:db8::1:0:0:1');
    expect(normaliseAddress('192.0.2.1')).toBe('192.0.2.1');
    // Dotted IPv4 tails: the same text as the hex form a packet gives.
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('::ffff:c000:201');
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe(normaliseAddress('0:0:0:0:0:ffff:c000:0201'));
    expect(normaliseAddress('64:ff9b::198.51.100.7')).toBe('64:ff9b::c633:6407');
  });
});

describe('a client that asks for the chain\'s end itself', () => {
  // dangling-cname as served, and what the server answers for the chain's last name.
  const dangling = { addresses: [], canonical: null, kind: 'dangling' as never };
  const followUp = ['192.0.2.1', '192.0.2.2'];

  it('is ok when it found the chain end\'s addresses, and not judged on them as foreign', () => {
    const c = classify(dangling, result(followUp), { followUp });
    expect(c.outcome).toBe('ok');
    expect(c.detail).toMatch(/asked for the chain's end itself/);
  });

  it('still gets wrong-address for an address neither the answer nor the follow-up gives', () => {
    expect(classify(dangling, result(['198.51.100.66']), { followUp }).outcome).toBe('wrong-address');
    expect(classify(dangling, result(['192.0.2.1', '198.51.100.66']), { followUp }).outcome).toBe('wrong-address');
    expect(classify(dangling, result(followUp)).outcome).toBe('wrong-address');
  });
});

describe('breaks', () => {
  it('is true only when the answer held addresses and the outcome is not ok or skipped', () => {
    expect(breaks('no-address', expected)).toBe(true);
    expect(breaks('ok', expected)).toBe(false);
    expect(breaks('skipped', expected)).toBe(false);
    expect(breaks('error', none)).toBe(false);
  });
});
