// Reading a small input file (a report, a baseline, a list of names, a case
// config) whole, but never past a limit: /dev/zero or a mistaken multi-gigabyte
// file given where a report belongs ends in ERR_INPUT_TOO_LARGE after `limit`
// octets, not in exhausted memory.

import { closeSync, openSync, readSync } from 'node:fs';
import { DnsorderError } from '../errors.js';

/** Limits of the small inputs, in octets. */
export const INPUT_LIMITS = {
  /** A saved JSON report or baseline (a whole-catalogue matrix is a few MiB). */
  report: 256 * 1024 * 1024,
  /** A names file or a test case's config. */
  list: 16 * 1024 * 1024,
} as const;

/** The file as UTF-8 text; system errors are thrown as they come (callers say what they were reading). */
export function readTextBounded(path: string, limit: number): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - size));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      size += read;
      chunks.push(chunk.subarray(0, read));
      if (size > limit) throw new DnsorderError('ERR_INPUT_TOO_LARGE', `${path} is larger than ${limit} octets, more than such a file holds`);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
