// The dnsorder/testing probe helpers, against in-process stand-in resolvers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeResolver } from '../../../src/probe/runner.js';
import { checkProbe, expectProbeToPass, installProbeMatchers, withProbeAuthority } from '../../../src/testing/probe.js';
import { startFakeResolver, type FakeResolver } from './fake-resolver.js';

installProbeMatchers();
const authority = withProbeAuthority();
const TESTS = ['whole-chain', 'authority-a-first', 'chase-three-hops'];

describe('withProbeAuthority + expectProbeToPass', () => {
  let reversing: FakeResolver;
  beforeAll(async () => {
    reversing = await startFakeResolver(authority, (answers) => [...answers].reverse());
  });
  afterAll(() => reversing.close());

  it('serves a probe zone on a free loopback port and prints the config that routes it there', () => {
    expect(authority.address).toBe('127.0.0.1');
    expect(authority.port).toBeGreaterThan(0);
    expect(authority.configFor('unbound')).toContain(`stub-addr: 127.0.0.1@${authority.port}`);
    expect(authority.configFor('unbound')).not.toContain('auth-zone:');
    // The zonemd group's transferable zone, only when asked for.
    expect(authority.zonemd?.origin).toBe(`zonemd.${authority.origin}`);
    const withZonemd = authority.configFor('unbound', { zonemd: true });
    expect(withZonemd).toContain(`name: "zonemd.${authority.origin}"`);
    expect(withZonemd).toContain(`primary: 127.0.0.1@${authority.port}`);
  });

  it('fails a resolver that breaks order, naming the tests, and accepts a status list of known verdicts', async () => {
    const report = await probeResolver({ resolver: reversing, authority, tests: TESTS });
    expect(() => expectProbeToPass(report)).toThrow(/whole-chain=violation .*chain-start/);
    expect(report).not.toPassProbe();
    // The fake forwarder does not chase: inconclusive is allowed unless strict.
    const known = { 'whole-chain': 'violation', 'authority-a-first': ['violation', 'error'] } as const;
    expect(report).toPassProbe({ known });
    expect(checkProbe(report, { known, strict: true }).problems).toEqual([expect.stringMatching(/^chase-three-hops=inconclusive/)]);
  });

  it('fails when a known entry goes stale (the test now passes, or is gone)', async () => {
    const report = await probeResolver({ resolver: reversing, authority, tests: ['whole-chain'] });
    const check = checkProbe(report, { known: { 'whole-chain': 'error', 'renamed-test': 'violation' } });
    expect(check.problems).toEqual([
      expect.stringMatching(/^whole-chain=violation .*known: error; update the list/),
      expect.stringMatching(/^renamed-test: listed as known but not in the report/),
    ]);
  });
});
