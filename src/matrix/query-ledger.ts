// Counts the queries each matrix cell caused. Every cell asks for a name with
// its own extra label (`<scenario>.<label>.<zone>`), and follow-up queries for
// chain targets keep that label, so counting server-side query events by label
// attributes every query — retries, TCP after TC, a second lookup — to its cell.
import { randomBytes } from 'node:crypto';

export class QueryLedger {
  /** Per-run tag inside every label, so runs sharing a server never mix. */
  readonly tag = randomBytes(3).toString('hex');
  private seq = 0;
  private readonly counts = new Map<string, number>();
  /** Every name asked, lower case (a follow-up for a chain's end is told apart from the first question). */
  private readonly names = new Set<string>();

  /** A fresh extra label for one cell. */
  nextLabel(): string {
    return `m${this.tag}c${(this.seq++).toString(36)}`;
  }

  /** Records one query the server saw. */
  record(qname: string | undefined): void {
    if (!qname) return;
    const prefix = `m${this.tag}c`;
    if (qname.toLowerCase().includes(prefix)) this.names.add(qname.toLowerCase().replace(/\.$/, ''));
    for (const label of qname.toLowerCase().split('.')) {
      if (label.startsWith(prefix)) {
        this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
        return;
      }
    }
  }

  count(label: string): number {
    return this.counts.get(label.toLowerCase()) ?? 0;
  }

  /** Whether the server was asked for this very name (case-insensitively). */
  asked(name: string): boolean {
    return this.names.has(name.toLowerCase().replace(/\.$/, ''));
  }
}
