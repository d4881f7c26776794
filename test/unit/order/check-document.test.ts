// The check document is built from analyses alone, and its text rendering
// says per response where it came from, its answer and findings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocument, checkHasFindings, CHECK_SCHEMA } from '../../../src/order/check-document.js';
import { analyzeBytes } from '../../../src/order/index.js';
import { renderCheck } from '../../../src/report/check-render.js';

const hex = (name: string) => Buffer.from(readFileSync(new URL(`../../../fixtures/hex/${name}`, import.meta.url), 'utf8').replace(/\s+/g, ''), 'hex');

describe('check document', () => {
  const good = analyzeBytes(hex('canonical.response.hex'));
  const bad = analyzeBytes(hex('chain-reversed.response.hex'));

  it('one result per response, with its place in a capture; findings make it a finding run', () => {
    const doc = checkDocument('x.pcap', [
      { index: 1, ...good },
      { index: 2, frame: 7, from: '192.0.2.1:53', to: '192.0.2.2:4000', ...bad },
    ]);
    expect(doc.schema).toBe(CHECK_SCHEMA);
    expect(doc.results.map((r) => [r.response, r.frame, r.conformant])).toEqual([[1, null, true], [2, 7, false]]);
    expect(doc.results[1]!.findings[0]).toMatchObject({ severity: 'violation' });
    expect(checkHasFindings(doc)).toBe(true);
    expect(checkHasFindings(checkDocument('x', [{ index: 1, ...good }]))).toBe(false);
    expect('dnstap' in doc).toBe(false);
  });

  it('renders text: a head line per response, its answer records, its findings, and a summary', () => {
    const doc = checkDocument('x.pcap', [{ index: 2, frame: 7, from: '192.0.2.1:53', to: '192.0.2.2:4000', ...bad }]);
    const lines = renderCheck(doc, 'text').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^response 2 \(frame 7, 192\.0\.2\.1:53 → 192\.0\.2\.2:4000\) id \d+ \S+ A: NOT conformant, [1-9]\d* violation\(s\), \d+ warning\(s\)$/);
    expect(lines[1]).toMatch(/^ {2}\[0\] /);
    expect(lines.some((l) => /^ {2}violation [a-z-]+( \[[\d,]+\])?: .+ \(.+\)$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('1 response(s), 1 with violations');
    expect(JSON.parse(renderCheck(doc, 'json'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('counts dnstap frames that are not dnstap messages as findings, and says so in text', () => {
    const dnstap = { frames: 3, queries: 1, responses: 1, responsesWithoutMessage: 0, invalid: [{ frame: 3, offset: 90, code: 'ERR_X', message: 'bad' }], invalidCount: 1, truncatedOctets: 0, truncatedAt: null };
    const doc = checkDocument('x.dnstap', [{ index: 1, ...good }], dnstap);
    expect(checkHasFindings(doc)).toBe(true);
    expect(renderCheck(doc, 'text')).toContain('frame 3 (at octet 90): not a dnstap message: bad [ERR_X]\n1 response(s), 0 with violations; 1 query message(s) counted, 1 frame(s) not dnstap messages\n');
  });
});
