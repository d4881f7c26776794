// The scripting-language stub resolvers on the whole named catalogue, on the
// host (Debian 12: Ruby 3.1 with resolv 0.2.1, Net::DNS 1.36) and in the
// Debian 13 root (Ruby 3.3 with resolv 0.3.0, Net::DNS 1.57). Measured first
// (`dnsorder matrix --clients ruby-resolv,perl-net-dns --suites host,trixie`),
// asserted here; both releases gave the same outcome on every scenario, and
// each unexpected one is explained from the library's source below.
//
// Both clients are handed the server (explicit-server): the host part needs
// only ruby and libnet-dns-perl; the trixie part needs root (chroot) and the
// trixie root built with them (`dnsorder lab build trixie`). A missing piece
// is a visible skip locally and a failure under CI.
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/matrix/runner.js';
import type { MatrixDocument, MatrixResult } from '../../src/matrix/document.js';
import { findRoot } from '../../src/roots/store.js';
import { namedScenarios } from '../../src/scenarios/index.js';
import { isRoot, requirement } from '../helpers/peers.js';

/** Every scenario not listed is `ok`. */
const NOT_OK: Record<string, Record<string, string>> = {
  // lib/resolv.rb Resolv::DNS#extract_resources walks answer + authority +
  // additional once in message order from the asked name: an address owned by
  // the current name is taken, a CNAME owned by it moves the current name to
  // its target. Only when that pass found nothing does a second pass take every
  // address owned by the name the first pass reached, wherever it sits.
  'ruby-resolv': {
    // The second CNAME comes before the one leading to its owner, so the walk
    // stops at the first hop; the second pass finds no address there.
    'chain-reversed': 'no-address', 'cname-last-reversed': 'no-address', 'chain-reversed-aaaa': 'no-address',
    // The first pass took the address after the last CNAME, so the second pass
    // never runs and the one before it is lost (see the addresses test below).
    'terminal-split': 'partial', 'terminal-split-first': 'partial',
    // The decoder raises DecodeError (RDLENGTH 5 for an A: "junk exists"; the
    // missing record: "limit exceeded"). Requester#request ignores an
    // undecodable reply and waits for another until its timeout; the timeout
    // is rescued in Config#resolv and getresources returns [] — no error at all.
    'rdlength-mismatch': 'no-address', 'count-mismatch': 'no-address',
  },
  // Net::DNS query() + `grep { $_->type eq 'A' } $reply->answer`: no owner is
  // looked at, so order never matters but every address record of the answer
  // section is taken — an unrelated one too, and the terminal RRset without the
  // chain that leads to it.
  'perl-net-dns': {
    'unrelated-first': 'wrong-address', 'unrelated-last': 'wrong-address', 'unrelated-instead': 'wrong-address',
    'unrelated-between': 'wrong-address', 'unrelated-first-aaaa': 'wrong-address',
    // The chain's end's addresses with no CNAME leading there: taken from the one reply
    // (one query; Net::DNS never asks the chain's end itself), owner unchecked.
    'terminal-only': 'wrong-address',
    // Not failures, and not what a strict parser does: RR/A.pm _decode_rdata
    // unpacks "a4" whatever RDLENGTH says (rdlength-mismatch is ok), and
    // Packet->decode catches the die at the missing record and returns the
    // records decoded so far (count-mismatch is ok).
  },
};

const VERSIONS: Record<string, Record<string, RegExp>> = {
  host: { 'ruby-resolv': /^ruby 3\.1\.\d+ resolv 0\.2\.1$/, 'perl-net-dns': /^Net::DNS 1\.36$/ },
  trixie: { 'ruby-resolv': /^ruby 3\.3\.\d+ resolv 0\.3\.0$/, 'perl-net-dns': /^Net::DNS 1\.57$/ },
};

const CLIENTS = Object.keys(NOT_OK);
const SCENARIOS = namedScenarios().map((s) => s.id);
const expected = (client: string, scenario: string): string => NOT_OK[client]![scenario] ?? 'ok';

const trixieMissing = !isRoot ? 'needs root (chroot into the trixie root)' : findRoot('trixie') ? undefined : 'trixie root not built: run `dnsorder lab build trixie`';
const SUITES = trixieMissing ? ['host'] : ['host', 'trixie'];

