// `dnsorder probe --print-config KIND`: the configuration that sends the probe
// zone to the authority, for each resolver, with the settings that keep the
// partial-expiry tests honest (no serve-stale, no prefetch, no minimum TTL
// above the tests' 2 s) and that stop validation from rejecting the unsigned
// probe zone under the nonexistent `test.` TLD. The lab's full configs
// (test/helpers/resolvers.ts) make the same choices.

import { formatEndpoint, type Endpoint } from './address.js';
import { ProbeError } from './errors.js';

export const RESOLVER_KINDS = ['unbound', 'bind', 'knot-resolver', 'powerdns-recursor', 'dnsmasq'] as const;
export type ResolverKind = (typeof RESOLVER_KINDS)[number];

export interface SnippetOptions {
  authority: Endpoint;
  zone: string;
  /**
   * unbound only: also load this zone by AXFR from the authority with ZONEMD checks (an auth-zone),
   * for `dnsorder probe --group zonemd`. The other resolvers have no snippet for it (see README).
   */
  zonemdZone?: string;
  /** Knot Resolver only: STUB (kresd iterates against the authority; default) or FORWARD (asks it as a recursive upstream). */
  knotMode?: 'STUB' | 'FORWARD';
}

export function isResolverKind(kind: string): kind is ResolverKind {
  return (RESOLVER_KINDS as readonly string[]).includes(kind);
}

export function configSnippet(kind: string, options: SnippetOptions): string {
  if (!isResolverKind(kind)) {
    throw new ProbeError('ERR_PROBE_UNKNOWN_RESOLVER_KIND', `no configuration snippet for "${kind}" (known: ${RESOLVER_KINDS.join(', ')})`);
  }
  const { authority: a, zone } = options;
  const v6 = a.address.includes(':');
  const tld = zone.split('.').filter(Boolean).at(-1)!;
  switch (kind) {
    case 'unbound':
      return [
        `# unbound.conf: send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}`,
        'server:',
        '  # the authority listens on loopback, which unbound refuses to query by default',
        '  do-not-query-localhost: no',
        ...(tld === 'test' ? ['  # unbound answers test. itself (RFC 6761) unless told not to', '  local-zone: "test." nodefault'] : []),
        '  # the probe zone is unsigned and its parent does not exist: do not validate it',
        `  domain-insecure: "${zone}"`,
        '  # partial-expiry tests: records must expire when their TTL says',
        '  cache-min-ttl: 0',
        '  serve-expired: no',
        '  prefetch: no',
        'stub-zone:',
        `  name: "${zone}"`,
        `  stub-addr: ${a.address}@${a.port}`,
        ...(options.zonemdZone ? unboundAuthZone(options.zonemdZone, zone, a) : []),
        '',
      ].join('\n');
    case 'bind':
      return [
        `// named.conf: send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}`,
        '// add to your options { } block:',
        `//   validate-except { "${zone}"; };  // unsigned probe zone under a TLD that does not exist`,
        '//   stale-answer-enable no; stale-cache-enable no;  // partial-expiry tests: no stale answers,',
        '//   prefetch 0; min-cache-ttl 0;                    // no refresh before expiry, no minimum TTL',
        `zone "${zone}" { type forward; forward only; forwarders { ${a.address} port ${a.port}; }; };`,
        '',
      ].join('\n');
    case 'knot-resolver': {
      const mode = options.knotMode ?? 'STUB';
      return [
        `-- kresd config (Lua): send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}`,
        `-- policy.${mode}: ${mode === 'STUB' ? 'kresd iterates against the authority' : 'kresd asks the authority as a recursive upstream'} (the other mode: policy.${mode === 'STUB' ? 'FORWARD' : 'STUB'})`,
        `policy.add(policy.suffix(policy.${mode}({'${a.address}@${a.port}'}), {todname('${zone}.')}))`,
        '-- the probe zone is unsigned and its parent does not exist: do not validate it',
        `trust_anchors.set_insecure({'${zone}'})`,
        '-- partial-expiry tests: the default minimum cache TTL (5 s) would outlive the 2 s records',
        'cache.min_ttl(0)',
        '',
      ].join('\n');
    }
    case 'powerdns-recursor':
      return [
        `# recursor.conf: send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}`,
        '# (with a forward-zones line already there, add this zone to it after a comma: pdns_recursor 4.x',
        '# refuses "forward-zones+=" when no forward-zones= came before)',
        `forward-zones=${zone}=${v6 ? `[${a.address}]` : a.address}:${a.port}`,
        '# the probe zone is unsigned and its parent does not exist: validation must not reject it',
        '# (dnssec=off, or a negative trust anchor: addNTA("' + zone + '") in lua-config-file)',
        'dnssec=off',
        '# partial-expiry tests: no minimum TTL, no stale answers, no refresh before expiry',
        'minimum-ttl-override=0',
        'serve-stale-extensions=0',
        'refresh-on-ttl-perc=0',
        '',
      ].join('\n');
    case 'dnsmasq':
      return [
        `# dnsmasq.conf (or the same as --options): send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}`,
        `server=/${zone}/${a.address}#${a.port}`,
        '# bind only the addresses you listen on, never every interface',
        'bind-interfaces',
        '',
      ].join('\n');
  }
}

/** The auth-zone block of `--group zonemd`: an RFC 8806-style local copy of the zonemd zone, transferred from the authority. */
function unboundAuthZone(zonemdZone: string, probeZone: string, a: Endpoint): string[] {
  const under = (name: string, zone: string) => name.toLowerCase() === zone.toLowerCase() || name.toLowerCase().endsWith(`.${zone.toLowerCase()}`);
  const tld = zonemdZone.split('.').filter(Boolean).at(-1)!;
  const probeTld = probeZone.split('.').filter(Boolean).at(-1)!;
  return [
    `# --group zonemd: a local copy of ${zonemdZone}, transferred from the authority (RFC 8806 style)`,
    '# and checked against its ZONEMD (RFC 8976); the probe swaps its content and sends NOTIFY',
    ...(under(zonemdZone, probeZone) ? [] : [
      'server:',
      ...(tld === 'test' && probeTld !== 'test' ? ['  local-zone: "test." nodefault'] : []),
      `  domain-insecure: "${zonemdZone}"`,
    ]),
    'auth-zone:',
    `  name: "${zonemdZone}"`,
    '  # the primary may also send NOTIFY',
    `  primary: ${a.address}@${a.port}`,
    '  zonemd-check: yes',
    '  # answer clients from the local copy; never fall back to asking the authority',
    '  for-downstream: yes',
    '  for-upstream: no',
    '  fallback-enabled: no',
  ];
}
