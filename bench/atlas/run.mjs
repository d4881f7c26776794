#!/usr/bin/env node
// bench/atlas: `atlas check` on a large results file against the floor of a
// plain JSON.parse + base64 decode of the same file.
//
//   npm run build && node bench/atlas/run.mjs [--entries 1000000] [--array] [--keep DIR] [--json]
//
// Writes a JSON-lines results file in the documented Atlas format (firmware
// 5000 DNS results of probes asking their local resolvers: `resultset`, one
// or two resolvers each, ~40 000 probes, a few thousand public resolvers and
// one private one per probe; the probe's answers to every planned test in
// canonical, authority and reversed order, each with its own ID and TTLs
// aged 0–3599 s, so no two abufs are alike; 3 % timeouts,
// 0.5 % without abuf, 0.1 % malformed abuf), then, each in its own process
// so peak RSS is its own:
//   floor    — readline, JSON.parse of each line, Buffer.from(abuf, 'base64') of each answer;
//   dnsorder — checkAtlasResults([file]): stream split, JSON.parse, decode, analyze, judge, aggregate.
// With --array the same entries as one JSON array too (dnsorder only: the
// floor cannot JSON.parse a file that size whole). Prints seconds, entries/s
// and peak RSS of each, and dnsorder's time over the floor's.

import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from '../lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);


const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1], argv[2]);
else await bench(parseArgs(argv));

async function child(mode, file) {
  const started = performance.now();
  let entries = 0;
  let answers = 0;
  let octets = 0;
  let summary;
  if (mode === 'floor') {
    const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1024 * 1024 }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const result = JSON.parse(line);
      entries++;
      for (const element of result.resultset ?? [result]) {
        const abuf = element.result?.abuf;
        if (abuf) {
          octets += Buffer.from(abuf, 'base64').length;
          answers++;
        }
      }
    }
  } else {
    const { checkAtlasResults } = await dist('atlas/check.js');
    const doc = await checkAtlasResults([file]);
    entries = doc.counts.entries;
    answers = doc.counts.decoded;
    summary = { counts: doc.counts, resolvers: doc.resolvers, probes: doc.probes };
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ mode, seconds, entries, answers, octets, maxRssMiB: process.resourceUsage().maxRSS / 1024, summary }) + '\n');
}

