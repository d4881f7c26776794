// Streamed outputs keep writeFileAtomic's guarantees: whole or not at all,
// never through a planted link, no temporary file left behind.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFileWriter, writeFileAtomicStream } from '../../../src/files/atomic-output.js';

const work = mkdtempSync(join(tmpdir(), 'dnsorder-atomic-stream-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

describe('writeFileAtomicStream', () => {
  it('puts the pieces in place once fill resolves, and leaves no temporary behind', async () => {
    const dir = fresh();
    const target = join(dir, 'zone');
    const result = await writeFileAtomicStream(target, async (write) => {
      write('a\n');
      await new Promise((resolve) => setImmediate(resolve));
      // Nothing at the target while it is being written.
      expect(readdirSync(dir).filter((f) => f === 'zone')).toEqual([]);
      write(Buffer.from('b\n'));
      return 42;
    });
    expect(result).toBe(42);
    expect(readFileSync(target, 'utf8')).toBe('a\nb\n');
    expect(readdirSync(dir)).toEqual(['zone']);
  });

  it('leaves an earlier file untouched and removes its temporary when fill throws, passing the error on', async () => {
    const dir = fresh();
    const target = join(dir, 'zone');
    writeFileSync(target, 'earlier\n');
    const failure = new Error('parse failed half-way');
    await expect(writeFileAtomicStream(target, (write) => {
      write('half\n');
      throw failure;
    })).rejects.toBe(failure);
    expect(readFileSync(target, 'utf8')).toBe('earlier\n');
    expect(readdirSync(dir)).toEqual(['zone']);
  });

  it('replaces a link planted at the target instead of writing through it', async () => {
    const dir = fresh();
    const victim = join(work, `victim-${n}`);
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'zone'));
    await writeFileAtomicStream(join(dir, 'zone'), (write) => write('zone\n'));
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'zone')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'zone'), 'utf8')).toBe('zone\n');
  });

  it('says ERR_OUTPUT when the directory cannot take the file', async () => {
    await expect(writeFileAtomicStream(join(work, 'missing', 'zone'), (write) => write('x'))).rejects.toMatchObject({ code: 'ERR_OUTPUT' });
  });
});

describe('AtomicFileWriter', () => {
  it('abort drops what was written, more than once if need be, and refuses writes after', () => {
    const dir = fresh();
    const writer = new AtomicFileWriter(join(dir, 'zone'));
    writer.write('x');
    expect(readdirSync(dir)).toHaveLength(1); // the temporary, under a random name
    expect(readdirSync(dir)[0]).toMatch(/^\.zone\.[0-9a-f]{16}\.tmp$/);
    writer.abort();
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => writer.write('y')).toThrowError(expect.objectContaining({ code: 'ERR_OUTPUT' }));
    expect(() => writer.commit()).toThrowError(expect.objectContaining({ code: 'ERR_OUTPUT' }));
  });
});
