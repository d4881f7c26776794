// `atlas plan`: the probe's tests as Atlas measurement-creation bodies, each
// field checked against the documented request format (src/atlas/format.ts),
// the schedule each kind of test needs, and the names of the probe's plan.

import { describe, expect, it } from 'vitest';
import { ATLAS_PLAN_SCHEMA, planAtlas, readPlanDocument } from '../../../src/atlas/plan.js';
import { planTest } from '../../../src/probe/plan.js';
import { probeTests, selectProbeTests } from '../../../src/probe/suite.js';
import { runCli } from '../../helpers/cli.js';

const NOW = Date.UTC(2026, 0, 20, 12, 0, 0);
const plan = planAtlas({ zone: 'probe.example.net', runId: 'rtest01', now: NOW, probes: { area: 'WW', requested: 500 } });

/** Every field of a DNS definition, as the measurement-creation reference names them. */
const DEFINITION_FIELDS = new Set([
  'type', 'af', 'description', 'query_class', 'query_type', 'query_argument', 'use_probe_resolver', 'include_abuf', 'include_qbuf',
  'set_rd_bit', 'set_do_bit', 'set_cd_bit', 'set_nsid_bit', 'prepend_probe_id', 'protocol', 'udp_payload_size', 'retry', 'tags', 'interval', 'spread',
]);
const REQUEST_FIELDS = new Set(['definitions', 'probes', 'is_oneoff', 'start_time', 'stop_time']);

