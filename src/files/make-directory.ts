// mkdir -p, one level at a time. Node's recursive mkdir retries forever when
// the kernel answers ENOENT for a directory it will never create (procfs,
// some FUSE mounts), which would hang a command given such an --out path;
// here every level either exists, is created, or fails with its own error.

import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDirectory(path: string): void {
  const target = resolve(path);
  try {
    if (statSync(target).isDirectory()) return;
  } catch {
    // missing: create its parent first
  }
  const parent = dirname(target);
  if (parent !== target) makeDirectory(parent);
  try {
    mkdirSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(target).isDirectory()) throw err;
  }
}
