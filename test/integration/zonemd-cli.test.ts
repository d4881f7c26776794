// `dnsorder zonemd digest|verify|add` through the real CLI entry (main), with
// captured stdout/stderr: output, exit codes 0/1/2 and the JSON document.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
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
afterAll(() => rmSync(dir, { recursive: true, force: true }));
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
    expect(t.stderr).toContain('[ERR_BAD_TIME]');
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
