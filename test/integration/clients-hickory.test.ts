// hickory-resolver (Rust), the real client: the probe built with cargo inside
// the Debian 13 (trixie) root against the root's packaged crates
// (librust-hickory-resolver-dev 0.24.4, tokio 1.43), run on the whole named
// catalogue. Measured first (`dnsorder matrix --suites trixie --clients
// hickory`), asserted here; why each surprising cell comes out as it does is
// written beside it, from the crate sources (model-hickory's header has the
// walk: src/models/hickory.ts).
//
// Needs root (namespace, chroot) and a trixie root with cargo and the crates
// (`dnsorder lab build trixie`; .ci/run builds it): a visible skip locally, a
// failure under CI. The first run builds the probe (cold: about 75 s of CPU,
// several minutes on a busy 2-core machine); later runs reuse the build.
import { beforeAll, describe, expect, it } from 'vitest';
import { hickory } from '../../src/clients/hickory.js';
import { defaultCacheDir } from '../../src/clients/build-cache.js';
import { runMatrix } from '../../src/matrix/runner.js';
import type { MatrixDocument, MatrixResult } from '../../src/matrix/document.js';
import { findRoot } from '../../src/roots/store.js';
import { listScenarios } from '../../src/scenarios/index.js';
import { isRoot, requirement } from '../helpers/peers.js';

const NAMED = listScenarios().filter((s) => s.category !== 'permutation' && s.category !== 'shuffle').map((s) => s.id);
const ID = 'hickory@trixie';

/**
 * Every named scenario resolves but the two whose reply does not decode.
 * hickory never takes an address owned off the chain (handle_noerror keeps only
 * records owned by the query name or the name its CNAME fold reached), and any
 * order it cannot fold in one pass it repairs by asking again for the name it
 * reached (Records::CnameChain), so no layout breaks it.
 */
const NOT_OK: Record<string, string> = {
  // hickory-proto decodes the whole message (RData::read must consume exactly
  // RDLENGTH; every counted record must be there). A reply that does not decode
  // is dropped by udp_client_stream.rs and the query waits: TIMEOUT, retried once
  // (attempts = 1), so 2 queries; TCP is never tried (try_tcp_on_error is off).
  'rdlength-mismatch': 'error',
  'count-mismatch': 'error',
};
const MEASURED: Record<string, string> = Object.fromEntries(NAMED.map((s) => [s, NOT_OK[s] ?? 'ok']));

const skip = requirement(!isRoot ? 'needs root (network namespace, chroot)'
  : findRoot('trixie') ? undefined : 'trixie root not built: run `dnsorder lab build trixie`');

describe.skipIf(skip)('hickory-resolver in the trixie root, on the named catalogue', () => {
  let doc: MatrixDocument;
  let unavailable: string | undefined;
  beforeAll(async () => {
    doc = await runMatrix({ suites: ['trixie'], clients: 'hickory', scenarios: NAMED.join(','), jobs: 2 });
    const info = doc.clients.find((c) => c.id === ID);
    unavailable = info?.available ? undefined : `${ID} not available: ${info?.reason ?? 'not listed'}`;
  }, 40 * 60_000); // a cold cargo build is allowed 30 minutes (src/clients/hickory.ts)

  const cell = (scenario: string): MatrixResult => doc.results.find((r) => r.scenario === scenario && r.client === ID)!;

  it('builds with the root\'s cargo against its packaged crates, and says which', (ctx) => {
    const reason = requirement(unavailable);
    if (reason) ctx.skip(reason);
    const info = doc.clients.find((c) => c.id === ID)!;
    expect(info).toMatchObject({ base: 'hickory', userland: 'trixie', available: true });
    expect(info.version).toMatch(/^hickory-resolver 0\.24\.\d+ \(hickory-proto 0\.24\.\d+, tokio 1\.\d+\.\d+\)$/);
  });

  it('gives the outcomes measured there on every named scenario', (ctx) => {
    const reason = requirement(unavailable);
    if (reason) ctx.skip(reason);
    expect(Object.fromEntries(NAMED.map((s) => [s, cell(s)?.outcome ?? 'missing']))).toEqual(MEASURED);
    for (const s of Object.keys(NOT_OK)) expect(cell(s).raw?.stdout, s).toContain('"code":"TIMEOUT"');
  });

  it('re-queries the name its CNAME fold reached instead of reading the rest of the answer', (ctx) => {
    const reason = requirement(unavailable);
    if (reason) ctx.skip(reason);
    // In order: one query, the fold follows the whole chain.
    expect(cell('canonical').queries).toBe(1);
    expect(cell('cname-last').queries).toBe(1);
    // Reversed: the fold stops at the first hop (its CNAME comes later in the
    // answer), nothing is owned by that name, so it asks for it again.
    expect(cell('chain-reversed').queries).toBe(2);
    expect(cell('chain-reversed').canonical).toMatch(/^edge\.chain-reversed\./);
    // Only an unrelated address where the terminal RRset should be: asked again at the chain's end.
    expect(cell('unrelated-instead').queries).toBe(2);
    expect(cell('unrelated-instead').addresses).toEqual(cell('canonical').addresses);
    // A dangling chain is asked again at its end, and takes what the server answers there.
    expect(cell('dangling-cname').queries).toBe(2);
    // A loop: re-queried until caching_client.rs MAX_QUERY_DEPTH (8 nested lookups), then NoRecordsFound.
    expect(cell('cname-loop').queries).toBe(8);
    expect(cell('cname-loop').raw?.stdout).toContain('"code":"NO_DATA"');
    // Truncated over UDP: the name server pool asks again over TCP.
    expect(cell('oversize-canonical').queries).toBe(2);
  });

  it('never takes an address owned off the chain, and keeps the served order and case', (ctx) => {
    const reason = requirement(unavailable);
    if (reason) ctx.skip(reason);
    expect(cell('canonical').addresses).toEqual(['192.0.2.1', '192.0.2.2']);
    for (const s of ['unrelated-first', 'unrelated-last', 'unrelated-between']) expect(cell(s).addresses, s).toEqual(['192.0.2.1', '192.0.2.2']);
    // Duplicates are not removed (DnsLru keeps the records as received).
    expect(cell('duplicate-terminal').addresses).toEqual(['192.0.2.1', '192.0.2.1', '192.0.2.2']);
    // The canonical name is the first address record's owner, as the server spelled it.
    expect(cell('owner-case-upper').canonical).toMatch(/^EDGE\.OWNER-CASE-UPPER\./);
  });
});

describe('hickory on a host without the crates', () => {
  it('is unavailable with the reason and the way to run it', async (ctx) => {
    const detection = await hickory.detect(defaultCacheDir());
    if (detection.available) ctx.skip('this host packages hickory-resolver (Debian 13 or later)');
    expect(detection.reason).toMatch(/^hickory-resolver crates not installed here: Debian packages them from 13 \(trixie\) on \(dnsorder matrix --suites host,trixie\)/);
  });
});
