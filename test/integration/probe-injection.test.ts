// Issue #16: data from outside the chain must not be cached. The probe's
// `injection` group against every resolver of the lab: the host's (Debian 12),
// the trixie root's (Debian 13, started inside the root), and systemd-resolved
// 257 of the trixie root with its cache on (the daemon in a network namespace
// of its own; the authority and the probe run inside that namespace, in a node
// child from dist/). Each test plants an address record for another name in
// an authoritative answer, then asks the resolver for that name: serving the
// planted address is a violation (a security finding), asking the authority
// and returning its own address a pass.
//
// The expectations are what each resolver was measured to do. Missing
// resolvers, the trixie root or root privileges: a visible skip locally, a
// failure under CI=true. DNSORDER_PROBE_LAB_OUT=DIR keeps each report
// (`DIR/injection-SUITE-KIND.json`).

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeAuthority, type ProbeAuthority } from '../../src/probe/authority.js';
import type { ProbeDocument, Verdict } from '../../src/probe/document.js';
import { probeResolver } from '../../src/probe/runner.js';
import { probeTests } from '../../src/probe/suite.js';
import { findRoot, resolveUserlands } from '../../src/roots/store.js';
import type { Userland } from '../../src/roots/userland.js';
import { NetworkNamespace } from '../../src/clients/namespace.js';
import { startSystemdResolved, type ResolvedDaemon } from '../../src/clients/systemd-resolved.js';
import { runCommand } from '../../src/process/run-command.js';
import { netnsExec } from '../../src/process/netns-exec.js';
import { isRoot, missingPeers, requirement } from '../helpers/peers.js';
import { HOST_USERLAND, LAB_COMMAND, LAB_RESOLVERS, startLabResolver, type LabResolverKind } from '../helpers/resolvers.js';

const INJECTION = probeTests().filter((t) => t.group === 'injection').map((t) => t.id);
const outDir = process.env.DNSORDER_PROBE_LAB_OUT;

interface Measured {
  verdicts: Record<string, Verdict>;
  behaviours: Record<string, string>;
}
const each = <T>(value: T) => Object.fromEntries(INJECTION.map((t) => [t, value]));
/** Asked the authority for the injected name and returned its own address, in every test. */
const SAFE: Measured = { verdicts: each<Verdict>('pass'), behaviours: each('asked the authority') };

/**
 * Measured: every lab resolver, Debian 12 and 13 alike, asks the authority for the injected name and
 * returns its own address, in all five tests. The
 * iterating ones drop the record before their cache sees it: unbound's scrubber removes every answer-section RRset that is neither the query name nor on its
 * CNAME chain (iterator/iter_scrub.c scrub_sanitize, "sanitize: removing extraneous answer RRset"); BIND,
 * Knot Resolver FORWARD and PowerDNS Recursor were measured only, their source not read for this.
 * The forwarders without an iterator (Knot Resolver STUB, dnsmasq) relay the authority's answer, injected
 * record included, to the client that asked (PASSES_ON below), yet do not answer a later question for
 * that name from it.
 */
const MEASURED: Record<'host' | 'trixie', Record<LabResolverKind, Measured>> = {
  host: {
    unbound: SAFE, bind: SAFE, 'knot-resolver-stub': SAFE, 'knot-resolver-forward': SAFE, 'powerdns-recursor': SAFE, dnsmasq: SAFE,
  },
  trixie: {
    unbound: SAFE, bind: SAFE, 'knot-resolver-stub': SAFE, 'knot-resolver-forward': SAFE, 'powerdns-recursor': SAFE, dnsmasq: SAFE,
  },
};
/** The kinds whose answer to the query name carried the injected record on to the client (measured, both suites). */
const PASSES_ON: readonly LabResolverKind[] = ['knot-resolver-stub', 'dnsmasq'];

function keep(name: string, doc: ProbeDocument): void {
  if (!outDir) return;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `injection-${name}.json`), JSON.stringify(doc, null, 2) + '\n');
}

