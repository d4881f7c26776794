import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { decodeDnstap, DnstapError, shortType } from '../../../src/dnstap/decode.js';
import { readDnstapFile, type DnstapFileItem } from '../../../src/dnstap/file.js';
import { encodeStream, FrameStreamError } from '../../../src/dnstap/framestream.js';
import { VerdictCache, verdictKey } from '../../../src/dnstap/judge.js';
import { DNSTAP_CONTENT_TYPE, DNSTAP_SCHEMA, DnstapSchema, MessageSchema } from '../../../src/dnstap/schema.js';
import { analyzeBytes } from '../../../src/order/index.js';
import { nameKey, nameToLabels, labelsToName, lowerLabel } from '../../../src/rdata/name.js';
import { testDataPath } from '../../helpers/test-data.js';

const srcDnstap = join(import.meta.dirname, '../../../src/dnstap');

async function items(file: string | Buffer): Promise<DnstapFileItem[]> {
  const out: DnstapFileItem[] = [];
  for await (const item of readDnstapFile([typeof file === 'string' ? readFileSync(testDataPath('dnstap', file)) : file])) out.push(item);
  return out;
}

/** A dnstap message made with the library from plain fields (field names as the schema's JSON names). */
function dnstap(init: Record<string, unknown>): Uint8Array {
  return toBinary(DnstapSchema, create(DnstapSchema, init as never));
}

describe('the dnstap schema', () => {
  it('is dnstap.proto, field by field: names, numbers, types, required', () => {
    const proto = readFileSync(join(srcDnstap, 'dnstap.proto'), 'utf8').replace(/\/\/.*$/gm, '');
    for (const message of DNSTAP_SCHEMA.messages) {
      const body = new RegExp(`message ${message.name} \\{([\\s\\S]*?)\\n\\}`).exec(proto)![1]!;
      const declared = [...body.matchAll(/^\s*(optional|required)\s+(\S+)\s+(\w+)\s*=\s*(\d+);/gm)]
        .map(([, label, type, name, number]) => ({ name, number: Number(number), type: type!.split('.').at(-1), required: label === 'required' }));
      const ours = message.fields.map((f) => ({ name: f.name, number: f.number, type: f.kind.split(/[:.]/).at(-1), required: f.required === true }));
      const sorted = <T extends { number: number }>(l: T[]) => [...l].sort((a, b) => a.number - b.number);
      expect(sorted(ours), message.name).toEqual(sorted(declared));
    }
    for (const e of DNSTAP_SCHEMA.enums) {
      const body = new RegExp(`enum ${e.name} \\{([^}]*)\\}`).exec(proto)![1]!;
      expect(e.values.map(([n, v]) => `${n}=${v}`), e.name).toEqual([...body.matchAll(/(\w+)\s*=\s*(\d+);/g)].map((m) => `${m[1]}=${m[2]}`));
    }
  });

  it('has the field numbers and wire types resolvers emit (BIND: fixed32 nanoseconds at 9 and 13, message at 14, type at 15)', () => {
    expect(MessageSchema.field.queryTimeNsec!.number).toBe(9);
    expect(DnstapSchema.field.message!.number).toBe(14);
    // The first data frame of BIND's log, as raw protobuf: 0x72 is field 14 (length-delimited), 0x78 01 field 15 = MESSAGE.
    const first = readFileSync(testDataPath('dnstap', 'bind.dnstap'));
    const payload = first.subarray(46, 46 + first.readUInt32BE(42));
    expect(payload.includes(Buffer.from([0x78, 0x01]))).toBe(true);
    expect(decodeDnstap(payload).type).toBe('CLIENT_RESPONSE');
  });
});

