// The zone-loader report renderers (src/report/loaders-render.ts) on small
// hand-made dnsorder.loaders/v1 documents: one userland, and the host's
// loaders beside a root's (`--suites host,trixie`).

import { describe, expect, it } from 'vitest';
import { LOADERS_SCHEMA, type LoaderResult, type LoadersDocument } from '../../../src/loaders/document.js';
import { columnOrder, renderLoaders } from '../../../src/report/loaders-render.js';
import type { LoaderId, LoaderVerdict } from '../../../src/loaders/types.js';

const doc: LoadersDocument = {
  schema: LOADERS_SCHEMA,
  tool: { name: 'dnsorder', version: '0.0.0' },
  host: { os: 'Linux|test', hostname: 'h' },
  input: { zones: 'test' },
  loaders: [
    { id: 'dnsorder', base: 'dnsorder', userland: 'host', version: '0.0.0', available: true },
    { id: 'ldns', base: 'ldns', userland: 'host', version: null, available: false, reason: 'ldns-verify-zone not found' },
  ],
  results: [
    { zone: 'a|b', loader: 'dnsorder', userland: 'host', verdict: 'accept', expected: 'accept', message: 'fine' },
    { zone: 'a|b', loader: 'ldns', userland: 'host', verdict: 'unavailable', expected: 'accept', message: 'not here' },
    { zone: 'c<&>"d', loader: 'dnsorder', userland: 'host', verdict: 'accept', expected: 'reject', message: 'x|y <z>' },
    { zone: 'c<&>"d', loader: 'ldns', userland: 'host', verdict: 'unavailable', expected: 'reject', message: 'not here' },
  ],
};

