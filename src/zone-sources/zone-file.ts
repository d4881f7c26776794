// Reading a zone file: the zone parser (src/zone/parser.ts) over a file's
// chunks, `$INCLUDE` opened under an include policy, and a file that cannot be
// read (or fails half-way, EIO) reported as the file's problem
// (ERR_ZONE_UNREADABLE at file:0:0), not as a crash.

import { dirname, resolve } from 'node:path';
import { fsReason, isSystemError } from '../files/fs-errors.js';
import { CanonicalZone } from '../zone/canonical-zone.js';
import { ZONE_ERROR_CODES, ZoneFileError, ZoneSyntaxError } from '../zone/errors.js';
import { ZoneReading, type RecordSink, type ZoneParseOptions } from '../zone/parser.js';
import type { ZoneRecord } from '../zone/record.js';
import { signatureWindowSink, type SignatureWindow } from '../zone/signature-window.js';
import type { ChunkSource } from '../zone/source.js';
import { canonicalZoneFor } from '../zone/zonemd.js';
import { FileChunkSource } from './file-chunk-source.js';
import { fileIncludes, includesOff, type IncludePolicy } from './include-files.js';

export interface ZoneFileOptions extends ZoneParseOptions {
  /** `$INCLUDE` of files, under this policy; refused unless this (or an `includes` opener) is given. */
  include?: IncludePolicy;
}

/** The parser's options: the include policy made an opener (none: `$INCLUDE` refused, saying how to allow it). */
export function zoneParseOptions({ include, ...options }: ZoneFileOptions): ZoneParseOptions {
  return { ...options, includes: include === undefined ? options.includes ?? includesOff : fileIncludes(include) };
}

/** A reading of the zone file at `path`, not started yet. */
function fileReading(path: string, options: ZoneFileOptions, sink: RecordSink): ZoneReading {
  const reading = new ZoneReading(zoneParseOptions(options), sink);
  let source: ChunkSource;
  try {
    source = new FileChunkSource(path, reading.limits);
  } catch (err) {
    throw unreadable(path, err);
  }
  try {
    reading.begin(source, path, dirname(resolve(path)));
  } catch (err) {
    source.close();
    throw err;
  }
  return reading;
}

function unreadable(path: string, err: unknown): ZoneFileError {
  return new ZoneFileError([new ZoneSyntaxError(ZONE_ERROR_CODES.unreadable, `cannot read zone file: ${fsReason(err)}`, { file: path, line: 0, column: 0 }, { cause: err })]);
}

/** `reading.step(limit)`, with a read that fails half-way (EIO) reported as the file's problem, not a crash. */
function stepFile(reading: ZoneReading, path: string, limit: number): boolean {
  try {
    return reading.step(limit);
  } catch (err) {
    throw isSystemError(err) ? unreadable(path, err) : err;
  }
}

/** Streams the records of a zone file to `sink`; throws ZoneFileError (after reading everything) if any entry is bad. */
export function streamZoneFile(path: string, options: ZoneFileOptions, sink: RecordSink): void {
  const reading = fileReading(path, options, sink);
  stepFile(reading, path, Infinity);
  reading.finish();
}

/**
 * streamZoneFile for a consumer that cannot always keep up (output to a slow
 * pipe): after every `batch` entries, and at the end, it awaits `pause()`
 * before reading on. Throws as streamZoneFile does, after the last pause.
 */
export async function streamZoneFileAsync(
  path: string, options: ZoneFileOptions, sink: RecordSink, pause: () => void | Promise<void>, batch = 4096,
): Promise<void> {
  const reading = fileReading(path, options, sink);
  try {
    for (let done = false; !done;) {
      done = stepFile(reading, path, batch);
      await pause();
    }
  } finally {
    reading.close();
  }
  reading.finish();
}

export function readZoneFile(path: string, options: ZoneFileOptions = {}): ZoneRecord[] {
  const records: ZoneRecord[] = [];
  streamZoneFile(path, options, (r) => records.push(r));
  return records;
}

/** Streams a zone file into canonical form (memory: the canonical records, not the text). */
export function loadCanonicalZone(path: string, options: ZoneFileOptions = {}): CanonicalZone {
  const zone = canonicalZoneFor(options);
  streamZoneFile(path, { ...options, transientRecords: true }, (r) => zone.add(r));
  return zone;
}

/** The zone file's apex SOA RRSIG window, or undefined when the zone is not signed. */
export function soaSignatureWindow(path: string, origin: string, options: ZoneFileOptions = {}): SignatureWindow | undefined {
  const collector = signatureWindowSink(origin);
  streamZoneFile(path, { origin, ...options, transientRecords: true }, collector.sink);
  return collector.window();
}
