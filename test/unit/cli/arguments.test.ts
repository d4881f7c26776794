// The CLI behaves like the tools it sits beside (issue 13): help and version,
// options that never swallow a positional, numbers checked once, --format and
// --out on every report, one coded line per error (one per problem for a bad
// zone file), and --quiet. In-process through main(), the bin's code path.

import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_TABLE } from '../../../src/cli/commands.js';
import { writePcap } from '../../../src/pcap/write.js';
import { getScenario, scenarioQueryName } from '../../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../../src/server/scenario-query.js';
import { VERSION } from '../../../src/version.js';
import { runCli } from '../../helpers/cli.js';
import { isRoot } from '../../helpers/peers.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ZONE = join(dir, 'example.zone');
writeFileSync(ZONE, [
  '$ORIGIN example.',
  '$TTL 3600',
  '@ IN SOA ns1 admin 2026112201 7200 3600 1209600 300',
  '  IN NS ns1',
  'ns1 IN A 192.0.2.1',
].join('\n') + '\n');

function response(id: string): Buffer {
  const s = getScenario(id)!;
  const qname = scenarioQueryName(s, 'order.test');
  // What dnsorder serve sends a stub over UDP (these scenarios fit in 512 octets).
  return answerScenarioQuery({ name: qname, type: s.queryType, id: 7 });
}

/** A capture with one canonical response from port 53 and one cname-last from port 5353. */
const CAPTURE = join(dir, 'two-ports.pcap');
writeFileSync(CAPTURE, writePcap([
  { source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 53, destinationPort: 40000, payload: response('canonical') },
  { source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 5353, destinationPort: 40001, payload: response('cname-last') },
]));

/** Exit 2 and exactly one line `dnsorder: … [ERR_…]` on stderr, nothing on stdout, no Node error text. */
function expectOneErrorLine(out: { code: number; stdout: string; stderr: string }, pattern: RegExp, label: string): void {
  expect(out.code, label).toBe(2);
  expect(out.stdout, label).toBe('');
  const lines = out.stderr.split('\n').filter(Boolean);
  expect(lines, label).toHaveLength(1);
  expect(lines[0], label).toMatch(/^dnsorder: .+ \[ERR_[A-Z_]+\]$/);
  expect(lines[0], label).toMatch(pattern);
  // Node's own text ("ENOENT: no such file or directory, open …") or a stack frame.
  expect(lines[0], label).not.toMatch(/\bE[A-Z]{3,}: |\n\s+at /);
}

