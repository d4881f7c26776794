// RFC 1035 §4.1.4 name compression for the encoder. Suffixes are matched
// octet-for-octet (case-sensitively), so a compressed message decodes to the
// same letter case that was written: real servers differ here, and a tester
// must not change the case a scenario asks for.

import { nameToLabels } from '../rdata/name.js';

const MAX_POINTER_OFFSET = 0x3fff;

export class NameCompressor {
  private readonly offsets = new Map<string, number>();

  constructor(private readonly enabled: boolean) {}

  /** Wire form of `name` when written at `offset` of the message; remembers its suffixes. */
  encode(name: string, offset: number): Buffer {
    const labels = nameToLabels(name);
    const parts: Buffer[] = [];
    let written = 0;
    for (let i = 0; i < labels.length; i++) {
      const key = suffixKey(labels, i);
      const target = this.enabled ? this.offsets.get(key) : undefined;
      if (target !== undefined) {
        parts.push(Buffer.from([0xc0 | (target >> 8), target & 0xff]));
        return Buffer.concat(parts);
      }
      const here = offset + written;
      if (this.enabled && here <= MAX_POINTER_OFFSET && !this.offsets.has(key)) this.offsets.set(key, here);
      const label = labels[i]!;
      parts.push(Buffer.from([label.length]), label);
      written += label.length + 1;
    }
    parts.push(Buffer.from([0]));
    return Buffer.concat(parts);
  }
}

function suffixKey(labels: Buffer[], from: number): string {
  return labels.slice(from).map((l) => l.toString('hex')).join('.');
}
