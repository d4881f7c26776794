// The shape of an answer without its ID and TTLs: the octets with those
// fields zeroed, and the TTLs apart. Thousands of probes get the same answer
// from the same resolvers, differing only in message ID and in how long the
// records have been cached; the verdict on order does not depend on either,
// so `atlas check` judges each shape once (src/atlas/judge.ts) and reads the
// TTLs of every answer for the cache evidence.
//
// A light walk, not a decoder: it only finds the fields. Anything it does not
// follow (a count past the end, a bad label) returns undefined, and the
// caller decodes the message in full as usual.

export interface AnswerShape {
  /** The message with ID and every answer-section TTL zeroed, as a latin1 string (a Map key). */
  key: string;
  /** The answer section's TTLs, in record order. */
  ttls: number[];
}

/**
 * As answerShape, zeroing the fields in `bytes` itself (no copy: the caller's octets, decoded from
 * base64 for this, are not needed afterwards).
 */
export function answerShapeInPlace(bytes: Buffer): AnswerShape | undefined {
  return shape(bytes, false);
}

/** Offset after the name at `offset`, or -1. */
function skipName(buf: Buffer, offset: number): number {
  for (let i = 0; i < 128; i++) {
    if (offset >= buf.length) return -1;
    const len = buf[offset]!;
    if (len === 0) return offset + 1;
    if ((len & 0xc0) === 0xc0) return offset + 2 <= buf.length ? offset + 2 : -1;
    if ((len & 0xc0) !== 0) return -1;
    offset += 1 + len;
  }
  return -1;
}

export function answerShape(bytes: Buffer): AnswerShape | undefined {
  return shape(bytes, true);
}

function shape(bytes: Buffer, copy: boolean): AnswerShape | undefined {
  if (bytes.length < 12) return undefined;
  const qd = bytes.readUInt16BE(4);
  const an = bytes.readUInt16BE(6);
  if (qd !== 1) return undefined;
  let offset = skipName(bytes, 12);
  if (offset < 0 || offset + 4 > bytes.length) return undefined;
  offset += 4;
  const ttls: number[] = [];
  const ttlOffsets: number[] = [];
  for (let i = 0; i < an; i++) {
    offset = skipName(bytes, offset);
    if (offset < 0 || offset + 10 > bytes.length) return undefined;
    ttlOffsets.push(offset + 4);
    ttls.push(bytes.readUInt32BE(offset + 4));
    offset += 10 + bytes.readUInt16BE(offset + 8);
    if (offset > bytes.length) return undefined;
  }
  const masked = copy ? Buffer.from(bytes) : bytes;
  masked[0] = 0;
  masked[1] = 0;
  for (const at of ttlOffsets) masked.writeUInt32BE(0, at);
  return { key: masked.toString('latin1'), ttls };
}