async function bench(args) {
  const entries = Number(args.entries ?? 1_000_000);
  const dir = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'dnsorder-bench-atlas-'));
  const lines = join(dir, 'results.jsonl');
  const array = join(dir, 'results.json');
  try {
    const g0 = performance.now();
    await generate(entries, lines, args.array ? array : undefined);
    const size = statSync(lines).size;
    if (!args.json) console.error(`generated ${entries} results, ${(size / 2 ** 20).toFixed(0)} MiB, in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const run = (mode, file) => {
      const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (out.status !== 0) throw new Error(`${mode} failed: ${out.stderr}`);
      return JSON.parse(out.stdout);
    };
    const floor = run('floor', lines);
    const ours = run('dnsorder', lines);
    const ourArray = args.array ? run('dnsorder', array) : undefined;
    const report = {
      entries, fileMiB: size / 2 ** 20, floor, dnsorder: ours, dnsorderArray: ourArray,
      ratio: ours.seconds / floor.seconds, node: process.version,
    };
    if (args.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      const line = (name, r) => `${name.padEnd(16)} ${r.seconds.toFixed(1).padStart(6)} s  ${Math.round(r.entries / r.seconds).toString().padStart(8)} results/s  peak RSS ${r.maxRssMiB.toFixed(0).padStart(5)} MiB`;
      console.log(line('floor (parse+b64)', floor));
      console.log(line('dnsorder', ours));
      if (ourArray) console.log(line('dnsorder (array)', ourArray));
      console.log(`dnsorder / floor: ${report.ratio.toFixed(2)}x; ${ours.summary.resolvers.total} resolvers, ${ours.summary.probes.total} probes, ${ours.summary.resolvers.violating} violating`);
    }
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Seeded, so every run judges the same file. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(count, file, arrayFile) {
  const { planAtlas } = await dist('atlas/plan.js');
  const { planTest } = await dist('probe/plan.js');
  const { probeTests } = await dist('probe/suite.js');
  const { encodeMessage } = await dist('wire/encode.js');
  const { emptyMessage } = await dist('wire/message.js');
  const plan = planAtlas({ zone: 'probe.example.net', runId: 'rbench', now: Date.UTC(2026, 0, 20) });
  const rand = random(20260108);
  const pick = (list) => list[Math.floor(rand() * list.length)];

  // Per measurement (one per planned query), a few answers: the ways resolvers answer it.
  const measurements = [];
  let msm = 70_000_000;
  for (const t of plan.tests) {
    const p = planTest(probeTests().find((x) => x.id === t.test), plan.runId, plan.zone);
    for (const q of t.queries) {
      const question = { name: q.query_argument, type: q.query_type, class: 'IN' };
      const variants = [];
      // Each answer gets its own ID and TTLs when written (long-lived records aged 0–3599 s, short ones 1–2):
      // as in real results, no two abufs alike; the octets and where the TTLs sit are kept per layout.
      const encode = (records) => {
        const bytes = encodeMessage(emptyMessage({ id: 0, qr: true, rd: true, ra: true, questions: [question], answers: records }));
        const ttlAt = [];
        let offset = 12;
        const skip = (o) => { for (;;) { const len = bytes[o]; if (len === 0) return o + 1; if ((len & 0xc0) === 0xc0) return o + 2; o += 1 + len; } };
        offset = skip(offset) + 4;
        for (const r of records) {
          offset = skip(offset);
          ttlAt.push([offset + 4, (r.ttl ?? 3600) <= 2]);
          offset += 10 + bytes.readUInt16BE(offset + 8);
        }
        return { bytes, ttlAt, ancount: records.length };
      };
      const answers = q.purpose === 'warm-up' ? p.records.filter((r) => r.name === q.query_argument) : p.expected;
      variants.push(encode(answers), encode(answers));
      if (p.layoutAnswer) variants.push(encode(p.layoutAnswer));
      variants.push(encode([...answers].reverse()));
      measurements.push({ msm: msm++, proto: q.protocol, variants });
    }
  }
  const publicResolvers = Array.from({ length: 3000 }, (_, i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`);
  const probes = Math.max(1, Math.round(count / measurements.length));
  const abufOf = (v, id) => {
    const bytes = Buffer.from(v.bytes);
    bytes.writeUInt16BE(id, 0);
    const age = Math.floor(rand() * 3600);
    for (const [at, short] of v.ttlAt) bytes.writeUInt32BE(short ? 1 + Math.floor(rand() * 2) : 3600 - age, at);
    return bytes;
  };

  const out = createWriteStream(file);
  const arrayOut = arrayFile ? createWriteStream(arrayFile) : undefined;
  arrayOut?.write('[\n');
  let batch = '';
  let arrayBatch = '';
  const flush = async () => {
    if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
    if (arrayOut && !arrayOut.write(arrayBatch)) await new Promise((r) => arrayOut.once('drain', r));
    batch = '';
    arrayBatch = '';
  };
  for (let i = 0; i < count; i++) {
    const m = measurements[i % measurements.length];
    const prb = 1000 + Math.floor(i / measurements.length) % probes;
    const resolvers = [];
    // A probe's resolvers are fixed: a private one for about half of them, one or two public ones.
    const r0 = random(prb);
    if (r0() < 0.5) resolvers.push(`192.168.${prb & 255}.1`);
    resolvers.push(publicResolvers[Math.floor(r0() * publicResolvers.length)]);
    if (r0() < 0.2) resolvers.push(publicResolvers[Math.floor(r0() * publicResolvers.length)]);
    const timestamp = 1768910400 + (i % 3600);
    const resultset = resolvers.map((dst, subid) => {
      const element = { af: 4, dst_addr: dst, lts: 27, proto: m.proto, subid: subid + 1, submax: resolvers.length, time: timestamp };
      const roll = rand();
      if (roll < 0.03) return { ...element, error: { timeout: 5000 } };
      const v = pick(m.variants);
      const id = Math.floor(rand() * 65536);
      const result = { ANCOUNT: v.ancount, ARCOUNT: 0, ID: id, NSCOUNT: 0, QDCOUNT: 1, rt: Math.round(rand() * 80000) / 1000, size: v.bytes.length };
      if (roll < 0.035) return { ...element, result };
      const bytes = abufOf(v, id);
      const abuf = (roll < 0.036 ? bytes.subarray(0, 20) : bytes).toString('base64');
      return { ...element, result: { ...result, abuf } };
    });
    const line = JSON.stringify({ fw: 5080, lts: 27, from: `203.0.${(prb >> 8) & 255}.${prb & 255}`, msm_id: m.msm, prb_id: prb, timestamp, type: 'dns', msm_name: 'Tdig', resultset });
    batch += `${line}\n`;
    if (arrayOut) arrayBatch += `${i === 0 ? '' : ',\n'}${line}`;
    if (batch.length > 1 << 20) await flush();
  }
  await flush();
  arrayOut?.write('\n]\n');
  await Promise.all([new Promise((r) => out.end(r)), arrayOut ? new Promise((r) => arrayOut.end(r)) : undefined]);
}
