// The zone-loader report renderers (src/loaders/render.ts) on a small
// hand-made dnsorder.loaders/v1 document.

import { describe, expect, it } from 'vitest';
import { LOADERS_SCHEMA, type LoadersDocument } from '../../../src/loaders/matrix.js';
import { renderLoaders } from '../../../src/loaders/render.js';

const doc: LoadersDocument = {
  schema: LOADERS_SCHEMA,
  tool: { name: 'dnsorder', version: '0.0.0' },
  host: { os: 'Linux|test', hostname: 'h' },
  input: { zones: 'test' },
  loaders: [
    { id: 'dnsorder', version: '0.0.0', available: true },
    { id: 'ldns', version: null, available: false, reason: 'ldns-verify-zone not found' },
  ],
  results: [
    { zone: 'a|b', loader: 'dnsorder', verdict: 'accept', expected: 'accept', message: 'fine' },
    { zone: 'a|b', loader: 'ldns', verdict: 'unavailable', expected: 'accept', message: 'not here' },
    { zone: 'c<&>"d', loader: 'dnsorder', verdict: 'accept', expected: 'reject', message: 'x|y <z>' },
    { zone: 'c<&>"d', loader: 'ldns', verdict: 'unavailable', expected: 'reject', message: 'not here' },
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
