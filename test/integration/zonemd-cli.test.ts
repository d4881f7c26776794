// `dnsorder zonemd digest|verify|add` through the real CLI entry (main), with
// captured stdout/stderr: output, exit codes 0/1/2 and the JSON document;
// bounded input (ZONE_LIMITS, --max-input-size); add's streamed output, byte
// for byte what the in-memory way (every record held) writes.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import {
  apexZonemdRecords, canonicalZoneFromRecords, findApex, formatRecord, originFromText, readZoneFile, withApexZonemd, type ZoneFileOptions,
} from '../../src/zone-sources/index.js';
import { testDataPath } from '../helpers/test-data.js';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough(), stderr = new PassThrough();
  let out = '', err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough(), env: { NO_COLOR: '1' } });
  return { code, stdout: out, stderr: err };
}

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-cli-'));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) w.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
const ZONE = [
  '$ORIGIN example.',
  '$TTL 3600',
  '@ IN SOA ns1 admin 2026112201 7200 3600 1209600 300',
  '  IN NS ns1',
  '  IN ZONEMD 1 1 1 ' + '00'.repeat(48),
  'ns1 IN A 192.0.2.1',
  'www IN CNAME ns1',
].join('\n') + '\n';
writeFileSync(join(dir, 'example.zone'), ZONE);

