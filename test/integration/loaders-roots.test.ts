// Each zone loader of the Debian 13 (trixie) root (`dnsorder lab build trixie`:
// ldnsutils 1.8.4, python3-dnspython 2.7.0, bind9-utils 9.20, knot-dnssecutils
// 3.4.6, nsd 4.12.0, pdns-server 4.9.18, unbound 1.26.2) on the Verisign ZONEMD
// test cases, run by the same adapters as the host's (loaders.test.ts, Debian
// 12), in the root. Measured first, then asserted. Where trixie's loader
// differs from the host's, the comment says why (from the loader's source or
// changelog); where it agrees, the host test's comment holds.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadersDocument } from '../../src/loaders/document.js';
import { runLoaderMatrix } from '../../src/loaders/matrix.js';
import { loadersIn } from '../../src/loaders/registry.js';
import type { LoaderId, LoaderVerdict } from '../../src/loaders/types.js';
import { zonesFromCaseDirectory } from '../../src/loaders/zones.js';
import { findRoot, resolveUserlands } from '../../src/roots/store.js';
import { runCli } from '../helpers/cli.js';
import { requirement } from '../helpers/peers.js';
import { testDataPath } from '../helpers/test-data.js';

interface Measured {
  version: RegExp;
  /** Verdict for a zone the loader took. */
  loaded: LoaderVerdict;
  /** Case numbers (folder prefixes) it refused. */
  rejects: string[];
  /** The loader's own words for some cases (where trixie differs from the host). */
  messages?: Record<string, RegExp>;
}

const ZONEMD_REJECTS = ['30', '31', '32', '33', '34', '35'];

const TRIXIE: Record<Exclude<LoaderId, 'dnsorder'>, Measured> = {
  // As on the host (1.8.3): 1.8.4 still lowercases NSEC next names when validating (50).
  ldns: { version: /^1\.8\.4$/, loaded: 'accept', rejects: [...ZONEMD_REJECTS, '50', '53', '80'] },
  // As on the host (2.3.0): 2.7.0's verify_digest still hashes an RRset with
  // one TTL (25, 81), ignores repeated pairs (30) and the RRSIG (53), and its
  // parser still refuses hash algorithm 0 (14) and case 22's generic rdata.
  dnspython: { version: /^2\.7\.0 \(\/usr\/bin\/python3\)$/, loaded: 'accept', rejects: ['14', '22', '25', '31', '32', '33', '34', '35', '80', '81'] },
  // BIND 9.20 still does not verify ZONEMD. New: it refuses 22 ("bad label
  // type" at its CDNSKEY of algorithm 253): 9.20's rdata code checks
  // private-algorithm key data (check_private: a PRIVATEDNS key must begin
  // with a domain name, RFC 4034 A.1.1), which 9.18 loads unchecked.
  bind: { version: /^9\.20\./, loaded: 'not-checked', rejects: ['22', '31', '32', '80'], messages: { 22: /example\.com\.zone:49: near eol: bad label type/ } },
  // Knot 3.3.5 added kzonecheck -z ("new optional ZONEMD verification",
  // its NEWS): the adapter passes it, so knot@trixie judges ZONEMD. It
  // refuses every bad digest (30–35) and 25 and 81 (Knot keeps one TTL per
  // RRset, so the digest over the mixed TTLs does not match: "invalid
  // ZONEMD"), besides the semantic errors it shares with 3.2: 15, 22, 43, 80
  // ("failed to run semantic checks"), 17 (child under DNAME), 50 (the NSEC
  // next-name case, as ldns) and 53 (the bad ZONEMD RRSIG). With -z those
  // last three exit 0 (zone_check.c replaces the semantic checks' result by
  // the digest's); the adapter reads their "Error summary:".
  knot: {
    version: /^3\.4\.6$/, loaded: 'accept', rejects: ['15', '17', '22', '25', ...ZONEMD_REJECTS, '43', '50', '53', '80', '81'].sort(),
    messages: { 25: /invalid ZONEMD/, 30: /invalid ZONEMD/, 53: /no valid signature for a record \(record type ZONEMD\)/, 81: /invalid ZONEMD/ },
  },
  // NSD 4.10 replaced its Flex/Bison zone parser by simdzone: it now reads
  // case 22's HIP and other types (no longer refused), and simdzone's ZONEMD
  // semantic checks (NSD changelog, August 2024) refuse the too-short and
  // truncated digests (31, 32: "Invalid digest in ZONEMD"). Still no ZONEMD
  // verification, and 13, 17, 41, 44, 80 as on the host.
  nsd: { version: /^4\.12\.0$/, loaded: 'not-checked', rejects: ['13', '17', '31', '32', '41', '44', '80'], messages: { 22: /is ok/, 31: /Invalid digest in ZONEMD/, 32: /Invalid digest in ZONEMD/ } },
  // As on the host (4.7.3).
  powerdns: { version: /^4\.9\./, loaded: 'accept', rejects: ['15', '22', ...ZONEMD_REJECTS, '80', '81'] },
  // As on the host (1.17.1): 1.26.2 still serves 33 and 34 (every ZONEMD
  // with an unsupported scheme or algorithm) and 53 (iterator only).
  unbound: { version: /^1\.26\./, loaded: 'accept', rejects: ['30', '31', '32', '35', '80'] },
};

