// `dnsorder zonemd digest|verify|add FILE`: ZONEMD (RFC 8976) for a zone file.
// digest prints the apex ZONEMD record the zone should carry; verify checks
// the one it carries (exit 0 verified, 1 not verified, 2 unreadable); add
// writes the zone back with a fresh apex ZONEMD. variants and loaders live in
// their own files; the options, formats and help of all five are here.
// Every zone read is bounded (ZONE_LIMITS; --max-input-size raises the size).

import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { DnsorderError, UsageError } from '../errors.js';
import { ZONEMD_HASH_ALGORITHMS } from '../rdata/zonemd.js';
import {
  apexZonemdRecords, canonicalZoneFromRecords, findApex, formatRecord, originFromText, verifyZonemd, withApexZonemd,
  ZONE_LIMITS, type ApexChoice, type CanonicalZone,
} from '../zone/index.js';
import type { IncludePolicy } from '../zone-sources/include-files.js';
import { loadCanonicalZone, readZoneFile, streamZoneFileAsync, type ZoneFileOptions } from '../zone-sources/zone-file.js';
import { RRTYPE } from '../rdata/registry.js';
import { EXIT_FINDINGS, EXIT_OK, notice, type CliCommand, type CliIo } from './command.js';
import { wireNamesEqual } from '../rdata/name.js';
import { validationTimeFromText } from '../zone/validation-time.js';
import { zonemdDigestDocument, zonemdVerifyDocument } from '../zone/zonemd-document.js';
import { renderZonemdDigest, renderZonemdVerify, type ZonemdFormat } from '../report/zonemd-render.js';
import { listOption, numberOptions } from './options.js';
import { checkOutputPath, emitReport, emitStream } from './output-file.js';

const HASHES = new Map(ZONEMD_HASH_ALGORITHMS.map((h) => [h.name, h.algorithm]));

const ACTIONS = ['digest', 'verify', 'add', 'variants', 'loaders'] as const;
type Action = (typeof ACTIONS)[number];

/** What each action can render, its default first; add and variants write zones, so text only. */
const ACTION_FORMATS: Readonly<Record<Action, readonly string[]>> = {
  digest: ['text', 'json'],
  verify: ['text', 'json'],
  add: ['text'],
  variants: ['text'],
  // text: the table, as for the other actions' default.
  loaders: ['table', 'json', 'md', 'html', 'text'],
};

export interface ZonemdArgs {
  action: Action;
  file: string;
  origin?: string;
  hash?: string[];
  time?: string;
  generic: boolean;
  out?: string;
  format: string;
  zones?: string;
  loader?: string[];
  python?: string;
  /** loaders: userlands whose loaders run side by side (`host`, built Debian suites). */
  suites?: string[];
  'allow-include': boolean;
  'include-dir'?: string[];
  /** Octets; numberOptions fills in the default. */
  'max-input-size': number;
}

/** The --format for the action: its default when not given; one it cannot render is an error, not text. */
function actionFormat(action: Action, given: string | undefined): string {
  const formats = ACTION_FORMATS[action];
  if (given === undefined) return formats[0]!;
  if (!formats.includes(given)) throw new UsageError('ERR_FORMAT', `zonemd ${action} has no --format ${given} (${formats.join(', ')})`);
  return given;
}


function parseOptions(args: ZonemdArgs): ZoneFileOptions {
  let include: IncludePolicy | undefined;
  const includeDirs = args['include-dir'] ?? [];
  if (args['allow-include'] || includeDirs.length > 0) {
    include = { allowedDirectories: [dirname(resolve(args.file)), ...includeDirs] };
  }
  return { origin: args.origin, include, maxInputSize: args['max-input-size'] };
}

/** How the apex was chosen, in the CLI's words (the library returns only where it came from). */
export function describeApex(choice: ApexChoice): string {
  if (choice.from === 'origin') return `apex ${choice.name} from --origin`;
  if (choice.from === 'none') return 'no SOA record to take the apex from (give --origin)';
  const extra = choice.soaOwners > 1 ? ` (SOA records have ${choice.soaOwners} different owners; using the first)` : '';
  return `apex ${choice.name} from the SOA owner${extra}`;
}

function chosenApex(zone: CanonicalZone, args: ZonemdArgs, io: CliIo): ApexChoice & { apex: Buffer } {
  const choice = findApex(zone, args.origin);
  if (choice.apex === undefined) throw new UsageError('ERR_NO_APEX', `${args.file}: ${describeApex(choice)}`);
  if (args.origin === undefined) notice(io, `dnsorder: no --origin: ${describeApex(choice)}`);
  return choice as ApexChoice & { apex: Buffer };
}

