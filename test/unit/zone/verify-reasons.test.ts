// One reason code per failure, for the failures the Verisign suite does not cover.
import { describe, expect, it } from 'vitest';
import { canonicalZoneFromText, computeZonemd, findApex, nameFromText, verifyZonemd } from '../../../src/zone/index.js';

const APEX = nameFromText('example.', undefined);
const BASE = 'example. 300 IN SOA ns admin 5 1 2 3 4\nexample. 300 IN NS ns\nns 300 IN A 192.0.2.1\n';

function withZonemd(extra: string, zonemdLine = (hex: string) => `example. 300 IN ZONEMD 5 1 1 ${hex}\n`): string {
  const digest = computeZonemd(canonicalZoneFromText(BASE + extra, { origin: 'example.' }), APEX, 1).digest.toString('hex');
  return BASE + extra + zonemdLine(digest);
}

const verify = (text: string) => verifyZonemd(canonicalZoneFromText(text, { origin: 'example.' }), APEX, { time: Math.floor(Date.now() / 1000) });
const codes = (text: string) => verify(text).reasons.map((r) => r.code);

describe('verification reasons', () => {
  it('verifies a correct zone and says which record matched', () => {
    const result = verify(withZonemd(''));
    expect(result.verified).toBe(true);
    expect(result.summary).toBe('verified: ZONEMD 5 1 1 matches the zone');
    expect(result.records[0]!.actual).toBe(result.records[0]!.expected);
  });

  it('no-zonemd and zonemd-not-at-apex', () => {
    expect(codes(BASE)).toEqual(['no-zonemd']);
    const elsewhere = withZonemd('', (hex) => `sub.example. 300 IN ZONEMD 5 1 1 ${hex}\n`);
    const result = verify(elsewhere);
    expect(result.reasons.map((r) => r.code)).toEqual(['zonemd-not-at-apex']);
    expect(result.reasons[0]!.position?.line).toBe(4);
  });

  it('no-soa when the apex has no SOA, multiple-soa when it has two different ones', () => {
    expect(codes('example. 300 IN NS ns.example.\n')).toEqual(['no-soa']);
    expect(codes(withZonemd('example. 300 IN SOA ns admin 6 1 2 3 4\n'))).toContain('multiple-soa');
  });

  it('digest-mismatch names both digests', () => {
    const text = withZonemd('').replace('192.0.2.1', '192.0.2.2');
    const result = verify(text);
    expect(result.reasons.map((r) => r.code)).toEqual(['digest-mismatch']);
    expect(result.summary).toContain(result.records[0]!.expected);
    expect(result.summary).toContain(result.records[0]!.actual!);
  });

  it('a failing record next to a verifying one does not fail the zone, and both are reported', () => {
    const text = withZonemd('') + 'example. 300 IN ZONEMD 5 1 2 ' + '00'.repeat(64) + '\n';
    const result = verify(text);
    expect(result.verified).toBe(true);
    expect(result.records.map((r) => r.status)).toEqual(['verified', 'digest-mismatch']);
  });

  it('the apex is the SOA owner when no origin is given, and findApex says so', () => {
    const zone = canonicalZoneFromText(withZonemd(''), { origin: 'example.' });
    expect(findApex(zone)).toMatchObject({ name: 'example.', from: 'soa', soaOwners: 1 });
  });
});