describe('renderLoaders', () => {
  it('escapes a | in a Markdown cell exactly once', () => {
    const md = renderLoaders(doc, 'md');
    expect(md).toContain('| a\\|b | accept | accept | unavailable |');
    expect(md).not.toContain('a\\\\|b');
    // The disagreements table and the loader line: escaped once too.
    expect(md).toContain('| c<&>"d | dnsorder | accept | reject | x\\|y <z> |');
    expect(md).toContain('Loaders (Linux\\|test)');
  });

  it('escapes HTML in zone names, messages and versions', () => {
    const html = renderLoaders(doc, 'html');
    expect(html).toContain('<tr><th>c&lt;&amp;&gt;&quot;d</th><td>reject</td><td class="disagree" title="x|y &lt;z&gt;">accept!</td><td class="unavailable" title="not here">unavailable</td></tr>');
    expect(html).toContain('<tr><th>a|b</th><td>accept</td><td class="accept" title="fine">accept</td>');
  });

  it('lays out the text table with one row per zone', () => {
    const text = renderLoaders(doc, 'table');
    expect(text).toMatch(/^a\|b\s+accept\s+accept\s+unavailable$/m);
    expect(text).toMatch(/^c<&>"d\s+reject\s+accept!\s+unavailable$/m);
  });
});

// Two userlands, the document's loaders deliberately not grouped (a root's
// columns after all the host's): the renderers group them per loader.
const status = (base: LoaderId, userland: string, version: string) => ({ id: userland === 'host' ? base : `${base}@${userland}`, base, userland, version, available: true });
const result = (zone: string, base: LoaderId, userland: string, verdict: LoaderVerdict, expected: 'accept' | 'reject'): LoaderResult => ({
  zone, loader: userland === 'host' ? base : `${base}@${userland}`, userland, verdict, expected, message: `${base} in ${userland}`,
});
const twoSuites: LoadersDocument = {
  schema: LOADERS_SCHEMA,
  tool: { name: 'dnsorder', version: '0.0.0' },
  host: { os: 'Debian GNU/Linux 12 (bookworm)', hostname: 'h' },
  input: { zones: 'test' },
  userlands: [{ name: 'host', os: 'Debian GNU/Linux 12 (bookworm)' }, { name: 'trixie', os: 'Debian GNU/Linux 13 (trixie)', dir: '/r' }],
  loaders: [
    status('dnsorder', 'host', '0.0.0'), status('knot', 'host', '3.2.6'), status('nsd', 'host', '4.6.1'),
    status('knot', 'trixie', '3.4.6'), status('nsd', 'trixie', '4.12.0'),
  ],
  results: [
    result('stale', 'dnsorder', 'host', 'reject', 'reject'), result('stale', 'knot', 'host', 'not-checked', 'reject'), result('stale', 'nsd', 'host', 'not-checked', 'reject'),
    result('stale', 'knot', 'trixie', 'reject', 'reject'), result('stale', 'nsd', 'trixie', 'not-checked', 'reject'),
    result('ok', 'dnsorder', 'host', 'accept', 'accept'), result('ok', 'knot', 'host', 'not-checked', 'accept'), result('ok', 'nsd', 'host', 'not-checked', 'accept'),
    result('ok', 'knot', 'trixie', 'reject', 'accept'), result('ok', 'nsd', 'trixie', 'not-checked', 'accept'),
  ],
};

describe('renderLoaders with the loaders of two userlands', () => {
  it('orders the columns per loader, the userlands side by side, dnsorder once', () => {
    expect(columnOrder(twoSuites).map((l) => l.id)).toEqual(['dnsorder', 'knot', 'knot@trixie', 'nsd', 'nsd@trixie']);
  });

  it('Markdown: grouped columns, each userland\'s OS, a disagreement named by its column', () => {
    const md = renderLoaders(twoSuites, 'md');
    expect(md).toContain('Loaders (host: Debian GNU/Linux 12 (bookworm); trixie: Debian GNU/Linux 13 (trixie)): dnsorder 0.0.0, knot 3.2.6, knot@trixie 3.4.6, nsd 4.6.1, nsd@trixie 4.12.0');
    expect(md).toContain('| zone | expected | dnsorder | knot | knot@trixie | nsd | nsd@trixie |');
    expect(md).toContain('| stale | reject | reject | not-checked | reject | not-checked | not-checked |');
    expect(md).toContain('| ok | accept | accept | not-checked | reject! | not-checked | not-checked |');
    expect(md).toContain('| ok | knot@trixie | reject | accept | knot in trixie |');
  });

  it('text: the same columns and the userlands in the heading', () => {
    const text = renderLoaders(twoSuites, 'table');
    expect(text).toContain('on host: Debian GNU/Linux 12 (bookworm); trixie: Debian GNU/Linux 13 (trixie): dnsorder 0.0.0, knot 3.2.6, knot@trixie 3.4.6');
    expect(text).toMatch(/^zone\s+expected\s+dnsorder\s+knot\s+knot@trixie\s+nsd\s+nsd@trixie$/m);
    expect(text).toMatch(/^ok\s+accept\s+accept\s+not-checked\s+reject!\s+not-checked\s+not-checked$/m);
    expect(text).toContain('  ok knot@trixie: reject, expected accept: knot in trixie');
  });

  it('HTML: a loader heading over its userlands', () => {
    const html = renderLoaders(twoSuites, 'html');
    expect(html).toContain('<tr><th rowspan="2">zone</th><th rowspan="2">expected</th><th colspan="1" scope="colgroup">dnsorder</th><th colspan="2" scope="colgroup">knot</th><th colspan="2" scope="colgroup">nsd</th></tr>');
    expect(html).toContain('<tr><th scope="col" title="dnsorder">host</th><th scope="col" title="knot">host</th><th scope="col" title="knot@trixie">trixie</th><th scope="col" title="nsd">host</th><th scope="col" title="nsd@trixie">trixie</th></tr>');
    expect(html).toContain('<tr><th>ok</th><td>accept</td><td class="accept" title="dnsorder in host">accept</td><td class="not-checked" title="knot in host">not-checked</td><td class="disagree" title="knot in trixie">reject!</td>');
  });

  it('JSON: every result keeps its userland', () => {
    const back = JSON.parse(renderLoaders(twoSuites, 'json')) as LoadersDocument;
    expect(back.results.filter((r) => r.userland === 'trixie').map((r) => r.loader)).toEqual(['knot@trixie', 'nsd@trixie', 'knot@trixie', 'nsd@trixie']);
    expect(back.loaders.find((l) => l.id === 'knot@trixie')).toMatchObject({ base: 'knot', userland: 'trixie' });
  });

  it('a single-userland document keeps the old heading (no userland names)', () => {
    expect(renderLoaders(doc, 'md')).toContain('Loaders (Linux\\|test): dnsorder 0.0.0');
    expect(renderLoaders(doc, 'html')).toContain('<table><thead><tr><th>zone</th><th>expected</th><th>dnsorder</th><th>ldns</th></tr></thead>');
  });
});
