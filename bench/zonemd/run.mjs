#!/usr/bin/env node
// ZONEMD verification benchmark: dnsorder vs ldns-verify-zone -Z vs dnspython's
// Zone.verify_digest, side by side on (1) Verisign case 45, a signed 2021 root
// zone (2.1 MB), and (2) a generated zone of BENCH_RECORDS records (default one
// million) with a valid ZONEMD. Each tool runs in its own process under
// /usr/bin/time, so wall time includes start-up and peak RSS is the kernel's.
//
// What each tool checks: dnsorder parses, digests and validates the apex SOA
// and ZONEMD RRSIGs (signed zones); ldns-verify-zone also validates EVERY
// RRSIG and the NSEC chain; dnspython checks the digest only.
//
// Usage: npm run build && node bench/zonemd/run.mjs
// The "dnsorder" row times bench/zonemd/verify-child.mjs (import of 'dnsorder/zone', parse,
// verify); "dnsorder CLI" times `node bin/dnsorder.js zonemd verify FILE --origin
// O [--time T]`, what a user runs, yargs and the CLI frame included. Runs are
// interleaved across tools.
//
// Node start-up: Node 20 reads and parses the bundle named by NODE_EXTRA_CA_CERTS
// at every start (some CI machines set it for a TLS-intercepting proxy; ~35 ms
// for Debian's bundle). Verifying a zone file opens no TLS connection, so the
// dnsorder processes run without it, as they would on a machine that does not
// set it; the report measures and prints what it costs here.
// BENCH_KEEP_NODE_ENV=1 keeps it.
//
// Env: BENCH_RECORDS (default 1000000), BENCH_RUNS (default 7, for the small zone),
//      BENCH_LARGE_RUNS (default 1), BENCH_SKIP_DNSPYTHON_LARGE=1 to skip the slowest run,
//      BENCH_KEEP_NODE_ENV=1 (see above).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateZone } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
if (!existsSync(join(repo, 'dist/zone-sources/index.js'))) {
  console.error('bench: run `npm run build` first (dist/zone is missing)');
  process.exit(2);
}
const { computeZonemd, loadCanonicalZone, nameFromText, parseValidationTime } = await import(join(repo, 'dist/zone-sources/index.js'));

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS ?? 1);
const PYTHON = '/usr/bin/python3'; // Debian's, which has dnspython (the python3 first on PATH may not)
const TIME = '/usr/bin/time';

const DNSPYTHON_SCRIPT = `
import sys, dns.zone
z = dns.zone.from_file(sys.argv[1], sys.argv[2], relativize=False)
try:
    z.verify_digest()
    print("verified")
except Exception as e:
    print("not verified:", type(e).__name__, e)
    sys.exit(1)
`;

const KEEP_NODE_ENV = process.env.BENCH_KEEP_NODE_ENV === '1';
/** The environment of the dnsorder processes (see the note on NODE_EXTRA_CA_CERTS above). */
const NODE_ENV = { ...process.env };
if (!KEEP_NODE_ENV) delete NODE_ENV.NODE_EXTRA_CA_CERTS;

