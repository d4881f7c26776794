// `dnsorder zonemd add` does not hold the zone: it digests the lean canonical
// form, then streams the records a second time. Run through bin/dnsorder.js
// (needs `npm run build`) with the JavaScript heap capped at 64 MB, which a
// 300,000-record zone held as record objects (~1 KB each) cannot fit in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/dnsorder.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dnsorder-add-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RECORDS = 300_000;

function zoneText(): string {
  const lines = ['$ORIGIN big.example.', '$TTL 3600', '@ IN SOA ns1 hostmaster 2026112201 7200 3600 1209600 3600', '@ IN NS ns1', '@ IN ZONEMD 1 1 1 ' + '00'.repeat(48)];
  for (let i = lines.length - 2; i < RECORDS; i++) {
    lines.push(i % 4 === 3 ? `h${i} 300 IN TXT "record ${i}" "v=spf1 ip4:10.0.${i & 255}.0/24 -all"` : `h${i} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  }
  return lines.join('\n') + '\n';
}

function dnsorder(...args: string[]) {
  return spawnSync(process.execPath, ['--max-old-space-size=64', BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

describe('zonemd add on a 300,000-record zone with a 64 MB JavaScript heap', () => {
  it('writes the zone with a fresh ZONEMD (old one dropped, new one after the SOA) that verifies', () => {
    const file = join(dir, 'big.zone');
    writeFileSync(file, zoneText());
    const out = join(dir, 'out.zone');
    const add = dnsorder('zonemd', 'add', file, '--out', out);
    expect(add.status, add.stderr).toBe(0);
    const lines = readFileSync(out, 'latin1').split('\n');
    expect(lines).toHaveLength(RECORDS + 1);
    expect(lines[0]).toMatch(/^big\.example\.\t3600\tIN\tSOA\t/);
    expect(lines[1]).toMatch(/^big\.example\.\t3600\tIN\tZONEMD\t2026112201 1 1 [0-9A-F]{96}$/);
    expect(lines.filter((l) => l.includes('\tZONEMD\t'))).toHaveLength(1);
    const verify = dnsorder('zonemd', 'verify', out);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });
});
