// Reading command input: a file or '-' for stdin, never without a bound.
// The first octets are read to decide what the input is; a capture is then
// streamed record by record (any size), and anything else is read whole only
// up to a limit (`--max-input-size`), so /dev/zero or an endless pipe ends in
// a clear error, not in gigabytes of memory.

import { createReadStream } from 'node:fs';
import { UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';

/** The first octets of an input, and an iterator over the rest. */
export interface OpenedInput {
  /** At least `headSize` octets, unless the input is shorter. */
  head: Buffer;
  /** The octets after `head`. */
  rest: AsyncIterable<Buffer>;
  /** What to call the input in messages. */
  name: string;
}

export async function openInput(path: string, stdin: NodeJS.ReadableStream, headSize = 64 * 1024): Promise<OpenedInput> {
  // yargs hands a lone '-' positional over as ''.
  const fromStdin = path === '-' || path === '';
  const name = fromStdin ? 'standard input' : path;
  const source: AsyncIterable<Buffer | string> = fromStdin ? stdin : createReadStream(path, { highWaterMark: 64 * 1024 });
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    while (size < headSize) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (err) {
    throw new UsageError('ERR_INPUT', `cannot read ${name}: ${fsReason(err)}`, { cause: err });
  }
  const rest = (async function* () {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      }
    } catch (err) {
      throw new UsageError('ERR_INPUT', `cannot read ${name}: ${fsReason(err)}`, { cause: err });
    }
  })();
  return { head: Buffer.concat(chunks), rest, name };
}

/** The whole input, refused past `maxSize` octets (read no further than that). */
export async function readAtMost(input: OpenedInput, maxSize: number, what: string): Promise<Buffer> {
  const chunks = [input.head];
  let size = input.head.length;
  if (size <= maxSize) {
    for await (const chunk of input.rest) {
      size += chunk.length;
      if (size > maxSize) break;
      chunks.push(chunk);
    }
  }
  if (size > maxSize) {
    throw new UsageError('ERR_INPUT_TOO_LARGE', `${input.name} is larger than ${maxSize} octets, the most ${what} takes (--max-input-size to raise it)`);
  }
  return Buffer.concat(chunks);
}

/** The whole input followed by the rest: a capture's record stream. */
export async function* allChunks(input: OpenedInput): AsyncGenerator<Buffer> {
  if (input.head.length > 0) yield input.head;
  yield* input.rest;
}
