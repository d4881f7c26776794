// `dnsorder zonemd loaders [--zones DIR] [--loader ID]... [--suites host,SUITE]... [--format table|json|md|html]`:
// every zone (by default the variants of RFC 8976 A.1, written to a temp
// directory) through every zone loader on the machine (src/loaders), or of
// each userland named by --suites (the host, roots of other Debian releases
// built by `dnsorder lab build`), side by side: bind, bind@trixie.
// Exit 0 when it ran (disagreements are the report, not a failure), 2 when it
// could not run (no zones, no loader available). A status line on a terminal
// while loaders run (the Verisign cases take tens of seconds).

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { runLoaderMatrix } from '../loaders/matrix.js';
import { configuredLoaders } from '../loaders/registry.js';
import { renderLoaders, type LoadersFormat } from '../report/loaders-render.js';
import { LOADER_IDS, type LoaderId } from '../loaders/types.js';
import { zonesFromDirectory, zonesFromVariants } from '../loaders/zones.js';
import { writeBuiltinVariants } from '../zone-sources/variants-write.js';
import { resolveUserlands } from '../roots/store.js';
import { HOST } from '../roots/userland.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import { emitReport } from './output-file.js';
import { startProgress } from './progress.js';


export interface ZonemdLoadersArgs {
  zones?: string;
  loader?: string[];
  /** Interpreter for the host's dnspython loader (default: python3 on PATH, then /usr/bin/python3). */
  python?: string;
  /** Userlands whose loaders run (default host): `host` and built Debian suites. */
  suites?: string[];
  /** table, json, md or html (text: table); checked by zonemd.ts. */
  format: string;
  /** Report file instead of stdout (checked writable by zonemd.ts). */
  out?: string;
  /** For case directories: as-published (default), now, or YYYYMMDDHHmmSS. */
  time?: string;
}

export async function runZonemdLoaders(args: ZonemdLoadersArgs, io: CliIo): Promise<number> {
  const format: LoadersFormat = args.format === 'text' ? 'table' : (args.format as LoadersFormat);
  const wanted = args.loader ?? [];
  const unknown = wanted.filter((id) => !(LOADER_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new UsageError('ERR_USAGE', `unknown loader ${unknown.join(', ')} (known: ${LOADER_IDS.join(', ')})`);
  // Unknown or unbuilt suites: a RootError (ERR_ROOT_NAME, ERR_ROOT_NOT_BUILT) before anything runs.
  const userlands = resolveUserlands(args.suites === undefined || args.suites.length === 0 ? [HOST] : args.suites, [], io.env);
  const every = configuredLoaders({ python: args.python, userlands });
  const loaders = wanted.length === 0 ? every : every.filter((l) => wanted.includes(l.id as LoaderId));
  if (loaders.length === 0) throw new UsageError('ERR_USAGE', `no adapter for ${wanted.join(', ')} on this build`);

  let temp: string | undefined;
  try {
    let zones;
    let source: string;
    if (args.zones !== undefined) {
      if (args.time !== undefined && !['as-published', 'now'].includes(args.time) && !/^[0-9]{14}$/.test(args.time)) {
        throw new UsageError('ERR_BAD_TIME', `zonemd loaders --time must be as-published, now or YYYYMMDDHHmmSS, not "${args.time}"`);
      }
      checkZonesDirectory(args.zones);
      zones = zonesFromDirectory(args.zones, args.time ?? 'as-published');
      source = args.zones;
    } else {
      temp = mkdtempSync(join(tmpdir(), 'dnsorder-loaders-'));
      writeBuiltinVariants(temp);
      zones = zonesFromVariants(temp);
      source = 'variants of RFC 8976 A.1 (built in)';
    }
    const progress = startProgress(io);
    const doc = await runLoaderMatrix(zones, loaders, {
      source,
      userlands,
      onResult: (r, done, total) => progress.step(done, total, `${r.zone} × ${r.loader}: ${r.verdict}`),
    });
    progress.end();
    emitReport(io, args.out, renderLoaders(doc, format));
    if (!doc.loaders.some((l) => l.available)) {
      io.stderr.write(`dnsorder: no zone loader available: ${doc.loaders.map((l) => `${l.id}: ${l.reason}`).join('; ')} [ERR_NO_LOADERS]\n`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}

function checkZonesDirectory(dir: string): void {
  let directory: boolean;
  try {
    directory = statSync(dir).isDirectory();
  } catch (err) {
    throw new UsageError('ERR_INPUT', `cannot read --zones ${dir}: ${fsReason(err)}`);
  }
  if (!directory) throw new UsageError('ERR_INPUT', `--zones ${dir} is not a directory`);
}
