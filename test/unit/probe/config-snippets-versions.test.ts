// `--print-config KIND --for-version X.Y`: the lines a version accepts. The lab runs them: probe-lab.test.ts
// on the host's Debian 12 versions, probe-lab-roots.test.ts on Debian 13's (unbound 1.26, BIND 9.20,
// Knot Resolver 5.7, PowerDNS Recursor 5.2, dnsmasq 2.91) inside the trixie root.
import { describe, expect, it } from 'vitest';
import { installedResolverVersion } from '../../../src/cli/probe-modes.js';
import { configSnippet, parseResolverVersion, RESOLVER_KINDS, RESOLVER_SETTINGS, VERSION_NOTES, type ResolverKind } from '../../../src/probe/config-snippets.js';
import { runCli } from '../../helpers/cli.js';

const authority = { address: '127.0.0.1', port: 5300 };
const zone = 'probe.test';

/** Debian 12's and Debian 13's versions. */
const BOOKWORM: Record<ResolverKind, string> = { unbound: '1.17.1', bind: '9.18.49', 'knot-resolver': '5.6.0', 'powerdns-recursor': '4.8.8', dnsmasq: '2.90' };
const TRIXIE: Record<ResolverKind, string> = { unbound: '1.26.2', bind: '9.20.30', 'knot-resolver': '5.7.5', 'powerdns-recursor': '5.2.13', dnsmasq: '2.91' };

/** The top-level keys of a YAML text (a line starting with a name and a colon). */
const topKeys = (text: string) => text.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.slice(0, l.indexOf(':')));

describe('resolver versions', () => {
  it('reads X.Y, X.Y.Z and Debian package versions; refuses anything else', () => {
    expect(parseResolverVersion('5.2')).toEqual([5, 2]);
    expect(parseResolverVersion('9.20.30-1~deb13u1-Debian')).toEqual([9, 20]);
    expect(parseResolverVersion('1:9.18.49-1~deb12u3')).toEqual([9, 18]);
    expect(parseResolverVersion('dnsmasq-2.91')).toBeUndefined();
    expect(parseResolverVersion('5')).toBeUndefined();
    expect(parseResolverVersion('latest')).toBeUndefined();
  });

  it.each(RESOLVER_KINDS)('%s: no version and Debian 12\'s version print the same lines (the snippet the host lab measured)', (kind) => {
    for (const options of [{}, { profile: 'production' as const }, { dnstap: { socketPath: '/run/d.sock' } }]) {
      expect(configSnippet(kind, { authority, zone, ...options, version: BOOKWORM[kind] })).toBe(configSnippet(kind, { authority, zone, ...options }));
    }
  });

  it('Debian 13: only unbound (production serve-stale) and PowerDNS Recursor (YAML) change; each change is in VERSION_NOTES', () => {
    for (const kind of RESOLVER_KINDS) {
      const changed = RESOLVER_SETTINGS.some((s) => configSnippet(kind, { authority, zone, settings: [s], version: TRIXIE[kind] }) !== configSnippet(kind, { authority, zone, settings: [s] }));
      expect(changed, kind).toBe(kind === 'unbound' || kind === 'powerdns-recursor');
      expect(VERSION_NOTES[kind].length > 0, kind).toBe(changed);
    }
  });
});

