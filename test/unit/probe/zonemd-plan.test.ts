import { describe, expect, it } from 'vitest';
import { configSnippet } from '../../../src/probe/config-snippets.js';
import {
  classifyZonemd, defaultZonemdZone, judgeZonemd, splitZonemdSelectors, TEXT_ONLY_VARIANTS, zonemdProbeTests, zonemdZoneRecords,
  type ZonemdObservation, type ZonemdProbeTest,
} from '../../../src/probe/zonemd-plan.js';
import { ZonemdProbeZone } from '../../../src/probe/zonemd-zone.js';
import { runCli } from '../../helpers/cli.js';

const test = (variant: string): ZonemdProbeTest => zonemdProbeTests().find((t) => t.variant === variant)!;
/** The SOA serial from raw RDATA (the zone's records carry wire RDATA). */
const serialOf = (r: { data: unknown }) => Buffer.from(r.data as Uint8Array).readUInt32BE((r.data as Uint8Array).length - 20);
const soaSerial = (records: ReturnType<typeof zonemdZoneRecords>) => serialOf(records.find((r) => r.type === 'SOA')!);

describe('zonemd probe group: the tests', () => {
  it('has one test per variant that differs over AXFR, with the variant\'s expected verdict', () => {
    const tests = zonemdProbeTests();
    expect(tests.length).toBe(17);
    expect(tests.every((t) => t.id === `zonemd-${t.variant}` && t.group === 'zonemd')).toBe(true);
    for (const name of TEXT_ONLY_VARIANTS) expect(tests.some((t) => t.variant === name)).toBe(false);
    expect(test('valid-sha384')).toMatchObject({ expected: 'accept', class: 'verifies' });
    expect(test('stale-zonemd')).toMatchObject({ expected: 'reject', class: 'fails' });
    expect(test('serial-mismatch')).toMatchObject({ expected: 'reject', class: 'fails' });
    expect(test('private-algorithm-241')).toMatchObject({ expected: 'reject', class: 'unsupported' });
    expect(test('zonemd-only-below-apex')).toMatchObject({ expected: 'reject', class: 'absent' });
  });

  it('is opt-in: only `zonemd` or selectors beginning zonemd- select it', () => {
    expect(splitZonemdSelectors(undefined)).toEqual({ tests: [], rest: [], unknown: [] });
    expect(splitZonemdSelectors(['all'])).toEqual({ tests: [], rest: ['all'], unknown: [] });
    expect(splitZonemdSelectors(['*']).tests).toEqual([]);
    expect(splitZonemdSelectors(['zonemd']).tests).toHaveLength(17);
    expect(splitZonemdSelectors(['zonemd-*']).tests).toHaveLength(17);
    expect(splitZonemdSelectors(['cache', 'zonemd-valid-*'])).toMatchObject({ rest: ['cache'], unknown: [] });
    expect(splitZonemdSelectors(['zonemd-valid-*']).tests.map((t) => t.variant)).toEqual(['valid-sha384', 'valid-sha512', 'valid-both']);
    expect(splitZonemdSelectors(['zonemd-nope']).unknown).toEqual(['zonemd-nope']);
  });

  it('builds each step\'s zone under the step\'s serial', () => {
    expect(defaultZonemdZone('probe.test.')).toBe('zonemd.probe.test');
    const valid = zonemdZoneRecords('zonemd.probe.test', 'valid-sha384', 4_000_000_000);
    expect(soaSerial(valid)).toBe(4_000_000_000);
    expect(valid.filter((r) => r.type === 'ZONEMD')).toHaveLength(1);
    const stale = zonemdZoneRecords('zonemd.probe.test', 'stale-zonemd', 7);
    expect(soaSerial(stale)).toBe(7);
    expect(stale.length).toBe(valid.length + 1);
    expect(() => zonemdZoneRecords('zonemd.probe.test', 'no-such-variant', 1)).toThrow(/no ZONEMD variant/);
  });

  it('serves and transfers the swapped content', () => {
    const zone = new ZonemdProbeZone('zonemd.probe.test', 100);
    expect(zone.variant).toBe('valid-sha384');
    zone.load('serial-mismatch', 101);
    const axfr = zone.transferRecords();
    expect([axfr[0]!.type, axfr.at(-1)!.type]).toEqual(['SOA', 'SOA']);
    expect(serialOf(axfr[0]!)).toBe(101);
    expect(zone.lookup('www.zonemd.probe.test', 'A').answers.map((r) => [...(r.data as Uint8Array)].join('.'))).toEqual(['192.0.2.1']);
    expect(zone.serial).toBe(101);
  });
});

