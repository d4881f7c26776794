// `dnsorder probe --print-config KIND [--profile plain|production]`: the
// configuration that sends the probe zone to the authority, for each resolver.
//
// The plain profile adds the settings that let the partial-expiry tests see
// expiry (no serve-stale, no prefetch, no minimum TTL above the tests' 2 s)
// and stops validation from rejecting the unsigned probe zone under the
// nonexistent `test.` TLD. The production profile prints, beside the same
// routing lines, the options operators commonly turn on (serve-stale, prefetch,
// a minimum cache TTL, a small cache), each with what the probe reports with
// it, as measured in the lab: probe the configuration you actually run. The
// lab (test/helpers/resolvers.ts) starts each resolver from these lines.

import { formatEndpoint, type Endpoint } from './address.js';
import { ProbeError } from './errors.js';

export const RESOLVER_KINDS = ['unbound', 'bind', 'knot-resolver', 'powerdns-recursor', 'dnsmasq'] as const;
export type ResolverKind = (typeof RESOLVER_KINDS)[number];

export const PROBE_PROFILES = ['plain', 'production'] as const;
export type ProbeProfile = (typeof PROBE_PROFILES)[number];

/** What operators commonly turn on, by what it does to a cache (one knob each; the two stale settings share one). */
export const RESOLVER_SETTINGS = ['serve-stale', 'serve-stale-client-timeout', 'prefetch', 'min-ttl', 'small-cache'] as const;
export type ResolverSetting = (typeof RESOLVER_SETTINGS)[number];

export interface SnippetOptions {
  authority: Endpoint;
  zone: string;
  /**
   * unbound only: also load this zone by AXFR from the authority with ZONEMD checks (an auth-zone),
   * for `dnsorder probe --group zonemd`. The other resolvers have no snippet for it (see README).
   */
  zonemdZone?: string;
  /** Knot Resolver only: STUB (kresd relays each question to the authority; default) or FORWARD (kresd chases, asking the authority as its upstream). */
  knotMode?: 'STUB' | 'FORWARD';
  /** plain (default): settings that keep the partial-expiry tests honest; production: the options operators commonly turn on. */
  profile?: ProbeProfile;
  /** Instead of a profile: exactly these production settings, the rest plain (the lab's one-setting runs). */
  settings?: readonly ResolverSetting[];
  /** Leave the settings out (a second route in the same config file). */
  routeOnly?: boolean;
  /** Also log to `dnsorder watch` over dnstap, at this unix socket (the resolvers that have dnstap; see dnstapLines). */
  dnstap?: DnstapTarget;
  /**
   * The resolver's version (`5.2`, `5.2.13`, `9.20.30-1~deb13u1`): the syntax and the options that version
   * accepts (see VERSION_NOTES). Undefined: the syntax of Debian 12's versions (unbound 1.17, BIND 9.18,
   * Knot Resolver 5.6, PowerDNS Recursor 4.8, dnsmasq 2.90).
   */
  version?: string;
}

export interface DnstapTarget {
  socketPath: string;
}

/**
 * The lines that send a resolver's dnstap stream to `dnsorder watch --dnstap-socket PATH`, live (no
 * comment marks): unbound's `dnstap:` clause, BIND's options-block statements, Knot Resolver's module,
 * PowerDNS Recursor's lua-config-file line. configSnippet prints them (commented where the resolver wants
 * them in another block or file); the lab (test/helpers/resolvers.ts) writes them as they are.
 * Each logs the queries (counted) and the responses (judged) the resolver can log:
 * unbound, BIND and Knot Resolver their answers to clients (CLIENT_QUERY, CLIENT_RESPONSE);
 * PowerDNS Recursor 4.8 only the questions it sends upstream and the answers it gets (RESOLVER_QUERY,
 * RESOLVER_RESPONSE). dnsmasq has no dnstap: none.
 */
