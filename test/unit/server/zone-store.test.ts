// The compact zone (zone-store.ts behind zone-data.ts) against the
// straightforward one it replaced (kept here as the reference: a Map of name
// keys, a Set of every existing name): the same answers for random zones —
// letter case, escapes, empty non-terminals, delegations with glue, CNAME
// chains in and out of the zone, ANY, DS at a cut — whether the zone came
// from records in-process or from a zone file. Seeded, bounded.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/scenarios/permutations.js';
import type { LookupResult } from '../../../src/server/lookup.js';
import { AuthoritativeZone } from '../../../src/server/zone-data.js';
import { loadServedZoneFile, loadZoneFile } from '../../../src/server/zone-files.js';
import { readName } from '../../../src/wire/decode.js';
import { rdataFromValue } from '../../../src/rdata/value.js';
import type { DnsRecord } from '../../../src/wire/message.js';
import { RCODE } from '../../../src/wire/message.js';
import { isInZone, labelsToName, nameKey, nameToLabels, stripTrailingDot, tryNameKey } from '../../../src/rdata/name.js';

/** The AuthoritativeZone lookup as it was before the compact store (src/server/zone-data.ts, 2026-12). */
class ReferenceZone {
  readonly origin: string;
  private readonly soa: DnsRecord;
  private readonly byName = new Map<string, DnsRecord[]>();
  private readonly existing = new Set<string>();

  constructor(origin: string, records: DnsRecord[]) {
    this.origin = stripTrailingDot(origin);
    const originDepth = nameToLabels(this.origin).length;
    for (const record of records) {
      const key = nameKey(record.name);
      let list = this.byName.get(key);
      if (!list) this.byName.set(key, (list = []));
      list.push(record);
      const labels = nameToLabels(record.name);
      for (let i = 0; i <= labels.length - originDepth; i++) this.existing.add(nameKey(labelsToName(labels.slice(i))));
    }
    this.soa = (this.byName.get(nameKey(this.origin)) ?? []).find((r) => r.type === 'SOA')!;
  }

  lookup(qname: string, qtype: string): LookupResult {
    const referral = this.delegationAbove(qname, qtype);
    if (referral) return referral;
    const answers: DnsRecord[] = [];
    let name = qname;
    for (let hop = 0; hop <= 8; hop++) {
      const key = nameKey(name);
      const here = this.byName.get(key);
      if (!here) {
        if (hop > 0) return this.result(RCODE.NOERROR, answers, []);
        return this.result(this.existing.has(key) ? RCODE.NOERROR : RCODE.NXDOMAIN, [], [this.soa]);
      }
      if (qtype === 'ANY') return this.result(RCODE.NOERROR, here.filter((r) => r.type === here[0]!.type), []);
      const matching = here.filter((r) => r.type === qtype);
      if (matching.length > 0) return this.result(RCODE.NOERROR, [...answers, ...matching], []);
      const cname = here.find((r) => r.type === 'CNAME');
      const target = cname ? targetName(cname) : undefined;
      if (!cname || target === undefined || !isInZone(target, this.origin)) {
        if (cname) answers.push(cname);
        return this.result(RCODE.NOERROR, answers, answers.length && cname ? [] : [this.soa]);
      }
      answers.push(cname);
      name = target;
    }
    return this.result(RCODE.NOERROR, answers, []);
  }

  private delegationAbove(qname: string, qtype: string): LookupResult | undefined {
    const labels = nameToLabels(qname);
    const originDepth = nameToLabels(this.origin).length;
    for (let i = labels.length - originDepth - 1; i >= 0; i--) {
      const cut = labelsToName(labels.slice(i));
      if (i === 0 && qtype === 'DS') return undefined;
      const ns = (this.byName.get(nameKey(cut)) ?? []).filter((r) => r.type === 'NS');
      if (ns.length > 0) {
        const glue = ns.flatMap((r) => this.byName.get(tryNameKey(targetName(r) ?? '') ?? '') ?? []).filter((r) => r.type === 'A' || r.type === 'AAAA');
        return { rcode: RCODE.NOERROR, aa: false, answers: [], authorities: ns, additionals: glue, zone: this.origin };
      }
    }
    return undefined;
  }

  private result(rcode: number, answers: DnsRecord[], authorities: DnsRecord[]): LookupResult {
    return { rcode, aa: true, answers, authorities, additionals: [], zone: this.origin };
  }
}

function targetName(record: DnsRecord): string | undefined {
  if (typeof record.data === 'string') return record.data;
  if (!(record.data instanceof Uint8Array)) return undefined;
  try {
    return readName(Buffer.from(record.data), 0).name;
  } catch {
    return undefined;
  }
}

/** A record with its RDATA as the octets a zone file gives (what both zones then hold). */
function raw(name: string, type: string, data: unknown, ttl = 300): DnsRecord {
  return { name, type, class: 'IN', ttl, data: rdataFromValue(type, data) };
}

/** A comparable rendering of a lookup: rcode, AA and every section as name/type/RDATA hex. */
function render(result: LookupResult) {
  const rr = (r: DnsRecord) => `${r.name}|${r.type}|${Buffer.from(r.data as Uint8Array).toString('hex')}`;
  return { rcode: result.rcode, aa: result.aa, answers: result.answers.map(rr), authorities: result.authorities.map(rr), additionals: result.additionals.map(rr) };
}

const LABELS = ['a', 'B', 'www', 'Mail', 'x-1', 'ns', '*', 'z\\.dot', 'sub', 'A', 'b\\000c', 'deep'];
const TYPES = ['A', 'AAAA', 'TXT', 'MX', 'CNAME', 'NS', 'DS', 'ANY', 'SOA', 'PTR', 'DNAME', 'TYPE65280'];

