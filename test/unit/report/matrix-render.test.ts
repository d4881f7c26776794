import { describe, expect, it } from 'vitest';
import { renderMatrix } from '../../../src/report/matrix-render.js';
import { compareMatrices } from '../../../src/matrix/expectations.js';
import { renderMarkdownTable, renderTextTable } from '../../../src/report/text-table.js';
import { renderJunit } from '../../../src/report/junit.js';
import { sampleMatrix } from './matrix-fixture.js';

describe('generic table helpers', () => {
  it('align columns by display width and escape Markdown pipes', () => {
    const text = renderTextTable(['id', 'x'], [['a', '✓'], ['long-id', '∅']], { align: ['left', 'center'] });
    const lines = text.trimEnd().split('\n');
    expect(lines[2]).toBe('a        ✓');
    expect(renderMarkdownTable(['a', 'b'], [['x|y', 'z']])).toContain('x\\|y');
  });
  it('JUnit escapes XML and counts failures and skips', () => {
    const xml = renderJunit([{ name: 's', cases: [{ name: 'a<b', classname: 'c', failure: { message: '"x" & y' } }, { name: 'b', classname: 'c', skipped: 'why' }] }]);
    expect(xml).toContain('tests="2" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('a&lt;b');
    expect(xml).toContain('&quot;x&quot; &amp; y');
  });
});

describe('matrix renderers', () => {
  const doc = sampleMatrix();

  it('table: one row per scenario, symbols, legend, breaks per client, security call-out, no colour unless asked', () => {
    const t = renderMatrix(doc, 'table', { colour: false });
    expect(t).not.toMatch(/\u001b\[/);
    expect(t).toMatch(/canonical\s+✓\s+–/);
    expect(t).toMatch(/cname-last \*\s+✗\s+–/);
    expect(t).toContain('✓ ok');
    expect(t).toContain('lib-a (a 1.0): 1: cname-last');
    expect(t).toContain('lib-b (n/a): skipped: not installed <here>');
    expect(t).toContain('SECURITY: 1 cell(s)');
    expect(renderMatrix(doc, 'table', { colour: true })).toMatch(/\u001b\[1;31m/);
  });

  it('json is the document itself', () => {
    expect(JSON.parse(renderMatrix(doc, 'json'))).toEqual(doc);
  });

  it('md has a grid, a legend and the security note', () => {
    const md = renderMatrix(doc, 'md');
    expect(md).toContain('| scenario | `lib-a` | `lib-b` |');
    expect(md).toContain('| cname-last * | ✗ | – |');
    expect(md).toContain('> - `lib-a` on cname-last');
  });

  it('junit: one case per cell, breaks fail, skips skip', () => {
    const xml = renderMatrix(doc, 'junit');
    expect(xml).toContain('tests="4" failures="1" errors="0" skipped="2"');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });

  it('html is self-contained and escapes what it embeds', () => {
    const html = renderMatrix(doc, 'html');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(html).toContain('not installed &lt;here&gt;');
    expect(html).not.toContain('not installed <here>');
    expect(html.match(/<td class="cell">/g)).toHaveLength(4);
  });

  it('rejects an unknown format', () => {
    expect(() => renderMatrix(doc, 'xml')).toThrow(/unknown format/);
  });
});

describe('compareMatrices', () => {
  it('reports each changed cell, ignores cells the baseline lacks', () => {
    const before = sampleMatrix();
    const after = sampleMatrix();
    after.results[0]!.outcome = 'no-address';
    after.results.push({ ...after.results[0]!, scenario: 'new-one' });
    const c = compareMatrices(before, after);
    expect(c.changed).toEqual([expect.objectContaining({ scenario: 'canonical', client: 'lib-a', before: 'ok', after: 'no-address' })]);
    expect(c.unmatched).toBe(1);
    expect(compareMatrices(before, sampleMatrix()).changed).toEqual([]);
  });
});