describe('PowerDNS Recursor 5: YAML', () => {
  it('5.x gets recursor.yml\'s YAML: the zone in recursor.forward_zones, validation off; no old-style line', () => {
    for (const version of ['5.0', '5.1', '5.2', '5.2.13']) {
      const text = configSnippet('powerdns-recursor', { authority, zone, version });
      expect(text, version).toContain('recursor.yml');
      expect(text, version).toContain('dnssec:\n  # the probe zone is unsigned');
      expect(text, version).toContain('  validation: off\n');
      expect(text, version).toContain('recursor:\n');
      expect(text, version).toContain('  forward_zones:\n  - zone: probe.test\n    forwarders:\n    - 127.0.0.1:5300\n');
      expect(text, version).not.toMatch(/^[a-z-]+=/m);
    }
    expect(configSnippet('powerdns-recursor', { authority, zone, version: '4.9' })).toContain('\nforward-zones=probe.test=127.0.0.1:5300\n');
  });

  it('puts each setting where rec_control show-yaml converts it, each section once, recursor last with forward_zones at its end', () => {
    const plain = configSnippet('powerdns-recursor', { authority, zone, version: '5.2' });
    expect(plain).toContain('recordcache:');
    expect(plain).toMatch(/\n {2}serve_stale_extensions: 0\n/);
    expect(plain).toMatch(/\n {2}refresh_on_ttl_perc: 0\n/);
    expect(plain).toMatch(/\nrecursor:\n(?: {2}#.*\n)* {2}minimum_ttl_override: 0\n {2}forward_zones:/);
    const production = configSnippet('powerdns-recursor', { authority, zone, version: '5.2', profile: 'production' });
    expect(production).toMatch(/\nrecordcache:\n(.*\n)*? {2}serve_stale_extensions: 120\n(.*\n)*? {2}refresh_on_ttl_perc: 10\n(.*\n)*? {2}max_entries: 10000\n/);
    expect(production).toMatch(/\npacketcache:\n(?: {2}#.*\n)* {2}max_entries: 10000\n/);
    expect(production).toContain('  minimum_ttl_override: 30\n');
    expect(production).toContain('partial-expiry inconclusive (minimum TTL)');
    for (const text of [plain, production]) {
      const keys = topKeys(text);
      expect(new Set(keys).size, keys.join(',')).toBe(keys.length);
      expect(keys.at(-1)).toBe('recursor');
      expect(text.trimEnd().endsWith('    - 127.0.0.1:5300')).toBe(true);
    }
  });

  it('a second route is one more forward_zones entry (it follows the first snippet\'s list); IPv6 in brackets', () => {
    const second = configSnippet('powerdns-recursor', { authority: { address: '::1', port: 5301 }, zone: 'other.test', version: '5.2', routeOnly: true });
    expect(second).toBe('# send other.test to the dnsorder probe authority at [::1]:5301: an entry of recursor: forward_zones:\n  - zone: other.test\n    forwarders:\n    - [::1]:5301\n');
  });

  it('4.x: a second route adds to the first forward-zones line (a second "forward-zones=" would replace it)', () => {
    const first = configSnippet('powerdns-recursor', { authority, zone, version: '4.8' });
    const second = configSnippet('powerdns-recursor', { authority, zone: 'other.test', version: '4.8', routeOnly: true });
    expect(first).toMatch(/^forward-zones=/m);
    expect(second).toMatch(/^forward-zones\+=other\.test=/m);
    expect(second).not.toMatch(/^forward-zones=/m);
  });

  it('dnstap: the YAML logging section from 5.1 (the Lua file before)', () => {
    const dnstap = { socketPath: '/run/d.sock' };
    const v52 = configSnippet('powerdns-recursor', { authority, zone, version: '5.2', dnstap });
    expect(v52).toContain('logging:\n  dnstap_framestream_servers:\n  - servers:\n    - /run/d.sock\n    logQueries: true\n    logResponses: true\n');
    expect(v52).not.toContain('dnstapFrameStreamServer');
    expect(configSnippet('powerdns-recursor', { authority, zone, version: '5.0', dnstap })).toContain('#   dnstapFrameStreamServer({"/run/d.sock"}');
  });
});

describe('unbound 1.23 and later', () => {
  it('production serve-stale sets serve-expired-client-timeout 0 (its default became 1800), with what 1.26 was measured to do', () => {
    const at = (version: string) => configSnippet('unbound', { authority, zone, settings: ['serve-stale'], version });
    expect(at('1.22')).not.toContain('serve-expired-client-timeout');
    expect(at('1.23')).toContain('  serve-expired: yes\n  serve-expired-client-timeout: 0\n');
    expect(at('1.26.2')).toMatch(/record's own TTL \(2\).*inconclusive \(stale\), or tests pass/);
    // The other stale setting already names its timeout.
    expect(configSnippet('unbound', { authority, zone, settings: ['serve-stale-client-timeout'], version: '1.26' })).toContain('serve-expired-client-timeout: 1800');
  });
});

describe('dnsorder probe --print-config KIND --for-version X.Y', () => {
  it('prints the lines of that version', async () => {
    const r = await runCli(['probe', '--print-config', 'powerdns-recursor', '--for-version', '5.2', '--authority', '127.0.0.1:5399']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(configSnippet('powerdns-recursor', { authority: { address: '127.0.0.1', port: 5399 }, zone, zonemdZone: 'zonemd.probe.test', version: '5.2' }));
    expect(r.stdout).toContain('forward_zones:');
  });

  it('defaults to the version installed on this host (none: Debian 12\'s lines)', async () => {
    const installed = await installedResolverVersion('powerdns-recursor');
    const r = await runCli(['probe', '--print-config', 'powerdns-recursor', '--authority', '127.0.0.1:5399']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(configSnippet('powerdns-recursor', { authority: { address: '127.0.0.1', port: 5399 }, zone, zonemdZone: 'zonemd.probe.test', version: installed }));
  });

  it('refuses a version that is not one, and --for-version without --print-config', async () => {
    const bad = await runCli(['probe', '--print-config', 'unbound', '--for-version', 'latest']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--for-version wants a version such as 5.2')]);
    const alone = await runCli(['probe', '127.0.0.1:9', '--for-version', '5.2']);
    expect([alone.code, alone.stderr]).toEqual([2, expect.stringContaining('--for-version goes with --print-config KIND')]);
  });
});
