// How each matrix outcome looks in every format: one symbol, a colour, and
// the legend sentence. One place, so the table, Markdown and HTML agree.
import type { Outcome } from '../matrix/outcome.js';
import type { LegendEntry } from './text-table.js';

export interface OutcomeStyle extends LegendEntry {
  name: Outcome;
  /** ANSI SGR code for terminals. */
  ansi: string;
  /** CSS colour for HTML. */
  css: string;
}

export const OUTCOME_STYLES: readonly OutcomeStyle[] = [
  { name: 'ok', symbol: '✓', meaning: 'the addresses the chain leads to', ansi: '32', css: '#2e9e44' },
  { name: 'no-address', symbol: '∅', meaning: 'no address although the answer held them', ansi: '33', css: '#e0a400' },
  { name: 'partial', symbol: '◐', meaning: 'some of the addresses', ansi: '33', css: '#f0c040' },
  { name: 'wrong-address', symbol: '✗', meaning: 'an address the chain does not lead to (security finding)', ansi: '1;31', css: '#c0182b' },
  { name: 'wrong-canonical', symbol: '≠', meaning: 'right addresses, wrong canonical name', ansi: '35', css: '#9b59b6' },
  { name: 'error', symbol: 'E', meaning: 'the lookup failed (not "no such name")', ansi: '31', css: '#e8743b' },
  { name: 'crash', symbol: 'C', meaning: 'the program died from a signal', ansi: '1;31', css: '#7a0010' },
  { name: 'timeout', symbol: 'T', meaning: 'no answer in time; killed', ansi: '31', css: '#8e5a2b' },
  { name: 'skipped', symbol: '–', meaning: 'not run (see reason)', ansi: '2', css: '#b8b8b8' },
];

const BY_NAME = new Map(OUTCOME_STYLES.map((s) => [s.name, s]));

export function outcomeStyle(outcome: Outcome): OutcomeStyle {
  return BY_NAME.get(outcome)!;
}

export function ansi(text: string, code: string, colour: boolean): string {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}
