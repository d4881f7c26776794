import { describe, expect, it } from 'vitest';
import { zonesFromCaseDirectory } from '../../../src/loaders/zones.js';
import { soaSignatureWindow } from '../../../src/zone-sources/index.js';
import { testDataPath } from '../../helpers/test-data.js';

describe('judging signed test zones as published', () => {

  it('finds the apex SOA RRSIG window of the signed root zone (case 45) and none in an unsigned zone', () => {
    const root = soaSignatureWindow(testDataPath('zonemd/verisign-test-cases/zones/45-root-zone/root.zone.hashed'), '.');
    // The data README: valid 20210519173132–20210616173132 (some RRSIGs), the SOA's inside that span.
    expect(root!.asPublished > '20210519000000' && root!.asPublished < '20210617000000').toBe(true);
    expect(root!.inception).toBeLessThan(root!.expiration);
    expect(soaSignatureWindow(testDataPath('zonemd/rfc8976/a1-simple.zone'), 'example.')).toBeUndefined();
  });

  it('gives signed cases an as-published time by default, none with "now", a fixed one when asked', () => {
    const dir = testDataPath('zonemd/verisign-test-cases');
    const byName = (zones: ReturnType<typeof zonesFromCaseDirectory>) => new Map(zones.map((z) => [z.name, z.validationTime]));
    const published = byName(zonesFromCaseDirectory(dir));
    expect(published.get('45-root-zone')).toMatch(/^202105|^202106/);
    expect(published.get('01-sha384-simple')).toBeUndefined();
    expect([...byName(zonesFromCaseDirectory(dir, 'now')).values()].every((t) => t === undefined)).toBe(true);
    expect(byName(zonesFromCaseDirectory(dir, '20210601000000')).get('01-sha384-simple')).toBe('20210601000000');
  });
});
