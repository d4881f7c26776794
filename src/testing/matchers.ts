// vitest matchers for resolver test suites:
//   expect(responseBytes).toHaveOrderedAnswerSection()
//   expect(responseBytes).toResolveTo(['192.0.2.1'], { client: 'model-glibc' })
// Install once with `installMatchers()` (or pass `dnsorderMatchers` to expect.extend).

// Kept in the emitted .d.ts, where the value imports below are not: without
// it the `declare module 'vitest'` augmentation at the end depends on the
// order of the user's files, and toResolveTo can go missing (test/package).
// resolution-mode: vitest's types are ESM only, and the CommonJS copy of
// these declarations (dist/cjs-types) must not require() them.
/// <reference types="vitest" resolution-mode="import" preserve="true" />
import { expect } from 'vitest';
import { analyzeBytes, analyzeMessage, expectedFromRecords, formatFinding, type Finding } from '../order/index.js';
import type { DecodedMessage } from '../wire/decode.js';
import { decodeMessage, readName } from '../wire/decode.js';
import { encodeMessage } from '../wire/encode.js';
import { typeName } from '../rdata/registry.js';
import { resolveWithClient } from './clients.js';

type Received = Uint8Array | DecodedMessage;

interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${formatFinding(f)}`).join('\n');
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
    const client = options.client ?? 'rfc1034';
    // Models read the octets themselves (malformed ones included); a decoded message is re-encoded for them.
    const bytes = received instanceof Uint8Array ? received : encodeMessage(received);
    const question = options.qname && options.qtype ? undefined : questionOf(bytes, received);
    const qname = options.qname ?? question?.name ?? '';
    const qtype = options.qtype ?? question?.type ?? 'A';
    const result = client === 'rfc1034'
      ? { addresses: expectedFromRecords((received instanceof Uint8Array ? decodeMessage(received) : received).answers, qname, qtype).addresses, error: null }
      : resolveWithClient(client, { name: qname, type: qtype }, bytes);
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

/** The question of a response, read without decoding the rest (which may be deliberately malformed). */
function questionOf(bytes: Uint8Array, received: Received): { name: string; type: string } | undefined {
  if (!(received instanceof Uint8Array)) return received.questions[0];
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.readUInt16BE(4) === 0) return undefined;
  try {
    const name = readName(buf, 12);
    return name.end + 4 <= buf.length ? { name: name.name, type: typeName(buf.readUInt16BE(name.end)) } : undefined;
  } catch {
    return undefined;
  }
}

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
