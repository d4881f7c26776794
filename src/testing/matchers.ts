// vitest matchers for resolver test suites:
//   expect(responseBytes).toHaveOrderedAnswerSection()
//   expect(responseBytes).toResolveTo(['192.0.2.1'], { client: 'model-glibc' })
// Install once with `installMatchers()` (or pass `dnsorderMatchers` to expect.extend).

import { expect } from 'vitest';
import { analyzeBytes, analyzeMessage, expectedFromRecords, type Finding } from '../order/index.js';
import type { DecodedMessage } from '../wire/decode.js';
import { decodeMessage } from '../wire/decode.js';
import { resolveWithClient } from './clients.js';

type Received = Uint8Array | DecodedMessage;

interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.severity} ${f.rule}${f.records.length ? ` [${f.records.join(',')}]` : ''}: ${f.message} (${f.spec.ref})`).join('\n');
}

function analyze(received: Received) {
  if (received instanceof Uint8Array) return analyzeBytes(received);
  return analyzeMessage(received);
}

export const dnsorderMatchers = {
  toHaveOrderedAnswerSection(received: Received): MatcherResult {
    const analysis = analyze(received);
    const violations = analysis.findings.filter((f) => f.severity === 'violation');
    return {
      pass: violations.length === 0,
      message: () => violations.length === 0
        ? `expected the answer section not to be ordered, but it has no violation${analysis.findings.length ? `; warnings:\n${describeFindings(analysis.findings)}` : ''}`
        : `expected an ordered answer section (draft-jabley-dnsop-ordered-answer-section), found:\n${describeFindings(violations)}`,
    };
  },

  toResolveTo(received: Received, addresses: readonly string[], options: { client?: string; qname?: string; qtype?: string } = {}): MatcherResult {
    const bytes = received instanceof Uint8Array ? received : undefined;
    const message = bytes ? decodeMessage(bytes) : (received as DecodedMessage);
    const question = message.questions[0];
    const qname = options.qname ?? question?.name ?? '';
    const qtype = options.qtype ?? question?.type ?? 'A';
    const client = options.client ?? 'rfc1034';
    const result = client === 'rfc1034'
      ? { addresses: expectedFromRecords(message.answers, qname, qtype).addresses, error: null }
      : resolveWithClient(client, { name: qname, type: qtype }, bytes ?? Buffer.alloc(0));
    const got = [...result.addresses].sort();
    const want = [...addresses].sort();
    const pass = got.length === want.length && got.every((a, i) => a === want[i]);
    return {
      pass,
      actual: result.addresses,
      expected: addresses,
      message: () => `expected ${client} to resolve ${qname} ${qtype} to [${want.join(', ')}]${pass ? ' not to match' : ''}, got [${result.addresses.join(', ')}]` +
        (result.error ? ` (${result.error.code}: ${result.error.text})` : ''),
    };
  },
};

export interface DnsorderMatchers<R = unknown> {
  toHaveOrderedAnswerSection(): R;
  toResolveTo(addresses: readonly string[], options?: { client?: string; qname?: string; qtype?: string }): R;
}

/** Registers the matchers with vitest's expect. */
export function installMatchers(): void {
  expect.extend(dnsorderMatchers as never);
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends DnsorderMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends DnsorderMatchers {}
}
