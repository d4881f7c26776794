// The probe zone as the scenario server's responder sees it (a ServedZone):
// an authoritative zone filled per run from test plans, plus the child zone
// delegated to this same authority. What it adds to a plain zone is control
// over the answer: each test says whether the CNAME chain is followed inside
// the zone, and may give its own record order for its query name.
//
// The child zone is answered as its own zone (AA, its own SOA), never by a
// referral: the parent's NS + glue point at this same address, and a glue
// address cannot carry a port, so a resolver following a referral would
// leave for port 53. A server hosting parent and child answers from the child.

import type { LookupResult, ServedZone } from '../server/lookup.js';
import { RCODE, type DnsRecord } from '../wire/message.js';
import { isInZone, nameKey, stripTrailingDot } from '../rdata/name.js';
import type { ProbePlan } from './plan.js';

/** Longest chain the authority follows in one answer: beyond the longest probe chain. */
const MAX_CHASE = 64;
/** Negative answers live 1 s, so a NODATA seen during QNAME minimisation never hides a later test's data. */
const NEGATIVE_TTL = 1;

interface Apex {
  origin: string;
  key: string;
  soa: DnsRecord;
}

export class ProbeZone implements ServedZone {
  readonly origin: string;
  private readonly originKey: string;
  private readonly apexes: Apex[] = [];
  private readonly byName = new Map<string, DnsRecord[]>();
  /** Every name that exists, empty non-terminals included (NODATA, not NXDOMAIN: QNAME minimisation asks them). */
  private readonly existing = new Set<string>();
  private readonly chaseFrom = new Set<string>();
  /** "<name key> <QTYPE>" → the answer in the test's own order. */
  private readonly layouts = new Map<string, DnsRecord[]>();

  constructor(origin: string, private readonly nameServerAddress: string) {
    this.origin = stripTrailingDot(origin);
    this.originKey = nameKey(this.origin);
    this.addApex(this.origin);
  }

  /**
   * Adds a zone cut below the origin, served by this same authority. Idempotent. Also takes a zone outside
   * the origin (the injection group's outside zone): its apex is answered the same way, once the server's
   * ZoneSet sends its names here (authority.ts).
   */
  addChildZone(origin: string): void {
    const key = nameKey(origin);
    if (this.apexes.some((a) => a.key === key)) return;
    // The cut's NS + glue are the same records the child's apex holds (addApex); one copy serves both sides.
    this.addApex(stripTrailingDot(origin));
  }

  addPlan(plan: ProbePlan): void {
    const names = plan.injection ? [...plan.names, plan.injection.name] : plan.names;
    if (names.some((n) => isInZone(n, plan.childZone))) this.addChildZone(plan.childZone);
    this.addRecords(plan.records);
    plan.chaseFrom.forEach((n) => this.chaseFrom.add(nameKey(n)));
    if (plan.layoutAnswer) this.layouts.set(`${nameKey(plan.qname)} ${plan.qtype}`, plan.layoutAnswer);
  }

  /** Adds records as they are (passive tests and preflight names). */
  addRecords(records: readonly DnsRecord[]): void {
    for (const r of records) {
      const key = nameKey(r.name);
      let list = this.byName.get(key);
      if (!list) this.byName.set(key, (list = []));
      list.push(r);
      for (let name = key; name !== this.originKey && name.includes('.'); name = name.slice(name.indexOf('.') + 1)) this.existing.add(name);
    }
  }

  lookup(qname: string, qtype: string): LookupResult {
    const key = nameKey(qname);
    const apex = this.apexOf(key);
    // DS lives on the parent side of a cut (RFC 4035 §3.1.4.1); the probe zones are unsigned, so: NODATA from the parent.
    if (qtype === 'DS' && key === apex.key && apex.key !== this.originKey) return this.negative(RCODE.NOERROR, this.apexOf(parentKey(key)));
    const layout = this.layouts.get(`${key} ${qtype}`);
    if (layout) return this.answer(layout, apex);

    const answers: DnsRecord[] = [];
    let name = key;
    for (let hop = 0; hop <= MAX_CHASE; hop++) {
      const here = this.byName.get(name);
      if (!here) {
        const dname = this.dnameAbove(name, apex);
        if (dname) {
          const target = `${name.slice(0, name.length - nameKey(dname.name).length - 1)}.${String(dname.data)}`;
          answers.push(dname, { name: hop === 0 ? qname : name, type: 'CNAME', class: 'IN', ttl: dname.ttl, data: target });
          if (!this.sameZone(target, apex)) return this.answer(answers, apex);
          name = nameKey(target);
          continue;
        }
        if (hop > 0) return this.answer(answers, apex);
        return this.negative(this.existing.has(name) ? RCODE.NOERROR : RCODE.NXDOMAIN, apex);
      }
      const matching = qtype === 'ANY' ? here : here.filter((r) => r.type === qtype);
      if (matching.length > 0) return this.answer([...answers, ...matching], apex);
      const cname = here.find((r) => r.type === 'CNAME');
      if (!cname) return { ...this.negative(RCODE.NOERROR, apex), answers };
      answers.push(cname);
      const target = String(cname.data);
      if (!this.chaseFrom.has(name) || !this.sameZone(target, apex)) return this.answer(answers, apex);
      name = nameKey(target);
    }
    return this.answer(answers, apex);
  }

  transferRecords(): undefined {
    return undefined; // a probe zone changes every run: nothing to transfer
  }

  private addApex(origin: string): void {
    const soa: DnsRecord = {
      name: origin, type: 'SOA', class: 'IN', ttl: NEGATIVE_TTL,
      data: { mname: `ns.${origin}`, rname: `hostmaster.${origin}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: NEGATIVE_TTL },
    };
    this.apexes.push({ origin, key: nameKey(origin), soa });
    this.apexes.sort((a, b) => b.key.length - a.key.length);
    this.addRecords([soa, ...this.nsRecords(origin)]);
  }

  private nsRecords(origin: string): DnsRecord[] {
    const host = `ns.${origin}`;
    const v6 = this.nameServerAddress.includes(':');
    return [
      { name: origin, type: 'NS', class: 'IN', ttl: 3600, data: host },
      { name: host, type: v6 ? 'AAAA' : 'A', class: 'IN', ttl: 3600, data: this.nameServerAddress },
    ];
  }

  private apexOf(key: string): Apex {
    return this.apexes.find((a) => key === a.key || key.endsWith(`.${a.key}`)) ?? this.apexes.find((a) => a.key === this.originKey)!;
  }

  private sameZone(name: string, apex: Apex): boolean {
    return this.apexOf(nameKey(name)) === apex;
  }

  private dnameAbove(key: string, apex: Apex): DnsRecord | undefined {
    for (let name = parentKey(key); name.length >= apex.key.length && name !== ''; name = parentKey(name)) {
      const dname = this.byName.get(name)?.find((r) => r.type === 'DNAME');
      if (dname) return dname;
      if (name === apex.key) break;
    }
    return undefined;
  }

  private answer(answers: DnsRecord[], apex: Apex): LookupResult {
    return { rcode: RCODE.NOERROR, aa: true, answers, authorities: [], additionals: [], zone: apex.origin };
  }

  private negative(rcode: number, apex: Apex): LookupResult {
    return { rcode, aa: true, answers: [], authorities: [apex.soa], additionals: [], zone: apex.origin };
  }
}

function parentKey(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? '' : key.slice(dot + 1);
}
