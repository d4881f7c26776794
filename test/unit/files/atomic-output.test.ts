// Outputs are written whole or not at all, and never through a link another
// local user planted (the attack: a root-run dnsorder writing --out into a
// directory someone else can write).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWritableFile, writeDirectoryAtomic, writeFileAtomic } from '../../../src/files/atomic-output.js';
import { isRoot, requirement } from '../../helpers/peers.js';

const work = mkdtempSync(join(tmpdir(), 'dnsorder-atomic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(work, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

describe('writeFileAtomic', () => {
  it('writes the whole file and leaves no temporary behind', () => {
    const dir = fresh();
    writeFileAtomic(join(dir, 'report.json'), '{"ok":true}\n');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{"ok":true}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('replaces a link planted at the output path instead of writing through it', () => {
    const dir = fresh();
    const victim = join(work, `victim-${n}`);
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'report.json'));
    writeFileAtomic(join(dir, 'report.json'), 'report\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(false);
  });

  it('uses a temporary name nobody can predict: links planted at the old .NAME.PID.tmp name are not followed', () => {
    const dir = fresh();
    const victim = join(work, `victim-${n}`);
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, `.report.json.${process.pid}.tmp`));
    writeFileAtomic(join(dir, 'report.json'), 'report\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('report\n');
  });

  it.skipIf(requirement(isRoot ? undefined : 'planting a link as another user needs root'))('as root, in a directory another user can write, a link that user planted leaves the victim untouched', () => {
    // Not sticky, so the kernel's protected_symlinks does not step in: only our code protects the victim.
    chmodSync(work, 0o755); // mkdtemp's 0700 would keep the other user out of the whole tree
    const dir = fresh();
    chmodSync(dir, 0o777);
    const victim = join(work, `victim-${n}`);
    writeFileSync(victim, 'root-owned\n');
    execFileSync('runuser', ['-u', 'nobody', '--', 'ln', '-s', victim, join(dir, 'stats.json')]);
    execFileSync('runuser', ['-u', 'nobody', '--', 'ln', '-s', victim, join(dir, `.stats.json.${process.pid}.tmp`)]);
    expect(lstatSync(join(dir, 'stats.json')).uid).toBe(65534);
    writeFileAtomic(join(dir, 'stats.json'), '{}\n');
    expect(readFileSync(victim, 'utf8')).toBe('root-owned\n');
    expect(readFileSync(join(dir, 'stats.json'), 'utf8')).toBe('{}\n');
    expect(lstatSync(join(dir, 'stats.json')).uid).toBe(0);
  });

  it('fails with ERR_OUTPUT and the reason, leaving nothing behind, when the directory is missing', () => {
    expect(() => writeFileAtomic(join(work, 'missing', 'x.json'), 'x')).toThrow(expect.objectContaining({ code: 'ERR_OUTPUT', message: expect.stringContaining('no such file') }));
  });
});

describe('checkWritableFile', () => {
  it('accepts a writable directory and leaves nothing in it', () => {
    const dir = fresh();
    checkWritableFile(join(dir, 'out.json'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a directory at the path, and a place that passes access() but takes no file (procfs)', () => {
    expect(() => checkWritableFile(work)).toThrow(expect.objectContaining({ code: 'ERR_OUTPUT', message: expect.stringContaining('is a directory') }));
    expect(() => checkWritableFile('/proc/dnsorder-stats.json')).toThrow(expect.objectContaining({ code: 'ERR_OUTPUT' }));
  });
});

describe('writeDirectoryAtomic', () => {
  const manifest = (dir: string) => existsSync(join(dir, 'manifest.json'));

  it('creates the directory whole, and replaces an earlier output of ours', async () => {
    const dir = join(fresh(), 'vectors');
    await writeDirectoryAtomic(dir, (tmp) => { writeFileSync(join(tmp, 'manifest.json'), '1'); writeFileSync(join(tmp, 'a.bin'), 'a'); }, { isEarlierOutput: manifest });
    await writeDirectoryAtomic(dir, (tmp) => writeFileSync(join(tmp, 'manifest.json'), '2'), { isEarlierOutput: manifest });
    expect(readdirSync(dir)).toEqual(['manifest.json']);
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe('2');
    expect(readdirSync(join(dir, '..'))).toEqual(['vectors']);
  });

  it('never replaces a directory with other files in it', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'thesis.tex'), 'years of work');
    await expect(writeDirectoryAtomic(dir, () => undefined, { isEarlierOutput: manifest })).rejects.toMatchObject({ code: 'ERR_OUTPUT' });
    expect(readdirSync(dir)).toEqual(['thesis.tex']);
  });

  it('a failure part-way leaves the previous output as it was and no temporary directory', async () => {
    const parent = fresh();
    const dir = join(parent, 'out');
    await writeDirectoryAtomic(dir, (tmp) => writeFileSync(join(tmp, 'manifest.json'), 'old'), { isEarlierOutput: manifest });
    await expect(writeDirectoryAtomic(dir, (tmp) => {
      writeFileSync(join(tmp, 'manifest.json'), 'new');
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    }, { isEarlierOutput: manifest })).rejects.toMatchObject({ code: 'ERR_OUTPUT', message: expect.stringContaining('no space left') });
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  const tmpfs = mountSmallTmpfs();
  it.skipIf(typeof tmpfs === 'string' ? requirement(tmpfs) : undefined)(`on a real full file system (a 64 KiB tmpfs)${typeof tmpfs === 'string' ? `: ${tmpfs}` : ''}`, async () => {
    const { dir: mount, unmount } = tmpfs as { dir: string; unmount: () => void };
    try {
      const out = join(mount, 'vectors');
      await writeDirectoryAtomic(out, (tmp) => writeFileSync(join(tmp, 'manifest.json'), 'old'), { isEarlierOutput: manifest });
      await expect(writeDirectoryAtomic(out, (tmp) => {
        for (let i = 0; i < 100; i++) writeFileSync(join(tmp, `f${i}.bin`), Buffer.alloc(4096, i));
        writeFileSync(join(tmp, 'manifest.json'), 'new');
      }, { isEarlierOutput: manifest })).rejects.toMatchObject({ code: 'ERR_OUTPUT' });
      expect(readdirSync(mount)).toEqual(['vectors']);
      expect(readdirSync(out)).toEqual(['manifest.json']);
      expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('old');
    } finally {
      unmount();
    }
  });
});

/** A 64 KiB tmpfs of our own, where mounting is allowed (root, not in a container that forbids it); else why not. */
function mountSmallTmpfs(): { dir: string; unmount: () => void } | string {
  if (!isRoot) return 'needs root to mount a tmpfs';
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-fulldisk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here: ${(mounted.stderr || mounted.error?.message || '').trim()}`;
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