describe('help and version', () => {
  it('-h and --help print the top-level help on stdout, with the help command listed', async () => {
    const long = await runCli(['--help']);
    const short = await runCli(['-h']);
    expect(long.code).toBe(0);
    expect(long.stderr).toBe('');
    expect(short).toEqual(long);
    expect(long.stdout).toContain('Commands:');
    expect(long.stdout).toContain('dnsorder help [command]');
    for (const { name } of COMMAND_TABLE) expect(long.stdout).toContain(`dnsorder ${name}`);
    expect(long.stdout).toMatch(/-q, --quiet/);
  });

  it('-V and --version print the version and exit 0', async () => {
    for (const flag of ['-V', '--version']) {
      const out = await runCli([flag]);
      expect(out, flag).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('`help <command>` prints the same as `<command> --help`; `help` alone the top-level help', async () => {
    expect((await runCli(['help'])).stdout).toBe((await runCli(['--help'])).stdout);
    for (const { name } of COMMAND_TABLE) {
      const viaHelp = await runCli(['help', name]);
      const viaFlag = await runCli([name, '--help']);
      expect(viaHelp.code, name).toBe(0);
      expect(viaHelp.stdout, name).toBe(viaFlag.stdout);
      expect(viaHelp.stdout, name).toBe((await runCli([name, '-h'])).stdout);
      expect(viaHelp.stdout, name).not.toContain('Commands:');
    }
  });

  it('`help` after a global option is still help', async () => {
    expect((await runCli(['--quiet', 'help', 'check'])).stdout).toBe((await runCli(['check', '--help'])).stdout);
    expect((await runCli(['-q', 'help'])).stdout).toBe((await runCli(['--help'])).stdout);
  });

  it('`help` with an unknown command is a usage error', async () => {
    expectOneErrorLine(await runCli(['help', 'nope']), /no command "nope" .*\[ERR_USAGE\]/, 'help nope');
  });

  it('every command\'s help ends with its two or three examples and what its exit codes mean', async () => {
    for (const entry of COMMAND_TABLE) {
      const cmd = await entry.load();
      const help = (await runCli([entry.name, '--help'])).stdout;
      expect(cmd.examples.length, entry.name).toBeGreaterThanOrEqual(2);
      expect(cmd.examples.length, entry.name).toBeLessThanOrEqual(3);
      expect(help, entry.name).toContain('\nExamples:\n');
      const examples = help.slice(help.indexOf('\nExamples:\n'));
      for (const [line, description] of cmd.examples) {
        expect(line.startsWith(`dnsorder ${entry.name} `) || line === `dnsorder ${entry.name}`, line).toBe(true);
        // One line at the default help width of 100 columns.
        expect(line.length + 2, line).toBeLessThanOrEqual(100);
        expect(examples, line).toContain(`  # ${description}\n  ${line}\n`);
      }
      // The last section: each code with its meaning (wrapped lines indented under the meaning).
      const codes = cmd.exitCodes;
      const epilog = help.slice(help.lastIndexOf('\n\nExit status:\n') + 2);
      expect(epilog.split('\n').every((l) => /^(Exit status:| {2}[012] {2}\S| {5}\S|$)/.test(l)), epilog).toBe(true);
      const words = (text: string) => text.trim().split(/\s+/).join(' ');
      expect(words(epilog), entry.name).toBe(words(`Exit status: 0 ${codes[0]} ${codes[1] === undefined ? '' : `1 ${codes[1]}`} 2 ${codes[2]}`));
    }
  });
});

describe('an option written without its value', () => {
  it('is a usage error naming the option, before anything runs or is written', async () => {
    const out = join(dir, 'never-written.json');
    const cases: string[][] = [
      ['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical', '--expectations'],
      ['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical', '--expect=', '--out', out],
      ['check', CAPTURE, '--out'],
      ['zonemd', 'digest', ZONE, '--origin', '--out', out],
    ];
    for (const argv of cases) {
      const flag = argv.find((a, i) => a.startsWith('--') && (a.endsWith('=') || argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')))!.replace(/=$/, '');
      expectOneErrorLine(await runCli(argv), new RegExp(`${flag} needs a value \\[ERR_USAGE\\]`), argv.join(' '));
    }
    expect(() => readFileSync(out)).toThrow(); // nothing half-written
  });

  it('leaves positionals alone: `check -` still reads standard input', async () => {
    const hex = response('canonical').toString('hex');
    expect((await runCli(['check', '-', '--hex'], hex)).code).toBe(0);
  });
});

describe('list options take one value per occurrence', () => {
  it('check --port N FILE reads FILE; ports repeat or come comma-separated', async () => {
    const count = async (...argv: string[]) => {
      const out = await runCli(['check', ...argv, '--format', 'json']);
      expect(out.stderr, argv.join(' ')).toBe('');
      return JSON.parse(out.stdout).results.length as number;
    };
    expect(await count('--port', '5353', CAPTURE)).toBe(1);
    expect(await count('--port', '53,5353', CAPTURE)).toBe(2);
    expect(await count('--port', '53', '--port', '5353', CAPTURE)).toBe(2);
    expect(await count(CAPTURE)).toBe(1); // default 53
  });

  it('zonemd digest --hash NAME FILE digests FILE; hashes repeat or come comma-separated', async () => {
    const records = async (...argv: string[]) => {
      const out = await runCli(['zonemd', 'digest', ...argv, '--origin', 'example.']);
      expect(out.code, `${argv.join(' ')}: ${out.stderr}`).toBe(0);
      return out.stdout.trim().split('\n').map((l) => l.split('\t')[4]!.split(' ').slice(0, 3).join(' '));
    };
    expect(await records('--hash', 'sha384', ZONE)).toEqual(['2026112201 1 1']);
    expect(await records('--hash', 'sha384,sha512', ZONE)).toEqual(['2026112201 1 1', '2026112201 1 2']);
    expect(await records('--hash', 'sha512', '--hash', 'sha384', ZONE)).toEqual(['2026112201 1 2', '2026112201 1 1']);
    expect(await records('--include-dir', dir, ZONE)).toEqual(['2026112201 1 1']);
    expectOneErrorLine(await runCli(['zonemd', 'digest', '--hash', 'md5', ZONE]), /Invalid values: Argument: hash, Given: "md5"/, 'md5');
  });

  it('zonemd loaders --loader takes comma-separated ids; serve pairs repeated --zone-file and --origin', async () => {
    expectOneErrorLine(await runCli(['zonemd', 'loaders', '--loader', 'dnsorder,no-such-loader']), /unknown loader no-such-loader /, 'loader');
    expectOneErrorLine(await runCli(['serve', '--zone-file', ZONE, '--zone-file', ZONE, '--origin', 'example.']),
      /give one --origin per --zone-file \(2 files, 1 origins\) \[ERR_ZONE_FILE_ORIGIN\]/, 'zone-file');
  });

  it('probe --combine keeps its documented form: every file up to the next option is a report', async () => {
    const first = join(dir, 'first.json');
    writeFileSync(first, JSON.stringify({ schema: 'dnsorder.probe/v1' }));
    expectOneErrorLine(await runCli(['probe', '--combine', first, join(dir, 'second.json'), '--format', 'md']),
      /cannot read probe report .*second\.json: no such file \[ERR_PROBE_BAD_REPORT\]/, 'combine');
  });
});

describe('numbers are checked once, before any work', () => {
  it('rejects what is not a number in range with one line and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', CAPTURE, '--port', 'abc'], /--port must be an integer from 0 to 65535, not "abc"/],
      [['check', '--port', '70000', CAPTURE], /--port must be an integer from 0 to 65535, not "70000"/],
      [['check', '--port', '53,x', CAPTURE], /--port must be .*not "x"/],
      [['serve', '--duration', '-1'], /--duration must be a positive number, not "-1"/],
      [['serve', '--max-concurrent-transfers', '-1'], /--max-concurrent-transfers must be a non-negative integer, not "-1"/],
      [['serve', '--max-tcp-connections-per-source', '0'], /--max-tcp-connections-per-source must be a positive integer, not "0"/],
      [['serve', '--duration', '0'], /--duration must be a positive number, not "0"/],
      [['serve', '--port', 'abc'], /--port must be an integer from 0 to 65535, not "abc"/],
      [['serve', '--max-tcp-connections', '0'], /--max-tcp-connections must be a positive integer, not "0"/],
      [['serve', '--max-in-flight', 'lots'], /--max-in-flight must be a positive integer, not "lots"/],
      [['serve', '--tcp-idle-timeout', '-5'], /--tcp-idle-timeout must be a positive integer/],
      [['serve', '--max-query-size', '5'], /--max-query-size must be an integer from 12 to 65535, not "5"/],
      [['serve', '--rate', '-1'], /--rate must be a non-negative number/],
      [['serve', '--rate-burst', '1.5'], /--rate-burst must be a positive integer, not "1.5"/],
      [['serve', '--rate-ipv6-prefix', '129'], /--rate-ipv6-prefix must be an integer from 0 to 128/],
      [['matrix', '--jobs', '0'], /--jobs must be a positive integer, not "0"/],
      [['matrix', '--timeout', '0'], /--timeout must be a positive integer, not "0"/],
      [['matrix', '--timeout', '-100'], /--timeout must be a positive integer, not "-100"/],
      [['probe', '127.0.0.1', '--jobs', 'abc'], /--jobs must be a positive integer, not "abc"/],
      [['probe', '127.0.0.1', '--timeout', '0'], /--timeout must be a positive integer, not "0"/],
      [['fixtures', '--out', join(dir, 'never'), '--seed', 'abc'], /--seed must be an integer from 0 to 4294967295, not "abc"/],
      [['fixtures', '--out', join(dir, 'never'), '--seed', '-1'], /--seed must be an integer from 0 to 4294967295, not "-1"/],
    ];
    for (const [argv, pattern] of cases) {
      const out = await runCli(argv);
      expectOneErrorLine(out, pattern, argv.join(' '));
      expect(out.stderr, argv.join(' ')).toMatch(/\[ERR_BAD_NUMBER\]\n$/);
    }
  });

  it('a number option without its value is an error, not its default', async () => {
    expectOneErrorLine(await runCli(['check', CAPTURE, '--port']), /--port/, '--port');
    expectOneErrorLine(await runCli(['serve', '--duration']), /duration/, '--duration');
  });

  it('accepts valid numbers; a repeated one-value option takes the last', async () => {
    const out = join(dir, 'seeded');
    const r = await runCli(['fixtures', '--out', out, '--formats', 'json', '--scenarios', 'canonical', '--seed', 'abc', '--seed', '7']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).seed).toBe(7);
    const served = await runCli(['serve', '--listen', '127.0.0.1:0', '--duration', '0.2', '--max-tcp-connections', '4', '--rate', '2.5']);
    expect(served.code, served.stderr).toBe(0);
    expect(served.stderr).toContain('"event":"closed","reason":"duration"');
  });
});