/**
 * What the resolver was asked and answered, and what it asked the authority, with times: printed on a
 * mismatch, enough to tell a cache that never held the record from one that dropped it.
 */
function trail(r: ProbeDocument['results'][number]): string {
  return [
    ...r.asks.map((a) => `  ${a.purpose} ${a.name} (${a.transport}, ${a.elapsedMs} ms): ${a.answer.join(' | ') || '(no answer)'}`),
    `  the authority was asked: ${(r.authorityQuestions ?? []).map((q) => `${q.name} ${q.qtype} ${q.transport} at ${q.atMs} ms`).join('; ') || 'nothing'}`,
  ].join('\n');
}

function expectMeasured(doc: ProbeDocument, measured: Measured): void {
  const ran = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).filter(([test]) => doc.inputs.tests.includes(test)));
  const got = Object.fromEntries(doc.results.map((r) => [r.test, r.verdict]));
  const summary = doc.results.map((r) => `${r.test}=${r.verdict} [${r.behaviour}] ${r.detail}\n${trail(r)}`).join('\n');
  expect(got, summary).toEqual(ran(measured.verdicts));
  expect(Object.fromEntries(doc.results.map((r) => [r.test, r.behaviour])), summary).toEqual(ran(measured.behaviours));
  // A violation here is a security finding, and only then.
  for (const r of doc.results) expect(r.security !== undefined, r.test).toBe(r.verdict === 'violation');
}

const trixie = findRoot('trixie');
const rootSkip = () => requirement(!isRoot ? 'needs root (the trixie root runs in a mount namespace)' : !trixie ? 'trixie root not built: run `dnsorder lab build trixie`' : undefined);

for (const suite of ['host', 'trixie'] as const) {
  for (const kind of LAB_RESOLVERS) {
    const skip = suite === 'host' ? missingPeers(LAB_COMMAND[kind]) : rootSkip();
    describe.skipIf(skip)(`injection: ${kind} (${suite})`, () => {
      let authority: ProbeAuthority;
      let doc: ProbeDocument;
      beforeAll(async () => {
        const userland: Userland = suite === 'host' ? HOST_USERLAND : resolveUserlands(['trixie'])[0]!;
        authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
        // The zone outside the probe zone is routed here too (injection-outside-zone's name lives there): nothing leaves loopback.
        // Both zones routed (PowerDNS Recursor 4.x: the second zone's `--print-config` line is `forward-zones+=`).
        const routes = [{ zone: authority.origin, to: authority }, { zone: authority.outside!, to: authority }];
        const resolver = await startLabResolver(kind, routes, { userland });
        try {
          doc = await probeResolver({ resolver, authority, label: resolver.label, tests: INJECTION });
        } finally {
          await resolver.stop();
        }
        keep(`${suite}-${kind}`, doc);
      }, 120_000);
      afterAll(async () => {
        await authority?.close();
      });

      it('gives the measured verdict and behaviour for every injection test', () => {
        expect(doc.results.map((r) => r.test)).toEqual([...INJECTION]);
        expectMeasured(doc, MEASURED[suite][kind]);
      });

      it(`${PASSES_ON.includes(kind) ? 'passes' : 'does not pass'} the injected record on in its answer to the query name`, () => {
        for (const r of doc.results) {
          const planting = r.asks.find((a) => a.purpose === 'warm-up')!;
          expect(planting.answer.some((l) => l.endsWith(' 203.0.113.66')), r.test).toBe(PASSES_ON.includes(kind));
          expect(r.detail.includes('passed the injected record on to the client'), r.test).toBe(PASSES_ON.includes(kind));
        }
      });
    });
  }
}

/** The probe from dist/, run inside the namespace (the authority it starts listens there too). */
const PROBE_ENTRY = fileURLToPath(new URL('../../dist/probe/index.js', import.meta.url));
/** The authority's port inside systemd-resolved's namespace: a namespace of our own, nothing else listens there. */
const AUTHORITY_PORT = 5300;

