import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from '../../../src/files/make-directory.js';

const root = mkdtempSync(join(tmpdir(), 'dnsorder-mkdir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeDirectory', () => {
  it('creates missing levels and accepts an existing directory', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeDirectory(deep);
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it('fails at once where a level cannot exist (a file in the way, procfs) instead of retrying forever', () => {
    writeFileSync(join(root, 'file'), '');
    expect(() => makeDirectory(join(root, 'file', 'x'))).toThrowError(expect.objectContaining({ code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/) }));
    if (existsSync('/proc/self')) {
      const started = Date.now();
      expect(() => makeDirectory('/proc/dnsorder-cannot-exist/x')).toThrowError(expect.objectContaining({ code: 'ENOENT' }));
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });
});
