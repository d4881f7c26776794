// `dnsorder zonemd variants`: every variant written from an RFC 8976 Appendix A
// zone gets, from dnsorder's own §4 verifier, the verdict its manifest states.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseValidationTime } from '../../../src/zone-sources/index.js';
import { findApex, loadCanonicalZone, readZoneFile, readZoneText, verifyZonemd, type ZoneRecord } from '../../../src/zone-sources/index.js';
import { buildVariants } from '../../../src/zone/variants.js';
import { readVariantManifest, type VariantManifest } from '../../../src/zone-sources/variants-write.js';
import { runCli } from '../../helpers/cli.js';
import { testDataPath } from '../../helpers/test-data.js';

const REQUIRED = [
  'valid-sha384', 'valid-sha512', 'valid-both', 'zonemd-generic', 'all-generic', 'private-algorithm-241', 'unknown-scheme', 'unknown-algorithm',
  'repeated-scheme-algorithm', 'serial-mismatch', 'digest-too-short', 'digest-truncated', 'non-apex-zonemd', 'unknown-type', 'mixed-case',
  'stale-zonemd', 'include-split', 'mixed-ttls',
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function generate(source: string, origin: string, time?: string): Promise<{ dir: string; manifest: VariantManifest }> {
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-variants-'));
  dirs.push(dir);
  const argv = ['zonemd', 'variants', testDataPath('zonemd', 'rfc8976', source), '--out', dir, '--origin', origin, ...(time ? ['--time', time] : [])];
  const result = await runCli(argv);
  expect(result.stderr).toContain('variants of');
  expect(result.code).toBe(0);
  return { dir, manifest: readVariantManifest(dir) };
}

function ownVerdict(dir: string, manifest: VariantManifest, file: string): { verdict: string; summary: string } {
  const zone = loadCanonicalZone(join(dir, file), { origin: manifest.origin, include: { allowedDirectories: [dir] } });
  const time = manifest.validationTime === undefined ? Math.floor(Date.now() / 1000) : parseValidationTime(manifest.validationTime);
  const result = verifyZonemd(zone, findApex(zone, manifest.origin).apex!, { time });
  return { verdict: result.verified ? 'accept' : 'reject', summary: result.summary };
}

const SOURCES: Array<{ source: string; origin: string; time?: string; signed: boolean }> = [
  { source: 'a1-simple.zone', origin: 'example.', signed: false },
  { source: 'a2-complex.zone', origin: 'example.', signed: false },
  // Signed: its RRSIGs are valid 20210120232440–20210217232440.
  { source: 'a4-uri.arpa.zone', origin: 'uri.arpa.', time: '20210201000000', signed: true },
];

describe('zonemd variants', () => {

  for (const { source, origin, time, signed } of SOURCES) {
    it(`gives every variant of ${source} the verdict its manifest states`, async () => {
      const { dir, manifest } = await generate(source, origin, time);
      expect(manifest.source.signed).toBe(signed);
      const names = manifest.variants.map((v) => v.name);
      expect(names).toEqual(expect.arrayContaining(REQUIRED));
      if (signed) expect(names).toEqual(expect.arrayContaining(['signed-as-published', 'bad-zonemd-rrsig']));
      else expect(names).not.toContain('bad-zonemd-rrsig');
      expect(new Set(names).size).toBe(names.length);
      const mismatches = manifest.variants
        .map((v) => ({ name: v.name, expected: v.expected, ...ownVerdict(dir, manifest, v.file) }))
        .filter((v) => v.verdict !== v.expected);
      expect(mismatches).toEqual([]);
      // Both verdicts occur, and every entry says what it tests and why.
      expect(new Set(manifest.variants.map((v) => v.expected))).toEqual(new Set(['accept', 'reject']));
      for (const v of manifest.variants) expect(v.tests.length * v.reason.length).toBeGreaterThan(0);
    });
  }

  it('writes the variants the way their names say', async () => {
    const { dir, manifest } = await generate('a1-simple.zone', 'example.');
    const read = (name: string) => readFileSync(join(dir, manifest.variants.find((v) => v.name === name)!.file), 'utf8');
    expect(read('zonemd-generic')).toMatch(/\tTYPE63\t\\# 54 /);
    expect(read('all-generic')).not.toMatch(/\t(SOA|NS|A|ZONEMD)\t/);
    expect(read('private-algorithm-241')).toMatch(/\tZONEMD\t2018031900 1 241 [0-9A-F]{96}\n/);
    expect(read('unknown-type')).toMatch(/^unknown-type\.example\.\t\d+\tIN\tTYPE65280\t\\# 4 C000020A$/m);
    expect(read('mixed-case')).toMatch(/^ExAmPlE\.\t/m);
    expect(read('include-split')).toContain('$INCLUDE include-split.part.zone');
    expect(read('mixed-ttls')).toMatch(/^mixed-ttls\.example\.\t300\tIN\tA\t192\.0\.2\.1$/m);
    expect(read('digest-truncated')).toMatch(/\tZONEMD\t2018031900 1 1 [0-9A-F]{94}\n/);
    // The SHA-384 variant carries the RFC's own A.1 digest.
    expect(read('valid-sha384').replace(/\s+/g, '')).toContain('C68090D90A7AED716BC459F9340E3D7C1370D4D24B7E2FC3A1DDC0B9A87153B9A9713B3C9AE5CC27777F98B8E730044C'.toUpperCase());
  });

  it('keeps the records of every one-file variant: the ones its text parses back to', () => {
    const plain = (r: ZoneRecord) => [r.owner.toString('hex'), r.type, r.class, r.ttl, r.rdata.toString('hex')];
    for (const { source, origin } of SOURCES) {
      for (const v of buildVariants(readZoneFile(testDataPath('zonemd', 'rfc8976', source), { origin }), { origin }).variants) {
        if (v.files.length > 1) {
          expect(v.records, v.name).toBeUndefined();
          continue;
        }
        expect(v.records!.map(plain), `${source} ${v.name}`).toEqual(readZoneText(v.files[0]!.text, { origin }).map(plain));
      }
    }
  });

  it('refuses a source without an SOA, with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsorder-variants-'));
    dirs.push(dir);
    const result = await runCli(['zonemd', 'variants', testDataPath('zonemd', 'rfc8976', 'a1-simple.zone'), '--out', dir, '--origin', 'elsewhere.']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no SOA record at the apex elsewhere\./);
  });
});
