// RFC 1035 §4.2.2 / RFC 7766 §8 framing: each message behind a 2-octet length.
// Pure: chunks in, whole frames out, whatever way the stream was cut. Used by
// the server's TCP shell and the probe's TCP retry.

export type Frame = { kind: 'query'; bytes: Buffer } | { kind: 'too-large'; length: number };

export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrame: number) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** The next complete frame, or undefined until more octets arrive. */
  next(): Frame | undefined {
    if (this.pending.length < 2) return undefined;
    const length = this.pending.readUInt16BE(0);
    // Refuse before buffering it: a client announcing a huge query gets no memory from us.
    if (length > this.maxFrame) return { kind: 'too-large', length };
    if (this.pending.length < 2 + length) return undefined;
    const bytes = this.pending.subarray(2, 2 + length);
    this.pending = this.pending.subarray(2 + length);
    return { kind: 'query', bytes };
  }

  /** Octets held for an incomplete frame. */
  get buffered(): number {
    return this.pending.length;
  }
}

export function frame(message: Buffer): Buffer {
  const out = Buffer.allocUnsafe(message.length + 2);
  out.writeUInt16BE(message.length, 0);
  message.copy(out, 2);
  return out;
}
