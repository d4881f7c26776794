// Frame Streams (the framing under dnstap; fstrm's PROTOCOL): a stream of
// frames, each a 32-bit big-endian length and that many octets of data. A
// length of zero escapes a control frame: a 32-bit control length, a 32-bit
// control type (ACCEPT, START, STOP, READY, FINISH) and fields, each a 32-bit
// type (CONTENT_TYPE = 1), a 32-bit length and its octets.
//
//   file, or a unidirectional socket:  START data… STOP
//   bidirectional socket:   writer READY →  ← reader ACCEPT
//                           writer START data… STOP →  ← reader FINISH
//
// No maintained npm package speaks Frame Streams (packages named after it do
// length-prefixed framing without the control frames), so it is written here.
// Everything is bounded: a control frame is at most 512 octets (as fstrm
// allows), a data frame at most `maxFrameSize` (a dnstap message carries at
// most two 65,535-octet DNS messages). Errors are FrameStreamError with a
// code and the offset of the frame, never anything untyped.
//
// No protobuf here: `check` loads this module to recognise a dnstap file from
// its first octets without loading the protobuf library.

import { CodedError, type ErrorCode } from '../errors.js';

export class FrameStreamError extends CodedError {
  /** Octet offset in the stream of the frame at fault. */
  readonly offset: number;
  constructor(code: ErrorCode, message: string, offset: number) {
    super(code, `${message} (frame at octet ${offset})`);
    this.offset = offset;
  }
}

export const CONTROL = { ACCEPT: 0x01, START: 0x02, STOP: 0x03, READY: 0x04, FINISH: 0x05 } as const;
export type ControlName = keyof typeof CONTROL;
const CONTROL_NAMES = new Map<number, ControlName>(Object.entries(CONTROL).map(([name, code]) => [code, name as ControlName]));
export const FIELD_CONTENT_TYPE = 0x01;

/** fstrm's FSTRM_CONTROL_FRAME_LENGTH_MAX. */
export const MAX_CONTROL_FRAME = 512;
/** A dnstap message holds at most a query and a response of 65,535 octets each, and a little more. */
export const DEFAULT_MAX_FRAME = 256 * 1024;

export interface DataFrame {
  kind: 'data';
  /** Octet offset of the frame's length field in the stream. */
  offset: number;
  payload: Buffer;
}

export interface ControlFrame {
  kind: 'control';
  offset: number;
  type: ControlName;
  contentTypes: string[];
}

export type Frame = DataFrame | ControlFrame;

/** Encodes one control frame (with its escape and length). */
export function encodeControl(type: ControlName, contentTypes: readonly string[] = []): Buffer {
  const fields = contentTypes.map((t) => Buffer.from(t, 'latin1'));
  const length = 4 + fields.reduce((sum, f) => sum + 8 + f.length, 0);
  const out = Buffer.alloc(8 + length);
  out.writeUInt32BE(0, 0);
  out.writeUInt32BE(length, 4);
  out.writeUInt32BE(CONTROL[type], 8);
  let o = 12;
  for (const f of fields) {
    out.writeUInt32BE(FIELD_CONTENT_TYPE, o);
    out.writeUInt32BE(f.length, o + 4);
    f.copy(out, o + 8);
    o += 8 + f.length;
  }
  return out;
}

/** Encodes one data frame. */
export function encodeData(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

/** A whole unidirectional stream (a dnstap file): START, the frames, STOP. */
export function encodeStream(contentType: string, payloads: readonly Uint8Array[]): Buffer {
  return Buffer.concat([encodeControl('START', [contentType]), ...payloads.map(encodeData), encodeControl('STOP')]);
}

/**
 * True when `head` opens with a Frame Streams START (a file or a unidirectional
 * stream): an escape, a control length from 4 to 512, and the START type. A DNS
 * message would need ID 0, no flags, no questions and no answers to look so.
 */
export function isFrameStream(head: Uint8Array): boolean {
  if (head.length < 12) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const length = view.getUint32(4);
  return view.getUint32(0) === 0 && length >= 4 && length <= MAX_CONTROL_FRAME && view.getUint32(8) === CONTROL.START;
}

/** Reads a control frame's payload (type and fields). */
export function parseControl(body: Buffer, offset: number): ControlFrame {
  if (body.length < 4) throw new FrameStreamError('ERR_FSTRM_CONTROL', `control frame of ${body.length} octets has no type`, offset);
  const code = body.readUInt32BE(0);
  const type = CONTROL_NAMES.get(code);
  if (!type) throw new FrameStreamError('ERR_FSTRM_CONTROL', `unknown control frame type 0x${code.toString(16)}`, offset);
  const contentTypes: string[] = [];
  for (let o = 4; o < body.length;) {
    if (o + 8 > body.length) throw new FrameStreamError('ERR_FSTRM_CONTROL', `${type} control field cut short`, offset);
    const field = body.readUInt32BE(o);
    const length = body.readUInt32BE(o + 4);
    if (o + 8 + length > body.length) throw new FrameStreamError('ERR_FSTRM_CONTROL', `${type} control field of ${length} octets runs past its frame`, offset);
    // Other field types are reserved: skipped, as fstrm does.
    if (field === FIELD_CONTENT_TYPE) contentTypes.push(body.toString('latin1', o + 8, o + 8 + length));
    o += 8 + length;
  }
  if (type !== 'READY' && type !== 'ACCEPT' && type !== 'START' && contentTypes.length > 0) {
    throw new FrameStreamError('ERR_FSTRM_CONTROL', `${type} control frame carries a content type`, offset);
  }
  if (type === 'START' && contentTypes.length > 1) throw new FrameStreamError('ERR_FSTRM_CONTROL', 'START control frame carries several content types', offset);
  return { kind: 'control', offset, type, contentTypes };
}

/**
 * Octets in, frames out, in order. Memory stays at one frame: octets of a
 * frame not yet complete wait (at most maxFrameSize + 8 of them); a length
 * above the bound is refused before anything is buffered for it.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  /** Octets of the stream before `pending`. */
  private consumed = 0;
  readonly maxFrameSize: number;

  constructor(options: { maxFrameSize?: number } = {}) {
    this.maxFrameSize = options.maxFrameSize ?? DEFAULT_MAX_FRAME;
  }

  /** Octets read so far. */
  get position(): number {
    return this.consumed + this.pending.length;
  }

  /** Octets held for a frame not yet complete. */
  get pendingOctets(): number {
    return this.pending.length;
  }

  /** Calls `onFrame` for each frame `chunk` completes; throws FrameStreamError at the first broken one. */
  push(chunk: Buffer, onFrame: (frame: Frame) => void): void {
    let buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let o = 0;
    for (;;) {
      if (buf.length - o < 4) break;
      const length = buf.readUInt32BE(o);
      const at = this.consumed + o;
      if (length === 0) {
        if (buf.length - o < 8) break;
        const controlLength = buf.readUInt32BE(o + 4);
        if (controlLength > MAX_CONTROL_FRAME) {
          throw new FrameStreamError('ERR_FSTRM_CONTROL', `control frame claims ${controlLength} octets, more than ${MAX_CONTROL_FRAME}`, at);
        }
        if (buf.length - o < 8 + controlLength) break;
        const frame = parseControl(buf.subarray(o + 8, o + 8 + controlLength), at);
        o += 8 + controlLength;
        onFrame(frame);
        continue;
      }
      if (length > this.maxFrameSize) {
        throw new FrameStreamError('ERR_FSTRM_FRAME_TOO_LARGE', `data frame claims ${length} octets, more than ${this.maxFrameSize}`, at);
      }
      if (buf.length - o < 4 + length) break;
      const payload = buf.subarray(o + 4, o + 4 + length);
      o += 4 + length;
      onFrame({ kind: 'data', offset: at, payload });
    }
    // What is left is copied out, so a large chunk is not kept alive by a small remainder.
    this.pending = o === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(o));
    this.consumed += o;
    buf = this.pending;
  }
}

