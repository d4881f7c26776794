// Verisign's ZONEMD test suite: every case gives its config's expected_result.
// Signed cases are verified at a time inside their RRSIG windows (only case 43
// states one in its config; the others are taken from their signatures).

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findApex, loadCanonicalZone, verifyZonemd, type ZonemdReasonCode } from '../../../src/zone-sources/index.js';
import { testDataPath } from '../../helpers/test-data.js';

const CASES = 'zonemd/verisign-test-cases/zones';
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 1000;

/** Validation times inside each signed case's RRSIG windows. */
const VALIDATION_TIME: Record<string, number> = {
  '45-root-zone': utc(2021, 6, 1), // 20210519173132–20210616173132
  '50-uppercase-nsec-rdata-names': utc(2021, 7, 10), // 20210629155612–20210727155612
  '51-uppercase-nsec3-rdata-names': utc(2021, 6, 1),
  '52-uppercase-rrsig-rdata-names': utc(2021, 6, 1),
  '53-bad-zonemd-rrsig': utc(2021, 6, 1), // 20210525…–20210622…: inside, so only the bad signature can fail it
};

/** Why each failure case must fail (a failure for the wrong reason is a bug). */
const FAILURE_REASON: Record<string, ZonemdReasonCode> = {
  '30-repeated-scheme-algorithm': 'repeated-scheme-algorithm',
  '31-too-small-digest': 'digest-too-short',
  '32-truncated-digest': 'digest-wrong-length',
  '33-unknown-hash-algorithm': 'unsupported-algorithm',
  '34-unknown-scheme': 'unsupported-scheme',
  '35-wrong-serial': 'serial-mismatch',
  '53-bad-zonemd-rrsig': 'bad-signature',
  '80-mixed-classes': 'mixed-classes',
};

function parseConfig(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]));
}

function rrsigTime(text: string): number {
  return Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(8, 10), +text.slice(10, 12), +text.slice(12, 14)) / 1000;
}

describe('Verisign zonemd-test-cases', () => {
  const cases = readdirSync(testDataPath(CASES)).filter((d) => /^[0-9]/.test(d)).sort();

  it('finds all 36 cases', () => {
    expect(cases.length).toBe(36);
  });

  for (const name of cases) {
    const config = parseConfig(readFileSync(testDataPath(CASES, name, 'config'), 'utf8'));
    it(`${name}: ${config.expected_result}`, () => {
      const zone = loadCanonicalZone(testDataPath(CASES, name, config.zonefile!), { origin: config.origin });
      const time = config.validation_time ? rrsigTime(config.validation_time) : VALIDATION_TIME[name] ?? Math.floor(Date.now() / 1000);
      const result = verifyZonemd(zone, findApex(zone, config.origin).apex!, { time });
      expect(result.verified, result.summary).toBe(config.expected_result === 'success');
      const reason = FAILURE_REASON[name];
      if (reason !== undefined) expect(result.reasons.map((r) => r.code)).toContain(reason);
      if (name === '45-root-zone') expect(result.dnssec.rrsets.map((r) => r.status)).toEqual(['secure', 'secure']);
    });
  }

  it('every failure case has an expected reason', () => {
    const failures = cases.filter((c) => parseConfig(readFileSync(testDataPath(CASES, c, 'config'), 'utf8')).expected_result === 'failure');
    expect(failures.sort()).toEqual(Object.keys(FAILURE_REASON).sort());
  });

  it('case 45 does not verify after its signatures expired', () => {
    const zone = loadCanonicalZone(testDataPath(CASES, '45-root-zone', 'root.zone.hashed'), { origin: '.' });
    const result = verifyZonemd(zone, findApex(zone, '.').apex!, { time: utc(2021, 7, 1) });
    expect(result.verified).toBe(false);
    expect(result.records[0]!.status).toBe('verified'); // the digest itself is right
    expect(result.dnssec.rrsets[0]!.signatures[0]!.status).toBe('expired');
  });
});

describe('root zone 2026082201 with RRSIGs stripped', () => {

  it('parses and does not verify, reporting the digest mismatch with both digests', () => {
    const zone = loadCanonicalZone(testDataPath('zones/root-2026082201-rrsigs-stripped.zone'));
    expect(zone.recordCount).toBeGreaterThan(20000);
    const apex = findApex(zone);
    expect(apex.name).toBe('.');
    const result = verifyZonemd(zone, apex.apex!, { time: utc(2026, 8, 25) });
    expect(result.verified).toBe(false);
    const mismatch = result.records.find((r) => r.status === 'digest-mismatch')!;
    expect(mismatch.expected).toMatch(/^[0-9a-f]{96}$/);
    expect(mismatch.actual).toMatch(/^[0-9a-f]{96}$/);
    expect(mismatch.actual).not.toBe(mismatch.expected);
    expect(result.reasons.map((r) => r.code)).toContain('digest-mismatch');
    expect(result.summary).toContain(mismatch.expected);
    expect(result.summary).toContain(mismatch.actual);
    // The SOA RRSIG survived the stripping and still validates; the ZONEMD one did not survive.
    expect(result.dnssec.rrsets.map((r) => r.status)).toEqual(['secure', 'unsigned']);
  });
});