function hashAlgorithms(args: ZonemdArgs): number[] {
  const names = args.hash?.length ? args.hash : ['sha384'];
  return [...new Set(names.map((h) => HASHES.get(h.toLowerCase())!))];
}

async function digest(args: ZonemdArgs, io: CliIo): Promise<number> {
  const zone = loadCanonicalZone(args.file, parseOptions(args));
  const { apex } = chosenApex(zone, args, io);
  const records = apexZonemdRecords(zone, apex, hashAlgorithms(args));
  const doc = zonemdDigestDocument({ file: args.file, origin: args.origin ?? null }, records, { generic: args.generic });
  emitReport(io, args.out, renderZonemdDigest(doc, args.format as ZonemdFormat));
  return EXIT_OK;
}

/** --time as seconds since the epoch; now when not given (the zone library reads no clock). */
function validationTime(given: string | undefined): number {
  if (given === undefined) return Math.floor(Date.now() / 1000);
  const time = validationTimeFromText(given);
  if (time === undefined) throw new UsageError('ERR_BAD_TIME', `--time "${given}" is neither YYYYMMDDHHmmSS nor ISO 8601`);
  return time;
}

async function verify(args: ZonemdArgs, io: CliIo): Promise<number> {
  const time = validationTime(args.time);
  const zone = loadCanonicalZone(args.file, parseOptions(args));
  const choice = chosenApex(zone, args, io);
  const result = verifyZonemd(zone, choice.apex, { time });
  const doc = zonemdVerifyDocument({ file: args.file, origin: args.origin ?? null }, describeApex(choice), result);
  emitReport(io, args.out, renderZonemdVerify(doc, args.format as ZonemdFormat));
  return result.verified ? EXIT_OK : EXIT_FINDINGS;
}

/**
 * The zone with a fresh apex ZONEMD, in file order: its apex ZONEMD records
 * dropped, the new ones right after the first apex SOA. Two passes over the
 * file, neither holding its records: the lean canonical form for the digest,
 * then the records again, each printed as it is read.
 */
async function add(args: ZonemdArgs, io: CliIo): Promise<number> {
  const options = parseOptions(args);
  const before = fileIdentity(args.file);
  // A pipe or device cannot be read twice: its records are held, as they always were.
  if (before === undefined || !before.isFile()) return addHeld(args, io, options);
  const { apex, freshText, recordCount } = freshZonemd(args, io, options);
  await emitStream(io, args.out, async (output) => {
    let count = 0;
    let placed = false;
    await streamZoneFileAsync(args.file, { ...options, transientRecords: true }, (r) => {
      count++;
      if (r.type === RRTYPE.ZONEMD && wireNamesEqual(r.owner, apex)) return;
      output.write(formatRecord(r) + '\n');
      if (!placed && r.type === RRTYPE.SOA && wireNamesEqual(r.owner, apex)) {
        output.write(freshText);
        placed = true;
      }
    }, () => output.flush());
    const after = fileIdentity(args.file);
    if (count !== recordCount || !sameFile(before, after)) {
      throw new DnsorderError('ERR_INPUT_CHANGED', `${args.file} changed while it was read (the digest is of the first read)${args.out === undefined ? ': the zone written is not to be trusted' : `; ${args.out} was not written`}`);
    }
  });
  return EXIT_OK;
}

/** add's first pass: the new ZONEMD records as text (the canonical form is let go before the second pass). */
function freshZonemd(args: ZonemdArgs, io: CliIo, options: ZoneFileOptions): { apex: Buffer; freshText: string; recordCount: number } {
  const zone = loadCanonicalZone(args.file, options);
  const { apex } = chosenApex(zone, args, io);
  const fresh = apexZonemdRecords(zone, apex, hashAlgorithms(args));
  warnIfSigned(io, zone.special.some((r) => r.type === RRTYPE.DNSKEY && wireNamesEqual(r.owner, apex)));
  return { apex, freshText: fresh.map((r) => formatRecord(r, { generic: args.generic }) + '\n').join(''), recordCount: zone.recordCount };
}

/** add for input that can be read once only (a pipe, /dev/stdin): every record held, then written. */
async function addHeld(args: ZonemdArgs, io: CliIo, options: ZoneFileOptions): Promise<number> {
  const records = readZoneFile(args.file, options);
  const zone = canonicalZoneFromRecords(records, args.origin === undefined ? undefined : originFromText(args.origin));
  const { apex } = chosenApex(zone, args, io);
  const fresh = apexZonemdRecords(zone, apex, hashAlgorithms(args));
  warnIfSigned(io, records.some((r) => r.type === RRTYPE.DNSKEY && wireNamesEqual(r.owner, apex)));
  let text = '';
  for (const r of withApexZonemd(records, apex, fresh)) text += formatRecord(r, { generic: args.generic && fresh.includes(r) }) + '\n';
  emitReport(io, args.out, text);
  return EXIT_OK;
}

