// `dnsorder zonemd digest|verify|add FILE`: ZONEMD (RFC 8976) for a zone file.
// digest prints the apex ZONEMD record the zone should carry; verify checks
// the one it carries (exit 0 verified, 1 not verified, 2 unreadable); add
// writes the zone back with a fresh apex ZONEMD.

import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import { ZONEMD_HASH_ALGORITHMS } from '../wire/zonemd.js';
import {
  apexZonemdRecords, canonicalZoneFromRecords, findApex, formatRecord, loadCanonicalZone, originFromText, readZoneFile, verifyZonemd, withApexZonemd,
  type ApexChoice, type CanonicalZone, type IncludePolicy, type ZoneParseOptions, type ZoneRecord,
} from '../zone/index.js';
import { EXIT_FINDINGS, EXIT_OK, type CliCommand, type CliIo } from './command.js';
import { wireNamesEqual } from '../zone/names.js';
import { parseValidationTime } from '../zone/validation-time.js';
import { checkOutputPath, writeOutputFile } from './output-file.js';

/** Schema id of the `--format json` documents of digest and verify. */
const ZONEMD_SCHEMA = 'dnsorder.zonemd/v1';

const HASHES = new Map(ZONEMD_HASH_ALGORITHMS.map((h) => [h.name, h.algorithm]));

export interface ZonemdArgs {
  action: 'digest' | 'verify' | 'add' | 'variants' | 'loaders';
  file: string;
  origin?: string;
  hash: string[];
  time?: string;
  generic: boolean;
  out?: string;
  format: 'text' | 'json' | 'table' | 'md' | 'html';
  zones?: string;
  loader?: string[];
  'allow-include': boolean;
  'include-dir': string[];
}


function parseOptions(args: ZonemdArgs): ZoneParseOptions {
  let include: IncludePolicy | undefined;
  if (args['allow-include'] || args['include-dir'].length > 0) {
    include = { allowedDirectories: [dirname(resolve(args.file)), ...args['include-dir']] };
  }
  return { origin: args.origin, include };
}

function chosenApex(zone: CanonicalZone, args: ZonemdArgs, io: CliIo): ApexChoice & { apex: Buffer } {
  const choice = findApex(zone, args.origin);
  if (choice.apex === undefined) throw new UsageError('ERR_NO_APEX', `${args.file}: ${choice.how}`);
  if (args.origin === undefined) io.stderr.write(`dnsorder: no --origin: ${choice.how}\n`);
  return choice as ApexChoice & { apex: Buffer };
}

function hashAlgorithms(args: ZonemdArgs): number[] {
  const names = args.hash.length > 0 ? args.hash : ['sha384'];
  return [...new Set(names.map((h) => HASHES.get(h.toLowerCase())!))];
}

async function digest(args: ZonemdArgs, io: CliIo): Promise<number> {
  const zone = loadCanonicalZone(args.file, parseOptions(args));
  const { apex } = chosenApex(zone, args, io);
  const records = apexZonemdRecords(zone, apex, hashAlgorithms(args));
  if (args.format === 'json') {
    io.stdout.write(JSON.stringify({
      schema: ZONEMD_SCHEMA, tool: TOOL, action: 'digest', input: { file: args.file, origin: args.origin ?? null },
      records: records.map((r) => ({ text: formatRecord(r, { generic: args.generic }), serial: r.rdata.readUInt32BE(0), scheme: r.rdata[4], algorithm: r.rdata[5], digest: r.rdata.subarray(6).toString('hex') })),
    }, null, 2) + '\n');
  } else {
    for (const r of records) io.stdout.write(formatRecord(r, { generic: args.generic }) + '\n');
  }
  return EXIT_OK;
}

async function verify(args: ZonemdArgs, io: CliIo): Promise<number> {
  const time = args.time === undefined ? undefined : parseValidationTime(args.time);
  const zone = loadCanonicalZone(args.file, parseOptions(args));
  const choice = chosenApex(zone, args, io);
  const result = verifyZonemd(zone, choice.apex, { time });
  if (args.format === 'json') {
    io.stdout.write(JSON.stringify({
      schema: ZONEMD_SCHEMA, tool: TOOL, action: 'verify',
      input: { file: args.file, origin: args.origin ?? null, apexFrom: choice.how, validationTime: new Date(result.dnssec.validationTime * 1000).toISOString() },
      ...result,
    }, null, 2) + '\n');
  } else {
    io.stdout.write(`${args.file}: ${result.summary}\n`);
    for (const r of result.records) if (result.records.length > 1 || !result.verified) io.stdout.write(`  ${r.status}: ${r.message}\n`);
    for (const rrset of result.dnssec.rrsets) io.stdout.write(`  dnssec ${rrset.status}: ${rrset.detail}\n`);
  }
  return result.verified ? EXIT_OK : EXIT_FINDINGS;
}

