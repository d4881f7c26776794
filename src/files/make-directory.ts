// mkdir -p, one level at a time. Node's recursive mkdir retries forever when
// the kernel answers ENOENT for a directory it will never create (procfs,
// some FUSE mounts), which would hang a command given such an --out path;
// here every level either exists, is created, or fails — with ERR_OUTPUT and
// the level that failed, not Node's "EEXIST: file already exists, mkdir …".

import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DnsorderError } from '../errors.js';
import { fsReason } from './fs-errors.js';

export function makeDirectory(path: string): void {
  const target = resolve(path);
  let level = target;
  try {
    makeLevels(target, (failed) => (level = failed));
  } catch (err) {
    const where = level === target ? '' : `${level}: `;
    throw new DnsorderError('ERR_OUTPUT', `cannot create directory ${path}: ${where}${fsReason(err)}`, { cause: err });
  }
}

function makeLevels(target: string, trying: (level: string) => void): void {
  try {
    if (statSync(target).isDirectory()) return;
  } catch {
    // missing: create its parent first
  }
  const parent = dirname(target);
  if (parent !== target) makeLevels(parent, trying);
  trying(target);
  try {
    mkdirSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(target).isDirectory()) throw err;
  }
}
