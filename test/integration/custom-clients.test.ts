// Users' own clients through `dnsorder matrix --client / --clients-file`, for
// real (bin/dnsorder.js; needs `npm run build`, root for the namespace): the
// two shipped examples (getent ahosts in sh, getaddrinfo in C, compiled here)
// beside the built-in glibc-getaddrinfo; deliberately broken clients (crash,
// hang, garbage) that do not stop the run; and `NAME@trixie` inside the trixie
// root when it is built.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { namespaceSupport } from '../../src/clients/namespace.js';
import { findRoot } from '../../src/roots/store.js';
import { hasCommand, requirement } from '../helpers/peers.js';

// Each test runs whole matrices through the bin; on two busy cores that can take a while.
vi.setConfig({ testTimeout: 300_000 });

const root = join(import.meta.dirname, '../..');
const BIN = join(root, 'bin/dnsorder.js');
const work = mkdtempSync(join(tmpdir(), 'dnsorder-custom-clients-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const support = await namespaceSupport();
const missing = requirement(
  !support.ok ? `network namespaces are not available: ${support.reason}`
    : !hasCommand('cc') || !hasCommand('getent') ? 'missing peer(s): cc, getent (run scripts/install-lab.sh as root)' : undefined,
);
const trixieMissing = missing ?? requirement(findRoot('trixie') ? undefined : 'trixie root not built (dnsorder lab build trixie)');

interface Cell {
  scenario: string;
  client: string;
  userland?: string;
  outcome: string;
  addresses: string[];
  canonical: string | null;
  queries: number | null;
  detail: string;
  query?: string;
  raw?: { signal: string | null; timedOut: boolean; exitCode: number | null };
}
interface Doc {
  clients: Array<{ id: string; available: boolean; reason?: string; discovery: string; userland?: string; version: string | null }>;
  results: Cell[];
}

/** Runs the bin from the work directory (where ./getaddrinfo-client and examples/ are, as in the README). */
function matrix(...args: string[]): { status: number | null; stderr: string; doc: Doc } {
  const out = join(work, `matrix-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, [BIN, 'matrix', ...args, '--format', 'json', '--out', out], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
  let doc: Doc = { clients: [], results: [] };
  try {
    doc = JSON.parse(readFileSync(out, 'utf8')) as Doc;
  } catch {
    // no report: the caller's status check says why
  }
  return { status: r.status, stderr: r.stderr, doc };
}

const cell = (doc: Doc, scenario: string, client: string) => {
  const found = doc.results.find((r) => r.scenario === scenario && r.client === client);
  if (!found) throw new Error(`no cell ${scenario} × ${client}`);
  return found;
};

beforeAll(() => {
  if (missing) return;
  // As the README says: compile the C example, run from a checkout (examples/ beside it).
  execFileSync('cc', ['-O2', '-Wall', '-o', join(work, 'getaddrinfo-client'), join(root, 'examples/clients/getaddrinfo.c')]);
  symlinkSync(join(root, 'examples'), join(work, 'examples'));
});

const GETENT = 'getent=sh examples/clients/getent-ahosts.sh {name} {type}';
const GAI = 'gai=./getaddrinfo-client {name} {type}';
const SCENARIOS = 'canonical,cname-last,terminal-split,dangling-cname,unrelated-first,long-33,canonical-aaaa,cname-last-aaaa';

describe.skipIf(missing)('the shipped example clients, for real', () => {
  it('--client: getent ahosts and getaddrinfo in C agree with the built-in glibc-getaddrinfo on every named scenario', () => {
    const { status, stderr, doc } = matrix('--clients', 'glibc-getaddrinfo', '--client', GETENT, '--client', GAI);
    expect(status, stderr).toBe(0);
    expect(doc.clients.map((c) => [c.id, c.available, c.discovery])).toEqual([
      ['glibc-getaddrinfo', true, 'system-config'], ['getent', true, 'system-config'], ['gai', true, 'system-config'],
    ]);
    const scenarios = [...new Set(doc.results.map((r) => r.scenario))];
    expect(scenarios.length).toBeGreaterThan(50);
    for (const s of scenarios) {
      const glibc = cell(doc, s, 'glibc-getaddrinfo');
      for (const mine of ['getent', 'gai']) {
        const c = cell(doc, s, mine);
        expect({ s, mine, outcome: c.outcome, addresses: c.addresses }).toEqual({ s, mine, outcome: glibc.outcome, addresses: glibc.addresses });
      }
    }
  });

  it('--clients-file examples/clients/clients.json: what each prints on named layouts (measured, glibc 2.36)', () => {
    const { status, stderr, doc } = matrix('--clients', 'none', '--clients-file', 'examples/clients/clients.json', '--scenarios', SCENARIOS);
    expect(status, stderr).toBe(0);
    expect(doc.clients.map((c) => c.id)).toEqual(['getent', 'gai']);
    for (const client of ['getent', 'gai']) {
      const canonical = cell(doc, 'canonical', client);
      expect(canonical).toMatchObject({ outcome: 'ok', addresses: ['192.0.2.1', '192.0.2.2'] });
      expect(canonical.canonical).toBe(`edge.${canonical.query}`);
      // The 2026-01-08 layout: glibc reads sequentially and finds no address.
      expect(cell(doc, 'cname-last', client)).toMatchObject({ outcome: 'no-address', addresses: [], canonical: null });
      expect(cell(doc, 'cname-last-aaaa', client)).toMatchObject({ outcome: 'no-address', addresses: [] });
      expect(cell(doc, 'terminal-split', client)).toMatchObject({ outcome: 'partial', addresses: ['192.0.2.2'] });
      expect(cell(doc, 'dangling-cname', client)).toMatchObject({ outcome: 'ok', addresses: [] });
      expect(cell(doc, 'unrelated-first', client)).toMatchObject({ outcome: 'ok', addresses: ['192.0.2.1', '192.0.2.2'] });
      expect(cell(doc, 'long-33', client).outcome).toBe('ok');
      expect(cell(doc, 'canonical-aaaa', client)).toMatchObject({ outcome: 'ok', addresses: ['2001:db8::1', '2001:db8::2'] });
    }
    // getaddrinfo's own error code, and getent's exit 2, which does not say which failure it was.
    expect(cell(doc, 'cname-last', 'gai').detail).toBe('EAI_NONAME: Name or service not known');
    expect(cell(doc, 'cname-last', 'getent').detail).toMatch(/^NOT_FOUND: getent ahosts exited with 2/);
    // getent ahosts is AF_UNSPEC: it asks A and AAAA; the C client asks only the family of {type}.
    expect(cell(doc, 'canonical', 'getent').queries).toBe(2);
    expect(cell(doc, 'canonical', 'gai').queries).toBe(1);
  });
});

/** The code blocks of the README's "Your own clients" section. */
function readmeBlocks(lang: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Your own clients in the matrix'), readme.indexOf('### Models: stub parsers'));
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('the README section', () => {
  it('its library snippet runs as written against the built package (no namespace needed)', () => {
    const [snippet] = readmeBlocks('js');
    expect(snippet).toContain("from 'dnsorder'");
    const source = `${snippet}\nconsole.log(JSON.stringify(doc.results.map((r) => [r.scenario, r.client, r.outcome])));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: root, encoding: 'utf8' });
    const cells = JSON.parse(out.trim().split('\n').pop()!) as Array<[string, string, string]>;
    // node:dns resolve4 is c-ares 1.34: both layouts resolve; model-glibc loses cname-last.
    expect(cells).toContainEqual(['canonical', 'my-resolver', 'ok']);
    expect(cells).toContainEqual(['cname-last', 'my-resolver', 'ok']);
    expect(cells).toContainEqual(['cname-last', 'model-glibc', 'no-address']);
  });

  it.skipIf(missing)('its shell lines run from a checkout (the trixie one when that root is built)', () => {
    const lines = readmeBlocks('sh').flatMap((b) => b.trim().split('\n'));
    expect(lines[0]).toMatch(/^cc /);
    for (const line of lines) {
      if (line.includes('@trixie') && trixieMissing) continue;
      const r = spawnSync('sh', ['-c', line.replace(/^npx dnsorder /, `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} `)], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
      if (line.includes(' matrix ')) expect(r.stdout, line).toMatch(/cname-last \*(\s+∅){2,}/);
    }
  });
});

