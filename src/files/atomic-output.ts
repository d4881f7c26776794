// Outputs that appear whole or not at all, and never through a link someone
// else planted. A file goes to a temporary sibling with an unpredictable name,
// created exclusively (O_EXCL) without following links (O_NOFOLLOW), then is
// renamed over the target: rename(2) replaces a link at the target rather than
// writing through it. A directory output is filled in a temporary sibling
// directory and renamed into place, so a full disk leaves the previous
// directory (or nothing), never half of one.

import { randomBytes } from 'node:crypto';
import {
  closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DnsorderError } from '../errors.js';
import { fsReason } from './fs-errors.js';

/** Mode for new files, before the umask: what `>` in a shell gives. */
const FILE_MODE = 0o666;
const DIRECTORY_MODE = 0o777;

function temporarySibling(path: string, suffix: string): string {
  return join(dirname(resolve(path)), `.${basename(path)}.${randomBytes(8).toString('hex')}${suffix}`);
}

function outputError(path: string, err: unknown): DnsorderError {
  if (err instanceof DnsorderError) return err;
  return new DnsorderError('ERR_OUTPUT', `cannot write ${path}: ${fsReason(err)}`, { cause: err });
}

/** Creates a new file exclusively, never through a link; returns its descriptor. */
function createExclusive(path: string): number {
  return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, FILE_MODE);
}

/**
 * Checks for real that `path` can be written: a directory that exists and
 * takes a new file (made and removed again), and no directory at `path`.
 * Run it before long work, so it does not end in "cannot write".
 */
export function checkWritableFile(path: string): void {
  try {
    if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      throw new DnsorderError('ERR_OUTPUT', `cannot write ${path}: it is a directory`);
    }
    const probe = temporarySibling(path, '.check');
    closeSync(createExclusive(probe));
    unlinkSync(probe);
  } catch (err) {
    throw outputError(path, err);
  }
}

/** Writes `data` to `path` atomically (see the top of this file). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = temporarySibling(path, '.tmp');
  let fd: number | undefined;
  try {
    fd = createExclusive(temporary);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw outputError(path, err);
  }
}

export interface DirectoryOutputOptions {
  /**
   * An existing directory at `path` is replaced only when it is empty or this
   * says it is an earlier output of ours (e.g. it holds our manifest), so a
   * mistyped --out never deletes someone's files.
   */
  isEarlierOutput(path: string): boolean;
}

/**
 * Checks before long work that `path` can become a directory output: it is
 * missing, empty or an earlier output, and its parent takes new entries.
 */
export function checkDirectoryOutput(path: string, options: DirectoryOutputOptions): void {
  const target = resolve(path);
  const existing = lstatSync(target, { throwIfNoEntry: false });
  if (existing && (!existing.isDirectory() || (readdirSync(target).length > 0 && !options.isEarlierOutput(target)))) {
    throw new DnsorderError('ERR_OUTPUT', existing.isDirectory()
      ? `cannot write ${path}: it is a directory with other files in it (name a new or empty directory)`
      : `cannot write ${path}: it exists and is not a directory`);
  }
  try {
    const probe = temporarySibling(target, '.check');
    mkdirSync(probe);
    rmSync(probe, { recursive: true });
  } catch (err) {
    throw outputError(path, err);
  }
}

/**
 * Fills a fresh temporary sibling of `path` with `fill(dir)`, then puts it in
 * place of `path` (replacing an earlier output). On any failure the temporary
 * directory is removed and `path` is as it was.
 */
export async function writeDirectoryAtomic<T>(path: string, fill: (dir: string) => T | Promise<T>, options: DirectoryOutputOptions): Promise<T> {
  const target = resolve(path);
  checkDirectoryOutput(path, options);
  const existing = lstatSync(target, { throwIfNoEntry: false });
  const temporary = temporarySibling(target, '.tmp');
  try {
    mkdirSync(temporary, { mode: DIRECTORY_MODE });
  } catch (err) {
    throw outputError(path, err);
  }
  try {
    const result = await fill(temporary);
    if (existing) {
      // Two renames: the old output steps aside, the new one takes its name.
      const old = temporarySibling(target, '.old');
      renameSync(target, old);
      renameSync(temporary, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temporary, target);
    }
    return result;
  } catch (err) {
    rmSync(temporary, { recursive: true, force: true });
    throw outputError(path, err);
  }
}

/**
 * A file written piece by piece with writeFileAtomic's guarantees: the pieces
 * go to a temporary sibling (random name, O_EXCL|O_NOFOLLOW) that `commit`
 * renames over `path`; `abort`, or a failed write or commit, removes it and
 * leaves `path` as it was. For outputs too big to hold as one string.
 */
export class AtomicFileWriter {
  private readonly temporary: string;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.temporary = temporarySibling(path, '.tmp');
    try {
      this.fd = createExclusive(this.temporary);
    } catch (err) {
      throw outputError(path, err);
    }
  }

  write(data: string | Uint8Array): void {
    if (this.fd === undefined) throw new DnsorderError('ERR_OUTPUT', `cannot write ${this.path}: already committed or aborted`);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done, bytes.length - done);
    } catch (err) {
      this.abort();
      throw outputError(this.path, err);
    }
  }

  /** Puts the file in place (after fsync). */
  commit(): void {
    if (this.fd === undefined) throw new DnsorderError('ERR_OUTPUT', `cannot write ${this.path}: already committed or aborted`);
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temporary, this.path);
    } catch (err) {
      this.abort();
      throw outputError(this.path, err);
    }
  }

  /** Drops what was written; `path` is untouched. Safe to call more than once. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already unusable: the file goes anyway
      }
      this.fd = undefined;
    }
    rmSync(this.temporary, { force: true });
  }
}

/**
 * Writes to `path` atomically whatever `fill` passes to `write`: in place when
 * `fill` resolves, the temporary file removed when it (or a write) throws.
 * `fill`'s own errors reach the caller unchanged.
 */
export async function writeFileAtomicStream<T>(path: string, fill: (write: (data: string | Uint8Array) => void) => T | Promise<T>): Promise<T> {
  const writer = new AtomicFileWriter(path);
  let result: T;
  try {
    result = await fill((data) => writer.write(data));
  } catch (err) {
    writer.abort();
    throw err;
  }
  writer.commit();
  return result;
}