const notBuilt = requirement(findRoot('trixie') === undefined ? 'trixie root not built: run dnsorder lab build trixie' : undefined);

describe('zone loaders of the trixie root on the Verisign ZONEMD test cases', () => {
  const cases = () => zonesFromCaseDirectory(testDataPath('zonemd', 'verisign-test-cases'));
  const loaders = () => loadersIn(resolveUserlands(['trixie'])[0]!);

  for (const [id, measured] of Object.entries(TRIXIE) as Array<[LoaderId, Measured]>) {
    it.skipIf(notBuilt !== undefined)(`${id}@trixie: ${measured.rejects.length} cases refused, the rest ${measured.loaded}`, { timeout: 180_000 }, async () => {
      const loader = loaders().find((l) => l.id === id)!;
      const doc = await runLoaderMatrix(cases(), [loader], { source: 'verisign', concurrency: 2 });
      expect(doc.loaders[0]).toMatchObject({ id: `${id}@trixie`, base: id, userland: 'trixie', available: true });
      expect(doc.loaders[0]!.version).toMatch(measured.version);
      const verdicts = Object.fromEntries(doc.results.map((r) => [r.zone.split('-')[0]!, r.verdict]));
      const expected = Object.fromEntries(Object.keys(verdicts).map((n) => [n, measured.rejects.includes(n) ? 'reject' : measured.loaded]));
      expect(verdicts).toEqual(expected);
      for (const [n, words] of Object.entries(measured.messages ?? {})) expect(doc.results.find((r) => r.zone.startsWith(`${n}-`))!.message, n).toMatch(words);
      for (const r of doc.results) {
        expect(r.message, `${r.zone}`).not.toBe('');
        expect(r).toMatchObject({ loader: `${id}@trixie`, userland: 'trixie' });
      }
    });
  }
});

describe('dnsorder zonemd loaders --suites', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.skipIf(notBuilt !== undefined)('puts the host\'s loader and the root\'s side by side, each result with its userland', { timeout: 300_000 }, async () => {
    // The built-in variants (a temp directory under /tmp, bound into the root at the same path).
    const r = await runCli(['zonemd', 'loaders', '--suites', 'host,trixie', '--loader', 'dnsorder,knot,nsd', '--format', 'json'], '', process.env);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as LoadersDocument;
    expect(doc.loaders.map((l) => l.id)).toEqual(['dnsorder', 'knot', 'knot@trixie', 'nsd', 'nsd@trixie']);
    expect(doc.userlands?.map((u) => u.name)).toEqual(['host', 'trixie']);
    expect(doc.userlands?.[1]?.os).toMatch(/Debian GNU\/Linux 13/);
    const result = (zone: string, loader: string) => doc.results.find((x) => x.zone === zone && x.loader === loader);
    expect(result('stale-zonemd', 'knot')).toMatchObject({ userland: 'host', verdict: 'not-checked' });
    expect(result('stale-zonemd', 'knot@trixie')).toMatchObject({ userland: 'trixie', verdict: 'reject', message: expect.stringContaining('invalid ZONEMD') });
    expect(result('digest-truncated', 'nsd@trixie')).toMatchObject({ verdict: 'reject', message: expect.stringContaining('Invalid digest in ZONEMD') });
    expect(result('valid-sha384', 'dnsorder')).toMatchObject({ userland: 'host', verdict: 'accept' });
    expect(doc.results.filter((x) => x.loader === 'dnsorder')).toHaveLength(doc.results.length / 5);

    const md = await runCli(['zonemd', 'loaders', '--suites', 'host,trixie', '--loader', 'knot', '--format', 'md'], '', process.env);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^Loaders \(host: .*; trixie: Debian GNU\/Linux 13 \(trixie\)\): knot 3\.2\.\d+, knot@trixie 3\.4\.6$/m);
    expect(md.stdout).toContain('| zone | expected | knot | knot@trixie |');
  });

  it('refuses a suite that is not built, with its code', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'dnsorder-no-roots-'));
    dirs.push(cache);
    const r = await runCli(['zonemd', 'loaders', '--suites', 'host,trixie'], '', { DNSORDER_CACHE_DIR: cache });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ERR_ROOT_NOT_BUILT');
    expect(r.stderr).toContain('dnsorder lab build trixie');
  });

  it('refuses a name that is not a suite, with its code', async () => {
    const r = await runCli(['zonemd', 'loaders', '--suites', 'Trixie!']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ERR_ROOT_NAME');
  });
});
