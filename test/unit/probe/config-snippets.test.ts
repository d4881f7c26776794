import { describe, expect, it } from 'vitest';
import { configSnippet, RESOLVER_KINDS } from '../../../src/probe/config-snippets.js';
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
  });
});