function warnIfSigned(io: CliIo, signed: boolean): void {
  if (signed) notice(io, 'dnsorder: the zone is signed: re-sign the apex ZONEMD RRset, its old RRSIG no longer matches');
}

function fileIdentity(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined; // the zone reader says why
  }
}

function sameFile(a: Stats, b: Stats | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export const zonemdCommand: CliCommand<ZonemdArgs> = {
  command: 'zonemd <action> [file]',
  describe: 'ZONEMD (RFC 8976) for a zone file: digest | verify | add | variants; zone loaders compared: loaders',
  builder: (y: Argv) =>
    numberOptions(y, {
      'max-input-size': {
        describe: 'digest, verify, add, variants: most octets a zone may have, $INCLUDEd files counted in (lines: at most 1 MiB)',
        min: 1, default: ZONE_LIMITS.maxInputSize,
      },
    })
      .positional('action', { choices: ACTIONS, describe: 'digest: print the ZONEMD; verify: check it; add: write the zone with it; variants: write valid and broken variants of it (--out DIR); loaders: run zones through every zone loader here', demandOption: true })
      .positional('file', { type: 'string', describe: 'zone file (RFC 1035 master format)' })
      .option('origin', { type: 'string', describe: 'zone apex / initial $ORIGIN (default: the SOA owner)' })
      .option('hash', listOption('hash algorithm(s) for digest/add, repeat or comma-separate (default sha384)', { commas: true, choices: [...HASHES.keys()] }))
      .option('time', { type: 'string', describe: 'RRSIG validation time, YYYYMMDDHHmmSS or ISO 8601 (default now); for loaders on a case directory also as-published (default: inside each zone\'s own SOA RRSIG window) or now' })
      .option('generic', { type: 'boolean', default: false, describe: 'write the ZONEMD in RFC 3597 generic form (TYPE63 \\# …)' })
      .option('out', { type: 'string', describe: 'digest, verify, loaders: write the report to FILE; add: write the zone to FILE; variants: the output directory' })
      .option('format', { type: 'string', choices: [...new Set(Object.values(ACTION_FORMATS).flat())], describe: 'digest, verify: text or json; loaders: table, json, md or html' })
      .option('zones', { type: 'string', describe: 'loaders: a variants directory or one laid out like the Verisign ZONEMD test cases (default: variants of RFC 8976 A.1)' })
      .option('loader', listOption('loaders: only these loader ids (repeat or comma-separate)', { commas: true }))
      .option('python', { type: 'string', describe: 'loaders: the Python interpreter for the host\'s dnspython loader (default: python3 on PATH, then /usr/bin/python3; a root uses its own /usr/bin/python3)' })
      .option('suites', listOption('loaders: run the loaders of these userlands side by side: host and Debian suites built with `dnsorder lab build SUITE` (default host; repeat or comma-separate)', { commas: true }))
      .option('allow-include', { type: 'boolean', default: false, describe: "allow $INCLUDE of files in the zone file's directory" })
      .option('include-dir', listOption('also allow $INCLUDE from this directory (repeatable; implies --allow-include)')) as unknown as Argv<ZonemdArgs>,
  examples: [
    ['dnsorder zonemd verify fixtures/zone/valid-sha384.zone --origin example.', 'check the ZONEMD a zone carries; exit 1 when it does not match'],
    ['dnsorder zonemd digest fixtures/zone/valid-sha384.zone --hash sha384,sha512 --format json', 'the ZONEMD records the zone should carry, as JSON'],
    ['dnsorder zonemd loaders --loader dnsorder,ldns --format md --out loaders.md', 'the built-in variants through two zone loaders'],
  ],
  exitCodes: {
    0: 'done; verify: the ZONEMD verified',
    1: 'verify: the ZONEMD did not verify',
    2: 'unreadable or bad zone file, no loader available, or bad arguments',
  },
  run: async (args, io) => {
    const format = actionFormat(args.action, args.format);
    args = { ...args, format };
    if (args.out !== undefined && args.action !== 'variants') checkOutputPath(args.out);
    // Loaded on demand: digest and verify should not pay for the loader matrix (~30 ms).
    if (args.action === 'variants') return (await import('./zonemd-variants.js')).runZonemdVariants(args, io);
    if (args.action === 'loaders') return (await import('./zonemd-loaders.js')).runZonemdLoaders(args, io);
    if (args.file === undefined) throw new UsageError('ERR_USAGE', `zonemd ${args.action} needs a zone FILE`);
    if (args.action === 'digest') return digest(args, io);
    if (args.action === 'verify') return verify(args, io);
    return add(args, io);
  },
};
