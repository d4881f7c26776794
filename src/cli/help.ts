// Help the way git and cargo give it: `dnsorder help check` is
// `dnsorder check --help`, and every command's help ends with examples and
// what its exit codes mean.

import { UsageError } from '../errors.js';
import type { ExitCodes } from './command.js';

/**
 * `help` → `--help`; `help <command> [action]` → `<command> [action] --help`
 * (options before `help`, such as --quiet, stay). Other argv is returned as is.
 */
export function helpArgv(argv: readonly string[], commands: readonly string[]): string[] {
  const at = argv.findIndex((a) => !a.startsWith('-'));
  if (at < 0 || argv[at] !== 'help') return [...argv];
  const rest = argv.slice(at + 1).filter((a) => a !== '--help' && a !== '-h');
  const options = argv.slice(0, at);
  if (rest.length === 0 || rest[0] === 'help') return [...options, '--help'];
  if (!commands.includes(rest[0]!)) throw new UsageError('ERR_USAGE', `no command "${rest[0]}" (commands: ${commands.join(', ')})`);
  return [...rest, ...options, '--help'];
}

/** "Exit status:" and one line per code, wrapped to `width` under its meaning (yargs would wrap to the margin). */
export function exitCodesEpilog(codes: ExitCodes, width: number): string {
  const entries: Array<[number, string | undefined]> = [[0, codes[0]], [1, codes[1]], [2, codes[2]]];
  const lines = entries.filter((e): e is [number, string] => e[1] !== undefined).map(([code, meaning]) => hanging(`  ${code}  `, meaning, width));
  return `Exit status:\n${lines.join('\n')}`;
}

function hanging(label: string, text: string, width: number): string {
  const lines: string[] = [];
  let line = label;
  for (const word of text.split(/\s+/)) {
    if (line.length > label.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(label.length) + word;
    } else {
      line += (line.length > label.length ? ' ' : '') + word;
    }
  }
  return [...lines, line].join('\n');
}
