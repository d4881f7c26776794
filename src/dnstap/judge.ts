// Judging a resolver's responses at the rate it sends them. The analyzer's
// verdict on a message depends on its octets but never on its ID or on its
// TTLs (no rule, and no finding's text, reads either), and a busy resolver
// sends the same answer again and again, differing in those alone. So the
// collector keys each verdict by the message with its ID and every TTL set to
// zero (the OPT record's TTL field, which holds EDNS flags, is kept), and
// judges each distinct message once: exactly the verdict analyzeBytes gives,
// at a lookup's cost. A message whose records cannot even be walked is
// analyzed every time (analyzeBytes says what is wrong with it).

import { analyzeBytes, type BytesAnalysis } from '../order/analyze.js';

export interface Verdict {
  conformant: boolean;
  findings: BytesAnalysis['findings'];
  question?: BytesAnalysis['question'];
  error?: BytesAnalysis['error'];
  /** Names of the rules violated (severity violation), in finding order, each once. */
  violated: string[];
}

/** The message with ID and TTLs zeroed, as a string key; undefined when its records cannot be walked. */
export function verdictKey(bytes: Uint8Array): string | undefined {
  const n = bytes.length;
  if (n < 12) return undefined;
  const copy = Buffer.from(bytes);
  copy[0] = 0;
  copy[1] = 0;
  const questions = copy.readUInt16BE(4);
  const records = copy.readUInt16BE(6) + copy.readUInt16BE(8) + copy.readUInt16BE(10);
  let o = 12;
  const skipName = (at: number): number => {
    for (let steps = 0; steps < 128; steps++) {
      if (at >= n) return -1;
      const len = copy[at]!;
      if (len === 0) return at + 1;
      if ((len & 0xc0) === 0xc0) return at + 2 <= n ? at + 2 : -1;
      if ((len & 0xc0) !== 0) return -1;
      at += 1 + len;
    }
    return -1;
  };
  for (let i = 0; i < questions; i++) {
    o = skipName(o);
    if (o < 0 || o + 4 > n) return undefined;
    o += 4;
  }
  for (let i = 0; i < records; i++) {
    o = skipName(o);
    if (o < 0 || o + 10 > n) return undefined;
    if (copy.readUInt16BE(o) !== 41) copy.writeUInt32BE(0, o + 4);
    o += 10 + copy.readUInt16BE(o + 8);
    if (o > n) return undefined;
  }
  return copy.toString('latin1');
}

export function verdictOf(analysis: BytesAnalysis): Verdict {
  const violated: string[] = [];
  for (const f of analysis.findings) if (f.severity === 'violation' && !violated.includes(f.rule)) violated.push(f.rule);
  return { conformant: analysis.conformant, findings: analysis.findings, question: analysis.question, error: analysis.error, violated };
}

/** Verdicts by message, the oldest forgotten first past `capacity`. */
export class VerdictCache {
  private readonly verdicts = new Map<string, Verdict>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 10_000) {}

  judge(bytes: Uint8Array): Verdict {
    const key = verdictKey(bytes);
    if (key !== undefined) {
      const known = this.verdicts.get(key);
      if (known !== undefined) {
        this.hits++;
        return known;
      }
    }
    this.misses++;
    const verdict = verdictOf(analyzeBytes(bytes));
    if (key !== undefined && this.capacity > 0) {
      if (this.verdicts.size >= this.capacity) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  get size(): number {
    return this.verdicts.size;
  }
}
