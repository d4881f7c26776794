// The zone parser is total: any text gives records or a typed ZoneFileError
// (never another exception, never a hang), and wire→text→wire is the identity
// for every RDATA octet string a declared type accepts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDnsorderError } from '../../src/errors.js';
import { declaredTypes, rdataProblem, rdataToText, readZoneText, ZoneFileError } from '../../src/zone/index.js';

const SEED = [
  '$ORIGIN example.',
  '$TTL 300',
  '@ IN SOA ns1 admin ( 1 2 3 4 5 )',
  '  IN NS ns1',
  'ns1 IN A 192.0.2.1',
  'txt IN TXT "a;b" "c\\"d" \\065',
  'x CLASS1 TYPE99 \\# 2 abcd',
  'sig IN RRSIG A 8 2 300 20210616173132 20210519173132 17913 example. AAAA',
  'n3 IN NSEC3 1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3s A',
  'loc IN LOC 52 22 23 N 4 53 32 E -2m',
  'apl IN APL 1:224.0.0.0/4',
].join('\n') + '\n';

const ALPHABET = ' \t\n()";\\$@.#0123456789abcdefABCDEF-:/+=INASOTXT*';

function mustBeTotal(text: string): void {
  try {
    const records = readZoneText(text, { origin: 'example.' });
    expect(Array.isArray(records)).toBe(true);
  } catch (err) {
    if (!(err instanceof ZoneFileError) || !isDnsorderError(err)) throw err;
    expect(err.code).toMatch(/^ERR_ZONE_/);
    expect(err.position?.line).toBeGreaterThan(0);
  }
}

describe('zone parser robustness', () => {
  it('gives records or a ZoneFileError for mutated zone text', () => {
    const edit = fc.tuple(fc.nat(), fc.nat(3), fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 4 }));
    fc.assert(fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
      let text = SEED;
      for (const [at, remove, insert] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + remove);
      }
      mustBeTotal(text);
    }), { numRuns: 1500 });
  });

  it('gives records or a ZoneFileError for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => mustBeTotal(text)), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 200 }), (text) => mustBeTotal(text)), { numRuns: 1000 });
  });

  it('round-trips wire→text→wire for every declared type', () => {
    const types = new Map(declaredTypes().map((t) => [t.mnemonic, t]));
    fc.assert(fc.property(fc.constantFrom(...types.keys()), fc.uint8Array({ maxLength: 40 }), (mnemonic, bytes) => {
      const type = types.get(mnemonic)!;
      const rdata = Buffer.from(bytes);
      if (rdataProblem(type.code, rdata) !== undefined) return;
      const text = rdataToText(type.code, rdata);
      const [record] = readZoneText(`x.example. 1 IN ${type.mnemonic} ${text}\n`);
      expect(record!.rdata.toString('hex'), `${type.mnemonic} ${text}`).toBe(rdata.toString('hex'));
    }), { numRuns: 3000 });
  });
});
