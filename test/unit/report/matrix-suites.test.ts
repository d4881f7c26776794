// Reports of `matrix --suites host,trixie`: one column group per client with
// its userlands side by side, models as single columns, and the section that
// lists what changed between releases — the same facts in every format.
import { describe, expect, it } from 'vitest';
import type { MatrixDocument } from '../../../src/matrix/document.js';
import { renderMatrix } from '../../../src/report/matrix-render.js';
import { clientLayout, compareReleases, describeSides, placeOf, userlandsOf } from '../../../src/report/matrix-releases.js';
import { breaksByClient, securityByClient } from '../../../src/report/matrix-summary.js';
import { compareMatrices, describeChanges } from '../../../src/matrix/expectations.js';
import { hostOnlyMatrix, suitesMatrix } from './matrix-fixture.js';

/** The document as written before suites existed: no base, userland or inputs.userlands. */
function withoutUserlandFields(doc: MatrixDocument): MatrixDocument {
  const { userlands: _u, ...inputs } = doc.inputs;
  return {
    ...doc,
    inputs,
    clients: doc.clients.map(({ base: _b, userland: _l, ...c }) => c),
    results: doc.results.map(({ userland: _l, ...r }) => r),
  };
}

/** Column extents [start, end) of a text table, read from its rule line. */
function ruleColumns(rule: string): Array<[number, number]> {
  return [...rule.matchAll(/─+/g)].map((m) => [m.index!, m.index! + m[0].length]);
}

describe('client layout and release comparison (matrix-releases)', () => {
  it('groups each real client by base id, userlands in run order; a model stays one column', () => {
    const layout = clientLayout(suitesMatrix());
    expect(layout.bySuite).toBe(true);
    expect(layout.groups.map((g) => [g.base, g.isModel, g.columns.map((c) => c.userland ?? '-')])).toEqual([
      ['glibc-getaddrinfo', false, ['host', 'trixie']],
      ['musl-getaddrinfo', false, ['host', 'trixie']],
      ['model-glibc', true, ['-']],
    ]);
    expect(layout.columns.map((c) => c.id)).toEqual(['glibc-getaddrinfo', 'glibc-getaddrinfo@trixie', 'musl-getaddrinfo', 'musl-getaddrinfo@trixie', 'model-glibc']);
  });

  it('orders columns by inputs.userlands whatever the order of doc.clients', () => {
    const doc = suitesMatrix();
    doc.clients = [doc.clients[4]!, doc.clients[1]!, doc.clients[3]!, doc.clients[0]!, doc.clients[2]!];
    expect(clientLayout(doc).columns.map((c) => c.id)).toEqual(['model-glibc', 'glibc-getaddrinfo', 'glibc-getaddrinfo@trixie', 'musl-getaddrinfo', 'musl-getaddrinfo@trixie']);
  });

  it('derives base and userland from the id in older documents (bare id = host)', () => {
    const old = withoutUserlandFields(suitesMatrix());
    expect(placeOf(old.clients[1]!)).toEqual({ base: 'glibc-getaddrinfo', userland: 'trixie' });
    expect(placeOf(old.clients[0]!)).toEqual({ base: 'glibc-getaddrinfo', userland: 'host' });
    expect(placeOf(old.clients[4]!)).toEqual({ base: 'model-glibc' });
    expect(userlandsOf(old)).toEqual(['host', 'trixie']);
    expect(compareReleases(old)).toEqual(compareReleases(suitesMatrix()));
    expect(renderMatrix(old, 'table')).toBe(renderMatrix(suitesMatrix(), 'table'));
  });

  it('lists a scenario whose outcome differs, not one that does not, and never a skipped cell', () => {
    const releases = compareReleases(suitesMatrix())!;
    expect(releases.userlands).toEqual(['host', 'trixie']);
    expect(releases.changes).toEqual([{
      scenario: 'cname-last',
      base: 'glibc-getaddrinfo',
      sides: [
        { userland: 'host', client: 'glibc-getaddrinfo', version: 'glibc 2.36', outcome: 'no-address', detail: 'EAI_NONAME: Name or service not known' },
        { userland: 'trixie', client: 'glibc-getaddrinfo@trixie', version: 'glibc 2.41', outcome: 'ok', detail: 'all addresses' },
      ],
    }]);
    // musl-getaddrinfo is no-address on the host and skipped in trixie: not a change, but said.
    expect(releases.notRun).toEqual([{ client: 'musl-getaddrinfo@trixie', base: 'musl-getaddrinfo', userland: 'trixie', reason: 'musl-dev is not installed in trixie' }]);
    expect(describeSides(releases.changes[0]!)).toBe('host (glibc 2.36): no-address → trixie (glibc 2.41): ok');
  });

  it('compares three userlands, leaving out the one a cell was skipped in', () => {
    const doc = suitesMatrix();
    doc.inputs.userlands = ['host', 'trixie', 'lab'];
    doc.clients.splice(2, 0, { ...doc.clients[1]!, id: 'glibc-getaddrinfo@lab', userland: 'lab', version: null });
    doc.results.push(
      { ...doc.results[1]!, client: 'glibc-getaddrinfo@lab', userland: 'lab', scenario: 'canonical', outcome: 'partial' },
      { ...doc.results[6]!, client: 'glibc-getaddrinfo@lab', userland: 'lab', scenario: 'cname-last', outcome: 'skipped' },
    );
    const changes = compareReleases(doc)!.changes;
    expect(changes.map((c) => `${c.scenario} ${c.base}: ${describeSides(c)}`)).toEqual([
      'canonical glibc-getaddrinfo: host (glibc 2.36): ok → trixie (glibc 2.41): ok → lab (n/a): partial',
      'cname-last glibc-getaddrinfo: host (glibc 2.36): no-address → trixie (glibc 2.41): ok',
    ]);
  });

  it('has nothing to compare on the host alone, or in one suite alone', () => {
    expect(clientLayout(hostOnlyMatrix()).bySuite).toBe(false);
    expect(compareReleases(hostOnlyMatrix())).toBeUndefined();
    const trixieOnly = suitesMatrix();
    trixieOnly.inputs.userlands = ['trixie'];
    trixieOnly.clients = trixieOnly.clients.filter((c) => c.userland !== 'host');
    trixieOnly.results = trixieOnly.results.filter((r) => r.userland !== 'host');
    expect(clientLayout(trixieOnly).bySuite).toBe(true); // the column still says trixie
    expect(compareReleases(trixieOnly)).toBeUndefined();
    expect(renderMatrix(trixieOnly, 'table')).not.toContain('between releases');
  });
});

