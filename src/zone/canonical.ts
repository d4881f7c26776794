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
