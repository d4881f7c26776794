#!/usr/bin/env node
// One timed pass over a dnstap file, as bench/dnstap/run.mjs runs it:
//   node bench/dnstap/judge-file.mjs FILE full    every message decoded, every response analyzed (dnsorder check's work)
//   node bench/dnstap/judge-file.mjs FILE cached  the same through the verdict cache (dnsorder watch's work)
// Prints one JSON line: messages, responses, violating, seconds, peak RSS.

import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [file, mode = 'full'] = process.argv.slice(2);
const { readDnstapFile } = await import(join(ROOT, 'dist/dnstap/file.js'));
const { analyzeBytes } = await import(join(ROOT, 'dist/order/analyze.js'));
const { VerdictCache } = await import(join(ROOT, 'dist/dnstap/judge.js'));

const cache = new VerdictCache();
const judge = mode === 'cached' ? (bytes) => cache.judge(bytes).conformant : (bytes) => analyzeBytes(bytes).conformant;
let messages = 0;
let responses = 0;
let violating = 0;
let invalid = 0;
const started = performance.now();
for await (const item of readDnstapFile(createReadStream(file, { highWaterMark: 256 * 1024 }))) {
  messages++;
  if (item.kind === 'invalid') {
    invalid++;
    continue;
  }
  if (!item.record.response || !item.record.responseMessage) continue;
  responses++;
  if (!judge(item.record.responseMessage)) violating++;
}
const seconds = (performance.now() - started) / 1000;
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(JSON.stringify({ mode, messages, responses, violating, invalid, seconds, peakRssMiB: hwm ? Number(hwm) / 1024 : null, cacheHits: cache.hits, cacheMisses: cache.misses }));
