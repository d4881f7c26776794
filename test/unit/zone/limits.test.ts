// Every zone reader is bounded (ZONE_LIMITS): a line longer than 1 MiB (an
// entry in parentheses counting as one line), more input than maxInputSize
// ($INCLUDEd files counted in), or a NUL octet stops reading at once with a
// ZoneLimitError at file:line:column — endless input (/dev/zero, a FIFO that
// never ends) included, without memory growing with what was offered.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCanonicalZone, readZoneFile, readZoneText, streamZoneFile, ZONE_LIMITS, ZoneFileError, ZoneLimitError, type ZoneParseOptions } from '../../../src/zone-sources/index.js';
import { FileChunkSource } from '../../../src/zone-sources/file-chunk-source.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-limits-'));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) w.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const HEAD = '$ORIGIN example.\n$TTL 60\n@ SOA ns hm 1 2 3 4 5\n';
const MIB = 1 << 20;

/** The ZoneFileError a read ends in (it must end in one). */
function failure(read: () => unknown): ZoneFileError {
  try {
    read();
  } catch (err) {
    if (err instanceof ZoneFileError) return err;
    throw err;
  }
  throw new Error('read without an error');
}

/** Its last problem: the bound reading stopped at. */
function bound(err: ZoneFileError): { code: string; at: string; limit: boolean } {
  const last = err.errors[err.errors.length - 1]!;
  const p = last.position!;
  return { code: last.code, at: `${p.file}:${p.line}:${p.column}`, limit: last instanceof ZoneLimitError };
}

/** line:column of octet `offset` of `text` (latin1: one character per octet). */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

/** Runs `read` and returns how much the resident set grew meanwhile (MB), sampled after. */
function rssGrowthMb(read: () => void): number {
  const before = process.memoryUsage.rss();
  read();
  return (process.memoryUsage.rss() - before) / MIB;
}

