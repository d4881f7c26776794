// What the commands write: checked for real before the work, written whole,
// never through a link planted where the output goes.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('command outputs', () => {
  it('serve --stats-json into /proc is refused before serving, not after hours of traffic', async () => {
    const r = await runCli(['serve', '--listen', '127.0.0.1:0', '--stats-json', '/proc/dnsorder-stats.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/proc\/dnsorder-stats\.json: .*\[ERR_OUTPUT\]/);
    expect(r.stderr).not.toContain('listening');
  });

  it('scenarios --out replaces a link planted at the report path; the file it pointed to is untouched', async () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    const out = join(dir, 'catalogue.json');
    symlinkSync(victim, out);
    const r = await runCli(['scenarios', '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('dnsorder.scenarios/v1');
  });

  it('fixtures --out replaces its own earlier output whole, and refuses a folder with other files', async () => {
    const out = join(dir, 'vectors');
    expect((await runCli(['fixtures', '--out', out, '--scenarios', 'canonical', '--formats', 'hex'])).code).toBe(0);
    expect((await runCli(['fixtures', '--out', out, '--scenarios', 'cname-last', '--formats', 'hex'])).code).toBe(0);
    const files = readdirSync(out, { recursive: true }).map(String);
    expect(files.some((f) => f.includes('cname-last'))).toBe(true);
    expect(files.some((f) => f.includes('canonical'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.vectors'))).toEqual([]);
    const mine = join(dir, 'mine');
    rmSync(mine, { recursive: true, force: true });
    const r0 = await runCli(['fixtures', '--out', join(mine), '--scenarios', 'canonical', '--formats', 'hex']);
    expect(r0.code).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const r = await runCli(['fixtures', '--out', dir, '--scenarios', 'canonical', '--formats', 'hex']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a directory with other files in it');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('x');
  });
});