describe('--format and --out on every report', () => {
  it('scenarios: --format json is --json, and --out writes the file instead of stdout', async () => {
    const json = await runCli(['scenarios', '--format', 'json', '--scenarios', 'canonical']);
    expect(json.code).toBe(0);
    expect((await runCli(['scenarios', '--json', '--scenarios', 'canonical'])).stdout).toBe(json.stdout);
    expect(JSON.parse(json.stdout).scenarios.map((s: { id: string }) => s.id)).toEqual(['canonical']);
    const file = join(dir, 'scenarios.json');
    const written = await runCli(['scenarios', '--format', 'json', '--scenarios', 'canonical', '--out', file]);
    expect(written).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(json.stdout);
    expectOneErrorLine(await runCli(['scenarios', '--json', '--format', 'text']), /contradict/, 'json+text');
    expectOneErrorLine(await runCli(['scenarios', '--format', 'md']), /Invalid values: Argument: format, Given: "md"/, 'md');
  });

  it('check --out writes the report; the exit code still says whether something violated', async () => {
    const file = join(dir, 'check.txt');
    const out = await runCli(['check', CAPTURE, '--any-port', '--out', file]);
    expect(out).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toContain('2 response(s), 1 with violations');
  });

  it('zonemd digest and verify write their report to --out; loaders too', async () => {
    const digest = join(dir, 'digest.json');
    expect((await runCli(['zonemd', 'digest', ZONE, '--origin', 'example.', '--format', 'json', '--out', digest])).stdout).toBe('');
    expect(JSON.parse(readFileSync(digest, 'utf8'))).toMatchObject({ schema: 'dnsorder.zonemd/v1', action: 'digest' });
    const verify = join(dir, 'verify.txt');
    const v = await runCli(['zonemd', 'verify', ZONE, '--origin', 'example.', '--out', verify]);
    expect(v).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(verify, 'utf8')).toContain(`${ZONE}: not verified`);
    const loaders = join(dir, 'loaders.md');
    const l = await runCli(['zonemd', 'loaders', '--loader', 'dnsorder', '--format', 'md', '--out', loaders]);
    expect(l.code, l.stderr).toBe(0);
    expect(l.stdout).toBe('');
    expect(readFileSync(loaders, 'utf8')).toMatch(/^\| zone \| expected \| dnsorder \|$/m);
  });

  it('a --format the command or action cannot render is an error, not text', async () => {
    for (const [argv, pattern] of [
      [['zonemd', 'digest', ZONE, '--format', 'md'], /zonemd digest has no --format md \(text, json\) \[ERR_FORMAT\]/],
      [['zonemd', 'verify', ZONE, '--format', 'table'], /zonemd verify has no --format table/],
      [['zonemd', 'add', ZONE, '--format', 'json'], /zonemd add has no --format json/],
      [['zonemd', 'variants', ZONE, '--out', join(dir, 'v'), '--format', 'html'], /zonemd variants has no --format html/],
      [['zonemd', 'digest', ZONE, '--format', 'xml'], /Invalid values: Argument: format, Given: "xml"/],
      [['probe', '--list', '--format', 'json'], /--list has no --format json \[ERR_FORMAT\]/],
      [['probe', '--print-config', 'unbound', '--format', 'junit'], /--print-config has no --format junit/],
      [['probe', '--combine', ZONE, '--format', 'json'], /--combine renders md or table, not json \[ERR_FORMAT\]/],
      [['check', CAPTURE, '--format', 'md'], /Invalid values: Argument: format, Given: "md"/],
    ] as const) {
      expectOneErrorLine(await runCli([...argv]), pattern, argv.join(' '));
    }
  });
});

