// The contract every CLI command file implements. main.ts only wires them up;
// each command lives in its own file and returns its exit code
// (0 done and nothing failed, 1 findings/regressions, 2 usage or environment error).

import type { Argv } from 'yargs';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** --quiet: no notices or progress on stderr (errors still print). */
  quiet?: boolean;
}

/** What each exit code means for one command (shown at the end of its help). */
export interface ExitCodes {
  0: string;
  1?: string;
  2: string;
}

export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. 'check [input]'. */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
  run: (args: A, io: CliIo) => Promise<number>;
  /** Two or three command lines that work as written (from a checkout: files under fixtures/), with what they do. */
  examples: ReadonlyArray<readonly [command: string, description: string]>;
  exitCodes: ExitCodes;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Colour only on a TTY and never with NO_COLOR. */
export function useColour(io: CliIo): boolean {
  return Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env);
}

/** A line on stderr about the run (not its result, not an error): silenced by --quiet. */
export function notice(io: CliIo, line: string): void {
  if (!io.quiet) io.stderr.write(`${line}\n`);
}
