// Zones served from data (a zone file, or records built in-process):
// authoritative answers (AA), NXDOMAIN/NODATA with the SOA, CNAMEs chased
// inside the zone, referrals below delegations, and AXFR in file order.
//
// The records live in a ZoneStore (zone-store.ts): wire form in shared
// blocks, indexed by canonical name order, so a multi-million-record zone
// file loads at about the cost of parsing it. Records given in-process as
// objects are also kept as given, and answers use those objects.

import { encodeRecord } from '../wire/encode.js';
import type { DnsRecord } from '../wire/message.js';
import { RCODE } from '../wire/message.js';
import { NameCompressor } from '../wire/name-compression.js';
import { formatLabel, nameToWire, stripTrailingDot, wireNameLength } from '../rdata/name.js';
import { className, RRTYPE, tryTypeNumber, typeName } from '../rdata/registry.js';
import { ServerError } from './errors.js';
import type { LookupResult, ServedZone } from './lookup.js';
import { CachingTransferSource, type TransferSource, type WireRecord } from './transfer.js';
import { ZoneStore, type NameKey } from './zone-store.js';

/** The interface zone serving needs: an origin and its records (RDATA as objects or raw octets). */
export interface ZoneData {
  origin: string;
  records: DnsRecord[];
}

/** A zone already in a ZoneStore (zone files load straight into one). */
export interface StoredZoneData {
  origin: string;
  store: ZoneStore;
}

const MAX_CNAME_CHASE = 8;
const APEX: NameKey = { key: Buffer.alloc(0), labelEnds: [] };

export class AuthoritativeZone implements ServedZone {
  readonly origin: string;
  private readonly store: ZoneStore;
  /** In-process records as given, by arrival number (answers use them); undefined for zone files. */
  private readonly objects: DnsRecord[] | undefined;
  private readonly soaIndex: number;
  private readonly soa: DnsRecord;
  private transferList: DnsRecord[] | undefined;
  private source: TransferSource | undefined;

  constructor(data: ZoneData | StoredZoneData) {
    this.origin = stripTrailingDot(data.origin);
    if ('store' in data) {
      this.store = data.store;
      this.objects = undefined;
    } else {
      this.store = storeRecords(this.origin, data.records);
      this.objects = data.records;
    }
    this.store.seal();
    const soas = this.store.at(APEX.key).filter((i) => this.store.typeOf(i) === RRTYPE.SOA);
    if (soas.length !== 1) throw new ServerError('ERR_ZONE_NO_SOA', `zone ${this.origin} has ${soas.length} SOA records at its apex (needs exactly 1)`);
    this.soaIndex = soas[0]!;
    this.soa = this.recordAt(this.soaIndex);
  }

  /** Records held. */
  get recordCount(): number {
    return this.store.size;
  }

  lookup(qname: string, qtype: string): LookupResult {
    const type = tryTypeNumber(qtype) ?? -1;
    const name = this.keyOfText(qname);
    if (!name) return this.result(RCODE.NXDOMAIN, [], [this.soa]); // not ours (the zone set only sends names inside)
    const referral = this.delegationAbove(name, type);
    if (referral) return referral;
    const answers: DnsRecord[] = [];
    let key = name.key;
    for (let hop = 0; hop <= MAX_CNAME_CHASE; hop++) {
      const here = this.store.at(key);
      if (here.length === 0) {
        // Past the first hop the chain left our data: answer what we have (the client chases the rest).
        if (hop > 0) return this.result(RCODE.NOERROR, answers, []);
        return this.result(this.store.exists(key) ? RCODE.NOERROR : RCODE.NXDOMAIN, [], [this.soa]);
      }
      if (type === RRTYPE.ANY) {
        // RFC 8482 §4.1: one RRset (the first at the name) instead of all of them.
        const firstType = this.store.typeOf(here[0]!);
        return this.result(RCODE.NOERROR, this.records(here.filter((i) => this.store.typeOf(i) === firstType)), []);
      }
      const matching = here.filter((i) => this.store.typeOf(i) === type);
      if (matching.length > 0) return this.result(RCODE.NOERROR, [...answers, ...this.records(matching)], []);
      const cname = here.find((i) => this.store.typeOf(i) === RRTYPE.CNAME);
      const target = cname === undefined ? undefined : this.targetKey(cname);
      if (cname === undefined || target === undefined) {
        if (cname !== undefined) answers.push(this.recordAt(cname));
        return this.result(RCODE.NOERROR, answers, answers.length && cname !== undefined ? [] : [this.soa]);
      }
      answers.push(this.recordAt(cname));
      key = target.key;
    }
    return this.result(RCODE.NOERROR, answers, []);
  }

  /** A referral when the name is at or below a delegation (NS below the apex); DS is answered by the parent side. */
  private delegationAbove(name: NameKey, type: number): LookupResult | undefined {
    const ends = name.labelEnds;
    for (let i = 0; i < ends.length; i++) {
      if (i === ends.length - 1 && type === RRTYPE.DS) return undefined;
      const ns = this.store.at(name.key, ends[i]).filter((r) => this.store.typeOf(r) === RRTYPE.NS);
      if (ns.length > 0) {
        const glue: number[] = [];
        for (const r of ns) {
          const target = this.targetKey(r);
          if (!target) continue;
          for (const g of this.store.at(target.key)) {
            const t = this.store.typeOf(g);
            if (t === RRTYPE.A || t === RRTYPE.AAAA) glue.push(g);
          }
        }
        return { rcode: RCODE.NOERROR, aa: false, answers: [], authorities: this.records(ns), additionals: this.records(glue), zone: this.origin };
      }
    }
    return undefined;
  }

