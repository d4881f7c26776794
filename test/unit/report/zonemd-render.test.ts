// The zonemd documents are built from library results alone (no clock, no
// CLI wording but the apexFrom line the caller gives) and rendered as the
// CLI prints them.
import { describe, expect, it } from 'vitest';
import { renderZonemdDigest, renderZonemdVerify } from '../../../src/report/zonemd-render.js';
import { apexZonemdRecords, canonicalZoneFromText, nameFromText, verifyZonemd } from '../../../src/zone/index.js';
import { ZONEMD_SCHEMA, zonemdDigestDocument, zonemdVerifyDocument } from '../../../src/zone/zonemd-document.js';

const APEX = nameFromText('example.', undefined);
const BASE = 'example. 300 IN SOA ns admin 5 1 2 3 4\nexample. 300 IN NS ns\nns 300 IN A 192.0.2.1\n';
const TIME = Date.UTC(2026, 0, 2, 3, 4, 5) / 1000;

describe('zonemd documents', () => {
  const zone = canonicalZoneFromText(BASE, { origin: 'example.' });
  const fresh = apexZonemdRecords(zone, APEX, [1, 2]);

  it('digest: one record a line in text, its fields in JSON', () => {
    const doc = zonemdDigestDocument({ file: 'z.zone', origin: null }, fresh, { generic: false });
    expect(doc.schema).toBe(ZONEMD_SCHEMA);
    expect(doc.records.map((r) => [r.serial, r.scheme, r.algorithm, r.digest.length])).toEqual([[5, 1, 1, 96], [5, 1, 2, 128]]);
    const text = renderZonemdDigest(doc, 'text');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/^example\.\t300\tIN\tZONEMD\t5 1 1 [0-9a-f]/);
    expect(renderZonemdDigest(zonemdDigestDocument({ file: 'z.zone', origin: null }, fresh, { generic: true }), 'text')).toMatch(/^example\.\t300\tIN\tTYPE63\t\\# /);
    expect(JSON.parse(renderZonemdDigest(doc, 'json'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('verify: the validation time given, the caller\'s apexFrom, and the failing record listed', () => {
    const bad = canonicalZoneFromText(BASE + `example. 300 IN ZONEMD 5 1 1 ${'00'.repeat(48)}\n`, { origin: 'example.' });
    const result = verifyZonemd(bad, APEX, { time: TIME });
    const doc = zonemdVerifyDocument({ file: 'bad.zone', origin: 'example.' }, 'apex example. from --origin', result);
    expect(doc.input).toEqual({ file: 'bad.zone', origin: 'example.', apexFrom: 'apex example. from --origin', validationTime: '2026-01-02T03:04:05.000Z' });
    expect(doc.verified).toBe(false);
    const lines = renderZonemdVerify(doc, 'text').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^bad\.zone: not verified: /);
    expect(lines[1]).toMatch(/^  digest-mismatch: ZONEMD 5 1 1: digest mismatch/);
  });
});
