// The writer's side of Frame Streams over a socket, as a resolver speaks it:
// connect, READY → ACCEPT (bidirectional; or START straight away,
// unidirectional), START, data frames, STOP → FINISH. dnsorder's own tests
// and benchmark drive `dnsorder watch` with it, and the dnstap test files
// are relayed through it to fstrm_capture; no command uses it.

import { connect, type Socket } from 'node:net';
import { encodeControl, encodeData, FrameDecoder, FrameStreamError, type ControlFrame } from './framestream.js';
import { DNSTAP_CONTENT_TYPE } from './schema.js';

export interface WriterOptions {
  /** A unix socket path, or a TCP address. */
  path?: string;
  host?: string;
  port?: number;
  /** READY/ACCEPT first (default), or START at once. */
  bidirectional?: boolean;
  contentType?: string;
}

export interface FrameStreamWriter {
  /** Queues one data frame; false when the socket's buffer is full (wait for drain()). */
  write(payload: Uint8Array): boolean;
  drain(): Promise<void>;
  /** STOP, then (bidirectional) wait for FINISH, and close. */
  close(): Promise<void>;
  socket: Socket;
}

export async function connectWriter(options: WriterOptions): Promise<FrameStreamWriter> {
  const contentType = options.contentType ?? DNSTAP_CONTENT_TYPE;
  const bidirectional = options.bidirectional ?? true;
  const socket = options.path !== undefined ? connect({ path: options.path }) : connect({ host: options.host ?? '127.0.0.1', port: options.port! });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const decoder = new FrameDecoder();
  const controls: ControlFrame[] = [];
  let notify: (() => void) | undefined;
  let failure: Error | undefined;
  socket.on('data', (chunk: Buffer) => {
    try {
      decoder.push(chunk, (frame) => {
        if (frame.kind === 'control') controls.push(frame);
      });
    } catch (err) {
      failure = err as Error;
    }
    notify?.();
  });
  socket.on('error', (err) => {
    failure = err;
    notify?.();
  });
  socket.on('close', () => notify?.());
  const expect = (type: ControlFrame['type']) => new Promise<ControlFrame>((resolve, reject) => {
    const check = () => {
      const frame = controls.shift();
      if (frame) {
        notify = undefined;
        if (frame.type === type) resolve(frame);
        else reject(new FrameStreamError('ERR_FSTRM_SEQUENCE', `expected ${type}, got ${frame.type}`, frame.offset));
      } else if (failure || socket.destroyed) {
        notify = undefined;
        reject(failure ?? new FrameStreamError('ERR_FSTRM_CLOSED', `the reader closed the connection before ${type}`, decoder.position));
      }
    };
    notify = check;
    check();
  });
  if (bidirectional) {
    socket.write(encodeControl('READY', [contentType]));
    const accept = await expect('ACCEPT');
    if (!accept.contentTypes.includes(contentType)) {
      socket.destroy();
      throw new FrameStreamError('ERR_FSTRM_CONTENT_TYPE', `the reader accepted ${accept.contentTypes.join(', ') || 'no content type'}`, accept.offset);
    }
  }
  socket.write(encodeControl('START', [contentType]));
  return {
    socket,
    write: (payload) => socket.write(encodeData(payload)),
    drain: () => new Promise((resolve) => (socket.writableNeedDrain ? socket.once('drain', () => resolve()) : resolve())),
    async close() {
      socket.write(encodeControl('STOP'));
      if (bidirectional) await expect('FINISH');
      await new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
      });
    },
  };
}