/** What a Frame Streams reader has seen of its stream. */
export type StreamState = 'initial' | 'accepted' | 'started' | 'stopped';

/**
 * The reader's side of the protocol, for a file and for each connection: the
 * order of control frames, the content type, and (bidirectional) the replies.
 * `write` is undefined for a file, where READY cannot appear.
 */
export class FrameStreamReader {
  state: StreamState = 'initial';
  bidirectional = false;
  /** Data frames seen. */
  frames = 0;
  /** START … STOP sequences completed (a file may hold several: `cat a.dnstap b.dnstap`). */
  streams = 0;

  constructor(
    private readonly contentType: string,
    private readonly onData: (frame: DataFrame) => void,
    private readonly write?: (octets: Buffer) => void,
  ) {}

  /** Handles one frame; throws FrameStreamError when it breaks the protocol. Returns true after STOP. */
  handle(frame: Frame): boolean {
    if (frame.kind === 'data') {
      if (this.state !== 'started') throw new FrameStreamError('ERR_FSTRM_SEQUENCE', `data frame before START`, frame.offset);
      this.frames++;
      this.onData(frame);
      return false;
    }
    switch (frame.type) {
      case 'READY':
        if (!this.write) throw new FrameStreamError('ERR_FSTRM_SEQUENCE', 'READY in a file (a handshake belongs on a socket)', frame.offset);
        if (this.state !== 'initial') throw new FrameStreamError('ERR_FSTRM_SEQUENCE', `READY after ${this.state === 'accepted' ? 'READY' : 'START'}`, frame.offset);
        if (!frame.contentTypes.includes(this.contentType)) {
          throw new FrameStreamError('ERR_FSTRM_CONTENT_TYPE', `the writer offers ${describeTypes(frame.contentTypes)}, not "${this.contentType}"`, frame.offset);
        }
        this.write(encodeControl('ACCEPT', [this.contentType]));
        this.state = 'accepted';
        this.bidirectional = true;
        return false;
      case 'START':
        if (this.state === 'started') throw new FrameStreamError('ERR_FSTRM_SEQUENCE', 'START inside a stream (no STOP before it)', frame.offset);
        if (this.state === 'stopped' && this.write) throw new FrameStreamError('ERR_FSTRM_SEQUENCE', 'START after STOP on one connection', frame.offset);
        if (frame.contentTypes.length > 0 && frame.contentTypes[0] !== this.contentType) {
          throw new FrameStreamError('ERR_FSTRM_CONTENT_TYPE', `the stream carries ${describeTypes(frame.contentTypes)}, not "${this.contentType}"`, frame.offset);
        }
        this.state = 'started';
        return false;
      case 'STOP':
        if (this.state !== 'started') throw new FrameStreamError('ERR_FSTRM_SEQUENCE', 'STOP before START', frame.offset);
        if (this.bidirectional) this.write?.(encodeControl('FINISH'));
        this.state = 'stopped';
        this.streams++;
        return true;
      default:
        // ACCEPT and FINISH go from a reader to a writer, never the other way.
        throw new FrameStreamError('ERR_FSTRM_SEQUENCE', `${frame.type} sent to a reader`, frame.offset);
    }
  }
}

function describeTypes(types: readonly string[]): string {
  if (types.length === 0) return 'no content type';
  return types.map((t) => `"${t}"`).join(', ');
}
