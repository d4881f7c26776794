// A dnstap file (what BIND's `dnstap-output file`, fstrm_capture or
// `dnstap-read`'s input is): a unidirectional Frame Streams stream, read
// chunk by chunk with memory bounded by one frame. Each data frame becomes a
// decoded dnstap message or, when it is not one, an `invalid` item with its
// offset: reported and counted, never the end of the read. Only a broken
// framing (a length past the bound, a control frame out of place, the wrong
// content type) ends it, with a FrameStreamError: after that no frame
// boundary can be trusted.

import { decodeDnstap, DnstapError, type DnstapRecord } from './decode.js';
import { FrameDecoder, FrameStreamError, FrameStreamReader, type DataFrame } from './framestream.js';
import { DNSTAP_CONTENT_TYPE } from './schema.js';

export type DnstapFileItem =
  | { kind: 'message'; offset: number; frame: number; record: DnstapRecord }
  | { kind: 'invalid'; offset: number; frame: number; code: string; message: string };

export interface DnstapFileSummary {
  /** Data frames read. */
  frames: number;
  /** START … STOP streams completed. */
  streams: number;
  /** Octets of a last frame cut short (a file still being written, or cut), 0 when none. */
  truncatedOctets: number;
  /** Where that last frame starts. */
  truncatedAt?: number;
}

export interface ReadDnstapOptions {
  maxFrameSize?: number;
}

/** Every frame of a dnstap file, in order. `summary` is filled in as the read goes. */
export async function* readDnstapFile(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, summary: DnstapFileSummary = { frames: 0, streams: 0, truncatedOctets: 0 }, options: ReadDnstapOptions = {},
): AsyncGenerator<DnstapFileItem> {
  const decoder = new FrameDecoder({ maxFrameSize: options.maxFrameSize });
  let batch: DnstapFileItem[] = [];
  const reader = new FrameStreamReader(DNSTAP_CONTENT_TYPE, (frame) => batch.push(itemOf(frame, ++summary.frames)));
  let seen = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += bytes.length;
    decoder.push(bytes, (frame) => {
      if (reader.handle(frame)) summary.streams = reader.streams;
    });
    const out = batch;
    batch = [];
    yield* out;
  }
  if (seen === 0) throw new FrameStreamError('ERR_FSTRM_EMPTY', 'the dnstap input is empty', 0);
  if (reader.state === 'initial') throw new FrameStreamError('ERR_FSTRM_SEQUENCE', 'no START control frame: not a Frame Streams file', 0);
  if (decoder.pendingOctets > 0) {
    summary.truncatedOctets = decoder.pendingOctets;
    summary.truncatedAt = decoder.position - decoder.pendingOctets;
  }
}

function itemOf(frame: DataFrame, index: number): DnstapFileItem {
  try {
    return { kind: 'message', offset: frame.offset, frame: index, record: decodeDnstap(frame.payload) };
  } catch (err) {
    if (!(err instanceof DnstapError)) throw err;
    return { kind: 'invalid', offset: frame.offset, frame: index, code: err.code, message: err.message };
  }
}
