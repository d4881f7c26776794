// `matrix --expectations FILE`: the known outcomes with reasons, how a cell is
// matched, how a run is judged (new failure, unexpected pass, changed), and the
// file's errors (exit 2 with a code, file:line:column for JSON syntax).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeJudgement, expectationFor, judgeMatrix, loadKnownOutcomes, parseKnownOutcomes, type KnownOutcomes } from '../../../src/matrix/known-outcomes.js';
import type { MatrixResult } from '../../../src/matrix/document.js';
import type { Outcome } from '../../../src/matrix/outcome.js';
import { DnsorderError } from '../../../src/errors.js';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-known-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SHIPPED = join(import.meta.dirname, '../../../examples/expectations/debian.json');

const doc = (clients: Record<string, unknown>) => JSON.stringify({ schema: 'dnsorder.expectations/v1', clients }, null, 2);
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const cell = (scenario: string, client: string, outcome: Outcome): Pick<MatrixResult, 'scenario' | 'client' | 'outcome' | 'detail'> => ({ scenario, client, outcome, detail: `${outcome} detail` });
const judge = (known: KnownOutcomes, cells: ReturnType<typeof cell>[]) => judgeMatrix(known, { results: cells as MatrixResult[] });
const thrown = (f: () => unknown): DnsorderError => {
  try {
    f();
  } catch (err) {
    return err as DnsorderError;
  }
  throw new DnsorderError('ERR_USAGE', 'did not throw');
};

const GLIBC = parseKnownOutcomes(doc({
  'glibc-*': {
    'cname-last, chain-reversed': { outcome: 'no-address', reason: 'one-pass walk', link: 'https://sourceware.org/bugzilla/show_bug.cgi?id=1' },
  },
  'go-pure@trixie': {
    '*': { outcome: ['ok', 'wrong-canonical'], reason: 'racy canonical name' },
    'unrelated-*': { outcome: 'wrong-address', reason: 'owner-blind' },
  },
  '*@trixie': { 'unrelated-first': { outcome: 'partial', reason: 'less specific than go-pure@trixie' } },
}), 'known.json');

describe('which entry a cell gets', () => {
  it('unlisted cells are expected ok; globs and comma lists match ids', () => {
    expect(expectationFor(GLIBC, 'glibc-getaddrinfo', 'canonical')).toEqual({ outcomes: ['ok'] });
    expect(expectationFor(GLIBC, 'glibc-gethostbyname@trixie', 'chain-reversed').outcomes).toEqual(['no-address']);
    expect(expectationFor(GLIBC, 'musl-getaddrinfo', 'cname-last').outcomes).toEqual(['ok']);
  });

  it('the most specific entry wins: client first, exact over glob, more literal characters over fewer', () => {
    expect(expectationFor(GLIBC, 'go-pure@trixie', 'canonical').outcomes).toEqual(['ok', 'wrong-canonical']);
    expect(expectationFor(GLIBC, 'go-pure@trixie', 'unrelated-last').outcomes).toEqual(['wrong-address']);
    // go-pure@trixie's own block beats `*@trixie` even where that one names the scenario exactly.
    expect(expectationFor(GLIBC, 'go-pure@trixie', 'unrelated-first').outcomes).toEqual(['wrong-address']);
    expect(expectationFor(GLIBC, 'dnspython@trixie', 'unrelated-first').outcomes).toEqual(['partial']);
  });
});