describe('dnsorder zonemd', () => {
  it('digest prints the ZONEMD record (TTL and serial of the SOA), SHA-384 and SHA-512', async () => {
    const r = await cli('zonemd', 'digest', join(dir, 'example.zone'), '--hash', 'sha384', '--hash', 'sha512');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^example\.\t3600\tIN\tZONEMD\t2026112201 1 1 [0-9A-F]{96}$/);
    expect(lines[1]).toMatch(/^example\.\t3600\tIN\tZONEMD\t2026112201 1 2 [0-9A-F]{128}$/);
    expect(r.stderr).toContain('no --origin: apex example. from the SOA owner');
  });

  it('add writes a zone that then verifies (exit 0), with the old ZONEMD replaced', async () => {
    const out = join(dir, 'added.zone');
    expect((await cli('zonemd', 'add', join(dir, 'example.zone'), '--out', out, '--origin', 'example.')).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.match(/ZONEMD/g)).toHaveLength(1);
    expect(text.split('\n')[1]).toMatch(/\tZONEMD\t2026112201 1 1 /); // right after the SOA, serial copied
    const v = await cli('zonemd', 'verify', out);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('verified: ZONEMD 2026112201 1 1 matches the zone');
  });

  it('add --generic writes the ZONEMD in RFC 3597 form, which verifies too', async () => {
    const out = join(dir, 'generic.zone');
    expect((await cli('zonemd', 'add', join(dir, 'example.zone'), '--generic', '--hash', 'sha512', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/\tTYPE63\t\\# 70 /);
    expect((await cli('zonemd', 'verify', out)).code).toBe(0);
  });

  it('verify exits 1 with the reason on stdout when the digest does not match', async () => {
    const r = await cli('zonemd', 'verify', join(dir, 'example.zone'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ZONEMD 1 1 1: serial 1 differs from the SOA serial 2026112201');
  });

  it('verify --format json emits the dnsorder.zonemd/v1 document', async () => {
    const r = await cli('zonemd', 'verify', join(dir, 'example.zone'), '--format', 'json', '--time', '2026-11-22T00:00:00Z');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('dnsorder.zonemd/v1');
    expect(doc.verified).toBe(false);
    expect(doc.reasons.map((x: { code: string }) => x.code)).toEqual(['serial-mismatch']);
    expect(doc.records[0]).toMatchObject({ serial: 1, scheme: 1, algorithm: 1, status: 'serial-mismatch' });
    expect(doc.input.validationTime).toBe('2026-11-22T00:00:00.000Z');
  });

  it('exits 2 with code and file:line:column for a zone with a syntax error', async () => {
    writeFileSync(join(dir, 'bad.zone'), ZONE + 'bad IN A 192.0.2.300\n');
    const r = await cli('zonemd', 'verify', join(dir, 'bad.zone'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`dnsorder: ${join(dir, 'bad.zone')}:8:10: bad A address "192.0.2.300": not an IPv4 address [ERR_ZONE_BAD_FIELD]`);
  });

  it('exits 2 for an unreadable file and for a bad --time', async () => {
    expect((await cli('zonemd', 'verify', join(dir, 'missing.zone'))).stderr).toContain('[ERR_ZONE_UNREADABLE]');
    const t = await cli('zonemd', 'verify', join(dir, 'example.zone'), '--time', 'yesterday');
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('--time "yesterday" is neither YYYYMMDDHHmmSS nor ISO 8601 [ERR_BAD_TIME]');
  });

  describe('on the committed test data (test/data)', () => {
    it('verifies Verisign case 45 with an RRSIG-form --time inside its signatures', async () => {
      const r = await cli('zonemd', 'verify', testDataPath('zonemd/verisign-test-cases/zones/45-root-zone/root.zone.hashed'), '--origin', '.', '--time', '20210601000000');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('dnssec secure: ZONEMD RRset: verified with DNSKEY 17913 (RSASHA256)');
    });
    it('rejects the stripped 2026 root zone with the mismatch on stdout', async () => {
      const r = await cli('zonemd', 'verify', testDataPath('zones/root-2026082201-rrsigs-stripped.zone'), '--time', '20260825000000');
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/digest mismatch: the record says [0-9a-f]{96}, the zone hashes to [0-9a-f]{96}/);
    });
  });
});

describe('dnsorder zonemd on hostile input: a bound, exit 2, file:line:column and a code', () => {
  const MIB = 1 << 20;
  /** The CLI run and how much the resident set grew meanwhile (MB). */
  async function measured(...argv: string[]) {
    const before = process.memoryUsage.rss();
    const r = await cli(...argv);
    return { ...r, grewMb: (process.memoryUsage.rss() - before) / MIB };
  }

  it('verify /dev/zero stops at its first octet', async () => {
    const r = await measured('zonemd', 'verify', '/dev/zero');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dnsorder: /dev/zero:1:1: NUL octet: this is binary data, not a zone file [ERR_ZONE_BINARY]\n');
    expect(r.grewMb).toBeLessThan(128);
  });

  it('digest, verify and add refuse a 1 GiB sparse file as binary without reading it', async () => {
    const file = join(dir, 'sparse.zone');
    writeFileSync(file, '');
    truncateSync(file, 1024 * MIB);
    for (const action of ['digest', 'verify', 'add']) {
      const r = await measured('zonemd', action, file, '--origin', 'example.');
      expect(r.code, action).toBe(2);
      expect(r.stderr).toBe(`dnsorder: ${file}:1:1: NUL octet: this is binary data, not a zone file [ERR_ZONE_BINARY]\n`);
      expect(r.grewMb).toBeLessThan(128);
    }
  });

  it('refuses a line longer than 1 MiB, and add --out leaves nothing behind', async () => {
    const sub = join(dir, 'long-line');
    mkdirSync(sub);
    const file = join(sub, 'long.zone');
    writeFileSync(file, ZONE + 'txt IN TXT "' + 'x'.repeat(3 * MIB));
    const r = await measured('zonemd', 'add', file, '--out', join(sub, 'out.zone'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dnsorder: ${file}:8:${MIB + 1}: line longer than 1,048,576 octets (the longest a zone line may be, parentheses joining lines) [ERR_ZONE_LINE_TOO_LONG]\n`);
    expect(readdirSync(sub)).toEqual(['long.zone']);
    expect(r.grewMb).toBeLessThan(128);
  });

  it('--max-input-size: refuses a bigger zone at once (file:0:0), raises the 4 GiB default, and must be a positive integer', async () => {
    const file = join(dir, 'example.zone');
    const small = await cli('zonemd', 'digest', file, '--max-input-size', '100');
    expect(small.code).toBe(2);
    expect(small.stderr).toBe(`dnsorder: ${file}:0:0: the file is ${ZONE.length} octets, more than the input limit of 100 (raise it with --max-input-size) [ERR_ZONE_TOO_LARGE]\n`);
    expect((await cli('zonemd', 'digest', file, '--max-input-size', String(ZONE.length))).code).toBe(0);
    for (const bad of ['0', 'abc', '1.5']) {
      const r = await cli('zonemd', 'digest', file, '--max-input-size', bad);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('[ERR_BAD_NUMBER]');
    }
    // A 5 GiB file (sparse: the zone, then a hole) is over the default; raised, it is read, up to the hole.
    const huge = join(dir, 'huge.zone');
    writeFileSync(huge, ZONE);
    truncateSync(huge, 5 * 1024 * MIB);
    const refused = await cli('zonemd', 'verify', huge);
    expect(refused.stderr).toBe(`dnsorder: ${huge}:0:0: the file is 5,368,709,120 octets, more than the input limit of 4,294,967,296 (raise it with --max-input-size) [ERR_ZONE_TOO_LARGE]\n`);
    const raised = await cli('zonemd', 'verify', huge, '--max-input-size', String(6 * 1024 * MIB));
    expect(raised.stderr).toBe(`dnsorder: ${huge}:8:1: NUL octet: this is binary data, not a zone file [ERR_ZONE_BINARY]\n`);
  });

  it('stops a FIFO that never ends at --max-input-size', async () => {
    const fifo = join(dir, 'endless.fifo');
    execFileSync('mkfifo', [fifo]);
    writers.push(spawn('sh', ['-c', `exec yes 'www 60 IN A 192.0.2.1' > '${fifo}'`], { stdio: 'ignore' }));
    const r = await measured('zonemd', 'digest', fifo, '--origin', 'example.', '--max-input-size', '1000000');
    expect(r.code).toBe(2);
    // 22-octet lines: 45,454 of them are 999,988 octets; octet 1,000,000 (counting from 0) is the 13th of line 45,455.
    expect(r.stderr).toBe(`dnsorder: ${fifo}:45455:13: input longer than the limit of 1,000,000 octets ($INCLUDEd files count; raise it with --max-input-size) [ERR_ZONE_TOO_LARGE]\n`);
  });

  it('bounds $INCLUDEd files too, and counts them in --max-input-size', async () => {
    const sub = join(dir, 'include');
    mkdirSync(sub);
    writeFileSync(join(sub, 'binary.part'), 'ns2 IN A 192.0.2.2\nns3 IN A \x00\n');
    writeFileSync(join(sub, 'good.part'), 'ns2 IN A 192.0.2.2\n');
    writeFileSync(join(sub, 'binary.zone'), ZONE + '$INCLUDE binary.part\n');
    writeFileSync(join(sub, 'good.zone'), ZONE + '$INCLUDE good.part\n');
    const binary = await cli('zonemd', 'digest', join(sub, 'binary.zone'), '--allow-include');
    expect(binary.stderr).toBe(`dnsorder: ${join(sub, 'binary.part')}:2:10: NUL octet: this is binary data, not a zone file [ERR_ZONE_BINARY]\n`);
    const total = ZONE.length + '$INCLUDE good.part\n'.length + 'ns2 IN A 192.0.2.2\n'.length;
    expect((await cli('zonemd', 'digest', join(sub, 'good.zone'), '--allow-include', '--max-input-size', String(total))).code).toBe(0);
    const over = await cli('zonemd', 'digest', join(sub, 'good.zone'), '--allow-include', '--max-input-size', String(total - 1));
    expect(over.stderr).toContain(`${join(sub, 'good.part')}:0:0: the file is 19 octets, more than the input limit of ${total - 1} (18 left after the files that include it)`);
  });
});

describe('dnsorder zonemd add streams the zone: the output the in-memory way gives, byte for byte', () => {
  /** What add wrote before it streamed: every record held, then withApexZonemd and formatRecord. */
  function heldAdd(file: string, options: ZoneFileOptions, hashes: number[], generic: boolean): string {
    const records = readZoneFile(file, options);
    const zone = canonicalZoneFromRecords(records, options.origin === undefined ? undefined : originFromText(options.origin));
    const apex = findApex(zone, options.origin).apex!;
    const fresh = apexZonemdRecords(zone, apex, hashes);
    return withApexZonemd(records, apex, fresh).map((r) => formatRecord(r, { generic: generic && fresh.includes(r) }) + '\n').join('');
  }

  const CASES = 'zonemd/verisign-test-cases/zones';
  const zones: Array<{ name: string; file: string; origin?: string; include?: boolean }> = [
    { name: 'example.zone', file: join(dir, 'example.zone') },
    ...readdirSync(testDataPath(CASES)).filter((d) => /^[0-9]/.test(d)).map((name) => {
      const config = Object.fromEntries(readFileSync(testDataPath(CASES, name, 'config'), 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => l.split('=').map((x) => x.trim())));
      return { name, file: testDataPath(CASES, name, config.zonefile!), origin: config.origin };
    }),
    { name: 'stripped 2026 root zone', file: testDataPath('zones/root-2026082201-rrsigs-stripped.zone') },
    { name: 'include-split variant', file: new URL('../../fixtures/zone/include-split.zone', import.meta.url).pathname, include: true },
  ];

  for (const z of zones) {
    it(z.name, async () => {
      const options: ZoneFileOptions = { origin: z.origin, ...(z.include ? { include: { allowedDirectories: [join(z.file, '..')] } } : {}) };
      const args = ['zonemd', 'add', z.file, ...(z.origin ? ['--origin', z.origin] : []), ...(z.include ? ['--allow-include'] : [])];
      let expected: string;
      try {
        expected = heldAdd(z.file, options, [1, 2], true);
      } catch {
        expect((await cli(...args)).code).toBe(2); // no apex SOA: refused both ways
        return;
      }
      const r = await cli(...args, '--hash', 'sha384,sha512', '--generic');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expected);
      const out = join(dir, `add-${z.name.replace(/\W+/g, '-')}.zone`);
      expect((await cli(...args, '--out', out)).code).toBe(0);
      expect(readFileSync(out, 'latin1')).toBe(heldAdd(z.file, options, [1], false));
    });
  }

  it('waits for a slow stdout instead of piling the zone up in memory', async () => {
    const file = join(dir, 'many.zone');
    writeFileSync(file, ZONE + Array.from({ length: 60_000 }, (_, i) => `h${i} IN A 192.0.2.${i % 250}\n`).join(''));
    const stdout = new PassThrough({ highWaterMark: 1024 });
    let peakQueued = 0, out = '', full = false;
    const original = stdout.write.bind(stdout);
    stdout.write = ((chunk: Buffer) => {
      const ready = original(chunk);
      peakQueued = Math.max(peakQueued, stdout.writableLength + stdout.readableLength);
      // The reader starts late: once the stream has filled with nobody reading (the first
      // refused write, an event rather than a guessed delay), in a later turn of the loop.
      if (!ready && !full) {
        full = true;
        setImmediate(() => stdout.on('data', (c) => (out += c)));
      }
      return ready;
    }) as typeof stdout.write;
    const code = await main(['zonemd', 'add', file], { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} });
    expect(code).toBe(0);
    expect(full).toBe(true);
    // Everything written has been read once the stream ends.
    const ended = new Promise((resolve) => stdout.once('end', resolve));
    stdout.end();
    await ended;
    expect(out).toBe(heldAdd(file, {}, [1], false));
    expect(out.length).toBeGreaterThan(2_000_000);
    expect(peakQueued).toBeLessThan(400_000); // a batch of records or so (4,096), never the zone
  });

  it('reads a pipe once: the records are held, the output is the same', async () => {
    const fifo = join(dir, 'zone.fifo');
    execFileSync('mkfifo', [fifo]);
    writers.push(spawn('sh', ['-c', `exec cat '${join(dir, 'example.zone')}' > '${fifo}'`], { stdio: 'ignore' }));
    const r = await cli('zonemd', 'add', fifo, '--origin', 'example.');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(heldAdd(join(dir, 'example.zone'), { origin: 'example.' }, [1], false));
  });
});
