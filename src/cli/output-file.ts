// --out FILE for reports and zones: checked before any work starts (a
// matrix run should not end in "cannot write"), and written to a temporary
// file then renamed, so a reader never sees half a report.

import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import type { CliIo } from './command.js';

export function checkOutputPath(path: string): void {
  const directory = dirname(resolve(path));
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    accessSync(directory, constants.W_OK);
  } catch {
    throw new UsageError('ERR_OUTPUT', `cannot write ${path}: ${directory} is not a writable directory`);
  }
  try {
    if (statSync(path).isDirectory()) throw new UsageError('ERR_OUTPUT', `cannot write ${path}: it is a directory`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
  }
}

export function writeOutputFile(path: string, text: string): void {
  const temporary = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw new UsageError('ERR_OUTPUT', `cannot write ${path}: ${fsReason(err)}`);
  }
}

/** A command's report: to --out FILE when given, else stdout. */
export function emitReport(io: CliIo, out: string | undefined, text: string): void {
  if (out === undefined) io.stdout.write(text);
  else writeOutputFile(out, text);
}