describe.skipIf(missing)('broken clients', () => {
  // An explicit-server client: node:dns (c-ares) told the server's address and port.
  const NODE = `good=node -e 'const [n, t, s, p] = process.argv.slice(1); const r = new (require("dns").promises.Resolver)({ timeout: 2000, tries: 1 }); r.setServers([s + ":" + p]); (t === "AAAA" ? r.resolve6(n) : r.resolve4(n)).then((a) => console.log(JSON.stringify({ addresses: a, canonical: null, error: null })), (e) => console.log(JSON.stringify({ addresses: [], canonical: null, error: { code: e.code, text: e.message } })))' {name} {type} {server} {port}`;

  it('crash, hang, garbage and silence are crash, timeout and error; every other cell runs', () => {
    const { status, stderr, doc } = matrix(
      '--clients', 'glibc-getaddrinfo', '--scenarios', 'canonical,cname-last', '--timeout', '5000',
      '--client', `crash=sh -c 'kill -SEGV $$' sh {name}`,
      '--client', 'hang=sleep 600',
      '--client', `garbage=sh -c 'echo "this is not JSON: $1"' sh {name}`,
      '--client', 'silent=false',
      '--client', NODE,
    );
    expect(status, stderr).toBe(0);
    expect(doc.clients.map((c) => [c.id, c.available, c.discovery])).toEqual([
      ['glibc-getaddrinfo', true, 'system-config'], ['crash', true, 'system-config'], ['hang', true, 'system-config'],
      ['garbage', true, 'system-config'], ['silent', true, 'system-config'], ['good', true, 'explicit-server'],
    ]);
    expect(doc.results).toHaveLength(12);
    for (const s of ['canonical', 'cname-last']) {
      expect(cell(doc, s, 'crash')).toMatchObject({ outcome: 'crash', raw: { signal: 'SIGSEGV' } });
      expect(cell(doc, s, 'hang')).toMatchObject({ outcome: 'timeout', raw: { timedOut: true } });
      expect(cell(doc, s, 'garbage')).toMatchObject({ outcome: 'error', detail: 'exited with 0 without a result line' });
      expect(cell(doc, s, 'silent')).toMatchObject({ outcome: 'error', detail: 'exited with 1 without a result line' });
      // node:dns is c-ares 1.34 (node-cares): every address on both layouts.
      expect(cell(doc, s, 'good')).toMatchObject({ outcome: 'ok', addresses: ['192.0.2.1', '192.0.2.2'], queries: 1 });
    }
    expect(cell(doc, 'canonical', 'glibc-getaddrinfo').outcome).toBe('ok');
    expect(cell(doc, 'cname-last', 'glibc-getaddrinfo').outcome).toBe('no-address');
  });

  it('a missing program is skipped with the reason; bad names and templates exit 2 before anything runs', () => {
    const { status, doc } = matrix('--clients', 'none', '--scenarios', 'canonical', '--client', 'gone=./no-such-program {name}', '--client', GAI);
    expect(status).toBe(0);
    expect(doc.clients.find((c) => c.id === 'gone')).toMatchObject({ available: false, reason: 'gone: ./no-such-program is not an executable file' });
    expect(cell(doc, 'canonical', 'gone').outcome).toBe('skipped');
    expect(cell(doc, 'canonical', 'gai').outcome).toBe('ok');
    for (const [args, code] of [
      [['--client', 'glibc-getaddrinfo=./x {name}'], 'ERR_CLIENT_NAME'],
      [['--client', 'x=./x {nam}'], 'ERR_CLIENT_TEMPLATE'],
      [['--client', "x=sh -c 'getent ahosts {name}'"], 'ERR_CLIENT_TEMPLATE'],
      [['--clients-file', 'no-such-file.json'], 'ERR_CLIENTS_FILE'],
    ] as const) {
      const r = matrix('--scenarios', 'canonical', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`[${code}]`);
    }
  });
});