export function dnstapLines(kind: ResolverKind, target: DnstapTarget, version?: string): string[] {
  const path = target.socketPath;
  // PowerDNS Recursor 5.1 takes the Lua config's settings in YAML too (recursor.yml's logging section).
  if (kind === 'powerdns-recursor' && atLeast(version, 5, 1)) {
    return ['logging:', '  dnstap_framestream_servers:', '  - servers:', `    - ${path}`, '    logQueries: true', '    logResponses: true'];
  }
  switch (kind) {
    case 'unbound':
      return [
        'dnstap:', '  dnstap-enable: yes', '  dnstap-bidirectional: yes', `  dnstap-socket-path: "${path}"`,
        '  dnstap-send-identity: yes', '  dnstap-send-version: yes',
        '  dnstap-log-client-query-messages: yes', '  dnstap-log-client-response-messages: yes',
      ];
    case 'bind':
      return ['dnstap { client; };', `dnstap-output unix "${path}";`, 'dnstap-identity hostname;'];
    case 'knot-resolver':
      return [`modules = { dnstap = { socket_path = '${path}', identity = hostname(), version = package_version(), client = { log_queries = true, log_responses = true } } }`];
    case 'powerdns-recursor':
      return [`dnstapFrameStreamServer({"${path}"}, {logQueries=true, logResponses=true})`];
    case 'dnsmasq':
      return [];
  }
}

function dnstapBlock(kind: ResolverKind, target: DnstapTarget | undefined, routeOnly: boolean | undefined, version?: string): string[] {
  if (!target || routeOnly) return [];
  const lines = dnstapLines(kind, target, version);
  const watch = `dnsorder watch --dnstap-socket ${target.socketPath}`;
  switch (kind) {
    case 'unbound':
      return [`# dnstap: every question and answer to clients, to ${watch}`, ...lines];
    case 'bind':
      return [
        `// dnstap: every question and answer to clients, to ${watch}; add to your options { } block:`,
        ...lines.map((l) => `//   ${l}`),
      ];
    case 'knot-resolver':
      return [
        `-- dnstap: every question and answer to clients, to ${watch}`,
        '-- (Knot Resolver 5.6 opens the socket only when it starts and never retries: start the watcher first)',
        ...lines,
      ];
    case 'powerdns-recursor':
      if (atLeast(version, 5, 1)) {
        return [
          `# dnstap, to ${watch}: pdns_recursor logs the questions it sends to authorities and their`,
          '# answers (RESOLVER_QUERY, RESOLVER_RESPONSE), not its own answers to clients:',
          ...lines,
        ];
      }
      if (atLeast(version, 5, 0)) {
        return [
          `# dnstap, to ${watch}: pdns_recursor 5.0 takes it only from a Lua file (recursor: lua_config_file: FILE), in which:`,
          ...lines.map((l) => `#   ${l}`),
        ];
      }
      return [
        `# dnstap, to ${watch}: pdns_recursor 4.8 logs the questions it sends to authorities and their`,
        '# answers (RESOLVER_QUERY, RESOLVER_RESPONSE), not its own answers to clients. In the Lua file',
        '# that lua-config-file= names:',
        ...lines.map((l) => `#   ${l}`),
      ];
    case 'dnsmasq':
      return [`# dnstap: dnsmasq has none; ${watch} cannot collect from it (capture its traffic for dnsorder check)`];
  }
}

