// Each zone loader's measured verdicts on the Verisign ZONEMD test cases
// (Debian 12 packages: ldnsutils 1.8.3, python3-dnspython 2.3.0, bind9-utils
// 9.18, knot-dnssecutils 3.2.6, nsd 4.6.1, pdns-server 4.7.3, unbound 1.17.1). Measured first,
// then asserted: a change here means the loader (or our adapter) changed.
// Where a loader disagrees with the case's expected_result the comment says why.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadersDocument } from '../../src/loaders/document.js';
import { runLoaderMatrix } from '../../src/loaders/matrix.js';
import { loaderById } from '../../src/loaders/registry.js';
import type { LoaderId, LoaderVerdict } from '../../src/loaders/types.js';
import { zonesFromCaseDirectory, zonesFromVariants } from '../../src/loaders/zones.js';
import { readZoneFile } from '../../src/zone-sources/index.js';
import { buildVariants } from '../../src/zone/variants.js';
import { writeVariants } from '../../src/zone-sources/variants-write.js';
import { runCli } from '../helpers/cli.js';
import { missingPeers } from '../helpers/peers.js';
import { testDataPath } from '../helpers/test-data.js';

interface Measured {
  command: string;
  /** Verdict for a zone the loader took. */
  loaded: LoaderVerdict;
  /** Case numbers (folder prefixes) it refused. */
  rejects: string[];
}

const ALL_REJECTS_EXPECTED = ['30', '31', '32', '33', '34', '35', '53', '80'];

// Signed cases are judged "as published": inside each zone's own SOA RRSIG
// window (zonesFromCaseDirectory's default), since the suite's signatures
// expired in 2021.
const MEASURED: Record<LoaderId, Measured> = {
  // Our own verifier: exactly the suite's expected results.
  dnsorder: { command: 'node', loaded: 'accept', rejects: ALL_REJECTS_EXPECTED },
  // Verifies ZONEMD and every RRSIG: refuses 50 ("Bogus DNSSEC signature ...
  // NSEC"): it lowercases the NSEC next-name when validating, which RFC 6840
  // §5.1 removed from the canonical form, so upper-case NSEC RDATA fails.
  ldns: { command: 'ldns-verify-zone', loaded: 'accept', rejects: [...ALL_REJECTS_EXPECTED, '50'].sort() },
  // Six disagreements: 14 (its parser refuses the non-apex ZONEMD's reserved
  // hash algorithm 0), 22 (cannot read one of the generic-form records),
  // 25 and 81 (digest mismatch: it gives every RR of an RRset one TTL),
  // 30 (does not refuse a repeated scheme/algorithm pair), 53 (does not
  // validate the ZONEMD RRSIG).
  dnspython: { command: '/usr/bin/python3', loaded: 'accept', rejects: ['14', '22', '25', '31', '32', '33', '34', '35', '80', '81'] },
  // Loads without verifying ZONEMD; refuses 31 and 32 (its ZONEMD parser checks
  // the digest length) and 80 (mixed classes).
  bind: { command: 'named-checkzone', loaded: 'not-checked', rejects: ['31', '32', '80'] },
  // Knot 3.2 does not verify ZONEMD; its semantic checks refuse 15 (NULL RR),
  // 17 (data below a DNAME), 22 (unsupported types), 43 ("failed to run
  // semantic checks"), 50 (the NSEC next-name case, as ldns), 53 (the bad
  // ZONEMD RRSIG) and 80.
  knot: { command: 'kzonecheck', loaded: 'not-checked', rejects: ['15', '17', '22', '43', '50', '53', '80'] },
  // Does not verify ZONEMD; refuses 13 and 44 (second SOA), 17 (data below a
  // DNAME), 22 (HIP and other types it cannot parse), 41 (out-of-zone data), 80.
  nsd: { command: 'nsd-checkzone', loaded: 'not-checked', rejects: ['13', '17', '22', '41', '44', '80'] },
  // Verifies the digest but not signatures: accepts 53; refuses 15 and 22
  // (types its parser does not know: NULL, SIG) and 81 (mixed TTLs in an
  // RRset hashed with one TTL).
  powerdns: { command: 'pdnsutil', loaded: 'accept', rejects: ['15', '22', '30', '31', '32', '33', '34', '35', '80', '81'] },
  // An auth-zone with zonemd-check: yes, asked for the SOA: SERVFAIL for
  // 30, 31, 32, 35 ("ZONEMD verification failed: …"), exits on 80. It serves
  // 33 and 34 (unbound accepts a zone whose ZONEMD records all use an
  // unsupported scheme or algorithm — what let the root's algorithm-241
  // ZONEMD roll out in 2023) and 53 (iterator only: no validator, so the
  // ZONEMD RRSIG is not checked).
  unbound: { command: 'unbound', loaded: 'accept', rejects: ['30', '31', '32', '35', '80'] },
};