describe.skipIf(trixieMissing)('NAME@trixie: a user client inside the trixie root', () => {
  it('runs the example clients with trixie\'s glibc, beside the built-in glibc-getaddrinfo@trixie', () => {
    const LIBC = `libc@trixie=sh -c 'printf "{\\"addresses\\":[],\\"canonical\\":\\"%s\\",\\"error\\":null}\\n" "$(getconf GNU_LIBC_VERSION)"'`;
    const { status, stderr, doc } = matrix(
      '--suites', 'host,trixie', '--clients', 'glibc-getaddrinfo', '--scenarios', SCENARIOS,
      '--client', GAI.replace('gai=', 'gai@trixie='), '--client', GETENT.replace('getent=', 'getent@trixie='), '--client', LIBC,
    );
    expect(status, stderr).toBe(0);
    expect(doc.clients.map((c) => [c.id, c.available, c.userland])).toEqual([
      ['glibc-getaddrinfo', true, 'host'], ['glibc-getaddrinfo@trixie', true, 'trixie'],
      ['gai@trixie', true, 'trixie'], ['getent@trixie', true, 'trixie'], ['libc@trixie', true, 'trixie'],
    ]);
    // The command really ran in the root: its C library is the one the built-in client reports there.
    const trixieGlibc = doc.clients.find((c) => c.id === 'glibc-getaddrinfo@trixie')!.version!;
    const reported = cell(doc, 'canonical', 'libc@trixie').canonical!;
    expect(reported).toMatch(/^glibc 2\.\d+$/);
    expect(trixieGlibc.startsWith(`${reported} `)).toBe(true);
    for (const s of SCENARIOS.split(',')) {
      const builtIn = cell(doc, s, 'glibc-getaddrinfo@trixie');
      for (const mine of ['gai@trixie', 'getent@trixie']) {
        const c = cell(doc, s, mine);
        expect(c.userland).toBe('trixie');
        expect({ s, mine, outcome: c.outcome, addresses: c.addresses }).toEqual({ s, mine, outcome: builtIn.outcome, addresses: builtIn.addresses });
      }
    }
    // Measured with glibc 2.41: the layouts that break glibc 2.36 still break it.
    expect(cell(doc, 'cname-last', 'gai@trixie').outcome).toBe('no-address');
    expect(cell(doc, 'terminal-split', 'getent@trixie')).toMatchObject({ outcome: 'partial', addresses: ['192.0.2.2'] });
  });
});
