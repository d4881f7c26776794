import { describe, expect, it } from 'vitest';
import { CLIENT_IDS } from '../../../src/clients/types.js';
import { DnsorderError } from '../../../src/errors.js';
import { compareVersions, matchModel, models, MODELS, parseDetectedVersion, versionInRange, viewResult } from '../../../src/models/index.js';
import { overlappingCoverage } from '../../../src/models/match.js';
import type { ModelInfo } from '../../../src/models/types.js';

describe('parseDetectedVersion: the version strings the real clients detect', () => {
  it.each([
    ['glibc 2.36 (libc6 2.36-9+deb12u14)', 'glibc', '2.36'],
    ['glibc 2.41 (node v20.19.2)', 'glibc', '2.41'],
    ['musl 1.2.5 (musl 1.2.5-3.1~deb13u1)', 'musl', '1.2.5'],
    ['c-ares 1.18.1', 'c-ares', '1.18.1'],
    ['c-ares 1.34.6 (node v20.20.2)', 'c-ares', '1.34.6'],
    ['go1.24.4', 'go', '1.24.4'],
    ['dnspython 2.7.0', 'dnspython', '2.7.0'],
    ['java 21.0.13', 'java', '21.0.13'],
    ['systemd 257 (via glibc 2.41)', 'systemd', '257'],
  ])('%s → %s %s', (text, library, version) => {
    expect(parseDetectedVersion(text)).toEqual({ library, version });
  });

  it('names no library for unknown or missing versions', () => {
    expect(parseDetectedVersion(null)).toBeUndefined();
    expect(parseDetectedVersion('')).toBeUndefined();
    expect(parseDetectedVersion('model, validated against glibc 2.36')).toBeUndefined();
    expect(parseDetectedVersion('uclibc 1.0.45')).toBeUndefined();
  });
});

describe('version ranges', () => {
  it('compares dotted versions numerically, missing parts as 0', () => {
    expect(compareVersions('1.26', '1.26.0')).toBe(0);
    expect(compareVersions('1.9', '1.26')).toBe(-1);
    expect(compareVersions('1.34.10', '1.34.9')).toBe(1);
    expect(compareVersions('2.41', '2.36')).toBe(1);
  });

  it('needs every comparator to hold; bounds are inclusive or exclusive as written', () => {
    expect(versionInRange('1.26.0', '>=1.26 <1.35')).toBe(true);
    expect(versionInRange('1.25.9', '>=1.26 <1.35')).toBe(false);
    expect(versionInRange('1.35', '>=1.26 <1.35')).toBe(false);
    expect(versionInRange('1.34.99', '>=1.26 <1.35')).toBe(true);
    expect(versionInRange('1.2.3', '>1.2.2 <=1.2.3')).toBe(true);
    expect(versionInRange('1.2.3', '=1.2.3')).toBe(true);
    expect(versionInRange('1.2.3', '1.2.4')).toBe(false);
    expect(versionInRange('7', '*')).toBe(true);
  });

  it('refuses a malformed range with a coded error, not a silent match', () => {
    expect(() => versionInRange('1.0', '~1.0')).toThrow(DnsorderError);
    expect(() => versionInRange('1.0', '   ')).toThrow(expect.objectContaining({ code: 'ERR_MODEL_RANGE' }));
  });
});