describe('zonemd probe group: verdicts', () => {
  const seen = (answer: ZonemdObservation['answer'], transferred = true): ZonemdObservation => ({ transferred, answer, newSerial: 11, olderSerial: 10 });
  const servedNew = seen({ rcode: 'NOERROR', serial: 11 });
  const refused = seen({ rcode: 'SERVFAIL' });
  const older = seen({ rcode: 'NOERROR', serial: 10 });

  it('classifies the resolver\'s answer', () => {
    expect(classifyZonemd(servedNew)).toBe('served new copy');
    expect(classifyZonemd({ ...servedNew, transferred: false })).toBe('served new copy');
    expect(classifyZonemd(refused)).toBe('refused');
    expect(classifyZonemd(older)).toBe('kept older copy');
    expect(classifyZonemd(seen({ rcode: 'NOERROR', serial: 10 }, false))).toBe('not transferred');
    expect(classifyZonemd(seen(undefined))).toBe('no answer');
    expect(classifyZonemd(seen({ rcode: 'NOERROR', serial: 3 }))).toBe('other answer');
  });

  it.each([
    ['valid-sha384', servedNew, 'pass'], ['valid-sha384', refused, 'violation'], ['valid-sha384', older, 'violation'],
    ['stale-zonemd', servedNew, 'violation'], ['stale-zonemd', refused, 'pass'], ['stale-zonemd', older, 'violation'],
    ['private-algorithm-241', servedNew, 'pass'], ['private-algorithm-241', refused, 'pass'], ['private-algorithm-241', older, 'violation'],
    ['zonemd-only-below-apex', servedNew, 'pass'], ['zonemd-only-below-apex', refused, 'pass'], ['zonemd-only-below-apex', older, 'violation'],
    ['serial-mismatch', seen({ rcode: 'NOERROR', serial: 10 }, false), 'inconclusive'], ['serial-mismatch', seen(undefined), 'error'],
  ] as const)('%s, resolver %j → %s', (variant, observation, verdict) => {
    expect(judgeZonemd(test(variant), observation).verdict).toBe(verdict);
  });

  it('names the 2023 stale-copy failure when the older copy stays', () => {
    const j = judgeZonemd(test('stale-zonemd'), older);
    expect(j).toMatchObject({ verdict: 'violation', behaviour: 'kept older copy' });
    expect(j.note).toMatch(/older copy \(serial 10\) after transferring serial 11: the 2023 stale-copy failure/);
  });
});

describe('zonemd probe group: configuration', () => {
  const authority = { address: '127.0.0.1', port: 5300 };
  it('adds an auth-zone for the zonemd zone to the unbound snippet, keeping the stub-zone', () => {
    const plain = configSnippet('unbound', { authority, zone: 'probe.test' });
    const text = configSnippet('unbound', { authority, zone: 'probe.test', zonemdZone: 'zonemd.probe.test' });
    expect(text.startsWith(plain.trimEnd())).toBe(true);
    expect(plain).not.toContain('auth-zone:');
    for (const line of ['auth-zone:', '  name: "zonemd.probe.test"', '  primary: 127.0.0.1@5300', '  zonemd-check: yes', '  fallback-enabled: no']) {
      expect(text).toContain(`${line}\n`);
    }
    expect(text).not.toContain('domain-insecure: "zonemd.probe.test"');
    expect(configSnippet('unbound', { authority, zone: 'probe.test', zonemdZone: 'zonemd.example' })).toContain('  domain-insecure: "zonemd.example"\n');
  });

  it('is what --print-config unbound prints, with zonemd.<zone> by default', async () => {
    const result = await runCli(['probe', '--print-config', 'unbound', '--authority', '127.0.0.1:5399', '--zone', 'p.test']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(configSnippet('unbound', { authority: { address: '127.0.0.1', port: 5399 }, zone: 'p.test', zonemdZone: 'zonemd.p.test' }));
    const other = await runCli(['probe', '--print-config', 'unbound', '--authority', '127.0.0.1:5399', '--zonemd-zone', 'md.test']);
    expect(other.stdout).toContain('  name: "md.test"\n');
  });

  it('lists the group as opt-in', async () => {
    const result = await runCli(['probe', '--list']);
    expect(result.stdout).toMatch(/zonemd-stale-zonemd\s+zonemd \(opt-in\)/);
  });
});
