// CLI entry: wires every command file into yargs and turns errors into one-line
// messages with exit code 2 (usage or environment), never a stack trace.

import { createRequire } from 'node:module';
import type YargsFactory from 'yargs';
import { isDnsorderError, UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { commandsFor } from './commands.js';
import { EXIT_USAGE, type CliIo } from './command.js';

// yargs through its CommonJS build, one bundled file: its ESM entry loads some
// forty modules, which cost ~25 ms at every start, more than a whole
// `dnsorder check` of one packet.
const yargs = createRequire(import.meta.url)('yargs') as typeof YargsFactory;

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const commands = await commandsFor(argv);
  let failure: string | undefined;
  const parser = yargs(argv)
    .scriptName('dnsorder')
    .version(VERSION)
    .strict()
    .exitProcess(false)
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    // yargs goes on to run the handler after a validation failure unless fail() throws.
    .fail((message, error) => {
      throw new UsageError('ERR_USAGE', message || (error ? describeError(error) : 'invalid arguments'));
    });
  for (const cmd of commands) {
    parser.command(cmd.command, cmd.describe, cmd.builder as never, async (args) => {
      try {
        exitCode = await cmd.run(args as never, io);
      } catch (err) {
        failure = describeError(err);
      }
    });
  }
  try {
    await parser.parseAsync();
  } catch (err) {
    failure ??= describeError(err);
  }
  if (failure !== undefined) {
    // One line, whatever yargs or a library put in the message.
    io.stderr.write(`dnsorder: ${failure.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

function describeError(err: unknown): string {
  if (isDnsorderError(err)) return `${err.message} [${err.code}]`;
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${err.message} [${code}]` : err.message;
  }
  return String(err);
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
