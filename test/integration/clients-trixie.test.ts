// The same real stub clients as clients.test.ts, built and run inside the
// Debian 13 (trixie) root beside the host's Debian 12 ones: glibc 2.41, musl
// 1.2.5, libc-ares 1.34, Node 20.19 (Debian's, on the system c-ares), Go 1.24,
// dnspython 2.7, OpenJDK 21. Measured first (`dnsorder matrix --suites
// host,trixie`), asserted here, with the changes from the host written down.
//
// Needs root (namespace, chroot) and the trixie root (`dnsorder lab build
// trixie`; .ci/run builds it): a visible skip locally, a failure under CI.
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/matrix/runner.js';
import type { MatrixDocument } from '../../src/matrix/document.js';
import { findRoot } from '../../src/roots/store.js';
import { isRoot, requirement } from '../helpers/peers.js';

// The pinned layouts, every unrelated-record scenario, and the layouts whose outcome moved between releases.
const SCENARIOS = [
  'canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'unrelated-first',
  'unrelated-last', 'unrelated-instead', 'unrelated-between', 'terminal-split', 'one-hop-last',
  'long-17', 'long-33', 'oversize-canonical', 'cname-last-aaaa', 'count-mismatch',
];
type Row = Record<string, string>;
const row = (values: string[]): Row => Object.fromEntries(SCENARIOS.map((s, i) => [s, values[i]!]));

const GLIBC = row(['ok', 'no-address', 'no-address', 'no-address', 'ok', 'ok', 'ok', 'ok', 'partial', 'no-address', 'ok', 'ok', 'ok', 'no-address', 'no-address']);