describe('judging a run', () => {
  it('every cell as expected (a racy cell either way, skipped cells not judged): no differences', () => {
    const j = judge(GLIBC, [
      cell('canonical', 'glibc-getaddrinfo', 'ok'), cell('cname-last', 'glibc-getaddrinfo', 'no-address'),
      cell('canonical', 'go-pure@trixie', 'ok'), cell('cname-last', 'go-pure@trixie', 'wrong-canonical'),
      cell('cname-last', 'java-jndi', 'skipped'),
    ]);
    expect(j).toEqual({ differences: [], judged: 4, known: 2, skipped: 1 });
    expect(describeJudgement(j, GLIBC)).toBe('expectations of known.json: 4 cell(s) judged, 4 as expected (2 known difference(s)); 0 new failure(s), 0 unexpected pass(es), 0 changed; 1 skipped cell(s) not judged\n');
  });

  it('a new failure, an unexpected pass and a changed failure are each a difference, with the reason', () => {
    const j = judge(GLIBC, [
      cell('canonical', 'glibc-getaddrinfo', 'partial'),
      cell('cname-last', 'glibc-getaddrinfo', 'ok'),
      cell('chain-reversed', 'glibc-getaddrinfo', 'error'),
      cell('canonical', 'go-pure@trixie', 'timeout'),
    ]);
    expect(j.differences.map((d) => [d.kind, d.scenario, d.client, d.expected, d.got])).toEqual([
      ['new-failure', 'canonical', 'glibc-getaddrinfo', ['ok'], 'partial'],
      ['unexpected-pass', 'cname-last', 'glibc-getaddrinfo', ['no-address'], 'ok'],
      ['changed', 'chain-reversed', 'glibc-getaddrinfo', ['no-address'], 'error'],
      ['new-failure', 'canonical', 'go-pure@trixie', ['ok', 'wrong-canonical'], 'timeout'],
    ]);
    const text = describeJudgement(j, GLIBC).split('\n');
    expect(text[0]).toBe('new failure: canonical × glibc-getaddrinfo: expected ok (not listed), got partial (partial detail)');
    expect(text[1]).toBe('unexpected pass: cname-last × glibc-getaddrinfo: expected no-address (one-pass walk; https://sourceware.org/bugzilla/show_bug.cgi?id=1), got ok — fixed? remove or narrow the entry');
    expect(text[2]).toBe('changed: chain-reversed × glibc-getaddrinfo: expected no-address (one-pass walk; https://sourceware.org/bugzilla/show_bug.cgi?id=1), got error (error detail)');
    expect(text[3]).toBe('new failure: canonical × go-pure@trixie: expected ok or wrong-canonical (racy canonical name), got timeout (timeout detail)');
    expect(text[4]).toBe('expectations of known.json: 4 cell(s) judged, 0 as expected (0 known difference(s)); 2 new failure(s), 1 unexpected pass(es), 1 changed');
  });
});

