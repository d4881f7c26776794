// `atlas check` on results in the documented format, built around the probe
// authority's own answers (and the scenario server's, for names outside the
// probe's plans): canonical, reordered, passed through, DNAME, truncated,
// malformed abuf, missing abuf, timeouts, several resolvers per result;
// verdicts per test and aggregates per resolver, probe and ASN.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAtlasResults } from '../../../src/atlas/check.js';
import type { AtlasDocument } from '../../../src/atlas/document.js';
import { isSharedAddress } from '../../../src/atlas/judge.js';
import { planAtlas } from '../../../src/atlas/plan.js';
import { startProbeAuthority, type ProbeAuthority } from '../../../src/probe/authority.js';
import { planTest } from '../../../src/probe/plan.js';
import { probeTests } from '../../../src/probe/suite.js';
import { identity } from '../../../src/probe/verdict.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { runCli } from '../../helpers/cli.js';
import { atlasResult, atlasResultset, rawAnswer, rewrite } from './support.js';

const ZONE = 'probe.example.net';
const RUN = 'rchk1';
const TESTS = ['whole-chain', 'authority-a-first', 'dname-canonical', 'dname-cname-first', 'large-answer', 'expiry-last-hop', 'chase-three-hops'];
const plan = planAtlas({ zone: ZONE, runId: RUN, tests: TESTS.join(','), now: Date.UTC(2026, 0, 20) });
const probePlan = (id: string) => planTest(probeTests().find((t) => t.id === id)!, RUN, ZONE);
const MSM: Record<string, number> = {
  'whole-chain': 1001, 'authority-a-first': 1002, 'dname-canonical': 1003, 'dname-cname-first': 1004, 'large-answer': 1005, 'large-answer/tcp': 1006,
  'expiry-last-hop': 1007, 'chase-three-hops': 1008,
};
const CLEAN = '198.51.100.10';
const RELAY = '198.51.100.20';
const T0 = 1768910400;

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-atlas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let authority: ProbeAuthority;
let scenarios: RunningServer;
let lines: unknown[];
let passive: unknown[];

