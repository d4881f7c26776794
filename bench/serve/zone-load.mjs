#!/usr/bin/env node
// bench/serve/zone-load: what loading a --zone-file costs the server, against
// `dnsorder zonemd digest` on the same generated zone. Each measurement runs
// in its own process, so peak RSS is its own.
//
//   npm run build && node bench/serve/zone-load.mjs [--records 500000] [--keep FILE]
//
// Prints seconds, µs per record and peak RSS for: serve (loadZoneFile plus
// the served zone's index, then one AXFR encoding), and digest (the CLI's
// zonemd digest path: parse, canonical store, sort, SHA-384).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(process.argv.slice(2).reduce((out, a, i, all) => (a.startsWith('--') ? [...out, [a.slice(2), all[i + 1]]] : out), []));

if (args.child) {
  await child(args.child, args.file, Number(args.records));
} else {
  const records = Number(args.records ?? 500_000);
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-zone-load-'));
  const file = args.keep ?? join(dir, 'bench.zone');
  try {
    writeFileSync(file, generateZone(records));
    const results = {};
    for (const mode of ['serve', 'digest']) {
      const out = execFileSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', mode, '--file', file, '--records', String(records)], { encoding: 'utf8' });
      results[mode] = JSON.parse(out);
      const r = results[mode];
      console.log(`${mode.padEnd(6)} ${r.records} records  ${r.seconds.toFixed(2)} s  ${(r.seconds * 1e6 / r.records).toFixed(2)} µs/record  peak RSS ${r.loadMaxRssMiB ?? r.maxRssMiB} MiB${r.axfrSeconds !== undefined ? `  (then one AXFR, all messages at once: ${r.axfrSeconds.toFixed(2)} s, ${r.axfrMessages} messages, peak RSS ${r.maxRssMiB} MiB)` : ''}`);
    }
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** A zone of `count` records: hosts with A/AAAA/TXT/MX, CNAMEs and delegations with glue, owners spread over subdomains. */
function generateZone(count) {
  const lines = ['$ORIGIN bench.test.', '$TTL 3600', '@ IN SOA ns1 hostmaster 2026010801 3600 600 86400 300', '@ IN NS ns1', 'ns1 IN A 127.0.0.1'];
  let n = 3;
  for (let i = 0; n < count; i++) {
    const owner = `h${i}.d${i % 997}`;
    const kind = i % 20;
    if (kind === 0) lines.push(`${owner} IN CNAME h${i + 1}.d${(i + 1) % 997}`);
    else if (kind === 1) {
      lines.push(`${owner} IN NS ns.${owner}`, `ns.${owner} IN A 10.9.${(i >> 8) & 255}.${i & 255}`);
      n++;
    } else if (kind < 10) lines.push(`${owner} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    else if (kind < 15) lines.push(`${owner} IN AAAA 2001:db8::${(i & 0xffff).toString(16)}`);
    else if (kind < 18) lines.push(`${owner} IN TXT "record ${i}" "v=bench"`);
    else lines.push(`${owner} IN MX 10 mail.${owner}`);
    n++;
  }
  return lines.join('\n') + '\n';
}

async function child(mode, file, records) {
  const started = performance.now();
  const out = { records };
  if (mode === 'serve') {
    const files = await import(join(ROOT, 'dist/server/zone-files.js'));
    const { AuthoritativeZone } = await import(join(ROOT, 'dist/server/zone-data.js'));
    const transfer = await import(join(ROOT, 'dist/server/transfer.js'));
    // loadServedZoneFile since the compact store; before it, loadZoneFile and the constructor.
    const zone = files.loadServedZoneFile ? files.loadServedZoneFile({ file, origin: 'bench.test' }) : new AuthoritativeZone(files.loadZoneFile({ file, origin: 'bench.test' }));
    out.seconds = (performance.now() - started) / 1000;
    out.loadMaxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    const question = { name: 'bench.test', type: 'AXFR', class: 'IN' };
    const t = performance.now();
    const messages = transfer.ZoneTransfer
      ? new transfer.ZoneTransfer({ id: 1, question, source: zone.transferSource(), compress: true, refusal: () => Buffer.alloc(0) }).messages()
      : transfer.transferMessages({ id: 1, question, records: zone.transferRecords(), compress: true });
    out.axfrSeconds = (performance.now() - t) / 1000;
    out.axfrMessages = messages.length;
  } else {
    const { loadCanonicalZone, findApex, apexZonemdRecords } = await import(join(ROOT, 'dist/zone-sources/index.js'));
    const zone = loadCanonicalZone(file, { origin: 'bench.test' });
    apexZonemdRecords(zone, findApex(zone, 'bench.test.').apex, [1]);
    out.seconds = (performance.now() - started) / 1000;
  }
  out.maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify(out));
}
