import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSnippet, dnstapLines, RESOLVER_KINDS } from '../../../src/probe/config-snippets.js';

const authority = { address: '127.0.0.1', port: 5300 };
const dnstap = { socketPath: '/run/dnsorder/dnstap.sock' };

describe('--print-config … --dnstap-socket PATH', () => {
  it('adds the dnstap lines for each resolver that has them, and leaves the output as it was without them', () => {
    for (const kind of RESOLVER_KINDS) {
      const plain = configSnippet(kind, { authority, zone: 'probe.test' });
      const withDnstap = configSnippet(kind, { authority, zone: 'probe.test', dnstap });
      expect(withDnstap.startsWith(plain.trimEnd()), kind).toBe(true);
      expect(withDnstap, kind).toContain('dnsorder watch --dnstap-socket /run/dnsorder/dnstap.sock');
      expect(plain, kind).not.toContain('dnstap');
    }
  });

  it('unbound: a live dnstap: clause, bidirectional, client queries and responses, identity and version', () => {
    expect(configSnippet('unbound', { authority, zone: 'probe.test', dnstap })).toContain([
      'dnstap:', '  dnstap-enable: yes', '  dnstap-bidirectional: yes', '  dnstap-socket-path: "/run/dnsorder/dnstap.sock"',
      '  dnstap-send-identity: yes', '  dnstap-send-version: yes',
      '  dnstap-log-client-query-messages: yes', '  dnstap-log-client-response-messages: yes',
    ].join('\n'));
  });

  it('BIND: options-block statements (commented, like the other options lines); Knot Resolver: the module; pdns: the Lua line; dnsmasq: none', () => {
    expect(configSnippet('bind', { authority, zone: 'probe.test', dnstap })).toContain('//   dnstap { client; };\n//   dnstap-output unix "/run/dnsorder/dnstap.sock";');
    expect(configSnippet('knot-resolver', { authority, zone: 'probe.test', dnstap })).toContain("modules = { dnstap = { socket_path = '/run/dnsorder/dnstap.sock'");
    const pdns = configSnippet('powerdns-recursor', { authority, zone: 'probe.test', dnstap });
    expect(pdns).toContain('#   dnstapFrameStreamServer({"/run/dnsorder/dnstap.sock"}, {logQueries=true, logResponses=true})');
    expect(pdns).toContain('not its own answers to clients');
    expect(dnstapLines('dnsmasq', dnstap)).toEqual([]);
    expect(configSnippet('dnsmasq', { authority, zone: 'probe.test', dnstap })).toContain('dnsmasq has none');
  });

  it('a second route in the same file repeats no dnstap lines', () => {
    expect(configSnippet('unbound', { authority, zone: 'other.test', dnstap, routeOnly: true })).not.toContain('dnstap');
  });
});

describe('README "Watch your resolver"', () => {
  it('shows the lines --print-config prints for each resolver with dnstap', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Watch your resolver'), readme.indexOf('## Commands'));
    for (const kind of ['unbound', 'bind', 'knot-resolver', 'powerdns-recursor'] as const) {
      for (const line of dnstapLines(kind, dnstap)) expect(section, kind).toContain(line);
    }
  });
});
