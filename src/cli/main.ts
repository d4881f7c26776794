// CLI entry: wires every command file into yargs and turns errors into one-line
// messages with exit code 2 (usage or environment), never a stack trace.

import { createRequire } from 'node:module';
import type { Argv } from 'yargs';
import type YargsFactory from 'yargs';
import { isDnsorderError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { COMMAND_TABLE, commandsFor } from './commands.js';
import { EXIT_USAGE, type CliCommand, type CliIo } from './command.js';
import { errorLines } from './error-lines.js';
import { exitCodesEpilog, helpArgv } from './help.js';

// yargs through its CommonJS build, one bundled file: its ESM entry loads some
// forty modules, which cost ~25 ms at every start, more than a whole
// `dnsorder check` of one packet.
const yargs = createRequire(import.meta.url)('yargs') as typeof YargsFactory;

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  let failure: unknown;
  let output = '';
  try {
    const args = helpArgv(argv, COMMAND_TABLE.map((entry) => entry.name));
    const width = Math.min(110, process.stdout.columns ?? 100);
    const parser = yargs(args)
      .scriptName('dnsorder')
      .help('help').alias('help', 'h')
      .version('version', 'Show version number', VERSION).alias('version', 'V')
      .option('quiet', { alias: 'q', type: 'boolean', global: true, describe: 'no notices or progress on stderr (errors still print)' })
      .strict()
      .exitProcess(false)
      .demandCommand(1, 'name a command (see --help)')
      .recommendCommands()
      .wrap(width)
      .middleware(lastValueWins as never, true)
      .middleware(valuesGiven(args) as never, true)
      // Never run: helpArgv turns `help X` into `X --help` first; listed so --help shows it.
      .command('help [command]', 'show the options, examples and exit codes of a command')
      // yargs goes on to run the handler after a validation failure unless fail() throws.
      .fail((message, error) => {
        if (isDnsorderError(error)) throw error;
        // yargs spreads some messages over lines ("Invalid values:\n  Argument: …"): one line.
        throw new UsageError('ERR_USAGE', (message || error?.message || 'invalid arguments').replace(/\s*\n\s*/g, ' '));
      });
    for (const cmd of await commandsFor(args)) {
      parser.command(cmd.command, cmd.describe, (y: Argv) => withExamples(cmd.builder(y), cmd, width) as never, async (parsed) => {
        try {
          exitCode = await cmd.run(parsed as never, { ...io, quiet: Boolean(parsed.quiet) });
        } catch (err) {
          failure = err;
        }
      });
    }
    // With a callback, yargs hands help and version text over instead of calling console.log.
    await parser.parseAsync(args, {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (err) {
    failure ??= err;
  }
  if (failure !== undefined) {
    // One line per problem, whatever yargs or a library put in the message.
    for (const line of errorLines(failure)) io.stderr.write(`dnsorder: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_USAGE;
  }
  if (output) io.stdout.write(`${output}\n`);
  return exitCode;
}

function withExamples(y: Argv, cmd: CliCommand<any>, width: number): Argv {
  // The description as a shell comment above the command, which gets a line of its
  // own: yargs' two columns would wrap these long command lines into halves.
  for (const [line, description] of cmd.examples) y = y.example(`# ${description}\n${line}`, '');
  return y.epilog(exitCodesEpilog(cmd.exitCodes, width));
}

/**
 * `--out a --out b` is b, as with most tools; yargs would hand the command an
 * array where it expects one value. Options declared as arrays keep them all.
 */
function lastValueWins(argv: Record<string, unknown>, y: { getOptions(): { array: string[] } }): void {
  // yargs passes its instance to middleware (its types leave it out); getOptions() lists the arrays.
  const arrays = new Set(y.getOptions().array);
  for (const [key, value] of Object.entries(argv)) {
    const dashed = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (key !== '_' && Array.isArray(value) && !arrays.has(key) && !arrays.has(dashed)) argv[key] = value.at(-1);
  }
}

/**
 * A string option written without its value (`--out` last on the line, or
 * `--expectations=`) is a usage error: yargs hands the command '', which it
 * would take as "not given" and run without the file the user named.
 */
function valuesGiven(args: readonly string[]) {
  // Only flags written on the line: a positional such as check's `-` (stdin) reaches yargs as '' too.
  const written = new Set(args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]!));
  return (argv: Record<string, unknown>, y: { getOptions(): { string: string[] } }): void => {
    for (const key of y.getOptions().string) {
      if (written.has(key) && argv[key] === '') throw new UsageError('ERR_USAGE', `--${key} needs a value`);
    }
  };
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
