// --out FILE for reports and zones: checked for real before any work starts
// (a matrix run should not end in "cannot write"), and written atomically,
// never through a planted link (src/files/atomic-output.ts). --out DIR for
// directory outputs: filled aside and renamed into place.

import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkDirectoryOutput, checkWritableFile, writeDirectoryAtomic, writeFileAtomic, writeFileAtomicStream } from '../files/atomic-output.js';
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

/** Text written piece by piece: `write` collects it, `flush` hands it on (and waits while stdout is behind). */
export interface OutputStream {
  write(text: string): void;
  flush(): void | Promise<void>;
}

/** Collected octets handed on once this many are waiting. */
const OUTPUT_CHUNK = 1 << 16;

/**
 * Collects text as UTF-8 octets in a fixed buffer (a string built by `+=`
 * and encoded at the end costs more than the formatting of a zone) and hands
 * full buffers to `deliver`. `keepsBuffers`: the receiver holds on to what it
 * is given (a stream's queue), so each piece gets a buffer of its own.
 */
class CollectedOutput {
  private buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private used = 0;

  constructor(private readonly deliver: (octets: Buffer) => void, private readonly keepsBuffers: boolean) {}

  write(text: string): void {
    // At most 3 octets per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.handOn();
      if (text.length * 3 > this.buffer.length) {
        this.deliver(Buffer.from(text));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }

  handOn(): void {
    if (this.used === 0) return;
    this.deliver(this.buffer.subarray(0, this.used));
    if (this.keepsBuffers) this.buffer = Buffer.allocUnsafe(OUTPUT_CHUNK);
    this.used = 0;
  }
}

/**
 * A report or zone too big to hold as one string: to --out FILE as
 * writeOutputFile does (atomically: in place only when `produce` resolves,
 * nothing left behind when it throws), else stdout. What is collected is
 * handed on in 64 KiB pieces and when `produce` resolves; `flush` from time to
 * time (between batches of records) waits while stdout is behind.
 */
export async function emitStream<T>(io: CliIo, out: string | undefined, produce: (output: OutputStream) => Promise<T>): Promise<T> {
  if (out === undefined) {
    let behind = false;
    const collected = new CollectedOutput((octets) => {
      if (!io.stdout.write(octets)) behind = true;
    }, true);
    const output: OutputStream = {
      write: (text) => collected.write(text),
      flush: async () => {
        collected.handOn();
        if (!behind) return;
        await once(io.stdout as NodeJS.EventEmitter, 'drain');
        behind = false;
      },
    };
    const result = await produce(output);
    await output.flush();
    return result;
  }
  return writeFileAtomicStream(out, async (write) => {
    const collected = new CollectedOutput(write, false);
    const output: OutputStream = { write: (text) => collected.write(text), flush: () => collected.handOn() };
    const result = await produce(output);
    collected.handOn();
    return result;
  });
}