describe(`ruby-resolv and perl-net-dns on the named catalogue (${SUITES.join(', ')})`, () => {
  let doc: MatrixDocument;
  beforeAll(async () => {
    doc = await runMatrix({ suites: SUITES, clients: CLIENTS.join(','), jobs: 2 });
  }, 600_000);

  /** The client in that userland, or the reason it cannot be checked (a skip, or a failure under CI). */
  const clientIn = (base: string, suite: string) => {
    const id = suite === 'host' ? base : `${base}@${suite}`;
    const info = doc.clients.find((c) => c.id === id);
    if (!info?.available) return { skip: requirement(`${id} unavailable: ${info?.reason ?? 'not run'}`) };
    return { info, results: (doc.results as MatrixResult[]).filter((r) => r.client === id) };
  };

  for (const suite of ['host', 'trixie']) {
    for (const base of CLIENTS) {
      it(`${base} in ${suite}: version and outcome on every named scenario`, (ctx) => {
        if (suite === 'trixie' && trixieMissing) return ctx.skip(requirement(trixieMissing));
        const got = clientIn(base, suite);
        if (!got.info) return ctx.skip(got.skip);
        expect(got.info.version).toMatch(VERSIONS[suite]![base]!);
        const outcomes = Object.fromEntries(got.results.map((r) => [r.scenario, r.outcome]));
        expect(outcomes).toEqual(Object.fromEntries(SCENARIOS.map((s) => [s, expected(base, s)])));
        // Neither API exposes a canonical name; resolv exposes no error either, and Net::DNS
        // reported none here (every reply had answers, so query() returned it).
        for (const r of got.results) {
          const printed = JSON.parse(r.raw!.stdout) as { canonical: unknown; error: unknown };
          expect([r.scenario, printed.canonical, printed.error]).toEqual([r.scenario, null, null]);
        }
      });
    }
    it(`the addresses behind the findings in ${suite}`, (ctx) => {
      if (suite === 'trixie' && trixieMissing) return ctx.skip(requirement(trixieMissing));
      const ruby = clientIn('ruby-resolv', suite);
      const perl = clientIn('perl-net-dns', suite);
      if (!ruby.info) return ctx.skip(ruby.skip);
      if (!perl.info) return ctx.skip(perl.skip);
      const of = (rows: MatrixResult[], scenario: string) => rows.find((r) => r.scenario === scenario)!.addresses;
      // resolv: only the terminal record after the last CNAME (the first pass's), in both splits.
      expect(of(ruby.results, 'terminal-split')).toEqual(['192.0.2.2']);
      expect(of(ruby.results, 'terminal-split-first')).toEqual(['192.0.2.2']);
      // cname-last works through the second pass: the first one ended at the chain's end.
      expect(of(ruby.results, 'cname-last')).toEqual(['192.0.2.1', '192.0.2.2']);
      // Net::DNS: in answer-section order, the unrelated address where it sits.
      expect(of(perl.results, 'unrelated-first')).toEqual(['198.51.100.66', '192.0.2.1', '192.0.2.2']);
      expect(of(perl.results, 'unrelated-instead')).toEqual(['198.51.100.66']);
      const row = (rows: MatrixResult[], scenario: string) => rows.find((r) => r.scenario === scenario)!;
      // terminal-only: the chain end's addresses out of the one reply — it never asked for that name.
      expect([of(perl.results, 'terminal-only'), row(perl.results, 'terminal-only').queries]).toEqual([['192.0.2.1', '192.0.2.2'], 1]);
      // Both retry over TCP after a truncated UDP answer (resolv fetch_resource, Net::DNS send): two queries.
      expect([row(ruby.results, 'oversize-canonical').queries, row(perl.results, 'oversize-canonical').queries]).toEqual([2, 2]);
      // resolv's ignored reply: one query, then the 2 s wait runs out (no retry, no error).
      expect(row(ruby.results, 'rdlength-mismatch').queries).toBe(1);
      // Both keep a repeated record (no RRset merging).
      expect(of(ruby.results, 'duplicate-terminal')).toEqual(['192.0.2.1', '192.0.2.1', '192.0.2.2']);
      expect(of(perl.results, 'duplicate-terminal')).toEqual(['192.0.2.1', '192.0.2.1', '192.0.2.2']);
    });
  }
});