describe('errors are one line with a dnsorder code, never Node\'s own', () => {
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  const sub = join(dir, 'a-directory');
  mkdirSync(sub);

  it('for outputs, inputs and directories that are not what they should be', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['fixtures', '--out', file], /cannot write .*plain-file: it exists and is not a directory \[ERR_OUTPUT\]/],
      [['fixtures', '--out', join(file, 'below')], /cannot create directory .*plain-file: a file is in the way \[ERR_OUTPUT\]/],
      [['zonemd', 'variants', ZONE, '--out', file], /cannot write .*plain-file: it exists and is not a directory \[ERR_OUTPUT\]/],
      [['scenarios', '--out', join(dir, 'missing', 'x.json')], /cannot write .*: no such file \[ERR_OUTPUT\]/],
      [['scenarios', '--out', sub], /cannot write .*a-directory: it is a directory \[ERR_OUTPUT\]/],
      [['check', CAPTURE, '--out', join(dir, 'missing', 'r.txt')], /\[ERR_OUTPUT\]/],
      [['zonemd', 'digest', ZONE, '--out', join(dir, 'missing', 'd.txt')], /\[ERR_OUTPUT\]/],
      [['check', sub], /cannot read .*a-directory: it is a directory \[ERR_INPUT\]/],
      [['check', join(dir, 'missing.bin')], /cannot read .*missing\.bin: no such file \[ERR_INPUT\]/],
      [['zonemd', 'verify', sub], /cannot read zone file: it is a directory \[ERR_ZONE_UNREADABLE\]/],
      [['serve', '--zone-file', sub, '--origin', 'example.', '--listen', '127.0.0.1:0'], /it is a directory \[ERR_ZONE_UNREADABLE\]/],
      [['matrix', '--expect', sub, '--clients', 'model-glibc'], /cannot read baseline .*: it is a directory \[ERR_BASELINE\]/],
      [['probe', '--combine', sub], /cannot read probe report .*: it is a directory \[ERR_PROBE_BAD_REPORT\]/],
      [['probe', '127.0.0.1', '--names-file', join(dir, 'missing.txt')], /cannot read names file .*: no such file \[ERR_PROBE_NAMES\]/],
      [['zonemd', 'loaders', '--zones', join(dir, 'missing')], /cannot read --zones .*: no such file \[ERR_INPUT\]/],
      [['zonemd', 'loaders', '--zones', file], /--zones .* is not a directory \[ERR_INPUT\]/],
    ];
    for (const [argv, pattern] of cases) expectOneErrorLine(await runCli(argv), pattern, argv.join(' '));
  });

  // Not a missing requirement (requirement() is for those): root reads any file, so there is no EACCES to provoke.
  it.skipIf(isRoot)('for a file this user may not read (EACCES)', async () => {
    const secret = join(dir, 'secret.bin');
    writeFileSync(secret, response('canonical'));
    chmodSync(secret, 0o000);
    expectOneErrorLine(await runCli(['check', secret]), /cannot read .*secret\.bin: permission denied \[ERR_INPUT\]/, 'EACCES');
  });
});