describe('matrix reports with suites', () => {
  const doc = suitesMatrix();

  it('table: a client name spans its host and trixie columns; the model is one column', () => {
    const lines = renderMatrix(doc, 'table', { colour: false }).split('\n');
    const [spans, headers, rule] = [lines[2]!, lines[3]!, lines[4]!];
    const cols = ruleColumns(rule);
    expect(cols).toHaveLength(6); // scenario, glibc host/trixie, musl host/trixie, model
    const within = (text: string, line: string, from: number, to: number) => {
      const at = line.indexOf(text);
      expect(at, `${text} in ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(from);
      expect(at + text.length).toBeLessThanOrEqual(to);
    };
    within('glibc-getaddrinfo', spans, cols[1]![0], cols[2]![1]);
    within('musl-getaddrinfo', spans, cols[3]![0], cols[4]![1]);
    expect(headers.slice(cols[1]![0], cols[1]![1]).trim()).toBe('host');
    expect(headers.slice(cols[2]![0], cols[2]![1]).trim()).toBe('trixie');
    expect(headers.slice(cols[3]![0], cols[3]![1]).trim()).toBe('host');
    expect(headers.slice(cols[4]![0], cols[4]![1]).trim()).toBe('trixie');
    expect(headers.slice(cols[5]![0]).trim()).toBe('model-glibc');
    expect(spans.slice(cols[5]![0]).trim()).toBe(''); // no group over a model
    expect(headers.startsWith('scenario')).toBe(true);
    const row = lines.find((l) => l.startsWith('cname-last'))!;
    expect(cols.slice(1).map(([a, b]) => row.slice(a, b).trim())).toEqual(['∅', '✓', '∅', '–', '∅']);
  });

  it('table: the changes section names the scenario, the client and each side with its version', () => {
    const t = renderMatrix(doc, 'table', { colour: false });
    expect(t).toContain('Changed between releases (same client, outcome differs between userlands; skipped cells are not compared):\n'
      + '  cname-last  glibc-getaddrinfo  host (glibc 2.36): no-address → trixie (glibc 2.41): ok\n'
      + 'Not run, so not compared: musl-getaddrinfo@trixie (musl-dev is not installed in trixie)\n');
    expect(t).not.toMatch(/^ {2}(canonical|unrelated-first) /m);
    expect(t).toContain('glibc-getaddrinfo@trixie (glibc 2.41): none');
    expect(t).toContain('musl-getaddrinfo@trixie (n/a): skipped: musl-dev is not installed in trixie');
    expect(renderMatrix(doc, 'table', { colour: true })).toContain('host (glibc 2.36): \u001b[33mno-address\u001b[0m → trixie (glibc 2.41): \u001b[32mok\u001b[0m');
  });

  it('table, md and html say so when no outcome changed', () => {
    const same = suitesMatrix();
    same.results = same.results.map((r) => (r.client === 'glibc-getaddrinfo' && r.scenario === 'cname-last' ? { ...r, outcome: 'ok', breaks: false } : r));
    expect(compareReleases(same)!.changes).toEqual([]);
    for (const format of ['table', 'md', 'html']) {
      const out = renderMatrix(same, format);
      expect(out).toContain('No outcome changed between releases.');
      expect(out).not.toContain(' → ');
      expect(out).toMatch(/Not run, so not compared: `?musl-getaddrinfo@trixie`? \(musl-dev is not installed in trixie\)/);
    }
  });

  it('md: the client name heads its first column, the userlands are the first row, then the changes table', () => {
    const md = renderMatrix(doc, 'md');
    expect(md).toContain([
      '| scenario | `glibc-getaddrinfo` |  | `musl-getaddrinfo` |  | `model-glibc` |',
      '| --- | :-: | :-: | :-: | :-: | :-: |',
      '|  | *host* | *trixie* | *host* | *trixie* |  |',
      '| canonical | ✓ | ✓ | ✓ | – | ✓ |',
      '| cname-last * | ∅ | ✓ | ∅ | – | ∅ |',
    ].join('\n'));
    expect(md).toContain('**Changed between releases** (same client, outcome differs between userlands; skipped cells are not compared)\n\n'
      + '| scenario | client | outcomes |\n| --- | --- | --- |\n'
      + '| cname-last | `glibc-getaddrinfo` | host (glibc 2.36): no-address → trixie (glibc 2.41): ok |\n');
    expect(md).toContain('Not run, so not compared: `musl-getaddrinfo@trixie` (musl-dev is not installed in trixie)');
    expect(md).toContain('| `glibc-getaddrinfo@trixie` | glibc 2.41 | — |');
  });

  it('html: a group header spans the userland headers; the model spans both header rows; a changes section', () => {
    const html = renderMatrix(doc, 'html');
    const thead = html.slice(html.indexOf('<thead>'), html.indexOf('</thead>'));
    const rows = thead.split('<tr>').slice(1);
    expect(rows).toHaveLength(2);
    expect([...rows[0]!.matchAll(/<th class="client group first" colspan="(\d)" scope="colgroup"[^>]*>([^<]+)<\/th>/g)].map((m) => [m[2], m[1]])).toEqual([['glibc-getaddrinfo', '2'], ['musl-getaddrinfo', '2']]);
    expect(rows[0]).toMatch(/<th class="client first" rowspan="2" scope="col"[^>]*>model-glibc<\/th>/);
    expect([...rows[1]!.matchAll(/<th class="userland[^"]*"[^>]*data-client="([^"]+)"[^>]*>([^<]+)<\/th>/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual([
      'glibc-getaddrinfo:host', 'glibc-getaddrinfo@trixie:trixie', 'musl-getaddrinfo:host', 'musl-getaddrinfo@trixie:trixie',
    ]);
    expect(html.match(/<td class="cell[^"]*">/g)).toHaveLength(15);
    expect(html).toContain('data-client="glibc-getaddrinfo@trixie" data-outcome="ok"');
    const section = html.slice(html.indexOf('<section id="changes">'), html.indexOf('</section>', html.indexOf('<section id="changes">')));
    expect(section).toContain('<h2>Changed between releases</h2>');
    expect(section.match(/<li /g)).toHaveLength(1);
    expect(section.replace(/<[^>]+>/g, '')).toContain('cname-last glibc-getaddrinfo: host (glibc 2.36): ∅ no-address → trixie (glibc 2.41): ✓ ok');
    expect(section).toContain('Not run, so not compared: musl-getaddrinfo@trixie (musl-dev is not installed in trixie)');
  });

  it('html escapes userland names and versions in the header and the changes', () => {
    const odd = suitesMatrix();
    odd.clients[1]!.version = 'glibc <2.41>';
    const html = renderMatrix(odd, 'html');
    expect(html).toContain('trixie (glibc &lt;2.41&gt;)');
    expect(html.slice(0, html.indexOf('<script type="application/json"'))).not.toContain('<2.41>');
  });

  it('json keeps one result per cell with its userland and adds the computed changes', () => {
    const json = JSON.parse(renderMatrix(doc, 'json')) as MatrixDocument;
    expect(json.results).toEqual(doc.results);
    expect(json.results.filter((r) => r.userland === 'trixie')).toHaveLength(6);
    expect(json.changes).toEqual(compareReleases(doc)!.changes);
    // Read back and rendered again: recomputed, not duplicated; a host-only run has none.
    expect(JSON.parse(renderMatrix(json, 'json'))).toEqual(json);
    expect(JSON.parse(renderMatrix(hostOnlyMatrix(), 'json'))).not.toHaveProperty('changes');
    expect(JSON.parse(renderMatrix({ ...hostOnlyMatrix(), changes: json.changes }, 'json'))).not.toHaveProperty('changes');
  });

  it('junit: one test case per cell, the classname names the userland', () => {
    const xml = renderMatrix(doc, 'junit');
    expect(xml.match(/<testcase /g)).toHaveLength(15);
    expect(xml).toContain('tests="15" failures="3" errors="0" skipped="3"');
    expect(xml.match(/classname="dnsorder\.matrix\.glibc-getaddrinfo@trixie"/g)).toHaveLength(3);
    expect(xml.match(/classname="dnsorder\.matrix\.glibc-getaddrinfo"/g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuite name="glibc-getaddrinfo@trixie"[^]*?<property name="userland" value="trixie"\/>/);
    expect(xml).toMatch(/<testsuite name="model-glibc"(?:(?!<\/testsuite>)[^])*<\/testsuite>/);
    expect(xml.match(/<testsuite name="model-glibc"(?:(?!<\/testsuite>)[^])*<\/testsuite>/)![0]).not.toContain('userland');
  });

  it('summary: breaks and security findings per client id, @suite included', () => {
    const bad = suitesMatrix();
    const cell = bad.results.find((r) => r.client === 'glibc-getaddrinfo@trixie' && r.scenario === 'unrelated-first')!;
    Object.assign(cell, { outcome: 'wrong-address', breaks: true, detail: 'returned 198.51.100.66' });
    expect(breaksByClient(bad).map((b) => `${b.client}: ${b.skipped ?? b.scenarios.join(',')}`)).toEqual([
      'glibc-getaddrinfo: cname-last',
      'glibc-getaddrinfo@trixie: unrelated-first',
      'musl-getaddrinfo: cname-last',
      'musl-getaddrinfo@trixie: musl-dev is not installed in trixie',
      'model-glibc: cname-last',
    ]);
    expect(securityByClient(bad)).toEqual([{ client: 'glibc-getaddrinfo@trixie', scenarios: ['unrelated-first'] }]);
    expect(renderMatrix(bad, 'table')).toContain('  glibc-getaddrinfo@trixie on unrelated-first: returned 198.51.100.66');
    expect(renderMatrix(bad, 'md')).toContain('> - `glibc-getaddrinfo@trixie` on unrelated-first');
    expect(renderMatrix(bad, 'table')).toContain('  unrelated-first  glibc-getaddrinfo  host (glibc 2.36): ok → trixie (glibc 2.41): wrong-address');
  });
});

describe('--expect with suites (compareMatrices keys cells by scenario and client id, @suite included)', () => {
  it('a change in trixie is reported for the trixie client only', () => {
    const after = suitesMatrix();
    after.results.find((r) => r.client === 'glibc-getaddrinfo@trixie' && r.scenario === 'canonical')!.outcome = 'partial';
    const c = compareMatrices(suitesMatrix(), after);
    expect(c).toEqual({ changed: [expect.objectContaining({ scenario: 'canonical', client: 'glibc-getaddrinfo@trixie', before: 'ok', after: 'partial' })], unmatched: 0 });
    expect(describeChanges(c)).toContain('changed: canonical × glibc-getaddrinfo@trixie: ok → partial');
    expect(compareMatrices(suitesMatrix(), suitesMatrix())).toEqual({ changed: [], unmatched: 0 });
  });

  it('a host-only baseline checks the host cells of a suites run; the trixie cells are not in it', () => {
    const after = suitesMatrix();
    after.results.find((r) => r.client === 'glibc-getaddrinfo' && r.scenario === 'cname-last')!.outcome = 'ok';
    const c = compareMatrices(hostOnlyMatrix(), after);
    expect(c.changed.map((x) => `${x.scenario} × ${x.client}`)).toEqual(['cname-last × glibc-getaddrinfo']);
    expect(c.unmatched).toBe(6);
  });

  it('a baseline written before suites existed (no userland fields) matches host cells alike', () => {
    const c = compareMatrices(withoutUserlandFields(hostOnlyMatrix()), hostOnlyMatrix());
    expect(c).toEqual({ changed: [], unmatched: 0 });
  });

  it('a baseline saved as JSON with its computed changes still loads and compares', () => {
    const saved = JSON.parse(renderMatrix(suitesMatrix(), 'json')) as MatrixDocument;
    expect(saved.changes).toHaveLength(1);
    expect(compareMatrices(saved, suitesMatrix())).toEqual({ changed: [], unmatched: 0 });
  });
});
