// FileChunkSource: the file's octets, in order, as chunks that end at line
// breaks and stay small (see CHUNK_OCTETS in src/zone/source.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileChunkSource } from '../../../src/zone-sources/file-chunk-source.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chunksOf(text: string): string[] {
  const file = join(dir, 'zone');
  writeFileSync(file, text, 'latin1');
  const source = new FileChunkSource(file);
  const chunks: string[] = [];
  for (let c = source.nextChunk(); c !== undefined; c = source.nextChunk()) chunks.push(c);
  return chunks;
}

describe('FileChunkSource', () => {
  it('gives back every octet in order, each chunk but the last ending at a line break', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line${i} ${'\xff'.repeat(i % 97)}`).join('\n') + '\nno final break';
    const chunks = chunksOf(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith('\n')).toBe(true);
  });

  it('takes a line longer than its buffer whole, then returns to ordinary chunk sizes', () => {
    const long = 'x'.repeat(300_000);
    const short = Array.from({ length: 100_000 }, (_, i) => `h${i} 300 IN A 192.0.2.1`).join('\n');
    const chunks = chunksOf(`${long}\n${short}\n`);
    expect(chunks.join('')).toBe(`${long}\n${short}\n`);
    // The chunk holding the long line is big; after the next one, every chunk is at most 32 KiB again.
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.slice(2).every((c) => c.length <= 1 << 15)).toBe(true);
  });
});
