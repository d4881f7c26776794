// `dnsorder atlas check`: Atlas result files in, the judged document out.
// Each file is streamed (src/atlas/json-stream.ts): a JSON array or JSON
// lines, gzip-compressed or not, any size; one entry is parsed at a time.

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { fsReason } from '../files/fs-errors.js';
import { readTextBounded } from '../files/read-bounded.js';
import type { AtlasDocument } from './document.js';
import { NotJsonResultsError, splitJsonEntries, type JsonStreamOptions } from './json-stream.js';
import { AtlasJudge, type AtlasJudgeOptions, type ProbeMeta } from './judge.js';
import { AtlasError } from './plan.js';
import { flattenResult } from './results.js';

export interface AtlasCheckOptions extends AtlasJudgeOptions, JsonStreamOptions {
  /** Called every `progressEvery` entries (default 50 000) and at the end of each file. */
  onProgress?: (event: { file: string; entries: number }) => void;
  progressEvery?: number;
}

/** The octets of a file, gunzipped when they start with gzip's magic number. */
async function* fileChunks(file: string): AsyncGenerator<Buffer> {
  const source: AsyncIterable<Buffer | string> = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value;
  const rest = (async function* () {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  })();
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    void (async () => {
      try {
        for await (const chunk of rest) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
        gunzip.end();
      } catch (error) {
        gunzip.destroy(error as Error);
      }
    })();
    yield* gunzip as AsyncIterable<Buffer>;
    return;
  }
  yield* rest;
}

export async function checkAtlasResults(files: readonly string[], options: AtlasCheckOptions = {}): Promise<AtlasDocument> {
  const judge = new AtlasJudge(options);
  const every = options.progressEvery ?? 50_000;
  for (const file of files) {
    const name = file;
    let entries = 0;
    try {
      for await (const entry of splitJsonEntries(fileChunks(file), options)) {
        judge.counts.entries++;
        entries++;
        if (entries % every === 0) options.onProgress?.({ file: name, entries });
        if (entry.kind === 'problem') {
          judge.counts.unreadable++;
          judge.problem(`${name}: ${entry.message}`);
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(entry.text);
        } catch (error) {
          judge.counts.unreadable++;
          judge.problem(`${name}: entry ${entry.index + 1} is not JSON: ${(error as Error).message}`);
          continue;
        }
        const flat = flattenResult(value);
        if ('problem' in flat) {
          if (flat.problem === 'not-dns') judge.counts.notDns++;
          else if (flat.problem === 'no-result') judge.counts.noResult++;
          else judge.counts.unreadable++;
          judge.problem(`${name}: entry ${entry.index + 1}: ${flat.message}`);
          continue;
        }
        for (const item of flat.items) judge.add(item);
      }
    } catch (error) {
      if (error instanceof NotJsonResultsError) throw new AtlasError(error.code, `${name}: ${error.message}`, { cause: error });
      // Read and gunzip errors carry a code (ENOENT, Z_DATA_ERROR); anything else is a bug to see whole.
      if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
      throw new AtlasError('ERR_ATLAS_INPUT', `cannot read ${name}: ${fsReason(error)}`, { cause: error });
    }
    options.onProgress?.({ file: name, entries });
  }
  return judge.document([...files]);
}

/**
 * Probe metadata: the probe archive (`{"objects": [...]}`, https://ftp.ripe.net/ripe/atlas/probes/archive/),
 * a page of GET /api/v2/probes/ (`{"results": [...]}`), an array of probes or JSON lines; each probe
 * with `id` (or `prb_id`) and `asn_v4`/`asn_v6`, optionally `country_code`.
 */
export function readProbesMeta(file: string, limit = 512 * 1024 * 1024): Map<number, ProbeMeta> {
  let text: string;
  try {
    text = readTextBounded(file, limit);
  } catch (error) {
    throw new AtlasError('ERR_ATLAS_INPUT', `cannot read ${file}: ${fsReason(error)}`, { cause: error });
  }
  let values: unknown[];
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !/\}\s*\n\s*\{/.test(trimmed))) {
      const doc = JSON.parse(trimmed) as unknown;
      values = Array.isArray(doc) ? doc : ((doc as { objects?: unknown[]; results?: unknown[] }).objects ?? (doc as { results?: unknown[] }).results ?? [doc]);
    } else {
      values = trimmed.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
    }
  } catch (error) {
    throw new AtlasError('ERR_ATLAS_INPUT', `${file} is not probe metadata (JSON): ${(error as Error).message}`, { cause: error });
  }
  const meta = new Map<number, ProbeMeta>();
  for (const v of values) {
    if (!v || typeof v !== 'object') continue;
    const p = v as Record<string, unknown>;
    const id = Number(p.id ?? p.prb_id);
    if (!Number.isSafeInteger(id)) continue;
    const asn = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x > 0 ? x : undefined);
    meta.set(id, { asnV4: asn(p.asn_v4), asnV6: asn(p.asn_v6), country: typeof p.country_code === 'string' ? p.country_code : undefined });
  }
  if (meta.size === 0) throw new AtlasError('ERR_ATLAS_INPUT', `${file} holds no probe with an id`);
  return meta;
}
