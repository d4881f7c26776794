// Canonical name order (RFC 4034 §6.1) as plain octet order: a name's sort
// key is its labels from the root down, lowercased, each followed by 00 00,
// with a 00 octet inside a label written 00 01. Comparing two keys as octet
// strings then gives exactly the canonical order, so sorting never has to
// walk labels.

const scratch = Buffer.allocUnsafe(1024);

const starts = new Int32Array(128);

/**
 * Canonical sort key of the uncompressed wire name at `wire[offset]` into
 * `out` from its start; returns its length, or -1 when the name is malformed
 * or runs past `end`. `labelEnds` gets the offset in the key just after each
 * label's 00 00, root-most first: key.subarray(0, end) is an ancestor's key.
 */
export function writeNameKey(wire: Uint8Array, offset: number, end: number, out: Uint8Array, labelEnds?: number[]): number {
  let labels = 0;
  let i = offset;
  for (;;) {
    if (i >= end) return -1;
    const len = wire[i]!;
    if (len === 0) break;
    if (len > 63 || labels >= starts.length || i + 1 + len > end) return -1;
    starts[labels++] = i;
    i += len + 1;
  }
  let o = 0;
  for (let s = labels - 1; s >= 0; s--) {
    const start = starts[s]!;
    const stop = start + 1 + wire[start]!;
    for (let j = start + 1; j < stop; j++) {
      const c = wire[j]!;
      if (c === 0) {
        out[o++] = 0;
        out[o++] = 1;
      } else {
        out[o++] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
      }
    }
    out[o++] = 0;
    out[o++] = 0;
    labelEnds?.push(o);
  }
  return o;
}

/** The sort key as its own Buffer (for apex comparisons). */
export function nameKey(wire: Uint8Array): Buffer {
  const n = writeNameKey(wire, 0, wire.length, scratch);
  if (n < 0) throw new RangeError('nameKey: not a wire name');
  return Buffer.from(scratch.subarray(0, n));
}

/** True when `key` is `apexKey` or below it (keys are label-aligned, so a prefix test is exact). */
export function keyIsInZone(key: Uint8Array, keyOffset: number, keyLength: number, apexKey: Uint8Array): boolean {
  if (keyLength < apexKey.length) return false;
  for (let i = 0; i < apexKey.length; i++) if (key[keyOffset + i] !== apexKey[i]) return false;
  return true;
}

const labelEnds = new Int32Array(128);

/**
 * Writes the lowercased wire form of the name whose sort key, relative to
 * `suffix` (a lowercased wire name), is at `key[start, start+length)` into
 * `out` at `outOffset`; returns the offset after it.
 */
export function writeOwnerFromKey(key: Uint8Array, start: number, length: number, suffix: Uint8Array, out: Uint8Array, outOffset: number): number {
  // Find each label's [begin, end) in the key (root-most first).
  let labels = 0;
  let begin = start;
  const end = start + length;
  for (let i = start; i < end; ) {
    if (key[i] === 0) {
      if (key[i + 1] === 0) {
        labelEnds[2 * labels] = begin;
        labelEnds[2 * labels + 1] = i;
        labels++;
        i += 2;
        begin = i;
      } else {
        i += 2; // escaped 00 octet
      }
    } else {
      i++;
    }
  }
  let o = outOffset;
  for (let l = labels - 1; l >= 0; l--) {
    const lengthAt = o++;
    let n = 0;
    for (let i = labelEnds[2 * l]!, e = labelEnds[2 * l + 1]!; i < e; i++, n++) {
      if (key[i] === 0) {
        out[o++] = 0;
        i++;
      } else {
        out[o++] = key[i]!;
      }
    }
    out[lengthAt] = n;
  }
  for (let i = 0; i < suffix.length; i++) out[o++] = suffix[i]!;
  return o;
}