describe('zone reader limits', () => {
  it('documents its defaults: 1 MiB lines, 4 GiB of input', () => {
    expect(ZONE_LIMITS).toEqual({ maxLineLength: MIB, maxInputSize: 4 * 1024 * MIB });
  });

  it('rejects a 1 GiB sparse file at its first octet as binary, without reading it all', () => {
    const file = join(dir, 'sparse.zone');
    writeFileSync(file, '');
    truncateSync(file, 1024 * MIB);
    let err: ZoneFileError | undefined;
    const grew = rssGrowthMb(() => (err = failure(() => loadCanonicalZone(file))));
    expect(bound(err!)).toEqual({ code: 'ERR_ZONE_BINARY', at: `${file}:1:1`, limit: true });
    expect(err!.message).toContain('NUL octet: this is binary data, not a zone file');
    expect(grew).toBeLessThan(64);
  });

  it('refuses a regular file over maxInputSize before reading it (a sparse 5 GiB file: the default 4 GiB)', () => {
    const file = join(dir, 'huge.zone');
    writeFileSync(file, HEAD);
    truncateSync(file, 5 * 1024 * MIB);
    const err = failure(() => readZoneFile(file));
    expect(bound(err)).toEqual({ code: 'ERR_ZONE_TOO_LARGE', at: `${file}:0:0`, limit: true });
    expect(err.message).toContain('the file is 5,368,709,120 octets, more than the input limit of 4,294,967,296');
    // Raised past its size, it is read (and is binary after the zone text).
    expect(bound(failure(() => readZoneFile(file, { maxInputSize: 6 * 1024 * MIB })))).toMatchObject({ code: 'ERR_ZONE_BINARY', at: `${file}:4:1` });
  });

  it('stops /dev/zero at its first octet, whatever the limits', () => {
    for (const options of [{}, { maxInputSize: Infinity, maxLineLength: Infinity }] as ZoneParseOptions[]) {
      const err = failure(() => streamZoneFile('/dev/zero', options, () => {}));
      expect(bound(err)).toEqual({ code: 'ERR_ZONE_BINARY', at: '/dev/zero:1:1', limit: true });
    }
  });

  it('stops a file without line breaks at 1 MiB: the octet past the limit is line 4, column 1048577', () => {
    const file = join(dir, 'one-line.zone');
    writeFileSync(file, HEAD + 'x'.repeat(5 * MIB));
    let err: ZoneFileError | undefined;
    const grew = rssGrowthMb(() => (err = failure(() => readZoneFile(file))));
    expect(bound(err!)).toEqual({ code: 'ERR_ZONE_LINE_TOO_LONG', at: `${file}:4:${MIB + 1}`, limit: true });
    expect(err!.errors).toHaveLength(1);
    expect(grew).toBeLessThan(64);
  });

  it('takes a line of exactly 1 MiB (a comment), and a record of the largest RDATA in hex', () => {
    const file = join(dir, 'at-limit.zone');
    const hex = 'ab'.repeat(65535);
    writeFileSync(file, `${HEAD};${'c'.repeat(MIB - 1)}\nbig TYPE65280 \\# 65535 ${hex}\nsplit TYPE65280 \\# 65535 (\n${hex.replace(/(.{64})/g, '$1 ; a comment\n')}\n)\n`);
    const records = readZoneFile(file);
    expect(records.slice(1).map((r) => r.rdata.length)).toEqual([65535, 65535]);
  });

  it('bounds an entry continued in parentheses as one line, at the octet past the limit', () => {
    const text = `${HEAD}t TXT (\n${'"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"\n'.repeat(40)})\n`;
    const entryStart = HEAD.length;
    for (const maxLineLength of [1000, 1001, 2600]) {
      const err = failure(() => readZoneText(text, { maxLineLength }));
      expect(bound(err), String(maxLineLength)).toEqual({ code: 'ERR_ZONE_LINE_TOO_LONG', at: `<text>:${lineColumn(text, entryStart + maxLineLength)}`, limit: true });
      expect(err.message).toContain(`entry longer than ${maxLineLength.toLocaleString('en')} octets`);
    }
    expect(readZoneText(text, { maxLineLength: text.length })).toHaveLength(2);
    // An unclosed parenthesis no longer swallows the rest of an endless file.
    const unclosed = `${HEAD}t TXT ( "x"\n${'"y"\n'.repeat(300_000)}`;
    expect(bound(failure(() => readZoneText(unclosed)))).toMatchObject({ code: 'ERR_ZONE_LINE_TOO_LONG', at: `<text>:${lineColumn(unclosed, HEAD.length + MIB)}` });
  });

  it('keeps the problems found before the bound, and stops there', () => {
    // The NUL is found when the octets holding it are read (64 KiB on), not when the parser reaches it.
    const text = `${HEAD}bad A 192.0.2.300\n${'www A 192.0.2.1\n'.repeat(4096)}x\x00 A 192.0.2.2\nnever A 192.0.2.400\n`;
    const err = failure(() => readZoneText(text));
    expect(err.errors.map((e) => `${e.position!.line}:${e.position!.column} ${e.code}`)).toEqual(['4:7 ERR_ZONE_BAD_FIELD', `${lineColumn(text, text.indexOf('\x00'))} ERR_ZONE_BINARY`]);
    expect(err.code).toBe('ERR_ZONE_BAD_FIELD');
    expect(err.stoppedEarly).toBe(false);
  });

  it('counts $INCLUDEd files in the input size and bounds them like the file including them', () => {
    writeFileSync(join(dir, 'part.zone'), 'www A 192.0.2.1\n'.repeat(100));
    writeFileSync(join(dir, 'binary-part.zone'), 'www A 192.0.2.1\nmail A 192.0.2.\x002\n');
    const main = (part: string) => {
      const file = join(dir, `main-${part}`);
      writeFileSync(file, `${HEAD}$INCLUDE ${part}\n$INCLUDE ${part}\nafter A 192.0.2.9\n`);
      return file;
    };
    const include = { allowedDirectories: [dir] };
    expect(readZoneFile(main('part.zone'), { include })).toHaveLength(202);
    // The first copy fits, the second is refused whole: it is bigger than what is left.
    const size = HEAD.length + 2 * '$INCLUDE part.zone\n'.length + 'after A 192.0.2.9\n'.length + 2 * 1600;
    const err1 = failure(() => readZoneFile(main('part.zone'), { include, maxInputSize: size - 1 }));
    expect(bound(err1)).toEqual({ code: 'ERR_ZONE_TOO_LARGE', at: `${join(dir, 'part.zone')}:0:0`, limit: true });
    expect(err1.message).toContain('(1,599 left after the files that include it)');
    expect(readZoneFile(main('part.zone'), { include, maxInputSize: size })).toHaveLength(202);
    const err = failure(() => readZoneFile(main('binary-part.zone'), { include }));
    expect(bound(err)).toEqual({ code: 'ERR_ZONE_BINARY', at: `${join(dir, 'binary-part.zone')}:2:16`, limit: true });
    expect(err.errors).toHaveLength(1); // reading stopped: neither the second $INCLUDE nor "after" was read
  });

  it('stops an endless FIFO of valid records at maxInputSize, at the octet past it', async () => {
    const fifo = join(dir, 'records.fifo');
    execFileSync('mkfifo', [fifo]);
    const line = 'a 60 IN A 192.0.2.1\n';
    writers.push(spawn('sh', ['-c', `exec yes '${line.trim()}' > '${fifo}'`], { stdio: 'ignore' }));
    let records = 0;
    const err = failure(() => streamZoneFile(fifo, { origin: 'example.', maxInputSize: 1_000_000 }, () => records++));
    // 1,000,000 octets are 50,000 lines of 20: the octet past them starts line 50,001.
    expect(bound(err)).toEqual({ code: 'ERR_ZONE_TOO_LARGE', at: `${fifo}:50001:1`, limit: true });
    expect(err.message).toContain('input longer than the limit of 1,000,000 octets');
    expect(records).toBeGreaterThan(40_000);
  });

  it('stops an endless FIFO without line breaks at 1 MiB, with memory bounded', () => {
    const fifo = join(dir, 'endless.fifo');
    execFileSync('mkfifo', [fifo]);
    writers.push(spawn('sh', ['-c', `exec tr '\\000' x < /dev/zero > '${fifo}'`], { stdio: 'ignore' }));
    let err: ZoneFileError | undefined;
    const grew = rssGrowthMb(() => (err = failure(() => loadCanonicalZone(fifo))));
    expect(bound(err!)).toEqual({ code: 'ERR_ZONE_LINE_TOO_LONG', at: `${fifo}:1:${MIB + 1}`, limit: true });
    expect(grew).toBeLessThan(64);
  });

  it('bounds text input alike', () => {
    expect(bound(failure(() => readZoneText(`${HEAD}www A 192.0.2.1\n`, { maxInputSize: 10 })))).toEqual({ code: 'ERR_ZONE_TOO_LARGE', at: '<text>:0:0', limit: true });
    expect(bound(failure(() => readZoneText(`${HEAD}www TXT "a\x00b"\n`)))).toEqual({ code: 'ERR_ZONE_BINARY', at: '<text>:4:11', limit: true });
    expect(bound(failure(() => readZoneText(`${HEAD}www TXT "${'a'.repeat(2 * MIB)}"\n`)))).toMatchObject({ code: 'ERR_ZONE_LINE_TOO_LONG', at: `<text>:4:${MIB + 1}` });
    expect(() => readZoneText(HEAD, { maxInputSize: 0 })).toThrow(RangeError);
  });
});

describe('FileChunkSource bounds', () => {
  it('checks every line it reads', () => {
    const file = join(dir, 'chunks.zone');
    writeFileSync(file, `${'y'.repeat(300)}\n${'z'.repeat(5000)}\n`);
    const source = new FileChunkSource(file, { maxLineLength: 1000 });
    // Both lines come in one read; the second is found too long before either is handed out.
    expect(() => source.nextChunk()).toThrowError(expect.objectContaining({ code: 'ERR_ZONE_LINE_TOO_LONG', lineOffset: 1, column: 1001 }));
    // Spent: it keeps saying so rather than reading on.
    expect(() => source.nextChunk()).toThrowError(expect.objectContaining({ code: 'ERR_ZONE_LINE_TOO_LONG' }));
  });
});