describe('check on text that is neither hex nor a DNS message', () => {
  const readme = join(dir, 'README.md');
  writeFileSync(readme, '# dnsorder\n\nA DNS answer-section conformance tester — “which layouts break which clients?”\n');

  it('is unreadable input: exit 2 with a code', async () => {
    expectOneErrorLine(await runCli(['check', readme]), /README\.md is text, neither hex nor a DNS message .*\[ERR_NOT_DNS_INPUT\]/, 'readme');
    expectOneErrorLine(await runCli(['check', '-'], 'hello, world\n'), /stdin is text/, 'stdin');
  });

  it('--bin still reads it as a message (malformed: exit 1), and hex text is still hex', async () => {
    const bin = await runCli(['check', readme, '--bin']);
    expect(bin.code).toBe(1);
    expect(bin.stdout).toMatch(/violation malformed/);
    expect((await runCli(['check', '-'], response('canonical').toString('hex'))).code).toBe(0);
    const binary = join(dir, 'canonical.bin');
    writeFileSync(binary, response('canonical'));
    expect((await runCli(['check', binary])).code).toBe(0);
  });
});

describe('a bad zone file', () => {
  it('reports every problem, one line each with file:line:column and code', async () => {
    const bad = join(dir, 'three-errors.zone');
    writeFileSync(bad, ['$ORIGIN example.', '$TTL 3600', '@ IN SOA ns1 admin 1 7200 3600 1209600 300', 'a IN A 192.0.2.300', 'b IN BOGUS x', 'c IN AAAA nope'].join('\n') + '\n');
    const out = await runCli(['zonemd', 'verify', bad]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^dnsorder: ${bad}:4:\\d+: bad A address "192\\.0\\.2\\.300".* \\[ERR_ZONE_BAD_FIELD\\]$`)),
      expect.stringMatching(new RegExp(`^dnsorder: ${bad}:5:\\d+: unknown record type "BOGUS" \\[ERR_ZONE_UNKNOWN_TYPE\\]$`)),
      expect.stringMatching(new RegExp(`^dnsorder: ${bad}:6:\\d+: .* \\[ERR_ZONE_BAD_FIELD\\]$`)),
    ]);
  });

  it('lists at most 20, then says how many more and that reading stopped', async () => {
    const bad = join(dir, 'many-errors.zone');
    writeFileSync(bad, Array.from({ length: 40 }, (_, i) => `name${i}.example. 3600 IN BOGUS${i} x`).join('\n') + '\n');
    const lines = (await runCli(['zonemd', 'digest', bad, '--origin', 'example.'])).stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    lines.slice(0, 20).forEach((line, i) => {
      const column = `name${i}.example. 3600 IN `.length + 1;
      expect(line).toBe(`dnsorder: ${bad}:${i + 1}:${column}: unknown record type "BOGUS${i}" [ERR_ZONE_UNKNOWN_TYPE]`);
    });
    expect(lines[20]).toBe('dnsorder: … and 5 more errors (reading stopped after 25 errors) [ERR_ZONE_TOO_MANY_ERRORS]');
  });
});

describe('--quiet', () => {
  const signed = join(dir, 'signed.zone');
  writeFileSync(signed, readFileSync(ZONE, 'utf8') + '@ IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n');

  it('silences notices (apex from the SOA, signed zone, files written, run summaries), not results', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['zonemd', 'digest', ZONE], /no --origin: apex example\. from the SOA owner/],
      [['zonemd', 'add', signed, '--origin', 'example.'], /the zone is signed: re-sign/],
      [['fixtures', '--out', join(dir, 'quiet-fixtures'), '--formats', 'hex', '--scenarios', 'canonical'], /1 scenario\(s\), \d+ file\(s\)/],
      [['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical'], /matrix: 1 cells/],
      [['zonemd', 'variants', ZONE, '--out', join(dir, 'quiet-variants')], /variants of example\./],
    ];
    for (const [argv, notice] of cases) {
      const loud = await runCli(argv);
      expect(loud.code, argv.join(' ')).toBe(0);
      expect(loud.stderr, argv.join(' ')).toMatch(notice);
      for (const flag of ['--quiet', '-q']) {
        const quiet = await runCli([...argv, flag]);
        expect(quiet.code, `${argv.join(' ')} ${flag}`).toBe(0);
        expect(quiet.stderr, `${argv.join(' ')} ${flag}`).toBe('');
        // The same result (a matrix report says how long it took: not part of the comparison).
        const untimed = (text: string) => text.replace(/\d+\.\d+ s\b/g, 'N s');
        expect(untimed(quiet.stdout), `${argv.join(' ')} ${flag}`).toBe(untimed(loud.stdout));
      }
    }
  });

  it('keeps errors, and serve\'s ready line (how a harness learns the port)', async () => {
    expectOneErrorLine(await runCli(['-q', 'zonemd', 'verify', join(dir, 'missing.zone')]), /\[ERR_ZONE_UNREADABLE\]/, 'error');
    const served = await runCli(['serve', '--listen', '127.0.0.1:0', '--duration', '0.1', '--quiet']);
    expect(served.code).toBe(0);
    expect(served.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^\{"event":"listening",/)]);
  });
});
