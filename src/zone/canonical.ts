// Canonical name order (RFC 4034 §6.1) as plain octet order: a name's sort
// key is its labels from the root down, lowercased, each followed by 00 00,
// with a 00 octet inside a label written 00 01. Comparing two keys as octet
// strings then gives exactly the canonical order, so sorting never has to
// walk labels.

const scratch = Buffer.allocUnsafe(1024);

/** Canonical sort key of the wire name at `offset`; returns its length written at `out[outOffset]`. */
export function writeNameKey(wire: Uint8Array, offset: number, out: Uint8Array, outOffset: number): number {
  // Label start offsets, root-most last.
  const starts: number[] = [];
  let i = offset;
  while (wire[i] !== 0) {
    starts.push(i);
    i += wire[i]! + 1;
  }
  let o = outOffset;
  for (let s = starts.length - 1; s >= 0; s--) {
    const start = starts[s]!;
    const end = start + 1 + wire[start]!;
    for (let j = start + 1; j < end; j++) {
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
  }
  return o - outOffset;
}

/** The sort key as its own Buffer (for apex comparisons). */
export function nameKey(wire: Uint8Array): Buffer {
  const n = writeNameKey(wire, 0, scratch, 0);
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
