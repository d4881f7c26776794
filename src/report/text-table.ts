// Generic table helpers shared by every report (matrix, probe): a plain-text
// table aligned by display width with optional per-cell styling, a Markdown
// table, and a legend line. They know nothing about outcomes or verdicts.

export interface TextTableOptions {
  /** Styles a cell's padded text (e.g. ANSI colour); called only when given. */
  style?: (text: string, row: number, column: number) => string;
  /** Alignment per column (default left). */
  align?: Array<'left' | 'center' | 'right'>;
}

/** Display width: wide and combining characters are rare here; count code points. */
export function displayWidth(text: string): number {
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

function pad(text: string, width: number, align: 'left' | 'center' | 'right' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(Math.ceil(gap / 2));
  return text + ' '.repeat(gap);
}

export function renderTextTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, options: TextTableOptions = {}): string {
  const widths = headers.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: readonly string[], row: number) =>
    cells.map((cell, c) => {
      const padded = pad(cell, widths[c]!, options.align?.[c]);
      return row >= 0 && options.style ? options.style(padded, row, c) : padded;
    }).join('  ').trimEnd();
  return [line(headers, -1), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r, i) => line(r, i))].join('\n') + '\n';
}

export function escapeMarkdown(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderMarkdownTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: Array<'left' | 'center' | 'right'>): string {
  const rule = headers.map((_, c) => (align?.[c] === 'center' ? ':-:' : align?.[c] === 'right' ? '--:' : '---'));
  const body = [headers, ...rows].map((r) => r.map((cell) => escapeMarkdown(cell ?? '')));
  return [body[0]!, rule, ...body.slice(1)].map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n';
}

export interface LegendEntry {
  symbol: string;
  name: string;
  meaning: string;
}

export function renderLegend(entries: readonly LegendEntry[], style?: (symbol: string, name: string) => string): string {
  return entries.map((e) => `${style ? style(e.symbol, e.name) : e.symbol} ${e.name}`).join('   ') + '\n';
}
