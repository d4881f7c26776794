// Small cursors over RDATA octets: a growable writer for text→wire and a
// bounds-checked reader for wire→text and canonical form.

export class WireWriter {
  buf: Buffer;
  pos = 0;
  constructor(size = 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }
  reset(): void {
    this.pos = 0;
  }
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  u16(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** A fresh Buffer holding what was written. */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    if (this.pos < 64) for (let i = 0; i < this.pos; i++) out[i] = this.buf[i]!;
    else this.buf.copy(out, 0, 0, this.pos);
    return out;
  }
}

/** Thrown by WireReader when RDATA ends early or a field is malformed. */
export class WireShortError extends Error {}

/** The RDATA ends before its fields do (a length disagreement, not a malformed field). */
export class RdataTooShortError extends WireShortError {}

export class WireReader {
  constructor(readonly buf: Uint8Array, public pos: number, readonly end: number) {}
  remaining(): number {
    return this.end - this.pos;
  }
  need(n: number): void {
    if (this.pos + n > this.end) throw new RdataTooShortError(`RDATA ends ${this.pos + n - this.end} octets early`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const b = this.buf, p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) >>> 0) + (b[p + 1]! << 16) + (b[p + 2]! << 8) + b[p + 3]!;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  rest(): Uint8Array {
    return this.bytes(this.end - this.pos);
  }
}
