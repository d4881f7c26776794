// The dnstap collector against real resolvers: unbound, BIND, Knot Resolver
// and PowerDNS Recursor, each started by the lab with the dnstap lines
// `dnsorder probe --print-config KIND --dnstap-socket PATH` prints, logging to
// the collector `dnsorder watch` runs, while the probe's own tests go through
// the resolver. The watcher must see what the probe sees: a violation where
// the probe finds one, none on the clean answers.
//
// What each resolver can log differs (measured): unbound, BIND and Knot
// Resolver log their answers to clients (CLIENT_RESPONSE), the answers the
// probe judges. PowerDNS Recursor 4.8 logs only the questions it sends to
// authorities and their answers (RESOLVER_RESPONSE): the watcher sees the
// authority's out-of-order answers, and cannot see pdns's own DNAME order
// (the probe's dname-* violations), which no message it logs carries.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector, type CollectorStats, type ResponseEvent } from '../../src/dnstap/collector.js';
import { startProbeAuthority, type ProbeAuthority } from '../../src/probe/authority.js';
import type { ProbeDocument } from '../../src/probe/document.js';
import { probeResolver } from '../../src/probe/runner.js';
import { missingPeers } from '../helpers/peers.js';
import { LAB_COMMAND, startLabResolver, type LabResolverKind } from '../helpers/resolvers.js';

/** The probe tests the lab drives: in-order and out-of-order authority answers, DNAMEs, letter case, a cached repeat. */
const TESTS = [
  'whole-chain', 'authority-a-first', 'authority-reversed', 'authority-chain-reversed', 'authority-shuffled',
  'dname-canonical', 'dname-one-address', 'dname-cname-first', 'dname-address-first', 'mixed-case-owners', 'cache-repeat',
  'whole-chain-aaaa', 'authority-a-first-aaaa',
];
/** The tests whose authority answers are out of order (what a RESOLVER_RESPONSE carries). */
const AUTHORITY_OUT_OF_ORDER = ['authority-a-first', 'authority-reversed', 'authority-chain-reversed', 'authority-shuffled', 'authority-a-first-aaaa', 'dname-cname-first', 'dname-address-first'];

interface Case {
  kind: LabResolverKind;
  /** The dnstap message type that carries the resolver's answers to clients, if it logs them. */
  logsClientResponses: boolean;
}

const CASES: Case[] = [
  { kind: 'unbound', logsClientResponses: true },
  { kind: 'bind', logsClientResponses: true },
  { kind: 'knot-resolver-stub', logsClientResponses: true },
  { kind: 'powerdns-recursor', logsClientResponses: false },
];

const key = (name: string, type: string) => `${name.toLowerCase().replace(/\.$/, '')} ${type.toUpperCase()}`;

/** Per probe test: the rules violated in the logged responses of `types` to its questions, and how many were logged. */
function byTest(doc: ProbeDocument, logged: readonly ResponseEvent[], types: readonly string[]) {
  const out: Record<string, { logged: number; rules: string[] }> = {};
  for (const r of doc.results) {
    const names = new Set(r.asks.map((a) => key(a.name, a.qtype)));
    const mine = logged.filter((e) => types.includes(e.type) && e.question && names.has(key(e.question.name, e.question.type)));
    out[r.test] = { logged: mine.length, rules: [...new Set(mine.flatMap((e) => e.rules))].sort() };
  }
  return out;
}

const probeRules = (doc: ProbeDocument, test: string) =>
  [...new Set(doc.results.find((r) => r.test === test)!.findings.filter((f) => f.severity === 'violation').map((f) => f.rule))].sort();

