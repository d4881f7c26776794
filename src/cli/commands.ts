// The command table. Adding a command: one file in src/cli, one line here.
// Command modules are loaded on demand: `dnsorder zonemd verify …` imports only
// src/cli/zonemd.ts (and what it needs), not the probe/serve/matrix code, which
// used to cost ~110 ms of start-up on every command. Help, typos and option-only
// invocations load them all so yargs can list and suggest every command.
import type { CliCommand } from './command.js';

export interface CommandEntry {
  /** The command's name: the first word of its yargs command string. */
  name: string;
  load: () => Promise<CliCommand<any>>;
}

export const COMMAND_TABLE: ReadonlyArray<CommandEntry> = [
  { name: 'scenarios', load: async () => (await import('./scenarios.js')).scenariosCommand },
  { name: 'check', load: async () => (await import('./check.js')).checkCommand },
  { name: 'fixtures', load: async () => (await import('./fixtures.js')).fixturesCommand },
  { name: 'zonemd', load: async () => (await import('./zonemd.js')).zonemdCommand },
  { name: 'matrix', load: async () => (await import('./matrix.js')).matrixCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'probe', load: async () => (await import('./probe.js')).probeCommand },
  { name: 'atlas', load: async () => (await import('./atlas.js')).atlasCommand },
  { name: 'watch', load: async () => (await import('./watch.js')).watchCommand },
  { name: 'lab', load: async () => (await import('./lab.js')).labCommand },
];

/** The commands `argv` needs: the one it names first, or every command (help, typos, no command). */
export async function commandsFor(argv: readonly string[]): Promise<CliCommand<any>[]> {
  const named = COMMAND_TABLE.find((entry) => entry.name === argv[0]);
  const entries = named !== undefined ? [named] : COMMAND_TABLE;
  return Promise.all(entries.map((entry) => entry.load()));
}