beforeAll(async () => {
  authority = await startProbeAuthority({ listen: '127.0.0.1:0', zone: ZONE });
  for (const id of TESTS) authority.zone.addPlan(probePlan(id));
  scenarios = await startServer({ listen: '127.0.0.1', port: 0 });
  const ask = (id: string, options?: { tcp?: boolean }) => rawAnswer(authority, probePlan(id).qname, probePlan(id).qtype, { payload: 1232, ...options });
  /** What a resolver that rebuilds answers sends: the records in the chain's order. */
  const inOrder = (bytes: Buffer, id: string) => rewrite(bytes, (answers) => {
    const rank = new Map(probePlan(id).expected.map((r, i) => [identity(r), i]));
    return [...answers].sort((a, b) => rank.get(identity(a))! - rank.get(identity(b))!);
  });
  const canonical = await ask('whole-chain');
  const aFirst = await ask('authority-a-first');
  const dnameOk = await ask('dname-canonical');
  const dnameBad = await ask('dname-cname-first');
  const largeUdp = await ask('large-answer');
  const largeTcp = await ask('large-answer', { tcp: true });
  const expiry = await ask('expiry-last-hop');
  const chase = await ask('chase-three-hops');
  const aged = (cnames: number, a: number) => rewrite(expiry, (answers) => answers.map((r) => ({ ...r, ttl: r.type === 'CNAME' ? cnames : a })));

  lines = [
    // A resolver that rebuilds every answer in order, seen by probes 1 and 2 (and 6, with another resolver).
    atlasResult({ msm: MSM['whole-chain']!, prb: 1, dst: CLEAN }, canonical),
    atlasResult({ msm: MSM['authority-a-first']!, prb: 1, dst: CLEAN }, inOrder(aFirst, 'authority-a-first')),
    atlasResult({ msm: MSM['dname-canonical']!, prb: 2, dst: CLEAN }, dnameOk),
    atlasResult({ msm: MSM['dname-cname-first']!, prb: 2, dst: CLEAN }, inOrder(dnameBad, 'dname-cname-first')),
    atlasResult({ msm: MSM['large-answer']!, prb: 1, dst: CLEAN }, largeUdp),
    atlasResult({ msm: MSM['large-answer/tcp']!, prb: 1, dst: CLEAN, proto: 'TCP' }, largeTcp),
    atlasResult({ msm: MSM['expiry-last-hop']!, prb: 1, dst: CLEAN, timestamp: T0 }, expiry),
    atlasResult({ msm: MSM['expiry-last-hop']!, prb: 1, dst: CLEAN, timestamp: T0 + 300 }, aged(3300, 2)),
    atlasResult({ msm: MSM['chase-three-hops']!, prb: 2, dst: CLEAN }, chase),
    // A forwarder relaying the authority's octets as they came (probe 3), with timeouts and broken results.
    atlasResult({ msm: MSM['whole-chain']!, prb: 3, dst: RELAY }, { error: { timeout: 5000 } }),
    atlasResult({ msm: MSM['whole-chain']!, prb: 3, dst: RELAY }, canonical),
    atlasResult({ msm: MSM['whole-chain']!, prb: 3, dst: RELAY }, { noAbuf: true }),
    atlasResult({ msm: MSM['authority-a-first']!, prb: 3, dst: RELAY }, aFirst),
    atlasResult({ msm: MSM['dname-cname-first']!, prb: 3, dst: RELAY }, dnameBad),
    atlasResult({ msm: MSM['dname-canonical']!, prb: 3, dst: RELAY }, dnameOk.subarray(0, dnameOk.length - 7)),
    atlasResult({ msm: MSM['expiry-last-hop']!, prb: 3, dst: RELAY, timestamp: T0 }, expiry),
    atlasResult({ msm: MSM['expiry-last-hop']!, prb: 3, dst: RELAY, timestamp: T0 + 300 }, aged(3300, 30)),
    // 192.168.1.1 is a different box behind probes 4 and 5: the one behind 5 writes its own (reversed) order.
    atlasResultset({ msm: MSM['whole-chain']!, prb: 4 }, [{ dst: '192.168.1.1', answer: canonical }]),
    atlasResultset({ msm: MSM['whole-chain']!, prb: 5 }, [{ dst: '192.168.1.1', answer: rewrite(canonical, (a) => [...a].reverse()) }]),
    // Two local resolvers in one result: one answers, one times out (and never answers anything).
    atlasResultset({ msm: MSM['whole-chain']!, prb: 6 }, [{ dst: CLEAN, answer: canonical }, { dst: '2001:db8::53', answer: { error: { timeout: 5000 } } }]),
    // A timeout of a measurement no answer names, and another kind of result.
    atlasResult({ msm: 1999, prb: 6, dst: CLEAN }, { error: { timeout: 5000 } }),
    { fw: 5080, type: 'ping', msm_id: 5, prb_id: 6, result: [] },
  ];
  // Names outside every plan: the scenario server's answers, judged passively.
  passive = [
    atlasResult({ msm: 2001, prb: 7, dst: '203.0.113.53' }, await rawAnswer(scenarios, 'cname-last.order.test', 'A')),
    atlasResult({ msm: 2002, prb: 7, dst: '203.0.113.53' }, await rawAnswer(scenarios, 'canonical.order.test', 'A')),
    atlasResult({ msm: 2003, prb: 8, dst: '203.0.113.54' }, await rawAnswer(scenarios, 'www.src.dname-canonical.order.test', 'A')),
  ];
});

afterAll(async () => {
  await authority?.close();
  await scenarios?.close();
});

function writeLines(name: string, values: unknown[], garbage = true): string {
  const file = join(dir, name);
  writeFileSync(file, values.map((v) => JSON.stringify(v)).join('\n') + (garbage ? '\n{not json}\n' : '\n'));
  return file;
}

const meta = new Map([[1, { asnV4: 64500 }], [2, { asnV4: 64500 }], [3, { asnV4: 64501 }], [4, { asnV4: 64502 }], [5, { asnV4: 64502 }], [6, { asnV4: 64500 }]]);

