// Where zone text comes from: a file read in fixed-size chunks, or a string.
// Chunks always end at a line break (the remainder waits for the next read),
// so no token ever spans two chunks and memory stays bounded by the chunk
// size plus the longest line. Text is decoded as latin1 so every octet of the
// file is one character and names/strings keep their exact octets.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ChunkSource {
  /** The next chunk (ending in a line break unless it is the last), or undefined at the end. */
  nextChunk(): string | undefined;
  close(): void;
}

// Small enough that each chunk string is an ordinary young-generation object: 1 MiB
// chunks went to V8's large-object space and piled up until a full GC (+40 MB RSS).
const CHUNK_OCTETS = 1 << 15;

export class FileChunkSource implements ChunkSource {
  private fd: number | undefined;
  private buffer = Buffer.allocUnsafe(CHUNK_OCTETS);
  /** Octets at the start of `buffer` carried over from the last read: a line not yet ended. */
  private held = 0;
  private done = false;

  constructor(path: string) {
    const fd = openSync(path, 'r');
    // Linux opens a directory for reading and fails only at the first read; say so at open.
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', syscall: 'open', path });
    }
    this.fd = fd;
  }

  nextChunk(): string | undefined {
    while (!this.done) {
      if (this.held === this.buffer.length) {
        // One line longer than the buffer: room for the rest of it.
        const grown = Buffer.allocUnsafe(this.buffer.length * 2);
        this.buffer.copy(grown, 0, 0, this.held);
        this.buffer = grown;
      }
      const n = readSync(this.fd!, this.buffer, this.held, this.buffer.length - this.held, null);
      if (n === 0) {
        this.done = true;
        this.close();
        break;
      }
      const end = this.held + n;
      // Cut after the last line break in the octets (the held ones have none), so
      // each chunk is decoded once, with no string concatenation to flatten.
      const lastBreak = this.buffer.lastIndexOf(0x0a, end - 1);
      if (lastBreak < 0) {
        this.held = end;
        continue;
      }
      const text = this.buffer.toString('latin1', 0, lastBreak + 1);
      this.held = end - lastBreak - 1;
      if (this.buffer.length > CHUNK_OCTETS && this.held <= CHUNK_OCTETS) {
        // The long line is done: back to ordinary chunks (see CHUNK_OCTETS).
        const ordinary = Buffer.allocUnsafe(CHUNK_OCTETS);
        this.buffer.copy(ordinary, 0, lastBreak + 1, end);
        this.buffer = ordinary;
      } else {
        this.buffer.copyWithin(0, lastBreak + 1, end);
      }
      return text;
    }
    if (this.held > 0) {
      const rest = this.buffer.toString('latin1', 0, this.held);
      this.held = 0;
      return rest;
    }
    return undefined;
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

export class StringChunkSource implements ChunkSource {
  private text: string | undefined;
  /** `text` is ordinary (UTF-16) text; it is turned into one character per UTF-8 octet. */
  constructor(text: string) {
    this.text = Buffer.from(text, 'utf8').toString('latin1');
  }
  nextChunk(): string | undefined {
    const t = this.text;
    this.text = undefined;
    return t === '' ? undefined : t;
  }
  close(): void {}
}
