// Chromium's built-in DNS client as a real client (src/clients/chromium.ts):
// headless Chromium in the matrix's network namespace fetches each scenario
// name and reports the address that answered. Measured first, on the whole
// named catalogue, on the host (Debian 12, Chromium 156.0.8078.114) and in
// a Debian 13 root (Chromium 156.0.8078.79): the same outcome on every
// scenario in both. Asserted here, with the reasons read in Chromium's source
// (net/dns/dns_response_result_extractor.cc, model-chromium). About 30-150 ms
// a lookup once the browsers are up (median of a run, by load on 2 cores);
// starting them takes seconds and happens before the first cell.
//
// The probe turns off Chromium's getaddrinfo fallback (field trial
// AsyncDns/AsyncDnsNoFallbackA) so that every cell is the built-in client's.
// With Chromium's defaults, an answer the built-in client refuses is asked
// again through getaddrinfo (a second query reaches the server) and glibc's
// result is used: measured, unrelated-first, unrelated-last and duplicate-cname
// then give 192.0.2.1 and rdlength-mismatch 192.0.2.2 — glibc's verdicts, not
// Chromium's — and after repeated fallbacks HostResolverManager prefers the
// system resolver for everything.
//
// Needs root (namespace), a built dist/ (the scenario server), Chromium
// (Debian `chromium`); the trixie column needs the trixie root with chromium
// in it. A missing piece is a visible skip locally and a failure under CI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_BINARY } from '../../src/clients/chromium.js';
import { runMatrix } from '../../src/matrix/runner.js';
import type { MatrixDocument } from '../../src/matrix/document.js';
import { findRoot, resolveUserlands } from '../../src/roots/store.js';
import { namedScenarios } from '../../src/scenarios/index.js';
import { isRoot, requirement } from '../helpers/peers.js';

const serverEntry = fileURLToPath(new URL('../../dist/matrix/serve-in-namespace.js', import.meta.url));
const skip = requirement(!isRoot ? 'chromium runs in the matrix network namespace: needs root'
  : !existsSync(CHROMIUM_BINARY) ? `${CHROMIUM_BINARY} not found: install Debian package chromium (scripts/install-lab.sh)`
    : !existsSync(serverEntry) ? `${serverEntry} is missing (npm run build)` : undefined);

/** The trixie root, when it is built and has chromium. */
function trixieWithChromium(): boolean {
  const root = findRoot('trixie');
  if (!root) return false;
  const [trixie] = resolveUserlands(['trixie'], []);
  return existsSync(`${trixie!.dir}${CHROMIUM_BINARY}`);
}
const withTrixie = !skip && trixieWithChromium();
const SUITES = withTrixie ? ['host', 'trixie'] : ['host'];

/**
 * Every named scenario is `ok` except these. Chromium reads the answer as a set
 * and checks it whole (ExtractResponseRecords / ValidateNamesAndAliases), so the
 * order of the records never matters, but one record it does not accept fails
 * the whole response — and the page only ever sees ERR_NAME_NOT_RESOLVED
 * (HostResolverManager keeps the DNS cause in ResolveErrorInfo), a not-found
 * code, hence `no-address`:
 */
const NOT_OK: Record<string, string> = {
  // kNameMismatch: every A/AAAA record must be owned by the chain's end. The
  // unrelated record is refused wherever it sits — even after the complete
  // answer (unrelated-last, conformant per RFC 1034 §4.3.1) — and takes the
  // chain's addresses down with it. Never `wrong-address`.
  'unrelated-first': 'no-address',
  'unrelated-last': 'no-address',
  'unrelated-between': 'no-address',
  'unrelated-first-aaaa': 'no-address',
  // kMultipleCnames: a second CNAME at the same owner, even an identical copy
  // (RFC 2181 §5 would merge it), fails the response.
  'duplicate-cname': 'no-address',
  'duplicate-chain': 'no-address',
  // kMalformedRecord: an A record of RDLENGTH 5 (ARecordRdata::Create wants 4),
  // and ANCOUNT one more than the records present (the last read fails).
  'rdlength-mismatch': 'no-address',
  'count-mismatch': 'no-address',
};
/** No address expected, and Chromium returns none (ERR_NAME_NOT_RESOLVED): `ok`. */
const NO_ADDRESS = ['unrelated-instead', 'cname-loop', 'dangling-cname', 'terminal-only'];

