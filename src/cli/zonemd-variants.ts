// `dnsorder zonemd variants SOURCE --out DIR [--origin NAME] [--time T]`:
// writes the ZONEMD variants of a zone and their manifest (src/zone/variants.ts).

import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { buildVariants } from '../zone/variants.js';
import { MANIFEST_FILE, writeVariants } from '../zone-sources/variants-write.js';
import { readZoneFile } from '../zone-sources/zone-file.js';
import { writeOutputDirectory } from './output-file.js';
import { EXIT_OK, notice, type CliIo } from './command.js';

export interface ZonemdVariantsArgs {
  file?: string;
  out?: string;
  origin?: string;
  time?: string;
  /** --max-input-size (octets; default ZONE_LIMITS.maxInputSize). */
  'max-input-size'?: number;
}

export async function runZonemdVariants(args: ZonemdVariantsArgs, io: CliIo): Promise<number> {
  if (!args.file) throw new UsageError('ERR_USAGE', 'zonemd variants needs a SOURCE zone file');
  if (!args.out) throw new UsageError('ERR_USAGE', 'zonemd variants needs --out DIR');
  if (args.time !== undefined && !/^[0-9]{14}$/.test(args.time)) throw new UsageError('ERR_BAD_TIME', `--time "${args.time}" must be YYYYMMDDHHmmSS for variants`);
  const records = readZoneFile(args.file, { origin: args.origin, include: { allowedDirectories: [dirname(resolve(args.file))] }, maxInputSize: args['max-input-size'] });
  const set = buildVariants(records, { origin: args.origin });
  const manifest = await writeOutputDirectory(args.out, MANIFEST_FILE, (dir) => writeVariants(dir, set, { file: args.file!, validationTime: args.time }));
  for (const v of manifest.variants) io.stdout.write(`${v.expected.padEnd(6)}  ${v.name.padEnd(26)}  ${v.tests}\n`);
  notice(io, `dnsorder: ${manifest.variants.length} variants of ${set.apex} (serial ${set.serial}${set.signed ? ', signed' : ''}) in ${args.out}`);
  return EXIT_OK;
}