for (const c of CASES) {
  const skip = missingPeers(LAB_COMMAND[c.kind]);
  describe.skipIf(skip)(`dnstap lab: ${c.kind} logging to the watcher`, () => {
    let dir: string;
    let collector: Collector;
    let authority: ProbeAuthority;
    let doc: ProbeDocument;
    let stats: CollectorStats;
    let identity: string | undefined;
    const logged: ResponseEvent[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'dnsorder-dnstap-lab-'));
      const socketPath = join(dir, 'dnstap.sock');
      collector = await startCollector({ socketPath, onResponse: (e) => logged.push(e) });
      authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
      const resolver = await startLabResolver(c.kind, [{ zone: authority.origin, to: authority }], { dnstap: { socketPath } });
      try {
        doc = await probeResolver({ resolver, authority, label: resolver.label, tests: TESTS });
        // Resolvers send dnstap from a queue of their own (BIND flushes it about once a second):
        // wait until every question the probe asked shows up in what the resolver logged.
        const types = c.logsClientResponses ? ['CLIENT_RESPONSE'] : ['RESOLVER_RESPONSE'];
        const asked = new Set(doc.results.flatMap((r) => r.asks.filter((a) => a.rcode !== null).map((a) => key(a.name, a.qtype))));
        const seen = () => new Set(logged.filter((e) => types.includes(e.type) && e.question).map((e) => key(e.question!.name, e.question!.type)));
        stats = await collector.waitFor(() => {
          const have = seen();
          return [...asked].every((k) => have.has(k));
        }, 15_000).catch((err: Error) => {
          const have = seen();
          throw new Error(`${err.message}; not logged: ${[...asked].filter((k) => !have.has(k)).join(', ')}\n${resolver.output()}`);
        });
        // A source's identity comes from its first message; PowerDNS Recursor opens a connection per
        // thread, and a thread that logged nothing yet has none (seen once in CI): take any that has.
        identity = stats.sources.find((s) => s.identity)?.identity;
      } finally {
        await resolver.stop();
      }
    }, 120_000);

    afterAll(async () => {
      await collector?.close();
      await authority?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('connects, names itself, and every frame is a dnstap message with a DNS message in it', () => {
      expect(stats.connections.total).toBeGreaterThanOrEqual(1);
      expect(stats.connections.protocolErrors).toBe(0);
      expect(stats.invalidFrames).toBe(0);
      expect(stats.malformed).toBe(0);
      expect(stats.dropped).toBe(0);
      expect(stats.queries).toBeGreaterThan(0);
      expect(identity, 'dnstap identity').toBeTruthy();
    });

    if (c.logsClientResponses) {
      it('sees a violation in its answers exactly where the probe finds one, with the probe\'s rules', () => {
        const watched = byTest(doc, logged, ['CLIENT_RESPONSE']);
        for (const r of doc.results) {
          const w = watched[r.test]!;
          expect(w.logged, `${r.test}: answers logged`).toBeGreaterThanOrEqual(r.asks.filter((a) => a.rcode !== null).length);
          if (r.verdict === 'violation') {
            expect(w.rules, `${r.test}: the probe found ${probeRules(doc, r.test).join(', ')}`).toEqual(expect.arrayContaining(probeRules(doc, r.test)));
          } else {
            expect(w.rules, `${r.test}: ${r.verdict}, so no violation logged`).toEqual([]);
          }
        }
      });

      it('counts what it saw: responses by type and rule, violating ones by zone', () => {
        const violations = doc.results.filter((r) => r.verdict === 'violation').length;
        const client = stats.byType.CLIENT_RESPONSE!;
        expect(client.messages).toBeGreaterThanOrEqual(doc.results.flatMap((r) => r.asks).length);
        expect(client.violating > 0).toBe(violations > 0);
        if (violations > 0) expect(Object.keys(stats.byZone)).toEqual([authority.origin.replace(/\.$/, '').split('.').slice(-2).join('.')]);
      });
    } else {
      it('logs no answer to clients: its dnstap carries the authority\'s answers, and the watcher finds the authority\'s disorder there', () => {
        expect(stats.byType.CLIENT_RESPONSE).toBeUndefined();
        const watched = byTest(doc, logged, ['RESOLVER_RESPONSE']);
        for (const test of AUTHORITY_OUT_OF_ORDER) expect(watched[test]!.rules.length, test).toBeGreaterThan(0);
        expect(watched['authority-a-first']!.rules).toContain('terminal-after-chain');
        for (const test of ['whole-chain', 'dname-canonical', 'dname-one-address', 'mixed-case-owners']) expect(watched[test]!.rules, test).toEqual([]);
      });

      it('cannot show the DNAME order the probe finds in its answers: no message it logs carries them', () => {
        const watched = byTest(doc, logged, ['RESOLVER_RESPONSE']);
        expect(probeRules(doc, 'dname-canonical')).toContain('dname-before-cname');
        expect(watched['dname-canonical']!.rules).toEqual([]);
      });
    }
  });
}