describe('dnstap files written by real resolvers (test/data/dnstap, through fstrm_capture)', () => {
  it('BIND: client queries and answers, with identity, version, addresses and times', async () => {
    const all = await items('bind.dnstap');
    expect(all.every((i) => i.kind === 'message')).toBe(true);
    const records = all.map((i) => (i.kind === 'message' ? i.record : undefined)!);
    expect(new Set(records.map((r) => r.type))).toEqual(new Set(['CLIENT_QUERY', 'CLIENT_RESPONSE']));
    const response = records.find((r) => r.type === 'CLIENT_RESPONSE' && r.responseMessage)!;
    expect(response).toMatchObject({ response: true, family: 'INET', protocol: 'UDP', queryAddress: '127.0.0.1', responseAddress: '127.0.0.1' });
    expect(response.identity).toBeTruthy();
    expect(response.version).toMatch(/9\.18/);
    expect(response.responseTime! * 1000).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(typeof response.queryPort).toBe('number');
  });

  it('Knot Resolver (STUB): the out-of-order answer it passed on is a violation; the rest are clean', async () => {
    const responses = (await items('knot-resolver-stub.dnstap')).flatMap((i) => (i.kind === 'message' && i.record.responseMessage ? [i.record] : []));
    const judged = responses.map((r) => ({ name: analyzeBytes(r.responseMessage!).question?.name, a: analyzeBytes(r.responseMessage!) }));
    const bad = judged.filter((j) => !j.a.conformant);
    expect(bad.map((j) => j.name!.split('.')[0])).toEqual(['authority-a-first']);
    expect(bad[0]!.a.findings.map((f) => f.rule)).toEqual(['chain-start', 'terminal-after-chain']);
  });

  it('PowerDNS Recursor: only RESOLVER_QUERY and RESOLVER_RESPONSE', async () => {
    const types = new Set((await items('powerdns-recursor.dnstap')).map((i) => (i.kind === 'message' ? i.record.type : '')));
    expect(types).toEqual(new Set(['RESOLVER_QUERY', 'RESOLVER_RESPONSE']));
  });

  it('unbound: client queries and answers, unbound naming its version', async () => {
    const records = (await items('unbound.dnstap')).flatMap((i) => (i.kind === 'message' ? [i.record] : []));
    expect(new Set(records.map((r) => r.type))).toEqual(new Set(['CLIENT_QUERY', 'CLIENT_RESPONSE']));
    expect(records[0]!.version).toMatch(/^unbound 1\./);
  });

  it('short type names as dnstap-read prints them', () => {
    expect(['CLIENT_RESPONSE', 'RESOLVER_QUERY', 'AUTH_RESPONSE', 'UPDATE_QUERY'].map((t) => shortType(t as never))).toEqual(['CR', 'RQ', 'AR', 'UQ']);
  });
});

describe('frames that are not dnstap messages', () => {
  const code = (payload: Uint8Array) => {
    try {
      decodeDnstap(payload);
    } catch (err) {
      expect(err).toBeInstanceOf(DnstapError);
      return (err as DnstapError).code;
    }
    return 'decoded';
  };

  it('are DnstapErrors with a code: not protobuf, no type, not MESSAGE, no message, no or unknown message type', () => {
    expect(code(Buffer.from('ff', 'hex'))).toBe('ERR_DNSTAP_PROTOBUF');
    expect(code(Buffer.from('0a05616263', 'hex'))).toBe('ERR_DNSTAP_PROTOBUF'); // identity claims 5 octets, has 3
    expect(code(new Uint8Array())).toBe('ERR_DNSTAP_FIELDS');
    expect(code(dnstap({ type: 1 }))).toBe('ERR_DNSTAP_FIELDS');
    expect(code(Buffer.from('7802', 'hex'))).toBe('ERR_DNSTAP_FIELDS'); // type 2 is no Dnstap.Type
    // A Message with a port and no type (the library will not write one: written by hand).
    expect(code(Buffer.from('720230357801', 'hex'))).toBe('ERR_DNSTAP_FIELDS');
    expect(code(dnstap({ type: 1, message: { type: 6 } }))).toBe('decoded');
  });

  it('in a file are listed with their offsets, and reading goes on', async () => {
    const good = dnstap({ type: 1, identity: Buffer.from('lab'), message: { type: 6, responseMessage: readFileSync(testDataPath('..', '..', 'fixtures', 'bin', 'cname-last.response.bin')) } });
    const file = encodeStream(DNSTAP_CONTENT_TYPE, [good, Buffer.from('not protobuf at all'), good]);
    const got = await items(file);
    expect(got.map((i) => `${i.kind} ${i.frame} @${i.offset}`)).toEqual(['message 1 @42', `invalid 2 @${42 + 4 + good.length}`, `message 3 @${42 + 8 + good.length + 19}`]);
    expect(got[1]).toMatchObject({ code: 'ERR_DNSTAP_PROTOBUF' });
  });

  it('a file that is not Frame Streams, or is empty, is a FrameStreamError', async () => {
    await expect(items(Buffer.from('00000001ff', 'hex'))).rejects.toThrow(FrameStreamError);
    await expect(items(Buffer.alloc(0))).rejects.toMatchObject({ code: 'ERR_FSTRM_EMPTY' });
  });
});

