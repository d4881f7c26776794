// The command table. Adding a command: one file in src/cli, one line here.
import type { CliCommand } from './command.js';
import { checkCommand } from './check.js';
import { fixturesCommand } from './fixtures.js';
import { matrixCommand } from './matrix.js';
import { probeCommand } from './probe.js';
import { scenariosCommand } from './scenarios.js';
import { serveCommand } from './serve.js';
import { zonemdCommand } from './zonemd.js';

export const COMMANDS: ReadonlyArray<CliCommand<any>> = [
  scenariosCommand,
  checkCommand,
  fixturesCommand,
  zonemdCommand,
  matrixCommand,
  serveCommand,
  probeCommand,
];