describe('matching a real client to a model by its detected version, not its id', () => {
  const cases: [string, string | undefined, string, string][] = [
    // [id, base, detected version, model]
    ['cares-system', undefined, 'c-ares 1.18.1', 'model-cares-legacy'],
    ['cares-system@trixie', 'cares-system', 'c-ares 1.34.9', 'model-cares'],
    // The same c-ares, another API: Node's resolve4/resolve6 report no canonical name.
    ['node-cares', undefined, 'c-ares 1.34.6 (node v20.20.2)', 'model-cares-resolve'],
    ['node-cares@trixie', 'node-cares', 'c-ares 1.34.5 (node v20.19.2)', 'model-cares-resolve'],
    ['glibc-getaddrinfo@trixie', 'glibc-getaddrinfo', 'glibc 2.41 (libc6 2.41-12+deb13u5)', 'model-glibc'],
    ['glibc-gethostbyname', undefined, 'glibc 2.36 (libc6 2.36-9+deb12u14)', 'model-glibc-gethostbyname'],
    ['node-lookup@trixie', 'node-lookup', 'glibc 2.41 (node v20.19.2)', 'model-glibc'],
    ['musl-getaddrinfo', undefined, 'musl 1.2.3 (musl 1.2.3-1)', 'model-musl'],
    ['musl-getaddrinfo@trixie', 'musl-getaddrinfo', 'musl 1.2.5 (musl 1.2.5-3.1~deb13u1)', 'model-musl-1.2.5'],
    ['go-pure', undefined, 'go1.19.8', 'model-go'],
    ['go-pure@trixie', 'go-pure', 'go1.24.4', 'model-go-1.24'],
    ['dnspython@trixie', 'dnspython', 'dnspython 2.7.0', 'model-dnspython'],
    ['java-inetaddress@trixie', 'java-inetaddress', 'java 21.0.13', 'model-glibc'],
    ['java-jndi', undefined, 'java 17.0.15', 'model-jndi'],
    // The daemon's version, not the glibc behind its stub, picks the model.
    ['systemd-resolved@trixie', 'systemd-resolved', 'systemd 257 (via glibc 2.41)', 'model-systemd'],
  ];
  it.each(cases)('%s (%s) with %s → %s', (id, base, version, model) => {
    expect(models.match({ id, base, version })).toMatchObject({ model });
  });

  it('one model of glibc getaddrinfo answers each API as that API reports: the view comes with the match', () => {
    const v236 = 'glibc 2.36 (libc6 2.36-9+deb12u14)';
    expect(models.match({ id: 'glibc-getaddrinfo', version: v236 })).toEqual({ model: 'model-glibc', library: 'glibc', version: '2.36' });
    expect(models.match({ id: 'node-lookup', version: v236 }).view).toEqual({ canonical: false });
    expect(models.match({ id: 'java-inetaddress', version: 'java 17.0.15' }).view).toEqual({ canonical: false, distinctAddresses: true });
    expect(models.match({ id: 'chromium', version: 'Chromium 156.0.8078.114' }).view).toEqual({ firstAddressOnly: true });
  });

  it('viewResult shows only what the API reports, and nothing less without a view', () => {
    const result = { addresses: ['2001:db8::1', '192.0.2.1', '2001:DB8:0::1', '192.0.2.1'], canonical: 'edge.example.', error: null,
      canonicalOneOf: ['edge.example.', 'cdn.example.'] };
    expect(viewResult(result, undefined)).toBe(result);
    expect(viewResult(result, { canonical: false })).toEqual({ ...result, canonical: null, canonicalOneOf: undefined });
    // Java compares InetAddress objects: the same IPv6 address written twice is one address, the first text kept.
    expect(viewResult(result, { distinctAddresses: true }).addresses).toEqual(['2001:db8::1', '192.0.2.1']);
    expect(viewResult(result, { firstAddressOnly: true })).toMatchObject({ addresses: ['2001:db8::1'], canonical: 'edge.example.' });
    expect(result.addresses).toHaveLength(4); // the model's own result is untouched
  });

  it('the same API is matched to different models across versions (c-ares owner check gone in 1.26)', () => {
    expect(models.match({ id: 'cares-system', version: 'c-ares 1.20.1' }).model).toBe('model-cares-legacy');
    expect(models.match({ id: 'cares-system', version: 'c-ares 1.26.0' }).model).toBe('model-cares');
  });

  it('a version no model covers gets no model, with a reason naming the library, version and the ranges that exist', () => {
    const gap = models.match({ id: 'cares-system@sid', base: 'cares-system', version: 'c-ares 1.22.1' });
    expect(gap.model).toBeUndefined();
    expect(gap.reason).toContain('no model covers c-ares 1.22.1 via cares-system');
    expect(gap.reason).toContain('model-cares-legacy >=1.18 <1.21');
    expect(gap.reason).toContain('model-cares >=1.26 <1.35');

    const newer = models.match({ id: 'musl-getaddrinfo', version: 'musl 1.2.6' });
    expect(newer).toMatchObject({ model: undefined, library: 'musl', version: '1.2.6' });
    expect(newer.reason).toMatch(/no model covers musl 1\.2\.6/);

    expect(models.match({ id: 'go-pure', version: 'go1.21.13' }).model).toBeUndefined();
    expect(models.match({ id: 'glibc-getaddrinfo', version: 'glibc 2.31 (libc6 2.31-13)' }).model).toBeUndefined();
    // Only the systemd-resolved code that was read (257) is covered: 252 (Debian 12) and 258 are not.
    expect(models.match({ id: 'systemd-resolved', version: 'systemd 252 (via glibc 2.36)' }).reason).toMatch(/no model covers systemd 252 via systemd-resolved/);
    expect(models.match({ id: 'systemd-resolved', version: 'systemd 258 (via glibc 2.42)' }).model).toBeUndefined();
  });

  it('an unparsable or missing version, or a library no model covers for that API, is no model', () => {
    expect(models.match({ id: 'go-pure', version: null }).reason).toMatch(/names no library/);
    expect(models.match({ id: 'my-client', version: 'something 1.0' }).model).toBeUndefined();
    // glibc version, but an API no glibc model covers.
    expect(models.match({ id: 'go-pure', version: 'glibc 2.36' }).reason).toMatch(/no model covers glibc 2\.36 via go-pure/);
  });

  it('two models covering one version is a registry error, never a silent pick', () => {
    const covering = (id: string, versions: string): ModelInfo => ({
      id, title: id, library: 'x', follows: 'x.c', validatedAgainst: [], validatedVersions: null, retriesOverTcp: false,
      covers: [{ library: 'musl', versions, clients: ['musl-getaddrinfo'] }], validated: [],
    });
    const registry = [covering('a', '>=1.2 <1.3'), covering('b', '>=1.2.5')];
    expect(() => matchModel({ id: 'musl-getaddrinfo', version: 'musl 1.2.5' }, registry)).toThrow(expect.objectContaining({ code: 'ERR_MODEL_OVERLAP' }));
    expect(matchModel({ id: 'musl-getaddrinfo', version: 'musl 1.2.4' }, registry).model).toBe('a');
  });
});

