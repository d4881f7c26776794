// The streaming splitter: JSON arrays and JSON lines, split at every octet
// boundary, strings with escaped quotes and brackets, the per-entry bound,
// and input cut short — each entry's text, one at a time.

import { describe, expect, it } from 'vitest';
import { splitJsonEntries, type JsonEntry } from '../../../src/atlas/json-stream.js';

async function split(chunks: Buffer[], maxEntryBytes?: number): Promise<JsonEntry[]> {
  const out: JsonEntry[] = [];
  for await (const e of splitJsonEntries((async function* () { yield* chunks; })(), { maxEntryBytes })) out.push(e);
  return out;
}

const values = (entries: JsonEntry[]) => entries.map((e) => (e.kind === 'value' ? JSON.parse(e.text) : { problem: e.message }));

const ENTRIES = [
  { a: 1, s: 'x"y\\', nested: { list: [1, 2, { b: '}]' }] } },
  { abuf: 'AAAA\\"', t: '\\\\"' },
  { e: [] },
  { u: 'é ✓ \u2028' },
];

describe('splitJsonEntries', () => {
  it('reads a JSON array and JSON lines alike, at every chunk boundary', async () => {
    for (const text of [JSON.stringify(ENTRIES), `${ENTRIES.map((e) => JSON.stringify(e)).join('\n')}\n`, JSON.stringify(ENTRIES, null, 2)]) {
      const bytes = Buffer.from(text);
      for (let cut = 0; cut <= bytes.length; cut++) {
        const got = await split([bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(values(got), `cut at ${cut}`).toEqual(ENTRIES);
      }
      // One octet per chunk.
      expect(values(await split([...bytes].map((b) => Buffer.from([b]))))).toEqual(ENTRIES);
    }
  });

  it('skips an entry above the bound, says so, and goes on', async () => {
    const big = { abuf: 'A'.repeat(5000) };
    const text = JSON.stringify([ENTRIES[0], big, ENTRIES[2]]);
    const got = await split([Buffer.from(text.slice(0, 100)), Buffer.from(text.slice(100))], 1024);
    expect(values(got)).toEqual([ENTRIES[0], { problem: 'entry 2 is larger than 1024 octets: skipped' }, ENTRIES[2]]);
  });

  it('reports input cut short and text after the array', async () => {
    expect(values(await split([Buffer.from('[{"a":1},{"b":')]))).toEqual([{ a: 1 }, { problem: 'the input ends inside entry 2 (cut short?)' }]);
    expect(values(await split([Buffer.from('[{"a":1},')]))).toEqual([{ a: 1 }, { problem: 'the input ends before the array is closed (cut short?)' }]);
    expect(values(await split([Buffer.from('[{"a":1}] {"b":2}')]))).toEqual([{ a: 1 }, { problem: 'text after the closing bracket of the array: ignored' }]);
  });

  it('passes scalars and a byte-order mark through for the caller to judge', async () => {
    const got = await split([Buffer.from('\ufeff{"a":1}\n42\n"s"\n')]);
    expect(got.map((e) => (e.kind === 'value' ? e.text : e.message))).toEqual(['{"a":1}', '42', '"s"']);
    expect(await split([Buffer.from('  \n')])).toEqual([]);
  });
});

describe('input that is not Atlas results', () => {
  it('is refused at once: a NUL octet, or a first character other than [ or {', async () => {
    await expect(split([Buffer.from('[{"a":1},'), Buffer.alloc(4096)])).rejects.toMatchObject({ code: 'ERR_ATLAS_NOT_RESULTS', message: expect.stringContaining('NUL octet at offset 9') });
    await expect(split([Buffer.from('# dnsorder\n\nA DNS tester\n')])).rejects.toMatchObject({ code: 'ERR_ATLAS_NOT_RESULTS', message: expect.stringContaining('starts with "#"') });
  });
});