describe('a bad file is ERR_EXPECTATIONS, and says where', () => {
  it('JSON syntax: file:line:column', () => {
    const path = file('syntax.json', '{\n  "schema": "dnsorder.expectations/v1",\n  "clients": {,}\n}\n');
    const err = thrown(() => loadKnownOutcomes(path));
    expect(err.code).toBe('ERR_EXPECTATIONS');
    expect(err.position).toEqual({ file: path, line: 3, column: 15 });
    expect(err.message).toBe(`${path}:3:15: not JSON: unexpected ",", expected a string`);
  });

  it.each([
    [{ schema: 'dnsorder.matrix/v1', results: [] }, /schema: this is a matrix report .*by --expect, not --expectations/],
    [{ clients: {} }, /schema: want "dnsorder.expectations\/v1", not nothing/],
    [{ schema: 'dnsorder.expectations/v1', clients: {}, extra: 1 }, /extra: unknown key/],
    [{ schema: 'dnsorder.expectations/v1', clients: [] }, /clients: want an object/],
  ])('top level %j', (value, message) => {
    const err = thrown(() => parseKnownOutcomes(JSON.stringify(value), 'f.json'));
    expect(err.code).toBe('ERR_EXPECTATIONS');
    expect(err.message).toMatch(message);
  });

  it.each([
    [{ 'glibc-*': { 'cname-last': { outcome: 'broken', reason: 'x' } } }, /clients\["glibc-\*"\]\["cname-last"\]\.outcome: "broken" is not an outcome/],
    [{ 'glibc-*': { 'cname-last': { outcome: 'skipped', reason: 'x' } } }, /"skipped" is not a library's outcome/],
    [{ 'glibc-*': { 'cname-last': { outcome: 'ok', reason: 'x' } } }, /leave the cell out/],
    [{ 'glibc-*': { 'cname-last': { outcome: [], reason: 'x' } } }, /non-empty list/],
    [{ 'glibc-*': { 'cname-last': { outcome: 'partial' } } }, /\.reason: want a non-empty string/],
    [{ 'glibc-*': { 'cname-last': { outcome: 'partial', reason: 'x', url: 'y' } } }, /\.url: unknown key/],
    [{ 'glibc-*': { 'cname-lats': { outcome: 'partial', reason: 'x' } } }, /no scenario "cname-lats"/],
    [{ 'glibc-*': { 'cnmae-*': { outcome: 'partial', reason: 'x' } } }, /"cnmae-\*" matches no scenario/],
    [{ 'glibc getaddrinfo': { 'cname-last': { outcome: 'partial', reason: 'x' } } }, /"glibc getaddrinfo" is not a client id or glob/],
    [{ 'a, b': { 'cname-last': { outcome: 'partial', reason: 'x' } }, b: { 'canonical, cname-last': { outcome: 'error', reason: 'y' } } }, /cname-last × b is listed twice \(also at clients\["a, b"\]\["cname-last"\]\)/],
  ])('entry %j', (clients, message) => {
    const err = thrown(() => parseKnownOutcomes(doc(clients), 'f.json'));
    expect(err.code).toBe('ERR_EXPECTATIONS');
    expect(err.message).toMatch(message);
  });
});

describe('dnsorder matrix --expectations (models, in-process)', () => {
  const known = file('glibc.json', doc({ 'model-glibc': { 'cname-last': { outcome: 'no-address', reason: 'getanswer_r walks the answer once' } } }));
  const matrix = (...argv: string[]) => runCli(['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical,cname-last', '--format', 'json', ...argv]);

  it('exit 0 when every cell is as listed', async () => {
    const r = await matrix('--expectations', known);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`expectations of ${known}: 2 cell(s) judged, 2 as expected (1 known difference(s)); 0 new failure(s), 0 unexpected pass(es), 0 changed`);
  });

  it('exit 1 on a new failure (the cell is not listed) and on an unexpected pass (it is listed, and ok)', async () => {
    const none = file('none.json', doc({}));
    const fail = await matrix('--expectations', none);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(/^new failure: cname-last × model-glibc: expected ok \(not listed\), got no-address/m);
    const pass = file('pass.json', doc({ 'model-glibc': { 'cname-last, canonical': { outcome: 'no-address', reason: 'stale' } } }));
    const stale = await matrix('--expectations', pass);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^unexpected pass: canonical × model-glibc: expected no-address \(stale\), got ok/m);
    expect(stale.stdout).toContain('"schema": "dnsorder.matrix/v1"'); // the report still goes out
  });

  it('exit 2 with the code before anything runs on a bad file', async () => {
    const r = await matrix('--expectations', file('bad.json', '{"schema": "dnsorder.expectations/v1", "clients": {}'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:1:53: not JSON: unexpected end of input, expected "," or "}" \[ERR_EXPECTATIONS\]/);
    expect(r.stdout).toBe('');
    const missing = await matrix('--expectations', join(dir, 'nope.json'));
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read expectations file .*nope\.json: .*\[ERR_EXPECTATIONS\]/)]);
    const big = await matrix('--expectations', '/dev/zero');
    expect([big.code, big.stderr]).toEqual([2, expect.stringMatching(/\/dev\/zero is larger than \d+ octets.*\[ERR_INPUT_TOO_LARGE\]/)]);
  });

  it('the shipped examples/expectations/debian.json holds for every model on the named scenarios', async () => {
    const r = await runCli(['matrix', '--clients', 'models', '--format', 'json', '--expectations', SHIPPED]);
    expect(r.stderr).toMatch(/ 0 new failure\(s\), 0 unexpected pass\(es\), 0 changed\n/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).clients.length).toBeGreaterThan(10);
  });
});

describe('the README example', () => {
  it('is a valid expectations file, and its racy cell and override resolve as the text says', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('dnsorder.expectations/v1'))!;
    const known = parseKnownOutcomes(block, 'README.md');
    expect(expectationFor(known, 'node-lookup@trixie', 'terminal-split-first').outcomes).toEqual(['partial']);
    expect(expectationFor(known, 'go-pure@trixie', 'canonical').outcomes).toEqual(['ok', 'wrong-canonical']);
    expect(expectationFor(known, 'go-pure@trixie', 'unrelated-first').outcomes).toEqual(['wrong-address']);
  });
});

describe('the library', () => {
  it('exports the loader and the judge', async () => {
    const api = await import('../../../src/index.js');
    expect([api.loadKnownOutcomes, api.parseKnownOutcomes, api.judgeMatrix, api.expectationFor, api.describeJudgement].map((f) => typeof f)).toEqual(Array(5).fill('function'));
    expect(api.EXPECTATIONS_SCHEMA).toBe('dnsorder.expectations/v1');
    expect(api.judgeMatrix(api.loadKnownOutcomes(SHIPPED), { results: [] }).differences).toEqual([]);
  });
});