function timed(command, args, env = process.env) {
  const timeFile = join(work, 'time.txt');
  // Wall time measured here (millisecond resolution; /usr/bin/time prints centiseconds), peak RSS from /usr/bin/time.
  const started = process.hrtime.bigint();
  const run = spawnSync(TIME, ['-f', '%M', '-o', timeFile, command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const rssKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  return { wall, rssMb: rssKb / 1024, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tools = {
  dnsorder: (zone) => {
    const r = timed(process.execPath, [join(here, 'verify-child.mjs'), zone.file, zone.origin, zone.time ? String(parseValidationTime(zone.time)) : ''], NODE_ENV);
    let verified = false, loadedRssMb;
    try {
      const report = JSON.parse(r.stdout.trim());
      verified = report.verified;
      loadedRssMb = report.loadedRssKb / 1024;
    } catch { /* reported below */ }
    return { ...r, verified, loadedRssMb };
  },
  // What a user runs: the same verification through bin/dnsorder.js (yargs and the CLI frame included).
  'dnsorder CLI': (zone) => {
    const r = timed(process.execPath, [join(repo, 'bin/dnsorder.js'), 'zonemd', 'verify', zone.file, '--origin', zone.origin, ...(zone.time ? ['--time', zone.time] : [])], NODE_ENV);
    return { ...r, verified: r.status === 0 };
  },
  'ldns-verify-zone -Z': (zone) => {
    const r = timed('ldns-verify-zone', ['-Z', ...(zone.time ? ['-t', zone.time] : []), zone.file]);
    return { ...r, verified: r.status === 0 };
  },
  'dnspython verify_digest': (zone) => {
    const r = timed(PYTHON, ['-c', DNSPYTHON_SCRIPT, zone.file, zone.origin]);
    return { ...r, verified: r.status === 0 && r.stdout.includes('verified') && !r.stdout.includes('not verified') };
  },
};

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const work = mkdtempSync(join(tmpdir(), 'dnsorder-bench-'));
try {
  const zones = [];
  const root = resolve(repo, 'test/data/zonemd/verisign-test-cases/zones/45-root-zone/root.zone.hashed');
  zones.push({ name: 'root zone (Verisign case 45, signed)', file: root, origin: '.', time: '20210601000000', runs: RUNS });
  process.stderr.write(`bench: generating a ${RECORDS}-record zone in ${work} ...\n`);
  const raw = join(work, 'raw.zone');
  await generateZone(raw, RECORDS, 'bench.example.');
  const apex = nameFromText('bench.example.', undefined);
  const zonemd = computeZonemd(loadCanonicalZone(raw, { origin: 'bench.example.' }), apex, 1);
  const text = readFileSync(raw, 'latin1');
  const afterSoa = text.indexOf('\n', text.indexOf(' SOA ')) + 1;
  const generated = join(work, 'generated.zone');
  writeFileSync(generated, text.slice(0, afterSoa) + `@ IN ZONEMD ${zonemd.serial} 1 1 ${zonemd.digest.toString('hex')}\n` + text.slice(afterSoa), 'latin1');
  rmSync(raw);
  zones.push({ name: `generated zone (${RECORDS.toLocaleString('en')} records, unsigned)`, file: generated, origin: 'bench.example.', runs: LARGE_RUNS, large: true });

  const rows = [];
  for (const zone of zones) {
    const size = statSync(zone.file).size;
    const entries = Object.entries(tools).filter(([tool]) => !(zone.large && tool.startsWith('dnspython') && process.env.BENCH_SKIP_DNSPYTHON_LARGE === '1'));
    // Runs interleaved (tool A, B, C, A, B, C, ...) so that load from other work on the machine hits every tool alike.
    const byTool = new Map(entries.map(([tool]) => [tool, []]));
    for (let i = 0; i < zone.runs; i++) {
      for (const [tool, run] of entries) {
        process.stderr.write(`bench: ${tool} on ${zone.name} (run ${i + 1}/${zone.runs}) ...\n`);
        byTool.get(tool).push(run(zone));
      }
    }
    for (const [tool, results] of byTool) {
      const last = results[results.length - 1];
      if (!last.verified) process.stderr.write(`bench: ${tool} did not verify ${zone.name}: ${(last.stdout + last.stderr).trim().split('\n').slice(-2).join(' | ')}\n`);
      const peak = results.reduce((a, b) => (b.rssMb > a.rssMb ? b : a));
      rows.push({ zone: zone.name, size, tool, verified: results.every((r) => r.verified), wall: median(results.map((r) => r.wall)), rssMb: peak.rssMb, loadedRssMb: peak.loadedRssMb, runs: zone.runs });
    }
  }

  // What each runtime costs before any zone work: start-up time and resident memory.
  const baselines = [
    ['node (empty script)', () => timed(process.execPath, ['-e', '0'], NODE_ENV)],
    ['python3 + import dns.zone', () => timed(PYTHON, ['-c', 'import dns.zone'])],
  ];
  if (process.env.NODE_EXTRA_CA_CERTS && !KEEP_NODE_ENV) baselines.push(['node with NODE_EXTRA_CA_CERTS', () => timed(process.execPath, ['-e', '0'])]);
  const baselineRows = baselines.map(([name, run]) => {
    const results = Array.from({ length: Math.max(RUNS, 5) }, run);
    return { name, wall: median(results.map((r) => r.wall)), rssMb: Math.max(...results.map((r) => r.rssMb)) };
  });

  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log(`\n${pad('zone', 46)}${pad('tool', 26)}${pad('verified', 10)}${lpad('wall s', 9)}${lpad('× dnsorder', 12)}${lpad('peak RSS MB', 13)}${lpad('RSS/file', 10)}`);
  for (const zone of zones) {
    const ours = rows.find((r) => r.zone === zone.name && r.tool === 'dnsorder');
    for (const r of rows.filter((x) => x.zone === zone.name)) {
      console.log(`${pad(r.zone, 46)}${pad(r.tool, 26)}${pad(r.verified ? 'yes' : 'NO', 10)}${lpad(r.wall.toFixed(r.wall < 1 ? 3 : 2), 9)}${lpad((r.wall / ours.wall).toFixed(2) + '×', 12)}${lpad(r.rssMb.toFixed(0), 13)}${lpad((r.rssMb * 1048576 / r.size).toFixed(1) + '×', 10)}`);
    }
  }
  // Where dnsorder's peak RSS goes: the runtime and its code are there before the first record is read.
  console.log('\ndnsorder peak RSS split (library row): Node + code loaded before reading | zone data (peak − that):');
  for (const r of rows.filter((x) => x.tool === 'dnsorder' && x.loadedRssMb !== undefined)) {
    const data = r.rssMb - r.loadedRssMb;
    console.log(`  ${pad(r.zone, 46)}${lpad(r.loadedRssMb.toFixed(0), 5)} MB | ${lpad(data.toFixed(0), 5)} MB = ${(data * 1048576 / r.size).toFixed(1)}× the file`);
  }
  console.log('\nruntime baselines (nothing but start-up):');
  for (const b of baselineRows) console.log(`  ${pad(b.name, 34)}${lpad(b.wall.toFixed(3), 7)} s ${lpad(b.rssMb.toFixed(0), 5)} MB`);
  const extraCa = baselineRows.find((b) => b.name.includes('NODE_EXTRA_CA_CERTS'));
  if (extraCa) {
    const tax = (extraCa.wall - baselineRows[0].wall) * 1000;
    console.log(`NODE_EXTRA_CA_CERTS is set here: it adds ${tax.toFixed(0)} ms to every Node start; the dnsorder rows run without it (BENCH_KEEP_NODE_ENV=1 keeps it).`);
  }
  console.log(`\nwall = median of ${RUNS} run(s) for the root zone, ${LARGE_RUNS} for the generated zone; each run is a fresh process (start-up included).`);
  console.log('dnsorder validates the apex SOA and ZONEMD RRSIGs of signed zones; ldns-verify-zone validates every RRSIG and the NSEC chain; dnspython checks only the digest.');
} finally {
  rmSync(work, { recursive: true, force: true });
}
