// Fuzzing the dnstap readers: Frame Streams framing and the protobuf
// decoding, from random octets and from real resolvers' files broken on
// purpose (cut, giant length prefixes, wrong content type, garbage between
// frames, flipped octets). Every outcome is typed: frames, a FrameStreamError
// (the framing cannot be trusted past it) or, for one frame, a DnstapError
// turned into an `invalid` item. Never an untyped exception, never a hang.

import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector } from '../../src/dnstap/collector.js';
import { decodeDnstap, DnstapError } from '../../src/dnstap/decode.js';
import { readDnstapFile, type DnstapFileItem } from '../../src/dnstap/file.js';
import { encodeControl, encodeData, FrameDecoder, FrameStreamError, FrameStreamReader } from '../../src/dnstap/framestream.js';
import { DNSTAP_CONTENT_TYPE } from '../../src/dnstap/schema.js';
import { testDataPath } from '../helpers/test-data.js';

const RUNS = Number(process.env.DNSORDER_FUZZ_RUNS ?? 4000);
const FILES = ['bind.dnstap', 'unbound.dnstap', 'knot-resolver-stub.dnstap', 'powerdns-recursor.dnstap'].map((f) => readFileSync(testDataPath('dnstap', f)));

/** Reads a whole file in the given chunk sizes; returns what it read, or the typed error it ended in. */
async function readAll(octets: Buffer, chunk = 4096): Promise<{ items: DnstapFileItem[]; error?: FrameStreamError }> {
  const chunks: Buffer[] = [];
  for (let o = 0; o < octets.length; o += chunk) chunks.push(octets.subarray(o, o + chunk));
  const items: DnstapFileItem[] = [];
  try {
    for await (const item of readDnstapFile(chunks)) items.push(item);
  } catch (err) {
    if (!(err instanceof FrameStreamError)) throw err;
    return { items, error: err };
  }
  return { items };
}

/** A mutation of a real file. */
const mutated = fc.oneof(
  // cut anywhere
  fc.record({ file: fc.constantFrom(...FILES), at: fc.nat() }).map(({ file, at }) => file.subarray(0, at % (file.length + 1))),
  // a giant (or any) length prefix at a random frame-aligned-or-not place
  fc.record({ file: fc.constantFrom(...FILES), at: fc.nat(), value: fc.oneof(fc.constant(0xffffffff), fc.constant(0x7fffffff), fc.nat()) })
    .map(({ file, at, value }) => {
      const copy = Buffer.from(file);
      const o = at % Math.max(1, copy.length - 4);
      copy.writeUInt32BE(value >>> 0, o);
      return copy;
    }),
  // garbage between frames: after the START frame (42 octets), or anywhere
  fc.record({ file: fc.constantFrom(...FILES), at: fc.oneof(fc.constant(42), fc.nat()), garbage: fc.uint8Array({ minLength: 1, maxLength: 64 }) })
    .map(({ file, at, garbage }) => {
      const o = at % (file.length + 1);
      return Buffer.concat([file.subarray(0, o), garbage, file.subarray(o)]);
    }),
  // flipped octets
  fc.record({ file: fc.constantFrom(...FILES), flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }) })
    .map(({ file, flips }) => {
      const copy = Buffer.from(file);
      for (const [at, xor] of flips) copy[at % copy.length] ^= xor;
      return copy;
    }),
  // the wrong content type
  fc.record({ file: fc.constantFrom(...FILES), type: fc.string({ maxLength: 30 }) })
    .map(({ file, type }) => Buffer.concat([encodeControl('START', [type]), file.subarray(42)])),
);

describe('dnstap readers under fuzzing', () => {
  it(`random octets through the framing and the reader (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (octets, escaped) => {
      const input = escaped ? Buffer.concat([encodeControl('START', [DNSTAP_CONTENT_TYPE]), octets]) : Buffer.from(octets);
      const reader = new FrameStreamReader(DNSTAP_CONTENT_TYPE, () => undefined, () => undefined);
      try {
        new FrameDecoder({ maxFrameSize: 4096 }).push(input, (f) => reader.handle(f));
      } catch (err) {
        if (!(err instanceof FrameStreamError)) throw err;
      }
    }), { numRuns: RUNS });
  });

  it(`random octets as a dnstap message: a record or a DnstapError (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (octets) => {
      try {
        const r = decodeDnstap(octets);
        expect(typeof r.type).toBe('string');
      } catch (err) {
        if (!(err instanceof DnstapError)) throw err;
      }
    }), { numRuns: RUNS });
  });

  it(`real resolvers' files, cut, with giant length prefixes, garbage between frames, flipped octets, another content type (${RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(mutated, fc.integer({ min: 1, max: 700 }), async (octets, chunk) => {
      const { items, error } = await readAll(octets, chunk);
      for (const item of items) {
        if (item.kind === 'invalid') expect(item.code).toMatch(/^ERR_DNSTAP_/);
      }
      if (error) expect(error.code).toMatch(/^ERR_FSTRM_/);
    }), { numRuns: RUNS });
  });

  it(`the same frames whatever the chunking (${Math.ceil(RUNS / 10)} cases)`, async () => {
    const whole = await Promise.all(FILES.map((f) => readAll(f, f.length)));
    await fc.assert(fc.asyncProperty(fc.nat({ max: FILES.length - 1 }), fc.integer({ min: 1, max: 300 }), async (i, chunk) => {
      expect(await readAll(FILES[i]!, chunk)).toEqual(whole[i]);
    }), { numRuns: Math.ceil(RUNS / 10) });
  });
});

describe('the collector under fuzzed streams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-dnstap-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`every connection ends in frames counted or a protocol error, and the collector serves on (${Math.ceil(RUNS / 40)} cases)`, async () => {
    const collector = await startCollector({ socketPath: join(dir, 'fuzz.sock') });
    try {
      let connections = 0;
      await fc.assert(fc.asyncProperty(mutated, async (octets) => {
        connections++;
        const socket = connect({ path: collector.socketPath! });
        socket.on('error', () => undefined);
        socket.end(octets);
        await collector.waitFor((s) => s.connections.total === connections && s.connections.open === 0 && s.queue.frames === 0, 5000);
      }), { numRuns: Math.ceil(RUNS / 40) });
      // Still serving: a well-formed stream is read and judged.
      const before = collector.stats().frames;
      const socket = connect({ path: collector.socketPath! });
      socket.end(Buffer.concat([encodeControl('START', [DNSTAP_CONTENT_TYPE]), encodeData(FILES[0]!.subarray(46, 46 + FILES[0]!.readUInt32BE(42))), encodeControl('STOP')]));
      expect((await collector.waitFor((s) => s.frames === before + 1)).frames).toBe(before + 1);
    } finally {
      await collector.close();
    }
  }, 120_000);
});