describe('planAtlas', () => {
  it('writes request bodies with only documented fields, asking each probe\'s own resolver for the raw answer', () => {
    expect(plan.schema).toBe(ATLAS_PLAN_SCHEMA);
    expect(plan.requests.map((r) => r.name)).toEqual(['one-off', 'interval', 'pair-second']);
    for (const request of plan.requests) {
      expect(Object.keys(request.body).every((k) => REQUEST_FIELDS.has(k)), Object.keys(request.body).join()).toBe(true);
      expect(request.body.probes).toEqual([{ requested: 500, type: 'area', value: 'WW' }]);
      expect(Number.isInteger(request.body.start_time)).toBe(true);
      for (const d of request.body.definitions) {
        expect(Object.keys(d).filter((k) => !DEFINITION_FIELDS.has(k))).toEqual([]);
        expect(d).toMatchObject({
          type: 'dns', af: 4, query_class: 'IN', use_probe_resolver: true, include_abuf: true, set_rd_bit: true, prepend_probe_id: false,
          tags: ['dnsorder', 'dnsorder-rtest01'],
        });
        expect(['A', 'AAAA']).toContain(d.query_type);
        expect(d.query_argument).toMatch(/\.rtest01\.probe\.example\.net$/);
        expect(d.description.length).toBeLessThanOrEqual(250);
        if (d.protocol === 'UDP') expect(d.udp_payload_size).toBe(1232);
        else expect(d).not.toHaveProperty('udp_payload_size');
      }
    }
    // Starts on a whole minute, 10 minutes or so from now.
    expect(plan.schedule.start % 60).toBe(0);
    expect(plan.schedule.start * 1000 - NOW).toBeGreaterThanOrEqual(600_000);
  });

  it('asks each test\'s own fresh name from the probe\'s plan, the size test also over TCP', () => {
    const oneOff = plan.requests.find((r) => r.name === 'one-off')!.body;
    expect(oneOff.is_oneoff).toBe(true);
    for (const t of plan.tests) {
      const probePlan = planTest(probeTests().find((x) => x.id === t.test)!, 'rtest01', 'probe.example.net');
      const checks = t.queries.filter((q) => q.purpose === 'check');
      expect(checks.every((q) => q.query_argument === probePlan.qname), t.test).toBe(true);
      expect(checks[0]!.query_type).toBe(probePlan.qtype);
    }
    const large = plan.tests.find((t) => t.test === 'large-answer')!;
    expect(large.queries.map((q) => q.protocol)).toEqual(['UDP', 'TCP']);
    expect(oneOff.definitions.filter((d) => d.query_argument === 'large-answer.rtest01.probe.example.net').map((d) => d.protocol)).toEqual(['UDP', 'TCP']);
    expect(new Set(plan.tests.map((t) => t.test))).toEqual(new Set(selectProbeTests(undefined).tests.map((t) => t.id)));
  });

  it('plans partial expiry and the cache repeat as one periodic measurement, the cached tail as a timed pair', () => {
    const interval = plan.requests.find((r) => r.name === 'interval')!;
    expect(interval.tests.sort()).toEqual(['cache-repeat', 'expiry-first-hop', 'expiry-last-hop', 'expiry-last-hop-aaaa', 'expiry-last-hop-chased', 'expiry-middle-hop']);
    expect(interval.body.is_oneoff).toBe(false);
    expect(interval.body.definitions.every((d) => d.interval === 300 && d.spread === 150)).toBe(true);
    // Three runs: start, +300, +600; stopped half an interval after the last.
    expect(interval.body.stop_time! - interval.body.start_time).toBe(750);
    const pair = plan.tests.find((t) => t.test === 'cache-merge-tail')!;
    expect(pair.schedule).toBe('timed pair');
    expect(pair.queries).toEqual([
      expect.objectContaining({ request: 'one-off', purpose: 'warm-up', query_argument: 'cdn.cache-merge-tail.rtest01.probe.example.net' }),
      expect.objectContaining({ request: 'pair-second', purpose: 'check', query_argument: 'cache-merge-tail.rtest01.probe.example.net' }),
    ]);
    const second = plan.requests.find((r) => r.name === 'pair-second')!.body;
    expect(second.start_time - plan.schedule.start).toBe(300);
    expect(second.is_oneoff).toBe(true);
  });

  it('selects tests and probes, and says which tests Atlas cannot run', () => {
    const some = planAtlas({ zone: 'Probe.Example.NET.', tests: 'whole-chain,dname', probes: { ids: [1001, 1002, 1001] }, af: 6, runId: 'r1', now: NOW });
    expect(some.zone).toBe('probe.example.net');
    expect(some.requests.map((r) => r.name)).toEqual(['one-off']);
    expect(some.requests[0]!.body.probes).toEqual([{ requested: 2, type: 'probes', value: '1001,1002' }]);
    expect(some.requests[0]!.body.definitions.every((d) => d.af === 6)).toBe(true);
    expect(some.tests.map((t) => t.test)).toEqual(['whole-chain', 'dname-canonical', 'dname-one-address', 'dname-cname-first', 'dname-address-first', 'dname-aaaa-nodata']);
    const zonemd = planAtlas({ zone: 'probe.example.net', tests: 'whole-chain,zonemd', now: NOW });
    expect(zonemd.notPlanned.length).toBeGreaterThan(0);
    expect(zonemd.notPlanned[0]!.reason).toMatch(/transfer/);
    expect(() => planAtlas({ zone: 'probe', now: NOW })).toThrow(/two labels/);
    expect(() => planAtlas({ zone: 'probe.example.net', tests: 'nope', now: NOW })).toThrow(/no probe test or group matches nope/);
    expect(() => planAtlas({ zone: 'probe.example.net', interval: 30, now: NOW })).toThrow(/minimum of 60/);
    expect(() => planAtlas({ zone: 'probe.example.net', probes: { area: 'Mars', requested: 5 }, now: NOW })).toThrow(/area "Mars"/);
  });

  it('reads a plan back, and refuses anything else', () => {
    expect(readPlanDocument(JSON.parse(JSON.stringify(plan)), 'plan.json').runId).toBe('rtest01');
    expect(() => readPlanDocument({ schema: 'other' }, 'x.json')).toThrow(/x.json is not a dnsorder.atlas-plan\/v1 plan/);
  });
});

describe('dnsorder atlas plan', () => {
  it('writes the plan as JSON on stdout and says how to serve the names', async () => {
    const r = await runCli(['atlas', 'plan', '--zone', 'probe.example.net', '--probes', '20', '--area', 'West', '--tests', 'out-of-order', '--start', '2026-02-01T00:00:00Z', '--run-id', 'rcli1']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.requests[0].body.start_time).toBe(Date.UTC(2026, 1, 1) / 1000);
    expect(doc.requests[0].body.probes).toEqual([{ requested: 20, type: 'area', value: 'West' }]);
    expect(r.stderr).toContain('dnsorder probe --authority-only');
    expect(r.stderr).toContain('--plan PLAN.json');
  });

  it('refuses a missing zone, a format and files, with exit 2', async () => {
    expect((await runCli(['atlas', 'plan'])).stderr).toMatch(/needs --zone/);
    expect((await runCli(['atlas', 'plan', '--zone', 'probe.example.net', '--format', 'md'])).code).toBe(2);
    expect((await runCli(['atlas', 'plan', 'x.json', '--zone', 'probe.example.net'])).stderr).toMatch(/takes no files/);
    expect((await runCli(['atlas', 'plan', '--zone', 'probe.example.net', '--probe-ids', '1,x'])).stderr).toMatch(/not a probe id/);
  });
});