function randomZone(seed: number): { origin: string; records: DnsRecord[]; names: string[] } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const origin = pick(['example.test', 'Ex.Test', 'zone.example']);
  const name = () => {
    const depth = 1 + Math.floor(random() * 3);
    return [...Array.from({ length: depth }, () => pick(LABELS)), origin].join('.');
  };
  const names = Array.from({ length: 25 }, name);
  const records: DnsRecord[] = [
    raw(origin, 'SOA', { mname: `ns.${origin}`, rname: `h.${origin}`, serial: seed, refresh: 1, retry: 1, expire: 1, minimum: 60 }),
    raw(origin, 'NS', `ns.${origin}`),
  ];
  for (let i = 0; i < 60; i++) {
    const owner = pick(names);
    const kind = Math.floor(random() * 8);
    if (kind === 0) records.push(raw(owner, 'CNAME', random() < 0.8 ? pick(names) : 'elsewhere.example.org'));
    else if (kind === 1) records.push(raw(owner, 'NS', pick([...names, 'ns.other.example'])));
    else if (kind === 2) records.push(raw(owner, 'AAAA', `2001:db8::${i}`));
    else if (kind === 3) records.push(raw(owner, 'TXT', [`t${i}`]));
    else if (kind === 4) records.push(raw(owner, 'DS', { keyTag: i, algorithm: 8, digestType: 2, digest: Buffer.alloc(32, i) }));
    else records.push(raw(owner, 'A', `192.0.2.${i}`));
  }
  // Shuffle, SOA included: the transfer still starts and ends with it, and "zone order" is this order.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  const asked = [...names, origin, ...names.map((n) => n.toUpperCase()), ...names.map((n) => `q.${n}`), ...names.map((n) => n.split('.').slice(1).join('.'))];
  return { origin, records, names: asked };
}

describe('AuthoritativeZone on the compact store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-zone-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers as the reference implementation for 40 random zones × every name × every qtype', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { origin, records, names } = randomZone(seed);
      const reference = new ReferenceZone(origin, records);
      const zone = new AuthoritativeZone({ origin, records });
      for (const qname of names) {
        if (!isInZone(qname, origin)) continue;
        for (const qtype of TYPES) {
          expect(render(zone.lookup(qname, qtype)), `seed ${seed}: ${qname} ${qtype}`).toEqual(render(reference.lookup(qname, qtype)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(40 * 50 * TYPES.length);
  });

  it('serves a zone file as the record-list path does: answers, transfer order, letter case', () => {
    const file = join(dir, 'case.zone');
    writeFileSync(file, [
      '$ORIGIN Case.Test.', '$TTL 60', 'www IN CNAME Edge', 'Edge IN A 192.0.2.1', '@ IN SOA ns h 5 1 1 1 60', '@ IN NS ns',
      'ns IN A 127.0.0.1', 'deleg IN NS ns.deleg', 'ns.deleg IN A 192.0.2.53', 'a.b.c IN TXT "deep"', 'x\\.y IN A 192.0.2.7',
    ].join('\n') + '\n');
    const viaStore = loadServedZoneFile({ file, origin: 'case.test' });
    const viaList = new AuthoritativeZone(loadZoneFile({ file, origin: 'case.test' }));
    const reference = new ReferenceZone('case.test', loadZoneFile({ file, origin: 'case.test' }).records);
    for (const qname of ['WWW.case.test', 'edge.CASE.test', 'b.c.case.test', 'c.case.test', 'zz.case.test', 'host.deleg.case.test', 'deleg.case.test', 'x\\.y.case.test', 'x.y.case.test', 'case.test']) {
      for (const qtype of ['A', 'TXT', 'CNAME', 'NS', 'DS', 'ANY', 'SOA']) {
        const expected = render(reference.lookup(qname, qtype));
        expect(render(viaStore.lookup(qname, qtype)), `${qname} ${qtype}`).toEqual(expected);
        expect(render(viaList.lookup(qname, qtype)), `${qname} ${qtype}`).toEqual(expected);
      }
    }
    const www = viaStore.lookup('www.case.test', 'A');
    expect(www.answers.map((r) => [r.name, r.type])).toEqual([['www.Case.Test', 'CNAME'], ['Edge.Case.Test', 'A']]);
    expect(viaStore.transferRecords().map((r) => r.type)).toEqual(['SOA', 'CNAME', 'A', 'NS', 'A', 'NS', 'A', 'TXT', 'A', 'SOA']);
  });

  it('refuses what it cannot serve, as before', () => {
    const soa = raw('t.test', 'SOA', { mname: 'ns.t.test', rname: 'h.t.test', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 });
    expect(() => new AuthoritativeZone({ origin: 't.test', records: [soa, raw('x.other.test', 'A', '192.0.2.1')] })).toThrow(expect.objectContaining({ code: 'ERR_ZONE_OUT_OF_ZONE' }));
    expect(() => new AuthoritativeZone({ origin: 't.test', records: [raw('t.test', 'A', '192.0.2.1')] })).toThrow(expect.objectContaining({ code: 'ERR_ZONE_NO_SOA' }));
    expect(() => new AuthoritativeZone({ origin: 't.test', records: [soa, soa] })).toThrow(expect.objectContaining({ code: 'ERR_ZONE_NO_SOA' }));
    const file = join(dir, 'outside.zone');
    writeFileSync(file, '$TTL 60\n@ IN SOA ns h 1 1 1 1 1\nfar.away. IN A 192.0.2.1\n');
    expect(() => loadServedZoneFile({ file, origin: 'in.test' })).toThrow(/record far\.away A is outside zone in\.test/);
  });
});