const MEASURED_TRIXIE: Record<string, Row> = {
  // glibc 2.41 resolv/nss_dns/dns-host.c getanswer_r still walks the answer with
  // one expected name: the 2026 cname-last failure is unchanged two releases on.
  'glibc-getaddrinfo': GLIBC,
  'glibc-gethostbyname': row(['ok', 'error', 'error', 'error', 'ok', 'ok', 'ok', 'ok', 'partial', 'error', 'ok', 'ok', 'ok', 'error', 'error']),
  // musl 1.2.5: the same owner-blind dns_parse_callback as 1.2.3 (unrelated → wrong-address,
  // last CNAME wins → chain-reversed wrong-canonical), but 1.2.4 added the retry over TCP
  // after a truncated UDP answer, so long-33 and oversize-canonical now resolve.
  'musl-getaddrinfo': row(['ok', 'ok', 'wrong-canonical', 'ok', 'wrong-address', 'wrong-address', 'wrong-address', 'wrong-address', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']),
  // libc-ares 1.34 (ares_getaddrinfo): no longer the sequential owner check of 1.18 —
  // any order of the chain resolves, but an address owned by a name off the chain
  // is taken (wrong-address), and chain-reversed gives the wrong canonical name.
  'cares-system': row(['ok', 'ok', 'wrong-canonical', 'ok', 'wrong-address', 'wrong-address', 'wrong-address', 'wrong-address', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error']),
  // Debian's nodejs uses the system c-ares 1.34 for resolve4/resolve6: the host's
  // bundled 1.34 row (no canonical name through that API).
  'node-cares': row(['ok', 'ok', 'ok', 'ok', 'wrong-address', 'wrong-address', 'wrong-address', 'wrong-address', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error']),
  'node-lookup': GLIBC,
  // Go 1.24: addresses as before (owner-blind: unrelated → wrong-address), but the
  // canonical name is no longer stable. LookupCNAME became goLookupIPCNAMEOrder with
  // network "CNAME" (src/net/dnsclient_unix.go): it sends A, AAAA and CNAME queries at
  // once, reads the answers in the order they arrive (the `lane` channel), and keeps
  // the first name it meets — an address record's owner, or a CNAME record's target.
  // Measured over repeated runs, the same cell gives either the chain's end or the
  // first CNAME's target (`cdn…`): so a chain cell is ok or wrong-canonical.
  'go-pure': row(['ok|wrong-canonical', 'ok|wrong-canonical', 'ok|wrong-canonical', 'ok|wrong-canonical', 'wrong-address', 'wrong-address', 'wrong-address', 'wrong-address',
    'ok|wrong-canonical', 'ok', 'ok|wrong-canonical', 'ok|wrong-canonical', 'ok|wrong-canonical', 'ok|wrong-canonical', 'ok|wrong-canonical']),
  // dnspython 2.7: the same resolve_chaining as 2.3 (16-hop limit: long-17/33 error).
  dnspython: row(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'error', 'error', 'ok', 'ok', 'error']),
  // OpenJDK 21: InetAddress is glibc getaddrinfo; JNDI's DNS provider unchanged from 17.
  'java-inetaddress': GLIBC,
  'java-jndi': row(['ok', 'ok', 'ok', 'ok', 'wrong-address', 'wrong-address', 'wrong-address', 'wrong-address', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']),
};

const VERSIONS: Record<string, RegExp> = {
  'glibc-getaddrinfo': /^glibc 2\.41\b/, 'musl-getaddrinfo': /^musl 1\.2\.5\b/, 'cares-system': /^c-ares 1\.34\./,
  'node-cares': /^c-ares 1\.34\.\d+ \(node v20\./, 'go-pure': /^go1\.24\./, dnspython: /^dnspython 2\.7\./, 'java-jndi': /^java 21\./,
};

const skip = requirement(!isRoot ? 'needs root (network namespace, chroot)' : findRoot('trixie') ? undefined : 'trixie root not built: run `dnsorder lab build trixie`');

describe.skipIf(skip)('real clients in the trixie root beside the host', () => {
  let doc: MatrixDocument;
  beforeAll(async () => {
    doc = await runMatrix({ suites: ['host', 'trixie'], clients: 'real', scenarios: SCENARIOS.join(',') });
  }, 300_000);

  it('runs every real client in both userlands, with the version detected inside the root', () => {
    for (const base of Object.keys(MEASURED_TRIXIE)) {
      const host = doc.clients.find((c) => c.id === base);
      const trixie = doc.clients.find((c) => c.id === `${base}@trixie`);
      expect(host, base).toMatchObject({ base, userland: 'host', available: true });
      expect(trixie, base).toMatchObject({ base, userland: 'trixie', available: true });
      if (VERSIONS[base]) expect(trixie!.version, base).toMatch(VERSIONS[base]!);
      expect(trixie!.version).not.toBe(host!.version);
    }
    expect(doc.inputs.userlands).toEqual(['host', 'trixie']);
  });

  it.each(Object.keys(MEASURED_TRIXIE))('%s@trixie gives the outcomes measured there', (base) => {
    // `a|b`: measured both ways over repeated runs (see go-pure); the outcome must be one of them.
    const got = Object.fromEntries(SCENARIOS.map((s) => {
      const outcome = doc.results.find((r) => r.scenario === s && r.client === `${base}@trixie`)?.outcome ?? 'missing';
      const allowed = MEASURED_TRIXIE[base]![s]!;
      return [s, allowed.split('|').includes(outcome) ? allowed : outcome];
    }));
    expect(got).toEqual(MEASURED_TRIXIE[base]);
    for (const r of doc.results.filter((x) => x.client === `${base}@trixie`)) expect(r.userland).toBe('trixie');
  });

  it('the wrong addresses are the unrelated record\'s, and the right ones come in the served order', () => {
    const unrelated = doc.results.find((r) => r.scenario === 'unrelated-instead' && r.client === 'cares-system@trixie')!;
    const canonical = doc.results.find((r) => r.scenario === 'canonical' && r.client === 'glibc-getaddrinfo@trixie')!;
    expect(unrelated.addresses).not.toEqual(canonical.addresses);
    expect(canonical.addresses).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('the trixie clients reached the scenario server themselves (queries counted)', () => {
    for (const r of doc.results.filter((x) => x.userland === 'trixie' && x.scenario === 'canonical')) expect(r.queries, r.client).toBeGreaterThan(0);
  });
});
