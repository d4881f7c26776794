import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseValidationTime, readZoneFile, readZoneText, validationTimeFromText } from '../../../src/zone-sources/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-parser-edges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zone parser edges', () => {
  it('lets later records inherit the TTL an SOA took from its MINIMUM when there is no $TTL', () => {
    const records = readZoneText('example. SOA ns hm 1 2 3 4 77\nexample. NS ns.example.\n', { origin: 'example.' });
    expect(records.map((r) => r.ttl)).toEqual([77, 77]);
  });

  it('includes a file whose name starts with two dots, inside the allowed directory', () => {
    writeFileSync(join(dir, '..sub.zone'), 'www A 192.0.2.1\n');
    writeFileSync(join(dir, 'main.zone'), '$ORIGIN example.\n$TTL 60\n@ SOA ns hm 1 2 3 4 5\n$INCLUDE ..sub.zone\n');
    const records = readZoneFile(join(dir, 'main.zone'), { include: { allowedDirectories: [dir] } });
    expect(records).toHaveLength(2);
    writeFileSync(join(dir, 'escape.zone'), '$ORIGIN example.\n$TTL 60\n@ SOA ns hm 1 2 3 4 5\n$INCLUDE ../escape-target.zone\n');
    expect(() => readZoneFile(join(dir, 'escape.zone'), { include: { allowedDirectories: [dir] } })).toThrow(/outside the allowed directories|cannot read/);
  });
});

describe('validation time', () => {
  it('reads RRSIG form and ISO 8601, and refuses impossible dates instead of rolling them over', () => {
    expect(parseValidationTime('20210601000000')).toBe(Date.UTC(2021, 5, 1) / 1000);
    expect(parseValidationTime('2021-06-01T00:00:00Z')).toBe(Date.UTC(2021, 5, 1) / 1000);
    for (const bad of ['20261340000000', '20260230250000', '20260101006100', 'yesterday']) {
      expect(() => parseValidationTime(bad), bad).toThrowError(expect.objectContaining({ code: 'ERR_BAD_TIME' }));
      expect(validationTimeFromText(bad), bad).toBeUndefined();
    }
    // The library's words name no CLI option; the CLI says --time itself.
    expect(() => parseValidationTime('yesterday')).toThrowError('validation time "yesterday" is neither YYYYMMDDHHmmSS nor ISO 8601');
  });
});
