// Zones served from data (a zone file, or records built in-process):
// authoritative answers (AA), NXDOMAIN/NODATA with the SOA, CNAMEs chased
// inside the zone, referrals below delegations, and AXFR in file order.

import { readName } from '../wire/decode.js';
import type { DnsRecord } from '../wire/message.js';
import { RCODE } from '../wire/message.js';
import { isInZone, nameKey, nameToLabels, labelsToName, stripTrailingDot, tryNameKey } from '../wire/name.js';
import { ServerError } from './errors.js';
import type { LookupResult, ServedZone } from './lookup.js';

/** The interface zone serving needs: an origin and its records (RDATA as objects or raw octets). */
export interface ZoneData {
  origin: string;
  records: DnsRecord[];
}

const MAX_CNAME_CHASE = 8;

export class AuthoritativeZone implements ServedZone {
  readonly origin: string;
  private readonly originKey: string;
  private readonly soa: DnsRecord;
  private readonly records: DnsRecord[];
  /** name key → records at that name, in zone order. */
  private readonly byName = new Map<string, DnsRecord[]>();
  /** Every name that exists, including empty non-terminals (they answer NODATA, not NXDOMAIN). */
  private readonly existing = new Set<string>();

  constructor(data: ZoneData) {
    this.origin = stripTrailingDot(data.origin);
    this.originKey = nameKey(this.origin);
    const originDepth = nameToLabels(this.origin).length;
    for (const record of data.records) {
      if (!isInZone(record.name, this.origin)) {
        throw new ServerError('ERR_ZONE_OUT_OF_ZONE', `record ${record.name} ${record.type} is outside zone ${this.origin}`);
      }
      const key = nameKey(record.name);
      let list = this.byName.get(key);
      if (!list) this.byName.set(key, (list = []));
      list.push(record);
      const labels = nameToLabels(record.name);
      for (let i = 0; i <= labels.length - originDepth; i++) this.existing.add(nameKey(labelsToName(labels.slice(i))));
    }
    const soas = (this.byName.get(this.originKey) ?? []).filter((r) => r.type === 'SOA');
    if (soas.length !== 1) throw new ServerError('ERR_ZONE_NO_SOA', `zone ${this.origin} has ${soas.length} SOA records at its apex (needs exactly 1)`);
    this.soa = soas[0]!;
    this.records = data.records;
  }

  lookup(qname: string, qtype: string): LookupResult {
    const referral = this.delegationAbove(qname, qtype);
    if (referral) return referral;
    const answers: DnsRecord[] = [];
    let name = qname;
    for (let hop = 0; hop <= MAX_CNAME_CHASE; hop++) {
      const key = nameKey(name);
      const here = this.byName.get(key);
      if (!here) {
        // Past the first hop the chain left our data: answer what we have (the client chases the rest).
        if (hop > 0) return this.result(RCODE.NOERROR, answers, []);
        return this.result(this.existing.has(key) ? RCODE.NOERROR : RCODE.NXDOMAIN, [], [this.soa]);
      }
      if (qtype === 'ANY') {
        // RFC 8482 §4.1: one RRset (the first at the name) instead of all of them.
        const firstType = here[0]!.type;
        return this.result(RCODE.NOERROR, here.filter((r) => r.type === firstType), []);
      }
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

  /** A referral when `qname` is at or below a delegation (NS below the apex); DS is answered by the parent side. */
  private delegationAbove(qname: string, qtype: string): LookupResult | undefined {
    const labels = nameToLabels(qname);
    const originDepth = nameToLabels(this.origin).length;
    for (let i = labels.length - originDepth - 1; i >= 0; i--) {
      const cut = labelsToName(labels.slice(i));
      if (i === 0 && qtype === 'DS') return undefined;
      const ns = (this.byName.get(nameKey(cut)) ?? []).filter((r) => r.type === 'NS');
      if (ns.length > 0) {
        const glue = ns.flatMap((r) => this.byName.get(safeKey(targetName(r) ?? '')) ?? [])
          .filter((r) => r.type === 'A' || r.type === 'AAAA');
        return { rcode: RCODE.NOERROR, aa: false, answers: [], authorities: ns, additionals: glue, zone: this.origin };
      }
    }
    return undefined;
  }

  private result(rcode: number, answers: DnsRecord[], authorities: DnsRecord[]): LookupResult {
    return { rcode, aa: true, answers, authorities, additionals: [], zone: this.origin };
  }

  /** RFC 5936: SOA, every other record in zone order, SOA again. */
  transferRecords(): DnsRecord[] {
    return [this.soa, ...this.records.filter((r) => r !== this.soa), this.soa];
  }

  get soaRecord(): DnsRecord {
    return this.soa;
  }
}

/** The name in a CNAME or NS record, whether its RDATA is text or raw octets (zone files give octets). */
function targetName(record: DnsRecord): string | undefined {
  if (typeof record.data === 'string') return record.data;
  if (!(record.data instanceof Uint8Array)) return undefined;
  try {
    return readName(Buffer.from(record.data), 0).name;
  } catch {
    return undefined;
  }
}

function safeKey(name: string): string {
  return tryNameKey(name) ?? ''; // an invalid name matches nothing
}