const resolvedSkip = requirement(!isRoot ? 'needs root (network namespace, chroot)'
  : !trixie ? 'trixie root not built: run `dnsorder lab build trixie`'
  : !trixie.manifest?.installed['systemd-resolved'] ? 'the trixie root has no systemd-resolved: run `dnsorder lab build trixie` (the package set changed)'
  : !existsSync(PROBE_ENTRY) ? `${PROBE_ENTRY} is missing: run \`npm run build\` first` : undefined);

/**
 * systemd-resolved 257 caches every record of an answer section, related to the question or not:
 * dns_packet_extract (src/resolve/resolved-dns-packet.c) marks each answer-section RR
 * DNS_ANSWER_CACHEABLE ("According to RFC 4795, section 2.9. only the RRs from the Answer section
 * shall be cached" — an LLMNR rule, applied to unicast DNS as well), and dns_cache_put
 * (resolved-dns-cache.c) puts each cacheable RR in with dns_cache_put_positive, with no check against
 * the question, the chain, or the zone that answered. The next question for the injected name is a
 * cache hit: the authority is never asked. With Cache=no (the matrix's setting) it asks, and passes.
 */
const RESOLVED: Record<'cache on' | 'cache off', Measured> = {
  'cache on': { verdicts: each<Verdict>('violation'), behaviours: each('served injected record') },
  'cache off': SAFE,
};

for (const mode of ['cache on', 'cache off'] as const) {
  describe.skipIf(resolvedSkip)(`injection: systemd-resolved stub, ${mode} (trixie)`, () => {
    let ns: NetworkNamespace;
    let daemon: ResolvedDaemon;
    let doc: ProbeDocument;
    beforeAll(async () => {
      ns = NetworkNamespace.create();
      const [root] = resolveUserlands(['trixie']);
      daemon = await startSystemdResolved(root!, ns.name, { address: '127.0.0.1', port: AUTHORITY_PORT }, { cache: mode === 'cache on' });
      // The whole probe in the namespace: its stub (127.0.0.53) and the authority resolved forwards to are only there.
      const label = `${daemon.version ?? 'systemd'} resolved stub, ${mode}`;
      const script = `const m = await import(${JSON.stringify(pathToFileURL(PROBE_ENTRY).href)});
        const doc = await m.probeResolver({ resolver: '127.0.0.53:53', authority: '127.0.0.1:${AUTHORITY_PORT}', tests: ['injection'], label: ${JSON.stringify(label)} });
        process.stdout.write(JSON.stringify(doc));`;
      const run = await runCommand(netnsExec(ns.name, [process.execPath, '--input-type=module', '-e', script]), { timeoutMs: 90_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      doc = JSON.parse(run.stdout) as ProbeDocument;
      keep(`trixie-systemd-resolved-${mode.replace(' ', '-')}`, doc);
    }, 120_000);
    afterAll(async () => {
      await daemon?.stop();
      ns?.closeSync();
    });

    it('gives the measured verdict and behaviour for every injection test', () => {
      expect(doc.results.map((r) => r.test)).toEqual(INJECTION);
      // resolved logs each whole-cache flush at info level: "Under memory pressure, flushing caches.", "Clock change
      // detected. Flushing caches.", then "Flushed all caches." (measured with SIGUSR2 on 257).
      expect(daemon.log().split('\n').filter((l) => /flush(ing|ed)( all)? caches/i.test(l)), 'systemd-resolved flushed its cache during the run').toEqual([]);
      expectMeasured(doc, RESOLVED[mode]);
    });

    if (mode === 'cache on') {
      it('served the injected address without asking the authority for the name: a cache hit', () => {
        for (const r of doc.results) {
          const check = r.asks.find((a) => a.purpose === 'check')!;
          expect(check.answer.map((l) => l.split(' ').at(-1)), `${r.test}\n${trail(r)}`).toEqual(['203.0.113.66']);
          expect(r.authorityQuestions!.some((q) => q.name.toLowerCase() === check.name.toLowerCase()), r.test).toBe(false);
          expect(r.security, r.test).toMatch(/without asking the authority, which answers 198\.51\.100\.7/);
        }
      });
    }
  });
}
