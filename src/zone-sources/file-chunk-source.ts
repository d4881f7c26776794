// Zone text from a file: the zone reader's chunked, bounded source
// (src/zone/source.ts) over a file descriptor. Regular files are sized up
// front; pipes and devices are counted as they are read.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { BoundedChunkSource, type SourceLimits } from '../zone/source.js';

export class FileChunkSource extends BoundedChunkSource {
  private fd: number | undefined;

  constructor(path: string, limits: SourceLimits = {}) {
    super(limits);
    const fd = openSync(path, 'r');
    const stat = fstatSync(fd);
    // Linux opens a directory for reading and fails only at the first read; say so at open.
    if (stat.isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), { code: 'EISDIR', syscall: 'open', path });
    }
    this.fd = fd;
    // A regular file's size is known (a sparse 1 TB file fails here, unread);
    // pipes and devices are counted as they are read.
    if (stat.isFile()) this.checkSize(stat.size);
  }

  protected read(buffer: Buffer, offset: number, length: number): number {
    return readSync(this.fd!, buffer, offset, length, null);
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
