// --out FILE for reports and zones: checked for real before any work starts
// (a matrix run should not end in "cannot write"), and written atomically,
// never through a planted link (src/files/atomic-output.ts). --out DIR for
// directory outputs: filled aside and renamed into place.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkDirectoryOutput, checkWritableFile, writeDirectoryAtomic, writeFileAtomic } from '../files/atomic-output.js';
import { makeDirectory } from '../files/make-directory.js';
import type { CliIo } from './command.js';

export function checkOutputPath(path: string): void {
  checkWritableFile(path);
}

export function writeOutputFile(path: string, text: string): void {
  writeFileAtomic(path, text);
}

/** A command's report: to --out FILE when given, else stdout. */
export function emitReport(io: CliIo, out: string | undefined, text: string): void {
  if (out === undefined) io.stdout.write(text);
  else writeOutputFile(out, text);
}

/**
 * A directory output (fixtures, zonemd variants): `fill` writes into a fresh
 * directory that replaces `out` only once it is complete. `out` may be new,
 * empty, or an earlier output of ours (it holds `manifest`); never a folder
 * with other files in it. Its parent is created when missing.
 */
export async function writeOutputDirectory<T>(out: string, manifest: string, fill: (dir: string) => T | Promise<T>): Promise<T> {
  checkOutputDirectory(out, manifest);
  return writeDirectoryAtomic(out, fill, earlierOutput(manifest));
}

/** What writeOutputDirectory checks first, for commands that work long before they write. */
export function checkOutputDirectory(out: string, manifest: string): void {
  makeDirectory(dirname(resolve(out)));
  checkDirectoryOutput(out, earlierOutput(manifest));
}

const earlierOutput = (manifest: string) => ({ isEarlierOutput: (dir: string) => existsSync(join(dir, manifest)) });