async function add(args: ZonemdArgs, io: CliIo): Promise<number> {
  if (args.out !== undefined) checkOutputPath(args.out);
  const options = parseOptions(args);
  const records = readZoneFile(args.file, options);
  const zone = canonicalZoneFromRecords(records, args.origin === undefined ? undefined : originFromText(args.origin));
  const { apex } = chosenApex(zone, args, io);
  const fresh = apexZonemdRecords(zone, apex, hashAlgorithms(args));
  const signed = records.some((r) => r.type === 48 && wireNamesEqual(r.owner, apex));
  if (signed) io.stderr.write('dnsorder: the zone is signed: re-sign the apex ZONEMD RRset, its old RRSIG no longer matches\n');
  let text = '';
  for (const r of withApexZonemd(records, apex, fresh)) text += formatRecord(r, { generic: args.generic && fresh.includes(r) }) + '\n';
  if (args.out === undefined) io.stdout.write(text);
  else writeOutputFile(args.out, text);
  return EXIT_OK;
}

export const zonemdCommand: CliCommand<ZonemdArgs> = {
  command: 'zonemd <action> [file]',
  describe: 'ZONEMD (RFC 8976) for a zone file: digest | verify | add | variants; zone loaders compared: loaders',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['digest', 'verify', 'add', 'variants', 'loaders'] as const, describe: 'digest: print the ZONEMD; verify: check it; add: write the zone with it; variants: write valid and broken variants of it (--out DIR); loaders: run zones through every zone loader here', demandOption: true })
      .positional('file', { type: 'string', describe: 'zone file (RFC 1035 master format)' })
      .option('origin', { type: 'string', describe: 'zone apex / initial $ORIGIN (default: the SOA owner)' })
      .option('hash', { type: 'array', string: true, choices: [...HASHES.keys()], default: [] as string[], describe: 'hash algorithm(s) for digest/add (default sha384)' })
      .option('time', { type: 'string', describe: 'RRSIG validation time, YYYYMMDDHHmmSS or ISO 8601 (default now); for loaders on a case directory also as-published (default: inside each zone\'s own SOA RRSIG window) or now' })
      .option('generic', { type: 'boolean', default: false, describe: 'write the ZONEMD in RFC 3597 generic form (TYPE63 \\# …)' })
      .option('out', { type: 'string', describe: 'add: write the zone here instead of stdout; variants: the output directory' })
      .option('format', { choices: ['text', 'json', 'table', 'md', 'html'] as const, default: 'text' as const, describe: 'output format (md, html: loaders only)' })
      .option('zones', { type: 'string', describe: 'loaders: a variants directory or one laid out like the Verisign ZONEMD test cases (default: variants of RFC 8976 A.1)' })
      .option('loader', { type: 'array', string: true, describe: 'loaders: only these loader ids' })
      .option('allow-include', { type: 'boolean', default: false, describe: "allow $INCLUDE of files in the zone file's directory" })
      .option('include-dir', { type: 'array', string: true, default: [] as string[], describe: 'also allow $INCLUDE from this directory (implies --allow-include)' }) as unknown as Argv<ZonemdArgs>,
  run: async (args, io) => {
    // Loaded on demand: digest and verify should not pay for the loader matrix (~30 ms).
    if (args.action === 'variants') return (await import('./zonemd-variants.js')).runZonemdVariants(args, io);
    if (args.action === 'loaders') return (await import('./zonemd-loaders.js')).runZonemdLoaders(args, io);
    if (args.file === undefined) throw new UsageError('ERR_USAGE', `zonemd ${args.action} needs a zone FILE`);
    if (args.action === 'digest') return digest(args, io);
    if (args.action === 'verify') return verify(args, io);
    return add(args, io);
  },
};
