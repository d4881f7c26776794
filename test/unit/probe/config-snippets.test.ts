import { describe, expect, it } from 'vitest';
import { configSnippet, productionProfile, RESOLVER_KINDS } from '../../../src/probe/config-snippets.js';
import { runCli } from '../../helpers/cli.js';

describe('configuration snippets', () => {
  const authority = { address: '127.0.0.1', port: 5300 };
  const expectations: Record<string, string[]> = {
    unbound: ['stub-addr: 127.0.0.1@5300', 'name: "probe.test"', 'local-zone: "test." nodefault', 'do-not-query-localhost: no', 'cache-min-ttl: 0'],
    bind: ['zone "probe.test" { type forward; forward only; forwarders { 127.0.0.1 port 5300; }; };', 'validate-except { "probe.test"; };'],
    'knot-resolver': ["policy.add(policy.suffix(policy.STUB({'127.0.0.1@5300'}), {todname('probe.test.')}))", 'cache.min_ttl(0)'],
    'powerdns-recursor': ['\nforward-zones=probe.test=127.0.0.1:5300\n', 'dnssec=off'],
    dnsmasq: ['server=/probe.test/127.0.0.1#5300', 'bind-interfaces'],
  };
  it.each(RESOLVER_KINDS)('%s routes the zone to the authority', (kind) => {
    const text = configSnippet(kind, { authority, zone: 'probe.test' });
    for (const line of expectations[kind]!) expect(text).toContain(line);
  });
  it('says what the lab measured: Knot Resolver\'s STUB policy relays without chasing, FORWARD chases', () => {
    const stub = configSnippet('knot-resolver', { authority, zone: 'probe.test' });
    expect(stub).not.toMatch(/iterates/);
    expect(stub).toContain('it neither chases CNAMEs nor reorders the chain');
    expect(configSnippet('knot-resolver', { authority, zone: 'probe.test', knotMode: 'FORWARD' })).toContain('chases CNAMEs and builds the answer itself');
  });

  it.each(RESOLVER_KINDS)('--profile production prints %s\'s common production options with what the probe then reports, instead of the plain settings', (kind) => {
    const plain = configSnippet(kind, { authority, zone: 'probe.test' });
    const production = configSnippet(kind, { authority, zone: 'probe.test', profile: 'production' });
    for (const line of expectations[kind]!.filter((l) => !/min_?-?ttl|cache-min/.test(l))) expect(production).toContain(line);
    expect(production).toContain('production options; what the probe reports with each');
    for (const setting of productionProfile(kind)) expect(production, setting).toMatch(/partial-expiry (tests pass|verdicts unchanged|inconclusive \((stale|minimum TTL)\))/);
    expect(production).toMatch(/inconclusive \(minimum TTL\)/);
    expect(plain).not.toContain('production options');
  });

  it('sets Knot Resolver\'s cache size before its minimum TTL (cache.size reopens the cache and resets cache.min_ttl)', () => {
    const lines = configSnippet('knot-resolver', { authority, zone: 'probe.test', settings: ['small-cache'] }).split('\n');
    expect(lines.findIndex((l) => l.startsWith('cache.size'))).toBeLessThan(lines.indexOf('cache.min_ttl(0)'));
  });

  it('writes IPv6 authorities the way each resolver reads them', () => {
    const v6 = { authority: { address: '::1', port: 5300 }, zone: 'probe.test' };
    expect(configSnippet('unbound', v6)).toContain('stub-addr: ::1@5300');
    expect(configSnippet('powerdns-recursor', v6)).toContain('probe.test=[::1]:5300');
    expect(configSnippet('knot-resolver', { ...v6, knotMode: 'FORWARD' })).toContain("policy.FORWARD({'::1@5300'})");
  });
  it('is what dnsorder probe --print-config prints, for the --authority given', async () => {
    const result = await runCli(['probe', '--print-config', 'dnsmasq', '--authority', '127.0.0.1:5399', '--zone', 'p.example']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(configSnippet('dnsmasq', { authority: { address: '127.0.0.1', port: 5399 }, zone: 'p.example' }));
    expect(result.stdout).toContain('server=/p.example/127.0.0.1#5399');
    const production = await runCli(['probe', '--print-config', 'unbound', '--profile', 'production', '--authority', '127.0.0.1:5399']);
    expect(production.code).toBe(0);
    expect(production.stdout).toBe(configSnippet('unbound', { authority: { address: '127.0.0.1', port: 5399 }, zone: 'probe.test', zonemdZone: 'zonemd.probe.test', profile: 'production' }));
    expect(production.stdout).toContain('serve-expired: yes');
  });
});
