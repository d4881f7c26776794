// How `dnsorder check` tells a DNS message from text that is not one: the
// rule must never take a real response for text (every fixture response and
// query here), and must take prose, zone files and logs for text.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputKind, looksLikeText } from '../../../src/cli/check-input.js';

const root = join(import.meta.dirname, '../../..');

describe('looksLikeText', () => {
  it('is false for every binary message in fixtures/bin (queries and responses, malformed ones too)', () => {
    const files = readdirSync(join(root, 'fixtures/bin'));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(looksLikeText(readFileSync(join(root, 'fixtures/bin', f))), f).toBe(false);
  });

  it('is true for prose, a zone file, UTF-8 beyond ASCII and one line without a line break', () => {
    expect(looksLikeText(Buffer.from('# dnsorder\n\nA DNS answer-section conformance tester.\n'))).toBe(true);
    expect(looksLikeText(readFileSync(join(root, 'fixtures/zone/valid-sha384.zone')))).toBe(true);
    expect(looksLikeText(Buffer.from('résumé → ✓ “quoted”\n'))).toBe(true);
    expect(looksLikeText(Buffer.from('hello'))).toBe(true);
  });

  it('is false for empty input, a NUL octet, invalid UTF-8 and mostly control characters', () => {
    expect(looksLikeText(Buffer.alloc(0))).toBe(false);
    expect(looksLikeText(Buffer.from('hello\0world'))).toBe(false);
    expect(looksLikeText(Buffer.from([0x68, 0x69, 0xc3, 0x28]))).toBe(false);
    expect(looksLikeText(Buffer.from('\u0001\u0002\u0003\u0004ab'))).toBe(false);
  });

  it('judges a large input on its start, and a multi-octet character cut by the sample is not invalid', () => {
    const big = Buffer.from('é'.repeat(40_000)); // 80,000 octets; the 64 KiB sample ends inside no character here,
    expect(looksLikeText(big)).toBe(true);
    const odd = Buffer.concat([Buffer.from('a'), big]); // but here it ends between the two octets of an é
    expect(looksLikeText(odd)).toBe(true);
  });
});

describe('inputKind', () => {
  const message = readFileSync(join(root, 'fixtures/bin/canonical.response.bin'));

  it('sniffs pcap, hex and binary; refuses other text with ERR_NOT_DNS_INPUT', () => {
    expect(inputKind(readFileSync(join(root, 'fixtures/pcap/scenarios.pcap')), {}, 'x.pcap')).toBe('pcap');
    expect(inputKind(Buffer.from('0x81 80 00 01\n'), {}, 'x.hex')).toBe('hex');
    expect(inputKind(message, {}, 'x.bin')).toBe('bin');
    expect(() => inputKind(Buffer.from('not a message\n'), {}, 'notes.txt')).toThrow(expect.objectContaining({ code: 'ERR_NOT_DNS_INPUT', message: expect.stringMatching(/^notes\.txt is text/) }));
  });

  it('lets the flags decide whatever the content', () => {
    expect(inputKind(Buffer.from('not a message\n'), { bin: true }, 'notes.txt')).toBe('bin');
    expect(inputKind(message, { hex: true }, 'x')).toBe('hex');
    expect(inputKind(message, { pcap: true }, 'x')).toBe('pcap');
  });
});
