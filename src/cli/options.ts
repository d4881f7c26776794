// Option kinds every command shares, so each rule lives in one place:
// - numbers are checked once (a whole number in range, never NaN or a silent
//   default): `--port abc` is one line with ERR_BAD_NUMBER and exit 2;
// - lists take one value per occurrence (repeat the flag, or give
//   comma-separated values), so `--port 53 capture.pcap` leaves the file to
//   the positional instead of swallowing it as yargs' greedy arrays do.

import type { Argv, Options } from 'yargs';
import { UsageError } from '../errors.js';

export interface NumberSpec {
  describe: string;
  /** Smallest value allowed. */
  min?: number;
  /** Largest value allowed. */
  max?: number;
  /** Fractions allowed (seconds); default whole numbers only. */
  fraction?: boolean;
  /** Values must be greater than this (a duration of 0 s is no duration). */
  above?: number;
  /** Repeatable, each value may be a comma-separated list. */
  list?: boolean;
  default?: number | readonly number[];
}

export const PORT = { min: 0, max: 65535 } as const;
export const POSITIVE = { min: 1 } as const;

const WHOLE = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/;

export function parseNumberOption(flag: string, text: string, spec: Omit<NumberSpec, 'describe'>): number {
  const value = Number(text);
  const valid = (spec.fraction ? DECIMAL : WHOLE).test(text) && Number.isFinite(value) && (spec.fraction || Number.isSafeInteger(value))
    && (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max)
    && (spec.above === undefined || value > spec.above);
  if (!valid) throw new UsageError('ERR_BAD_NUMBER', `--${flag} must be ${expectation(spec)}, not "${text}"`);
  return value;
}

function expectation(spec: Omit<NumberSpec, 'describe'>): string {
  const kind = spec.fraction ? 'number' : 'integer';
  if (spec.min !== undefined && spec.max !== undefined) return `an ${kind} from ${spec.min} to ${spec.max}`;
  if (spec.min === 1 && !spec.fraction) return 'a positive integer';
  if (spec.above === 0) return `a positive ${kind}`;
  if (spec.min === 0) return `a non-negative ${kind}`;
  if (spec.min !== undefined) return `an ${kind} of at least ${spec.min}`;
  if (spec.above !== undefined) return `a ${kind} greater than ${spec.above}`;
  return `a${kind === 'integer' ? 'n' : ''} ${kind}`;
}

/** Values of a list option: every occurrence, each split at commas. */
function listItems(given: unknown): string[] {
  return [given].flat().flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Declares number options and checks them before the command runs. Without a
 * yargs type, so `abc` reaches the check as typed instead of as NaN; the
 * default is applied by the check, so a bare `--port` is an error, not 53.
 */
export function numberOptions<T>(y: Argv<T>, specs: Readonly<Record<string, NumberSpec>>): Argv<T> {
  for (const [flag, spec] of Object.entries(specs)) {
    y = y.option(flag, {
      describe: spec.describe, nargs: 1, ...(spec.list ? { array: true } : {}),
      ...(spec.default !== undefined ? { defaultDescription: [spec.default].flat().join(',') } : {}),
    });
  }
  return y.middleware((argv: Record<string, unknown>) => {
    for (const [flag, spec] of Object.entries(specs)) {
      const given = argv[flag];
      let value: number | readonly number[] | undefined = spec.default;
      if (given !== undefined) {
        value = spec.list ? listItems(given).map((v) => parseNumberOption(flag, v, spec)) : parseNumberOption(flag, String(given), spec);
        if (spec.list && (value as number[]).length === 0) throw new UsageError('ERR_BAD_NUMBER', `--${flag} needs a value`);
      }
      if (value === undefined) continue;
      argv[flag] = value;
      argv[camelCase(flag)] = value;
    }
  }, true) as Argv<T>;
}

/** A repeatable string option, one value per occurrence; with `commas`, "a,b" is two values too. */
export function listOption(describe: string, options: { commas?: boolean; choices?: readonly string[] } = {}): Options {
  return {
    type: 'string', array: true, nargs: 1, describe,
    ...(options.choices ? { choices: [...options.choices] } : {}),
    ...(options.commas ? { coerce: listItems } : {}),
  };
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