  private result(rcode: number, answers: DnsRecord[], authorities: DnsRecord[]): LookupResult {
    return { rcode, aa: true, answers, authorities, additionals: [], zone: this.origin };
  }

  /** The relative key of a name given as text, undefined when it is not inside the zone. */
  private keyOfText(name: string): NameKey | undefined {
    let wire: Buffer;
    try {
      wire = nameToWire(name);
    } catch {
      return undefined; // not a name at all: nothing here matches it
    }
    return this.store.relativeKey(wire);
  }

  /** The key of the name a CNAME or NS record points to (uncompressed RDATA), undefined when outside the zone or malformed. */
  private targetKey(index: number): NameKey | undefined {
    const r = this.store.record(index);
    return this.store.relativeKey(r.block, r.rdataStart, r.rdataStart + r.rdataLength);
  }

  private records(indexes: readonly number[]): DnsRecord[] {
    return indexes.map((i) => this.recordAt(i));
  }

  /** Record `index` as the encoder takes it: the object given in-process, or one built on the wire form (RDATA as octets). */
  private recordAt(index: number): DnsRecord {
    if (this.objects) return this.objects[index]!;
    const r = this.store.record(index);
    const b = r.block;
    return {
      name: ownerText(b, r.ownerStart),
      type: typeName(r.type),
      class: className((b[r.fixedStart + 2]! << 8) | b[r.fixedStart + 3]!),
      ttl: b.readUInt32BE(r.fixedStart + 4),
      data: b.subarray(r.rdataStart, r.rdataStart + r.rdataLength),
    };
  }

  /** RFC 5936: SOA, every other record in zone order, SOA again. */
  transferRecords(): DnsRecord[] {
    if (this.transferList) return this.transferList;
    const list: DnsRecord[] = [this.soa];
    for (let i = 0; i < this.store.size; i++) if (i !== this.soaIndex) list.push(this.recordAt(i));
    list.push(this.soa);
    // Kept for in-process zones (their objects exist anyway); a zone file's list is built per call, rarely.
    if (this.objects) this.transferList = list;
    return list;
  }

  /** The transfer's messages come from the wire form, encoded once for this zone's content (transfer.ts). */
  transferSource(): TransferSource {
    return (this.source ??= new CachingTransferSource(this.store.size + 1, () => {
      const store = this.store;
      const soa = this.soaIndex;
      let step = 0; // 0: the SOA, then records 0..n-1 but the SOA, then the SOA again, then done
      let next = 0;
      const view = (index: number): WireRecord => {
        const r = store.record(index);
        return { buffer: r.block, ownerStart: r.ownerStart, ownerLength: r.ownerLength, restStart: r.fixedStart, restLength: 10 + r.rdataLength };
      };
      return () => {
        if (step === 0) {
          step = 1;
          return view(soa);
        }
        if (step === 1) {
          if (next === soa) next++;
          if (next < store.size) return view(next++);
          step = 2;
          return view(soa);
        }
        return undefined;
      };
    }));
  }

  get soaRecord(): DnsRecord {
    return this.soa;
  }
}

/** In-process records into a store: each encoded once, uncompressed. */
function storeRecords(origin: string, records: readonly DnsRecord[]): ZoneStore {
  const store = new ZoneStore(originWire(origin));
  const plain = new NameCompressor(false);
  for (const record of records) {
    let wire: Buffer;
    try {
      wire = encodeRecord(record, 0, plain);
    } catch (error) {
      throw new ServerError('ERR_ZONE_BAD_RECORD', `record ${record.name} ${record.type} in zone ${origin} cannot be encoded: ${(error as Error).message}`, { cause: error });
    }
    const ownerLength = wireNameLength(wire, 0);
    const type = (wire[ownerLength]! << 8) | wire[ownerLength + 1]!;
    const cls = (wire[ownerLength + 2]! << 8) | wire[ownerLength + 3]!;
    const ttl = wire.readUInt32BE(ownerLength + 4);
    if (store.add(wire, 0, type, cls, ttl, wire, ownerLength + 10) < 0) {
      throw new ServerError('ERR_ZONE_OUT_OF_ZONE', `record ${record.name} ${record.type} is outside zone ${origin}`);
    }
  }
  return store;
}

export function originWire(origin: string): Buffer {
  try {
    return nameToWire(origin);
  } catch (error) {
    throw new ServerError('ERR_ZONE_BAD_ORIGIN', `zone origin "${origin}" is not a domain name: ${(error as Error).message}`, { cause: error });
  }
}

/** Presentation text of a wire name without the trailing dot (the root is "."), letter case as stored. */
export function ownerText(wire: Buffer, offset: number): string {
  let out = '';
  for (let i = offset; wire[i] !== 0; i += wire[i]! + 1) {
    out += (out ? '.' : '') + formatLabel(wire.subarray(i + 1, i + 1 + wire[i]!));
  }
  return out || '.';
}
