// Real stub clients against the real scenario server, on this Debian 12 lab
// machine (glibc 2.36, musl 1.2.3, libc-ares 1.18.1, Node 20's c-ares 1.34,
// Go 1.19, dnspython 2.3, OpenJDK 17). The expectations were measured first
// (`dnsorder matrix`) and are asserted here; why each library behaves so is
// written next to it, from its source.
//
// Needs root for the network namespace (libc clients) and a build (`npm run
// build`: the namespace server runs from dist/). A client that is not
// installed is a visible skip locally and a failure under CI=true.
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/matrix/runner.js';
import type { MatrixDocument } from '../../src/matrix/document.js';
import { requirement } from '../helpers/peers.js';

const SCENARIOS = [
  'canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'unrelated-first',
  'terminal-split', 'one-hop-last', 'long-17', 'unrelated-instead', 'oversize-canonical', 'cname-last-aaaa', 'count-mismatch',
];

// One row per client, one column per scenario above.
type Row = Record<string, string>;
const row = (values: string[]): Row => Object.fromEntries(SCENARIOS.map((s, i) => [s, values[i]!]));

const MEASURED: Record<string, Row> = {
  // glibc resolv/nss_dns/dns-host.c getanswer_r walks the answer once with one
  // expected name (the query name, then each CNAME target as it is met):
  // records owned by any other name are skipped, so addresses before their CNAME
  // are lost (cname-last → EAI_NONAME) and in terminal-split only the address after
  // the last CNAME survives (partial). Owner checking also makes it immune to the
  // unrelated address. It follows the TC bit to TCP (oversize ok). count-mismatch:
  // the parse fails on the missing record and everything is dropped.
  'glibc-getaddrinfo': row(['ok', 'no-address', 'no-address', 'no-address', 'ok', 'partial', 'no-address', 'ok', 'ok', 'ok', 'no-address', 'no-address']),
  // The same getanswer_r, but gethostbyname2 maps the "no usable answer" case to
  // NO_RECOVERY rather than HOST_NOT_FOUND, so it is an error, not no-address.
  'glibc-gethostbyname': row(['ok', 'error', 'error', 'error', 'ok', 'partial', 'error', 'ok', 'ok', 'ok', 'error', 'error']),
  // musl src/network/lookup_name.c dns_parse_callback takes every A/AAAA record
  // in the answer whatever its owner (unrelated-first/-instead → wrong-address)
  // and copies each CNAME's target into the canonical name, so the last CNAME in
  // the packet wins (chain-reversed → canonical "cdn…", wrong-canonical); order
  // otherwise does not matter. musl 1.2.3 has no TCP fallback on TC (added in
  // 1.2.4), so the oversize answer (TC, empty) gives no address.
  'musl-getaddrinfo': row(['ok', 'ok', 'wrong-canonical', 'ok', 'wrong-address', 'ok', 'ok', 'ok', 'wrong-address', 'no-address', 'ok', 'ok']),
  // c-ares 1.18.1 ares__parse_into_addrinfo: sequential like glibc — a record is
  // taken only when its owner equals the current hostname, which a CNAME advances.
  'cares-system': row(['ok', 'no-address', 'no-address', 'no-address', 'ok', 'partial', 'no-address', 'ok', 'ok', 'ok', 'no-address', 'error']),
  // Node 20 bundles c-ares 1.34, whose A/AAAA reply parsing (measured here) no
  // longer ties records to the chain the way 1.18's sequential hostname check
  // did: any order works, and the unrelated address is returned too.
  // resolve4 reports no canonical name.
  'node-cares': row(['ok', 'ok', 'ok', 'ok', 'wrong-address', 'ok', 'ok', 'ok', 'wrong-address', 'ok', 'ok', 'error']),
  // dns.lookup is glibc getaddrinfo in a libuv thread: glibc's row.
  'node-lookup': row(['ok', 'no-address', 'no-address', 'no-address', 'ok', 'partial', 'no-address', 'ok', 'ok', 'ok', 'no-address', 'no-address']),
  // Go 1.19 src/net/dnsclient_unix.go goLookupIPCNAMEOrder appends every A/AAAA
  // record of the answer without looking at its owner, and takes the first
  // record's owner as the canonical name: order-proof, but it trusts the
  // unrelated address (and LookupCNAME names the unrelated owner).
  'go-pure': row(['ok', 'ok', 'ok', 'ok', 'wrong-address', 'ok', 'ok', 'ok', 'wrong-address', 'ok', 'ok', 'ok']),
  // dnspython dns/resolver.py Answer → Message.resolve_chaining looks RRsets up
  // by name and type (order-independent, owner-checked) and stops after 16
  // CNAMEs (long-17 → error); a header count it cannot match is a FormError.
  'dnspython': row(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error', 'ok', 'ok', 'ok', 'error']),
  // getaddrinfo in libc underneath: glibc's row.
  'java-inetaddress': row(['ok', 'no-address', 'no-address', 'no-address', 'ok', 'partial', 'no-address', 'ok', 'ok', 'ok', 'no-address', 'no-address']),
  // The JNDI DNS provider (com.sun.jndi.dns) returns the records of the asked
  // type from the whole answer (measured: owners are not checked against the chain).
  'java-jndi': row(['ok', 'ok', 'ok', 'ok', 'wrong-address', 'ok', 'ok', 'ok', 'wrong-address', 'ok', 'ok', 'ok']),
};

const DIST_ENTRY = new URL('../../dist/matrix/serve-in-namespace.js', import.meta.url);
let doc: MatrixDocument;

beforeAll(async () => {
  if (!existsSync(DIST_ENTRY)) throw new Error('dist/ is missing: run `npm run build` before the integration tests');
  doc = await runMatrix({ clients: 'real', scenarios: SCENARIOS.join(','), jobs: 2 });
}, 120_000);

describe('real stub clients on this machine', () => {
  it('ran in a network namespace that is gone afterwards, without touching the host resolv.conf', () => {
    expect(doc.inputs.isolation).toMatch(/^network namespace dnsorder-\d+-[0-9a-f]+$/);
    const ns = doc.inputs.isolation.replace('network namespace ', '');
    expect(existsSync(`/etc/netns/${ns}`)).toBe(false);
    expect(existsSync(`/run/netns/${ns}`)).toBe(false);
    expect(readFileSync('/etc/resolv.conf', 'utf8')).not.toContain('127.0.0.1');
  });

  for (const [client, expected] of Object.entries(MEASURED)) {
    it(`${client}: outcomes per scenario as measured`, (ctx) => {
      const info = doc.clients.find((c) => c.id === client)!;
      if (!info.available) {
        ctx.skip(requirement(`${client} not available: ${info.reason}`));
      }
      const got = Object.fromEntries(doc.results.filter((r) => r.client === client).map((r) => [r.scenario, r.outcome]));
      expect(got).toEqual(expected);
    });
  }

  it('records library versions and counts the queries each cell sent', () => {
    const version = (id: string) => doc.clients.find((c) => c.id === id)!.version ?? '';
    expect(version('glibc-getaddrinfo')).toMatch(/^glibc 2\.36/);
    expect(version('cares-system')).toBe('c-ares 1.18.1');
    expect(version('go-pure')).toMatch(/^go1\.19/);
    expect(version('dnspython')).toMatch(/^dnspython 2\./);
    const cell = (s: string, c: string) => doc.results.find((r) => r.scenario === s && r.client === c)!;
    // getaddrinfo(AF_INET) asks one A question.
    expect(cell('canonical', 'glibc-getaddrinfo').queries).toBe(1);
    // Go: LookupIP("ip4") is one A query; LookupCNAME then asks A and AAAA again.
    expect(cell('canonical', 'go-pure').queries).toBe(3);
    // TC over UDP, then the same question over TCP.
    expect(cell('oversize-canonical', 'glibc-getaddrinfo').queries).toBe(2);
    // musl 1.2.3 gives up after the truncated UDP answer.
    expect(cell('oversize-canonical', 'musl-getaddrinfo').queries).toBe(1);
    for (const r of doc.results.filter((x) => x.outcome !== 'skipped')) expect(r.queries).toBeGreaterThanOrEqual(1);
  });

  it('reports canonical names where the API has one', () => {
    const cell = (s: string, c: string) => doc.results.find((r) => r.scenario === s && r.client === c)!;
    expect(cell('canonical', 'glibc-getaddrinfo').canonical).toMatch(/^edge\.canonical\.[^.]+\.order\.test$/);
    expect(cell('chain-reversed', 'musl-getaddrinfo').canonical).toMatch(/^cdn\.chain-reversed\./);
    expect(cell('unrelated-first', 'go-pure').canonical).toMatch(/^unrelated\./);
    expect(cell('canonical', 'node-cares').canonical).toBeNull();
  });
});
