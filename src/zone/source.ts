// Where zone text comes from: a file read in fixed-size chunks, or a string.
// Chunks always end at a line break (the remainder waits for the next read),
// so no token ever spans two chunks and memory stays bounded by the chunk
// size plus the longest line. Text is decoded as latin1 so every octet of the
// file is one character and names/strings keep their exact octets.

import { closeSync, openSync, readSync } from 'node:fs';

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
  private readonly buffer = Buffer.allocUnsafe(CHUNK_OCTETS);
  private carry = '';
  private done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  nextChunk(): string | undefined {
    while (!this.done) {
      const n = readSync(this.fd!, this.buffer, 0, CHUNK_OCTETS, null);
      if (n === 0) {
        this.done = true;
        this.close();
        break;
      }
      const text = this.carry + this.buffer.toString('latin1', 0, n);
      const lastBreak = text.lastIndexOf('\n');
      if (lastBreak < 0) {
        this.carry = text;
        continue;
      }
      this.carry = text.slice(lastBreak + 1);
      return text.slice(0, lastBreak + 1);
    }
    if (this.carry !== '') {
      const rest = this.carry;
      this.carry = '';
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
