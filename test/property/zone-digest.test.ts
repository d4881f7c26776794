// Metamorphic properties of the ZONEMD digest: rewriting a zone in ways that
// do not change its content (order, owner case, RFC 3597 form, $INCLUDE,
// white space and parentheses) leaves the digest alone; changing any RDATA
// octet changes it.

import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CanonicalZone, canonicalZoneFromText, computeZonemd, formatRecord, nameFromText, readZoneText, type ZoneParseOptions, type ZoneRecord,
} from '../../src/zone/index.js';
import { fileIncludes } from '../../src/zone-sources/include-files.js';

const ORIGIN = 'example.';
const APEX = nameFromText(ORIGIN, undefined);

interface Line { owner: string; ttl: number; type: string; rdata: string[] }

const label = fc.constantFrom('www', 'mail', 'ns1', 'a', 'b-c', 'x1', '_srv', '*');
const owner = fc.array(label, { minLength: 0, maxLength: 3 }).map((ls) => (ls.length === 0 ? ORIGIN : `${ls.join('.')}.${ORIGIN}`));
const byte = fc.integer({ min: 0, max: 255 });
const rdata: fc.Arbitrary<{ type: string; rdata: string[] }> = fc.oneof(
  fc.tuple(byte, byte, byte, byte).map((o) => ({ type: 'A', rdata: [o.join('.')] })),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((g) => ({ type: 'AAAA', rdata: [g.map((x) => x.toString(16)).join(':')] })),
  fc.array(fc.stringMatching(/^[a-z0-9 =;]{0,12}$/), { minLength: 1, maxLength: 3 }).map((s) => ({ type: 'TXT', rdata: s.map((t) => `"${t}"`) })),
  fc.tuple(fc.integer({ min: 0, max: 100 }), owner).map(([p, n]) => ({ type: 'MX', rdata: [String(p), n] })),
  owner.map((n) => ({ type: 'NS', rdata: [n] })),
  fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.uint8Array({ minLength: 20, maxLength: 20 })).map(([t, d]) => ({ type: 'DS', rdata: [String(t), '8', '1', Buffer.from(d).toString('hex')] })),
);
const line: fc.Arbitrary<Line> = fc.tuple(owner, fc.integer({ min: 0, max: 86400 }), rdata).map(([o, ttl, r]) => ({ owner: o, ttl, ...r }));
const SOA: Line = { owner: ORIGIN, ttl: 3600, type: 'SOA', rdata: ['ns1', 'hostmaster', '2026112201', '7200', '3600', '1209600', '300'] };
const zone = fc.array(line, { minLength: 1, maxLength: 25 }).map((ls) => [SOA, ...ls]);

const plain = (l: Line) => `${l.owner} ${l.ttl} IN ${l.type} ${l.rdata.join(' ')}`;
const render = (ls: Line[], f: (l: Line) => string = plain) => ls.map(f).join('\n') + '\n';

function digest(text: string, options: Pick<ZoneParseOptions, 'includes' | 'baseDirectory'> = {}): string {
  return computeZonemd(canonicalZoneFromText(text, { origin: ORIGIN, ...options }), APEX, 1).digest.toString('hex');
}

function digestOfRecords(records: ZoneRecord[]): string {
  const z = new CanonicalZone(APEX);
  for (const r of records) z.add(r);
  return computeZonemd(z, APEX, 1).digest.toString('hex');
}

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ZONEMD digest metamorphic properties', () => {
  it('is unchanged by reordering records', () => {
    fc.assert(fc.property(zone, fc.infiniteStream(fc.nat()), (ls, seeds) => {
      const shuffled = [...ls];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = seeds.next().value % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(digest(render(shuffled))).toBe(digest(render(ls)));
    }), { numRuns: 100 });
  });

  it('is unchanged by changing the letter case of owner names', () => {
    fc.assert(fc.property(zone, fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), (ls, flips) => {
      const flip = (s: string) => [...s].map((c, i) => (flips[i % 64] ? c.toUpperCase() : c)).join('');
      expect(digest(render(ls, (l) => plain({ ...l, owner: flip(l.owner) })))).toBe(digest(render(ls)));
    }), { numRuns: 100 });
  });

  it('is unchanged by writing records in RFC 3597 generic form', () => {
    fc.assert(fc.property(zone, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (ls, generic) => {
      const records = readZoneText(render(ls), { origin: ORIGIN });
      const text = records.map((r, i) => formatRecord(r, { generic: generic[i % 30] })).join('\n');
      expect(digest(text)).toBe(digest(render(ls)));
    }), { numRuns: 100 });
  });

  it('is unchanged by moving records into an $INCLUDEd file', () => {
    let n = 0;
    fc.assert(fc.property(zone, fc.nat(), (ls, cut) => {
      const at = 1 + (cut % ls.length);
      const file = `part${n++}.zone`;
      writeFileSync(join(dir, file), render(ls.slice(at)));
      const text = render(ls.slice(0, at)) + `$INCLUDE ${file}\n`;
      expect(digest(text, { includes: fileIncludes({ allowedDirectories: [dir] }), baseDirectory: dir })).toBe(digest(render(ls)));
    }), { numRuns: 40 });
  });

  it('is unchanged by white space, parentheses and comments', () => {
    const gap = fc.constantFrom(' ', '\t', '  \t ', ' ( ', ' ) ', '\n ', ' ; note\n ');
    fc.assert(fc.property(zone, fc.array(gap, { minLength: 40, maxLength: 40 }), (ls, gaps) => {
      let g = 0;
      const next = () => gaps[g++ % gaps.length]!;
      const text = ls.map((l) => {
        // Newlines and ")" only inside an open "(": wrap the RDATA in parentheses and put free gaps there.
        const inner = l.rdata.map((t) => t + next().replace(/[()]/g, ' ')).join('');
        return `${l.owner}${next().replace(/[()\n;]|note/g, ' ')}${l.ttl}\tIN  ${l.type} (${inner.replace(/ ; note\n/g, ' ; note\n')} ) ; end`;
      }).join('\n') + '\n';
      expect(digest(text)).toBe(digest(render(ls)));
    }), { numRuns: 100 });
  });

  it('changes when any RDATA octet changes', () => {
    fc.assert(fc.property(zone, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }).filter((v) => v !== 0x20), (ls, pick, at, xor) => {
      const records = readZoneText(render(ls), { origin: ORIGIN });
      const withData = records.filter((r) => r.rdata.length > 0);
      const victim = withData[pick % withData.length]!;
      const mutated = records.map((r) => {
        if (r !== victim) return r;
        const copy = Buffer.from(r.rdata);
        copy[at % copy.length]! ^= xor;
        return { ...r, rdata: copy };
      });
      expect(digestOfRecords(mutated)).not.toBe(digestOfRecords(records));
    }), { numRuns: 200 });
  });
});
