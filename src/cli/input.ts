// Reading command input: a file or '-' for stdin, with errors that say which file.

import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';

export async function readInput(path: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  // yargs hands a lone '-' positional over as ''.
  if (path === '-' || path === '') {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (err) {
    throw new UsageError('ERR_INPUT', `cannot read ${path}: ${fsReason(err)}`);
  }
}
