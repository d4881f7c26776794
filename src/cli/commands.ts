// The command table. Adding a command: one file in src/cli, one line here.
import type { CliCommand } from './command.js';

export const COMMANDS: ReadonlyArray<CliCommand<any>> = [];