/** `5.2`, `5.2.13`, `9.20.30-1~deb13u1-Debian`, `1:9.18.49-1` as [major, minor]; undefined when it is not a version. */
export function parseResolverVersion(text: string): [number, number] | undefined {
  const m = /^(?:\d+:)?(\d+)\.(\d+)(?:[.~+-].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The version is at least major.minor; an unknown version (undefined) is the Debian 12 one, older than every switch. */
function atLeast(version: string | undefined, major: number, minor: number): boolean {
  const v = version === undefined ? undefined : parseResolverVersion(version);
  return v !== undefined && (v[0] > major || (v[0] === major && v[1] >= minor));
}

/**
 * Where a version changes what `--print-config` prints (the lab runs each: test/integration/probe-lab.test.ts on the
 * host's Debian 12 versions, probe-lab-roots.test.ts on Debian 13's). Every other version gets the same lines.
 */
export const VERSION_NOTES: Readonly<Record<ResolverKind, readonly string[]>> = {
  unbound: [
    '1.23: serve-expired-client-timeout defaults to 1800 (was 0): the production serve-stale setting sets 0, to answer stale at once as before',
    '1.24.1: a stale answer carries at most the record\'s original TTL (serve-expired-reply-ttl is capped by it), not 30: the comment says what 1.26 does',
  ],
  bind: [],
  'knot-resolver': [],
  'powerdns-recursor': [
    '5.0: YAML settings (recursor.yml); 5.2 reads an old-style recursor.conf only with --enable-old-settings',
    '5.1: dnstap in the YAML logging section instead of the Lua config file',
  ],
  dnsmasq: [],
};

/** How to ask an installed resolver its version (some print it on stderr, some exit non-zero after it), and where it is. */
export const VERSION_QUERY: Readonly<Record<ResolverKind, { argv: readonly string[]; pattern: RegExp }>> = {
  unbound: { argv: ['unbound', '-V'], pattern: /Version\s+(\S+)/ },
  bind: { argv: ['named', '-v'], pattern: /BIND\s+([0-9.]+)/ },
  'knot-resolver': { argv: ['kresd', '--version'], pattern: /version\s+(\S+)/i },
  'powerdns-recursor': { argv: ['pdns_recursor', '--version'], pattern: /Recursor\s+(\S+)/ },
  dnsmasq: { argv: ['dnsmasq', '--version'], pattern: /version\s+(\S+)/ },
};

/** Whether a --for-version text is a version (X.Y or longer). */
export function isResolverVersion(text: string): boolean {
  return parseResolverVersion(text) !== undefined;
}

export function isResolverKind(kind: string): kind is ResolverKind {
  return (RESOLVER_KINDS as readonly string[]).includes(kind);
}

export function isProbeProfile(profile: string): profile is ProbeProfile {
  return (PROBE_PROFILES as readonly string[]).includes(profile);
}

type Knob = 'stale' | 'prefetch' | 'min-ttl' | 'cache-size';
const KNOB: Record<ResolverSetting, Knob> = {
  'serve-stale': 'stale', 'serve-stale-client-timeout': 'stale', prefetch: 'prefetch', 'min-ttl': 'min-ttl', 'small-cache': 'cache-size',
};

interface SettingLines {
  lines: string[];
  /** What the lab measured with this setting on (the comment above its lines). */
  measured: string;
}

interface KindSettings {
  /** The lines that keep each knob honest in the plain profile (none: the resolver's default is honest). */
  plain: Partial<Record<Knob, string[]>>;
  /** A comment above the plain lines. */
  plainComment: string;
  production: Partial<Record<ResolverSetting, SettingLines>>;
  /** --profile production: the settings commonly on together. */
  profile: ResolverSetting[];
  /** Set the cache size before the other cache lines, for this reason. */
  sizeFirst?: string;
}

/** The minimum cache TTL of the production profile: well past the tests' 2 s, and the TTL stale answers get, so only the evidence tells them apart. */
export const PRODUCTION_MIN_TTL = 30;

const SETTINGS: Record<ResolverKind, KindSettings> = {
  unbound: {
    plainComment: 'partial-expiry tests: records must expire when their TTL says',
    plain: { 'min-ttl': ['cache-min-ttl: 0'], stale: ['serve-expired: no'], prefetch: ['prefetch: no'] },
    production: {
      'serve-stale': {
        lines: ['serve-expired: yes'],
        measured: 'serve-expired: after the wait unbound answers at once from the expired entry (TTL 30, serve-expired-reply-ttl) and refreshes behind it: partial-expiry inconclusive (stale)',
      },
      'serve-stale-client-timeout': {
        lines: ['serve-expired: yes', 'serve-expired-client-timeout: 1800'],
        measured: 'serve-expired with a client timeout (RFC 8767): unbound first re-fetches, and the authority answers in time: partial-expiry tests pass',
      },
      prefetch: { lines: ['prefetch: yes'], measured: 'prefetch: refreshes only entries asked for in their last 10% of TTL; the probe does not ask then: partial-expiry tests pass' },
      'min-ttl': {
        lines: [`cache-min-ttl: ${PRODUCTION_MIN_TTL}`],
        measured: `cache-min-ttl: the 2 s records are held ${PRODUCTION_MIN_TTL} s and nothing expires: partial-expiry inconclusive (minimum TTL)`,
      },
      'small-cache': {
        lines: ['msg-cache-size: 100k', 'rrset-cache-size: 100k'],
        measured: 'small caches (the sizes of unbound.conf(5)\'s memory example): the probe\'s records still fit: partial-expiry tests pass',
      },
    },
    profile: ['serve-stale', 'prefetch', 'min-ttl', 'small-cache'],
  },
  bind: {
    plainComment: 'partial-expiry tests: no stale answers, no minimum TTL (and prefetch 0, though BIND prefetches only records of 9 s or more)',
    plain: { stale: ['stale-answer-enable no;', 'stale-cache-enable no;'], prefetch: ['prefetch 0;'], 'min-ttl': ['min-cache-ttl 0;'] },
    production: {
      'serve-stale': {
        lines: ['stale-answer-enable yes;', 'stale-cache-enable yes;', 'stale-answer-client-timeout 0;'],
        measured: 'stale answers at once: after the wait named answers from the expired entry (TTL 30, stale-answer-ttl) and refreshes behind it: partial-expiry inconclusive (stale)',
      },
      'serve-stale-client-timeout': {
        lines: ['stale-answer-enable yes;', 'stale-cache-enable yes;', 'stale-answer-client-timeout 1800;'],
        measured: 'stale answers after a client timeout (RFC 8767): named first re-fetches, and the authority answers in time: partial-expiry tests pass',
      },
      prefetch: { lines: ['prefetch 2 9;'], measured: 'prefetch (the default): only records whose TTL was at least 9 s are prefetched, never the 2 s ones: partial-expiry tests pass' },
      'min-ttl': {
        lines: [`min-cache-ttl ${PRODUCTION_MIN_TTL};`],
        measured: `min-cache-ttl: the 2 s records are held ${PRODUCTION_MIN_TTL} s and nothing expires: partial-expiry inconclusive (minimum TTL)`,
      },
      'small-cache': { lines: ['max-cache-size 2m;'], measured: 'a 2 MB cache: the probe\'s records still fit: partial-expiry tests pass' },
    },
    profile: ['serve-stale', 'prefetch', 'min-ttl', 'small-cache'],
  },
  'knot-resolver': {
    plainComment: 'partial-expiry tests: the default minimum cache TTL (5 s) would outlive the 2 s records',
    plain: { 'min-ttl': ['cache.min_ttl(0)'] },
    production: {
      'serve-stale': {
        lines: ["modules.load('serve_stale < cache')"],
        measured: 'serve_stale: used only when the upstream has not answered for 3 s; the authority answers: partial-expiry verdicts unchanged',
      },
      prefetch: { lines: ["modules.load('predict')"], measured: 'predict: prefetches names asked often over 15-minute windows, never the probe\'s fresh names: partial-expiry verdicts unchanged' },
      'min-ttl': {
        lines: ['cache.min_ttl(5)  -- the default'],
        measured: 'the default minimum TTL (5 s): the 2 s records are held 5 s, past the probe\'s wait: partial-expiry inconclusive (minimum TTL)',
      },
      'small-cache': { lines: ['cache.size = 2 * MB'], measured: 'a 2 MB cache: the probe\'s records still fit: partial-expiry verdicts unchanged' },
    },
    profile: ['serve-stale', 'prefetch', 'min-ttl', 'small-cache'],
    sizeFirst: 'cache.size first: setting it reopens the cache, which resets cache.min_ttl to 5 s (measured)',
  },
  'powerdns-recursor': {
    plainComment: 'partial-expiry tests: no minimum TTL (the other two are the defaults; measured, they change nothing here)',
    plain: { 'min-ttl': ['minimum-ttl-override=0'], stale: ['serve-stale-extensions=0'], prefetch: ['refresh-on-ttl-perc=0'] },
    production: {
      'serve-stale': {
        lines: ['serve-stale-extensions=120'],
        measured: 'serve-stale-extensions: only records that cannot be refreshed are served stale; the authority answers: partial-expiry tests pass',
      },
      prefetch: {
        lines: ['refresh-on-ttl-perc=10'],
        measured: 'refresh-on-ttl-perc: refreshes records asked for in their last 10% of TTL; the probe does not ask then: partial-expiry tests pass',
      },
      'min-ttl': {
        lines: [`minimum-ttl-override=${PRODUCTION_MIN_TTL}`],
        measured: `minimum-ttl-override: the 2 s records are held ${PRODUCTION_MIN_TTL} s and nothing expires: partial-expiry inconclusive (minimum TTL)`,
      },
      'small-cache': {
        lines: ['max-cache-entries=10000', 'max-packetcache-entries=10000'],
        measured: 'small record and packet caches: the probe\'s records still fit: partial-expiry tests pass',
      },
    },
    profile: ['serve-stale', 'prefetch', 'min-ttl', 'small-cache'],
  },
  dnsmasq: {
    plainComment: '',
    plain: {},
    production: {
      'serve-stale': {
        lines: ['use-stale-cache'],
        measured: 'use-stale-cache: after the wait dnsmasq answers from the expired entry (TTL 0) and asks upstream behind it: partial-expiry inconclusive (stale)',
      },
      'min-ttl': {
        lines: [`min-cache-ttl=${PRODUCTION_MIN_TTL}`],
        measured: `min-cache-ttl: the 2 s records are held ${PRODUCTION_MIN_TTL} s and nothing expires: partial-expiry inconclusive (minimum TTL)`,
      },
      'small-cache': { lines: ['cache-size=50'], measured: 'a 50-name cache: partial-expiry verdicts unchanged' },
    },
    profile: ['serve-stale', 'min-ttl', 'small-cache'],
  },
};

/** The settings of `kind` as `version` takes them (see VERSION_NOTES). */
function kindSettings(kind: ResolverKind, version: string | undefined): KindSettings {
  const spec = SETTINGS[kind];
  if (kind === 'unbound' && atLeast(version, 1, 23)) {
    // unbound 1.23 made serve-expired-client-timeout 1800 by default (RFC 8767's suggestion; NLnetLabs/unbound#1175):
    // serve-expired alone now re-fetches first. Answering stale at once, as operators of 1.17 had it, takes 0.
    return {
      ...spec,
      production: {
        ...spec.production,
        'serve-stale': {
          lines: ['serve-expired: yes', 'serve-expired-client-timeout: 0'],
          // Measured on 1.26 (probe-lab-roots.test.ts). Since 1.24.1 (NLnetLabs/unbound#1337) serve-expired-reply-ttl is
          // capped by the record's original TTL: the stale answer carries 2, not 30, so only the evidence shows it.
          measured: 'serve-expired at once (1.26): after the wait unbound answers from the expired entry, with the record\'s own TTL (2), and refreshes behind it, '
            + 'or re-fetches first (it varies from test to test): partial-expiry inconclusive (stale), or tests pass',
        },
      },
    };
  }
  return spec;
}

/** The production settings a resolver has (the lab runs each alone, then the profile). */
export function resolverSettings(kind: ResolverKind): ResolverSetting[] {
  return RESOLVER_SETTINGS.filter((s) => SETTINGS[kind].production[s] !== undefined);
}

/** The settings `--profile production` turns on for `kind`. */
export function productionProfile(kind: ResolverKind): ResolverSetting[] {
  return [...SETTINGS[kind].profile];
}

/**
 * The cache settings as lines for the resolver's config (BIND: statements for its options block),
 * each group under a comment (`#`, `//` or `--`, given): the plain lines for every knob the chosen
 * settings leave alone, then the chosen settings with what the lab measured.
 */
export function settingLines(kind: ResolverKind, settings: readonly ResolverSetting[], comment: string, version?: string): string[] {
  const spec = kindSettings(kind, version);
  const chosen = settings.filter((s) => spec.production[s] !== undefined);
  const turned = new Set(chosen.map((s) => KNOB[s]));
  const plain = (Object.keys(spec.plain) as Knob[]).filter((k) => !turned.has(k)).flatMap((k) => spec.plain[k]!);
  const out: string[] = [];
  const setting = (s: ResolverSetting) => [`${comment} ${spec.production[s]!.measured}`, ...spec.production[s]!.lines];
  const first = spec.sizeFirst ? chosen.filter((s) => KNOB[s] === 'cache-size') : [];
  const rest = chosen.filter((s) => !first.includes(s));
  if (first.length > 0) out.push(`${comment} ${spec.sizeFirst}`, ...first.flatMap(setting));
  if (plain.length > 0) out.push(...(spec.plainComment ? [`${comment} ${spec.plainComment}`] : []), ...plain);
  if (rest.length > 0) {
    out.push(`${comment} production options; what the probe reports with each (measured in dnsorder's lab):`);
    out.push(...rest.flatMap(setting));
  }
  return out;
}

export function configSnippet(kind: string, options: SnippetOptions): string {
  if (!isResolverKind(kind)) {
    throw new ProbeError('ERR_PROBE_UNKNOWN_RESOLVER_KIND', `no configuration snippet for "${kind}" (known: ${RESOLVER_KINDS.join(', ')})`);
  }
  const { authority: a, zone } = options;
  const v6 = a.address.includes(':');
  const tld = zone.split('.').filter(Boolean).at(-1)!;
  const chosen = options.settings ?? (options.profile === 'production' ? SETTINGS[kind].profile : []);
  const production = chosen.length > 0 ? ` (production options: ${chosen.join(', ')})` : '';
  const version = options.version;
  const settings = (comment: string, indent = '') => (options.routeOnly ? [] : settingLines(kind, chosen, comment, version).map((l) => `${indent}${l}`));
  switch (kind) {
    case 'unbound':
      return [
        `# unbound.conf: send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}${production}`,
        'server:',
        '  # the authority listens on loopback, which unbound refuses to query by default',
        '  do-not-query-localhost: no',
        ...(tld === 'test' ? ['  # unbound answers test. itself (RFC 6761) unless told not to', '  local-zone: "test." nodefault'] : []),
        '  # the probe zone is unsigned and its parent does not exist: do not validate it',
        `  domain-insecure: "${zone}"`,
        ...settings('#', '  '),
        'stub-zone:',
        `  name: "${zone}"`,
        `  stub-addr: ${a.address}@${a.port}`,
        ...(options.zonemdZone ? unboundAuthZone(options.zonemdZone, zone, a) : []),
        ...dnstapBlock(kind, options.dnstap, options.routeOnly, version),
        '',
      ].join('\n');
    case 'bind':
      return [
        `// named.conf: send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}${production}`,
        '// add to your options { } block:',
        `//   validate-except { "${zone}"; };  // unsigned probe zone under a TLD that does not exist`,
        ...settings('//', '//   '),
        `zone "${zone}" { type forward; forward only; forwarders { ${a.address} port ${a.port}; }; };`,
        ...dnstapBlock(kind, options.dnstap, options.routeOnly, version),
        '',
      ].join('\n');
    case 'knot-resolver': {
      const mode = options.knotMode ?? 'STUB';
      return [
        `-- kresd config (Lua): send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}${production}`,
        ...(mode === 'STUB'
          ? ['-- policy.STUB: kresd relays each question to the authority and passes its answer on in the order it came',
            '-- (a split RRset regrouped): it neither chases CNAMEs nor reorders the chain, and after a partial expiry',
            '-- it asks for the whole chain again (policy.FORWARD chases and rebuilds answers from its cache)']
          : ['-- policy.FORWARD: kresd asks the authority as its upstream, chases CNAMEs and builds the answer itself',
            '-- (policy.STUB relays the authority\'s answers as they came)']),
        `policy.add(policy.suffix(policy.${mode}({'${a.address}@${a.port}'}), {todname('${zone}.')}))`,
        '-- the probe zone is unsigned and its parent does not exist: do not validate it',
        `trust_anchors.set_insecure({'${zone}'})`,
        ...settings('--'),
        ...dnstapBlock(kind, options.dnstap, options.routeOnly, version),
        '',
      ].join('\n');
    }
    case 'powerdns-recursor':
      if (atLeast(version, 5, 0)) return powerdnsYaml(options, zone, a, production, settings('#'), dnstapBlock(kind, options.dnstap, options.routeOnly, version));
      return [
        `# recursor.conf: send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}${production}`,
        '# (with a forward-zones line already there, add this zone to it after a comma: pdns_recursor 4.x',
        '# refuses "forward-zones+=" when no forward-zones= came before)',
        // A second zone is added to the first line (routeOnly): a second "forward-zones=" would replace it.
        `${options.routeOnly ? 'forward-zones+=' : 'forward-zones='}${zone}=${v6 ? `[${a.address}]` : a.address}:${a.port}`,
        '# the probe zone is unsigned and its parent does not exist: validation must not reject it',
        '# (dnssec=off, or a negative trust anchor: addNTA("' + zone + '") in lua-config-file)',
        'dnssec=off',
        ...settings('#'),
        ...dnstapBlock(kind, options.dnstap, options.routeOnly, version),
        '',
      ].join('\n');
    case 'dnsmasq':
      return [
        `# dnsmasq.conf (or the same as --options): send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}${production}`,
        '# dnsmasq forwards each question and relays the answer: it neither chases CNAMEs nor reorders, and after',
        '# a partial expiry it asks for the whole chain again (partial-expiry tests: inconclusive, not from cache)',
        `server=/${zone}/${a.address}#${a.port}`,
        '# bind only the addresses you listen on, never every interface',
        'bind-interfaces',
        ...settings('#'),
        ...dnstapBlock(kind, options.dnstap, options.routeOnly, version),
        '',
      ].join('\n');
  }
}

/** PowerDNS Recursor 5's YAML place for each old-style setting the snippet prints (as `rec_control show-yaml` converts it). */
const POWERDNS_YAML: Readonly<Record<string, readonly [section: string, key: string]>> = {
  dnssec: ['dnssec', 'validation'],
  'minimum-ttl-override': ['recursor', 'minimum_ttl_override'],
  'serve-stale-extensions': ['recordcache', 'serve_stale_extensions'],
  'refresh-on-ttl-perc': ['recordcache', 'refresh_on_ttl_perc'],
  'max-cache-entries': ['recordcache', 'max_entries'],
  'max-packetcache-entries': ['packetcache', 'max_entries'],
};

/** The sections in the order printed: recursor last, its forward_zones list last, so a second route's entry can follow. */
const POWERDNS_SECTIONS = ['dnssec', 'recordcache', 'packetcache', 'recursor'];

/**
 * `--print-config powerdns-recursor` for 5.x: the same settings in recursor.yml's YAML. Each YAML section
 * appears once in a file, so the old-style lines are grouped by section, each under the comments that came
 * before it (repeated in each section its group reaches).
 */
function powerdnsYaml(options: SnippetOptions, zone: string, a: Endpoint, production: string, oldStyle: string[], dnstap: string[]): string {
  const v6 = a.address.includes(':');
  const forwarder = `${v6 ? `[${a.address}]` : a.address}:${a.port}`;
  const entry = [`  - zone: ${zone}`, '    forwarders:', `    - ${forwarder}`];
  if (options.routeOnly) return [`# send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}: an entry of recursor: forward_zones:`, ...entry, ''].join('\n');
  const sections = new Map<string, string[]>(POWERDNS_SECTIONS.map((name) => [name, []]));
  const lastComments = new Map<string, string[]>();
  let comments: string[] = [];
  const put = (section: string, key: string, value: string) => {
    const lines = sections.get(section)!;
    if (comments.length > 0 && lastComments.get(section) !== comments) lines.push(...comments.map((c) => `  ${c}`));
    lastComments.set(section, comments);
    lines.push(`  ${key}: ${value}`);
  };
  comments = ['# the probe zone is unsigned and its parent does not exist: validation must not reject it', '# (off, or a negative trust anchor for it)'];
  put('dnssec', 'validation', 'off');
  comments = [];
  let afterSetting = true;
  for (const line of oldStyle) {
    if (line.startsWith('#')) {
      // Comments in a row are one group, above the settings that follow them.
      comments = afterSetting ? [line] : [...comments, line];
      afterSetting = false;
      continue;
    }
    const eq = line.indexOf('=');
    const place = POWERDNS_YAML[line.slice(0, eq)];
    if (eq < 0 || !place) throw new ProbeError('ERR_PROBE_PLAN', `no YAML place for the PowerDNS Recursor setting "${line}" (a bug in the snippet table)`);
    put(place[0], place[1], line.slice(eq + 1));
    afterSetting = true;
  }
  const body = POWERDNS_SECTIONS.flatMap((name) => {
    const lines = sections.get(name)!;
    if (name === 'recursor') return [`${name}:`, ...lines, '  forward_zones:', ...entry];
    return lines.length > 0 ? [`${name}:`, ...lines] : [];
  });
  return [
    `# recursor.yml (PowerDNS Recursor 5; from 5.1 also a recursor.conf in YAML): send ${zone} to the dnsorder probe authority at ${formatEndpoint(a)}${production}`,
    '# each section appears once in a file: merge these keys into yours (with recursor: forward_zones: there, add this entry)',
    ...dnstap,
    ...body,
    '',
  ].join('\n');
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
