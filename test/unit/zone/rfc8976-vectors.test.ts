// RFC 8976 Appendix A: every zone gives the published SHA-384 digest and the
// SHA-512 digest in derived-digests.tsv; A.1's exact hash input and ZONEMD
// wire form match the fixtures byte for byte.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalInput, computeZonemd, findApex, loadCanonicalZone, nameFromText, verifyZonemd, zonemdRdata } from '../../../src/zone-sources/index.js';
import { testDataPath } from '../../helpers/test-data.js';

const ORIGINS: Record<string, string> = {
  'a1-simple.zone': 'example.', 'a2-complex.zone': 'example.', 'a3-multiple-digests.zone': 'example.',
  'a3-multiple-digests.errata.zone': 'example.', 'a4-uri.arpa.zone': 'uri.arpa.', 'a5-root-servers.net.zone': 'root-servers.net.',
};

function vectors(): Array<{ file: string; algorithm: number; digest: string }> {
  return readFileSync(testDataPath('zonemd/rfc8976/derived-digests.tsv'), 'utf8').split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [file, schemeHash, digest] = l.split('\t') as [string, string, string];
      return { file, algorithm: Number(schemeHash.split('/')[1]), digest };
    });
}

describe('RFC 8976 Appendix A vectors', () => {
  const all = vectors();

  it('covers every zone with both hash algorithms', () => {
    expect(all.length).toBe(10);
    expect(new Set(all.map((v) => v.algorithm))).toEqual(new Set([1, 2]));
  });

  for (const v of all) {
    it(`${v.file} hash ${v.algorithm} gives the published digest`, () => {
      const origin = ORIGINS[v.file]!;
      const zone = loadCanonicalZone(testDataPath('zonemd/rfc8976', v.file), { origin });
      const apex = nameFromText(origin, undefined);
      expect(computeZonemd(zone, apex, v.algorithm).digest.toString('hex')).toBe(v.digest);
    });
  }

  it('the A.3 erratum zone has the same digests as the published one', () => {
    const a = loadCanonicalZone(testDataPath('zonemd/rfc8976/a3-multiple-digests.zone'), { origin: 'example.' });
    const b = loadCanonicalZone(testDataPath('zonemd/rfc8976/a3-multiple-digests.errata.zone'), { origin: 'example.' });
    const apex = nameFromText('example.', undefined);
    expect(computeZonemd(a, apex, 1).digest).toEqual(computeZonemd(b, apex, 1).digest);
  });

  it('A.1 canonical hash input equals a1-simple.canonical-input.hex', () => {
    const expected = readFileSync(testDataPath('zonemd/rfc8976/a1-simple.canonical-input.hex'), 'utf8').replace(/\s+/g, '');
    const zone = loadCanonicalZone(testDataPath('zonemd/rfc8976/a1-simple.zone'), { origin: 'example.' });
    const input = canonicalInput(zone, nameFromText('example.', undefined));
    expect(input.length).toBe(197);
    expect(input.toString('hex')).toBe(expected.toLowerCase());
  });

  it("A.1's ZONEMD RDATA equals the wire form in a1-zonemd-wire.txt", () => {
    const lines = readFileSync(testDataPath('zonemd/rfc8976/a1-zonemd-wire.txt'), 'utf8').split('\n').filter((l) => /^[0-9a-f]+$/.test(l));
    const wire = Buffer.from(lines[0]!, 'hex');
    const zone = loadCanonicalZone(testDataPath('zonemd/rfc8976/a1-simple.zone'), { origin: 'example.' });
    const rdata = zonemdRdata(computeZonemd(zone, nameFromText('example.', undefined), 1));
    expect(wire.subarray(wire.length - rdata.length).equals(rdata)).toBe(true);
    expect(wire.readUInt16BE(wire.length - rdata.length - 2)).toBe(54);
  });

  it('A.3 as published verifies through its SHA-384 record and reports the unsupported scheme and algorithm', () => {
    const zone = loadCanonicalZone(testDataPath('zonemd/rfc8976/a3-multiple-digests.zone'), { origin: 'example.' });
    const result = verifyZonemd(zone, findApex(zone).apex!, { time: Date.UTC(2021, 1, 1) / 1000 }); // unsigned: any time
    expect(result.verified).toBe(true);
    const byAlgorithm = new Map(result.records.map((r) => [`${r.scheme}/${r.algorithm}`, r.status]));
    expect(byAlgorithm.get('1/1')).toBe('verified');
    expect(byAlgorithm.get('1/2')).toBe('verified');
    expect(byAlgorithm.get('241/1')).toBe('unsupported-scheme');
    expect(byAlgorithm.get('1/240')).toBe('unsupported-algorithm');
  });

  it('A.4 (signed) verifies with a validation time inside its signatures and not after them', () => {
    const zone = loadCanonicalZone(testDataPath('zonemd/rfc8976/a4-uri.arpa.zone'), { origin: 'uri.arpa.' });
    const apex = nameFromText('uri.arpa.', undefined);
    const inside = verifyZonemd(zone, apex, { time: Date.UTC(2021, 1, 1) / 1000 });
    expect(inside.verified).toBe(true);
    expect(inside.dnssec.rrsets.map((r) => r.status)).toEqual(['secure', 'secure']);
    const after = verifyZonemd(zone, apex, { time: Date.UTC(2021, 2, 1) / 1000 });
    expect(after.verified).toBe(false);
    expect(after.reasons.map((r) => r.code)).toContain('bad-signature');
    expect(after.dnssec.rrsets[0]!.signatures[0]!.status).toBe('expired');
  });
});