describe('zone loaders on the Verisign ZONEMD test cases', () => {
  const cases = () => zonesFromCaseDirectory(testDataPath('zonemd', 'verisign-test-cases'));

  for (const [id, measured] of Object.entries(MEASURED) as Array<[LoaderId, Measured]>) {
    const skip = missingPeers(measured.command);
    it.skipIf(skip !== undefined)(`${id}: ${measured.rejects.length} cases refused, the rest ${measured.loaded}`, { timeout: 120_000 }, async () => {
      const loader = loaderById(id)!;
      const doc = await runLoaderMatrix(cases(), [loader], { source: 'verisign', concurrency: 2 });
      expect(doc.loaders[0]).toMatchObject({ id, available: true });
      expect(doc.loaders[0]!.version).toMatch(/^[0-9]+\.[0-9]+/);
      const verdicts = Object.fromEntries(doc.results.map((r) => [r.zone.split('-')[0]!, r.verdict]));
      const expected = Object.fromEntries(Object.keys(verdicts).map((n) => [n, measured.rejects.includes(n) ? 'reject' : measured.loaded]));
      expect(verdicts).toEqual(expected);
      for (const r of doc.results) expect(r.message, `${r.zone}`).not.toBe('');
    });
  }
});

describe('dnsorder zonemd loaders', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.skipIf(missingPeers('ldns-verify-zone') !== undefined)('runs the built-in variants and writes dnsorder.loaders/v1', { timeout: 60_000 }, async () => {
    const result = await runCli(['zonemd', 'loaders', '--loader', 'ldns', '--loader', 'bind', '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as LoadersDocument;
    expect(doc.schema).toBe('dnsorder.loaders/v1');
    expect(doc.loaders.map((l) => l.id)).toEqual(['ldns', 'bind']);
    const verdict = (zone: string, loader: string) => doc.results.find((r) => r.zone === zone && r.loader === loader);
    expect(verdict('valid-sha384', 'ldns')).toMatchObject({ verdict: 'accept', expected: 'accept' });
    expect(verdict('stale-zonemd', 'ldns')).toMatchObject({ verdict: 'reject', expected: 'reject' });
    // ldns 1.8.3 has no $INCLUDE.
    expect(verdict('include-split', 'ldns')).toMatchObject({ verdict: 'reject', message: expect.stringContaining('$INCLUDE not implemented') });
    expect(verdict('stale-zonemd', 'bind')).toMatchObject({ verdict: 'not-checked' });
    for (const format of ['md', 'html', 'table']) {
      const rendered = await runCli(['zonemd', 'loaders', '--loader', 'bind', '--format', format]);
      expect(rendered.code).toBe(0);
      expect(rendered.stdout).toContain('digest-truncated');
    }
  });

  it.skipIf(missingPeers('/usr/bin/python3', 'pdnsutil') !== undefined)('finds what dnspython and PowerDNS miss among the variants', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsorder-loaders-test-'));
    dirs.push(dir);
    writeVariants(dir, buildVariants(readZoneFile(testDataPath('zonemd', 'rfc8976', 'a1-simple.zone'), { origin: 'example.' })), { file: 'a1' });
    const doc = await runLoaderMatrix(zonesFromVariants(dir), [loaderById('dnspython')!, loaderById('powerdns')!], { source: dir });
    const wrong = doc.results.filter((r) => r.verdict !== r.expected).map((r) => `${r.loader}:${r.zone}:${r.verdict}`).sort();
    // dnspython 2.3.0 ignores the ZONEMD serial and repeated pairs, cannot read a
    // generic-form zone with absolute names, and hashes an RRset with one TTL;
    // PowerDNS 4.7.3 hashes an RRset with one TTL too.
    expect(wrong).toEqual([
      'dnspython:all-generic:reject', 'dnspython:mixed-ttls:reject', 'dnspython:repeated-scheme-algorithm:accept', 'dnspython:serial-mismatch:accept',
      'powerdns:mixed-ttls:reject',
    ]);
  });

  it('exits 2 when the zones directory has no cases', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsorder-loaders-empty-'));
    dirs.push(dir);
    const result = await runCli(['zonemd', 'loaders', '--zones', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no manifest\.json and no case folders/);
  });
});