describe('the registry metadata', () => {
  const everyValidatedVersion = MODELS.flatMap((m) => m.validated.map((v) => v.version));

  it('no two models cover the same (library, version, client)', () => {
    const probes = [...everyValidatedVersion, '1.2.4', '1.21', '1.25', '1.20', '2.35', '2.42', '16', '22'];
    expect(overlappingCoverage(MODELS, probes)).toEqual([]);
  });

  it('every validation is inside the model\'s own coverage, by a known client, and no other model covers it', () => {
    for (const m of MODELS) {
      for (const v of m.validated) {
        expect(CLIENT_IDS, m.id).toContain(v.client);
        const covered = m.covers.some((c) => c.library === v.library && c.clients.includes(v.client) && versionInRange(v.version, c.versions));
        expect(covered, `${m.id} lists ${v.library} ${v.version} via ${v.client}, outside its covers`).toBe(true);
        const coveringModels = MODELS.filter((other) => other.covers.some((c) =>
          c.library === v.library && c.clients.includes(v.client) && versionInRange(v.version, c.versions)));
        expect(coveringModels.map((x) => x.id), `${v.library} ${v.version} via ${v.client}`).toEqual([m.id]);
      }
    }
  });

  it('validatedAgainst and validatedVersions are derived from validated', () => {
    const cares = models.list().find((m) => m.id === 'model-cares')!;
    expect(cares.validatedAgainst).toEqual(['cares-system']);
    expect(cares.validatedVersions).toContain('c-ares 1.34.9 via cares-system (trixie)');
    const systemd = models.list().find((m) => m.id === 'model-systemd')!;
    expect(systemd).toMatchObject({ validatedAgainst: ['systemd-resolved'], validatedVersions: 'systemd 257 via systemd-resolved (trixie)' });
    const bsd = models.list().find((m) => m.id === 'model-bsd')!;
    expect(bsd).toMatchObject({ validatedAgainst: [], validatedVersions: null, validated: [] });
    // Wherever model-bsd appears it says why it is unvalidated: no real client of that userland here.
    expect(bsd.unvalidated).toMatch(/no FreeBSD or Android \(bionic\) userland/);
  });

  it('a model without a real client says why in the matrix too', async () => {
    const { MODEL_CLIENTS } = await import('../../../src/matrix/model-clients.js');
    const detected = await MODEL_CLIENTS.find((c) => c.id === 'model-bsd')!.detect('/nonexistent');
    expect(detected.version).toBe('model, not validated against a real client: no FreeBSD or Android (bionic) userland is at hand; a --root of one would let dnsorder check it');
  });

  it('list() hands out copies of covers and validated', () => {
    models.list()[0]!.covers[0]!.clients.push('x');
    models.list()[0]!.validated.pop();
    expect(models.list()[0]!.covers[0]!.clients).not.toContain('x');
    expect(models.list()[0]!.validated.length).toBe(MODELS[0]!.validated.length);
  });
});
