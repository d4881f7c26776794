// The contract every CLI command file implements. main.ts only wires them up;
// each command lives in its own file and returns its exit code
// (0 done and nothing failed, 1 findings/regressions, 2 usage or environment error).

import type { Argv } from 'yargs';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. 'check [input]'. */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
  run: (args: A, io: CliIo) => Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Colour only on a TTY and never with NO_COLOR. */
export function useColour(io: CliIo): boolean {
  return Boolean(io.stdout.isTTY) && !('NO_COLOR' in io.env);
}
