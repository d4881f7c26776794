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
    // A dnsorder error naming the level that failed, with Node's error as the cause.
    expect(() => makeDirectory(join(root, 'file', 'x'))).toThrowError(expect.objectContaining({
      code: 'ERR_OUTPUT',
      message: `cannot create directory ${join(root, 'file', 'x')}: ${join(root, 'file')}: a file is in the way`,
      cause: expect.objectContaining({ code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/) }),
    }));
    // procfs answers ENOENT to mkdir for ever: Node's recursive mkdir would spin; ours returns
    // (a hang would be this test's timeout, not a clock reading).
    if (existsSync('/proc/self')) {
      expect(() => makeDirectory('/proc/dnsorder-cannot-exist/x')).toThrowError(expect.objectContaining({ code: 'ERR_OUTPUT', cause: expect.objectContaining({ code: 'ENOENT' }) }));
    }
  });

  it('says when the directory itself is a file', () => {
    writeFileSync(join(root, 'plain'), '');
    expect(() => makeDirectory(join(root, 'plain'))).toThrowError(expect.objectContaining({
      code: 'ERR_OUTPUT', message: `cannot create directory ${join(root, 'plain')}: a file is in the way`,
    }));
  });
});