describe('verdicts by message (the watcher\'s cache)', () => {
  const bins = readdirSync(testDataPath('..', '..', 'fixtures', 'bin')).filter((f) => f.endsWith('.response.bin'))
    .map((f) => readFileSync(testDataPath('..', '..', 'fixtures', 'bin', f)));

  /** The same message with another ID and other TTLs (the OPT record's TTL field kept). */
  function retimed(bytes: Buffer, seed: number): Buffer {
    const copy = Buffer.from(bytes);
    copy.writeUInt16BE((seed * 7919) & 0xffff, 0);
    const key = verdictKey(bytes);
    if (key === undefined) return copy;
    // Wherever the key zeroed four octets of TTL, put another TTL.
    const zeroed = Buffer.from(key, 'latin1');
    for (let i = 2; i + 4 <= copy.length; i++) {
      if (zeroed.readUInt32BE(i) === 0 && copy.readUInt32BE(i) !== 0 && zeroed.subarray(i, i + 4).every((o, j) => o !== copy[i + j])) {
        copy.writeUInt32BE((seed * 104729 + i) % 86400, i);
        i += 3;
      }
    }
    return copy;
  }

  it('a cached verdict is the analyzer\'s, for every scenario answer, whatever its ID and TTLs', () => {
    const cache = new VerdictCache();
    for (const bytes of bins) {
      const first = cache.judge(bytes);
      for (const seed of [1, 2, 3]) {
        const again = retimed(bytes, seed);
        const fresh = analyzeBytes(again);
        const cached = cache.judge(again);
        expect({ conformant: cached.conformant, findings: cached.findings }).toEqual({ conformant: fresh.conformant, findings: fresh.findings });
        expect(cached).toBe(verdictKey(again) === undefined ? cached : first);
      }
    }
    expect(cache.hits).toBeGreaterThan(bins.length);
  });

  it('messages that differ elsewhere than ID and TTLs get keys of their own; a message whose records cannot be walked gets none', () => {
    const [a, b] = bins;
    expect(verdictKey(a!)).not.toBe(verdictKey(b!));
    expect(verdictKey(Buffer.from('0001000000010000', 'hex'))).toBeUndefined();
    const cutShort = a!.subarray(0, a!.length - 3);
    expect(verdictKey(cutShort)).toBeUndefined();
    expect(new VerdictCache().judge(cutShort).error?.code).toBeTruthy();
  });

  it('forgets its oldest verdicts past its capacity', () => {
    const cache = new VerdictCache(2);
    for (const bytes of bins.slice(0, 5)) cache.judge(bytes);
    expect(cache.size).toBe(2);
  });
});

describe('name keys', () => {
  const slow = (name: string) => labelsToName(nameToLabels(name).map(lowerLabel));
  it('the fast path for plain names gives the key the label walk gives', () => {
    for (const name of ['www.Example.COM', 'www.example.com.', '_sip._TCP.example', '*.x', 'a-b.c-d', '.', 'x', 'a'.repeat(63) + '.b', `${'abcdefg.'.repeat(31)}ab`]) {
      expect(nameKey(name), name).toBe(slow(name));
    }
    for (const bad of ['a'.repeat(64), `${'abcdefg.'.repeat(31)}abcdef`, 'a..b']) expect(() => nameKey(bad), bad).toThrow();
  });
});