describe('atlas check', () => {
  let doc: AtlasDocument;
  beforeAll(async () => {
    doc = await checkAtlasResults([writeLines('results.jsonl', lines)], { plan, planFile: 'plan.json', probesMeta: meta });
  });
  const test = (id: string) => doc.tests.find((t) => t.test === id)!;

  it('counts every entry: errors, missing and malformed abufs, unreadable and foreign entries are counted, not dropped', () => {
    expect(doc.counts).toMatchObject({
      entries: 23, items: 22, timeouts: 3, errors: 0, missingAbuf: 1, malformedAbuf: 1, unreadable: 1, notDns: 1, noResult: 0,
      passive: 0, warmUps: 0, otherRun: 0, unattributed: 1,
    });
    expect(doc.problems.join('\n')).toMatch(/entry 23 is not JSON/);
    expect(doc.problems.join('\n')).toMatch(/a "ping" result, not "dns"/);
  });

  it('judges each test with the probe\'s rules: reordered, passed through, DNAME, truncated, partial expiry from TTLs', () => {
    // A timeout and a result without abuf do not outweigh the answer that passed; the resolver that only timed out is an error.
    expect(test('whole-chain').resolvers).toEqual({ pass: 3, violation: 1, error: 1, inconclusive: 0 });
    expect(test('whole-chain').behaviours).toEqual({ 'in order': 3, 'own order': 1, timeout: 1 });
    expect(test('authority-a-first').resolvers).toMatchObject({ pass: 1, violation: 1 });
    expect(test('authority-a-first').behaviours).toEqual({ reordered: 1, 'passed through': 1 });
    expect(test('dname-cname-first').behaviours).toEqual({ reordered: 1, 'passed through': 1 });
    // The relay's only DNAME answer was cut short on the way: an error, not a verdict on order.
    expect(test('dname-canonical').resolvers).toMatchObject({ pass: 1, error: 1 });
    expect(test('dname-canonical').behaviours).toEqual({ 'in order': 1, malformed: 1 });
    expect(test('large-answer').behaviours).toEqual({ truncated: 1 });
    expect(test('large-answer/tcp').resolvers).toMatchObject({ pass: 1 });
    expect(test('expiry-last-hop').resolvers).toMatchObject({ pass: 1, inconclusive: 1 });
    expect(test('expiry-last-hop').evidence).toEqual({ 're-fetched': 1, stale: 1 });
    expect(test('chase-three-hops').behaviours).toEqual({ 'dropped records': 1 });
    expect(test('chase-three-hops').examples[0]!.note).toMatch(/without the authority's ledger/);
  });

  it('aggregates per resolver: a private address is one resolver per probe', () => {
    expect(isSharedAddress('192.168.1.1') && isSharedAddress('100.64.0.1') && isSharedAddress('fd00::1') && !isSharedAddress('8.8.8.8')).toBe(true);
    expect(doc.resolvers).toEqual({
      total: 5, public: 3, private: 2, clean: 2, violating: 2, reorder: 1, passThrough: 1, ownOrder: 1, dropChain: 1, splitRrsets: 0, unjudged: 1,
    });
    expect(doc.offenders.map((o) => [o.resolver, o.violations])).toEqual([
      [RELAY, ['authority-a-first', 'dname-cname-first']],
      ['192.168.1.1 (probe 5)', ['whole-chain']],
    ]);
    const relay = doc.offenders[0]!;
    expect(relay).toMatchObject({ probes: 1, asns: [64501], behaviours: ['passed through'], private: false });
    // The answer as the resolver sent it, in presentation format: the A RRset first.
    expect(relay.example!.answer[0]).toMatch(/^edge\.authority-a-first\.rchk1\.probe\.example\.net\. 3600 IN A 192\.0\.2\.1$/);
    expect(relay.example!.findings.join('\n')).toMatch(/chain-start/);
  });

  it('aggregates per probe and per ASN', () => {
    expect(doc.probes).toEqual({ total: 6, withViolation: 2, clean: 4 });
    // Sorted by violating resolvers, then probes.
    expect(doc.asns).toEqual([
      { asn: 64502, probes: 2, resolvers: 2, violatingResolvers: 1 },
      { asn: 64501, probes: 1, resolvers: 1, violatingResolvers: 1 },
      { asn: 64500, probes: 3, resolvers: 2, violatingResolvers: 0 },
    ]);
  });

  it('judges names outside the probe\'s plans passively: any chain in order', async () => {
    const other = await checkAtlasResults([writeLines('passive.jsonl', passive, false)]);
    expect(other.counts).toMatchObject({ passive: 3, decoded: 3 });
    expect(other.tests.map((t) => [t.test, t.group, t.resolvers.violation, t.resolvers.pass])).toEqual([
      ['name:canonical.order.test A', 'passive', 0, 1],
      ['name:cname-last.order.test A', 'passive', 1, 0],
      ['name:www.src.dname-canonical.order.test A', 'passive', 0, 1],
    ]);
    expect(other.offenders.map((o) => o.resolver)).toEqual(['203.0.113.53']);
  });

  it('reads a JSON array too, and judges only the plan\'s run', async () => {
    const other = planAtlas({ zone: ZONE, runId: 'rother', tests: 'whole-chain', now: 0 });
    const file = join(dir, 'results.json');
    writeFileSync(file, JSON.stringify(lines.slice(0, 9), null, 1));
    const again = await checkAtlasResults([file], { plan: other });
    expect(again.counts).toMatchObject({ entries: 9, otherRun: 9, decoded: 9 });
    expect(again.tests.map((t) => [t.test, t.answers])).toEqual([['whole-chain', 0]]);
    const unplanned = await checkAtlasResults([file]);
    expect(unplanned.tests.map((t) => t.test)).toEqual([
      'whole-chain', 'authority-a-first', 'chase-three-hops', 'expiry-last-hop', 'dname-canonical', 'dname-cname-first', 'large-answer', 'large-answer/tcp',
    ]);
  });
});

describe('dnsorder atlas check', () => {
  it('renders every format and exits 1 when a resolver violated a MUST', async () => {
    const file = writeLines('cli.jsonl', lines);
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const table = await runCli(['atlas', 'check', file, '--plan', planFile]);
    expect(table.code, table.stderr).toBe(1);
    expect(table.stdout).toMatch(/^authority-a-first=violation$/m);
    expect(table.stdout).toMatch(/^large-answer\/tcp=pass$/m);
    expect(table.stdout).toContain('Worst offenders:');
    expect(table.stderr).toMatch(/atlas check: 5 resolvers .* 2 violate a MUST, 1 pass a reordered answer through/);
    const json = JSON.parse((await runCli(['atlas', 'check', file, '--format', 'json'])).stdout);
    expect(json.schema).toBe('dnsorder.atlas/v1');
    expect((await runCli(['atlas', 'check', file, '--format', 'md'])).stdout).toContain('### Worst offenders');
    const junit = (await runCli(['atlas', 'check', file, '--format', 'junit'])).stdout;
    expect(junit).toMatch(/<testcase name="authority-a-first" classname="dnsorder.atlas.out-of-order">\s*<failure/);
    const html = (await runCli(['atlas', 'check', file, '--format', 'html'])).stdout;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h2>Worst offenders</h2>');
    const clean = writeLines('clean.jsonl', lines.slice(0, 2), false);
    expect((await runCli(['atlas', 'check', clean])).code).toBe(0);
  });

  it('exits 2 on a missing file, an empty input, a bad format or a bad plan', async () => {
    const missing = await runCli(['atlas', 'check', join(dir, 'nope.json')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read .*nope.json.*\[ERR_ATLAS_INPUT\]/)]);
    expect((await runCli(['atlas', 'check', writeLines('empty.json', [], false)])).stderr).toMatch(/no results in/);
    expect((await runCli(['atlas', 'check', writeLines('x.jsonl', lines.slice(0, 1)), '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['atlas', 'check', writeLines('y.jsonl', lines.slice(0, 1)), '--plan', writeLines('p.json', [{ schema: 'x' }], false)])).stderr).toMatch(/ERR_ATLAS_BAD_PLAN/);
    expect((await runCli(['atlas', 'check'])).stderr).toMatch(/needs result files/);
  });

  it('reads gzip-compressed results', async () => {
    const { gzipSync } = await import('node:zlib');
    const text = lines.slice(0, 3).map((v) => JSON.stringify(v)).join('\n');
    const gz = join(dir, 'r.json.gz');
    writeFileSync(gz, gzipSync(Buffer.from(text)));
    expect(JSON.parse((await runCli(['atlas', 'check', gz, '--format', 'json'])).stdout).counts.decoded).toBe(3);
  });
});