describe.skipIf(skip)(`chromium (built-in DNS client) on the named catalogue (${SUITES.join(', ')})${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let doc: MatrixDocument;
  beforeAll(async () => {
    doc = await runMatrix({ clients: 'chromium', suites: SUITES, jobs: 2 });
    const times = doc.results.map((r) => r.raw?.durationMs ?? 0).sort((a, b) => a - b);
    console.log(`chromium: ${doc.results.length} lookups, median ${times[times.length >> 1]} ms, slowest ${times[times.length - 1]} ms`);
  }, 600_000);

  it('runs in the trixie root too, when it is built with chromium', (ctx) => {
    const reason = requirement(withTrixie ? undefined : 'trixie root with chromium not built: run dnsorder lab build trixie');
    if (reason) ctx.skip(reason);
    expect(doc.clients.find((c) => c.id === 'chromium@trixie')).toMatchObject({ available: true, userland: 'trixie', version: expect.stringMatching(/^Chromium 156\./) });
  });

  it('detects Chromium and says it reads resolv.conf in the namespace', () => {
    const host = doc.clients.find((c) => c.id === 'chromium')!;
    expect(host).toMatchObject({ available: true, kind: 'real', discovery: 'system-config', model: 'model-chromium' });
    expect(host.version).toMatch(/^Chromium \d+\.\d+\.\d+\.\d+$/);
    expect(doc.inputs.isolation).toMatch(/^network namespace /);
  });

  it.each(SUITES)('gives the measured outcome on every named scenario (%s)', (suite) => {
    const id = suite === 'host' ? 'chromium' : `chromium@${suite}`;
    const expected = Object.fromEntries(namedScenarios().map((s) => [s.id, NOT_OK[s.id] ?? 'ok']));
    const got = Object.fromEntries(namedScenarios().map((s) => [s.id, doc.results.find((r) => r.scenario === s.id && r.client === id)?.outcome ?? 'missing']));
    expect(got).toEqual(expected);
  });

  it('reports the one address it connected to: the first of the answer, IPv6 first for AAAA', () => {
    for (const r of doc.results) {
      const scenario = namedScenarios().find((s) => s.id === r.scenario)!;
      if (NOT_OK[r.scenario] || NO_ADDRESS.includes(r.scenario)) {
        expect(r.addresses, `${r.client} ${r.scenario}`).toEqual([]);
        expect(r.raw?.stdout, r.scenario).toContain('"code":"ERR_NAME_NOT_RESOLVED"');
      } else {
        // A: the namespace has no IPv6 route, so Chromium asks A only. AAAA: the probe turns on
        // EnableIPv6ReachabilityOverride; Chromium asks AAAA and A and its RFC 6724 sort puts IPv6 first.
        expect(r.addresses, `${r.client} ${r.scenario}`).toEqual([scenario.queryType === 'AAAA' ? '2001:db8::1' : '192.0.2.1']);
      }
      expect(r.canonical).toBeNull(); // nothing in the page says which name the chain ended at
    }
  });

  it('asks A only for an A lookup, AAAA and A for an AAAA lookup, and retries a truncated answer over TCP', () => {
    const queries = (scenario: string) => doc.results.filter((r) => r.scenario === scenario).map((r) => r.queries);
    expect(queries('canonical').every((q) => q === 1)).toBe(true);
    expect(queries('canonical-aaaa').every((q) => q === 2)).toBe(true);
    expect(queries('oversize-canonical').every((q) => q === 2)).toBe(true);
    // No limit on the chain's length in the extractor: 33 CNAMEs resolve (over TCP: the answer exceeds 512 octets).
    expect(doc.results.filter((r) => r.scenario === 'long-33').map((r) => r.outcome).every((o) => o === 'ok')).toBe(true);
  });
});
