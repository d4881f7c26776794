// The synthesized zone that replays the scenario catalogue (default
// `order.test`): `<id>[.labels].<zone>` answers the scenario in its order,
// follow-ups for chain targets get the rest of the chain, the apex has SOA and
// NS (with glue), names inside a scenario without data are NODATA, anything
// else is NXDOMAIN with the SOA (the catalogue's "unknown scenario" answer; a
// resolver that minimises QNAMEs meets it on the extra labels, so ask those
// without extra labels or turn minimisation off for the zone).

import { scenarioRecords } from '../scenarios/response.js';
import type { DnsRecord } from '../wire/message.js';
import { RCODE } from '../wire/message.js';
import { nameKey, stripTrailingDot } from '../rdata/name.js';
import type { LookupResult, ServedZone } from './lookup.js';

export const DEFAULT_SCENARIO_ZONE = 'order.test';
const APEX_TTL = 300;
const SOA_SERIAL = 2026010801;

export interface ScenarioZoneOptions {
  origin?: string;
  /** Address given as glue for `ns.<zone>` (default 127.0.0.1). */
  glueAddress?: string;
}

export class ScenarioZone implements ServedZone {
  readonly origin: string;
  private readonly originKey: string;
  private readonly nsName: string;
  private readonly nsKey: string;
  private readonly soa: DnsRecord;
  private readonly glue: DnsRecord;

  constructor(options: ScenarioZoneOptions = {}) {
    this.origin = stripTrailingDot(options.origin ?? DEFAULT_SCENARIO_ZONE);
    this.originKey = nameKey(this.origin);
    this.nsName = `ns.${this.origin}`;
    this.nsKey = nameKey(this.nsName);
    this.soa = {
      name: this.origin, type: 'SOA', class: 'IN', ttl: APEX_TTL,
      data: { mname: this.nsName, rname: `hostmaster.${this.origin}`, serial: SOA_SERIAL, refresh: 3600, retry: 600, expire: 86400, minimum: APEX_TTL },
    };
    const glueType = options.glueAddress?.includes(':') ? 'AAAA' : 'A';
    this.glue = { name: this.nsName, type: glueType, class: 'IN', ttl: APEX_TTL, data: options.glueAddress ?? '127.0.0.1' };
  }

  lookup(qname: string, qtype: string): LookupResult {
    const key = nameKey(qname);
    if (key === this.originKey) return this.apex(qname, qtype);
    if (key === this.nsKey) {
      const answers = qtype === this.glue.type || qtype === 'ANY' ? [{ ...this.glue, name: qname }] : [];
      return this.result(RCODE.NOERROR, true, answers, answers.length ? [] : [this.soa]);
    }
    // Records only: the expected client result is the catalogue's business, not the server's (and most of the cost).
    const scenarioAnswer = scenarioRecords(qname, qtype, this.origin);
    if (!scenarioAnswer) return this.result(RCODE.NXDOMAIN, true, [], [this.soa]);
    const { scenario, primary } = scenarioAnswer;
    // The scenario's options are how its answers are encoded (compression, truncation, mutation).
    const base = { zone: this.origin, scenario: scenario.id, encoding: scenario.options, followUp: !primary };
    if (qtype === 'ANY') {
      // RFC 8482 §4.2: answer ANY with one synthesized HINFO instead of everything.
      const hinfo: DnsRecord = { name: qname, type: 'HINFO', class: 'IN', ttl: 3789, data: { cpu: 'RFC8482', os: '' } };
      return { ...base, rcode: RCODE.NOERROR, aa: false, answers: [hinfo], authorities: [], additionals: [] };
    }
    if (scenarioAnswer.answers.length === 0) {
      // A name inside a scenario with nothing of this type (e.g. <base> of a DNAME scenario): NODATA.
      return { ...base, rcode: RCODE.NOERROR, aa: true, answers: [], authorities: [this.soa], additionals: [] };
    }
    // A and AAAA: the scenario's answer; a record of exactly the asked type at a name inside it (the DNAME at src.<base>).
    if (qtype === 'A' || qtype === 'AAAA' || (!primary && scenarioAnswer.answers.every((r) => r.type === qtype))) {
      // The scenario as data, exactly in its order: a recursive resolver's answer, so not authoritative.
      return { ...base, rcode: RCODE.NOERROR, aa: false, answers: scenarioAnswer.answers, authorities: [], additionals: scenarioAnswer.additionals };
    }
    // Other types: the alias chain (if any), then NODATA with the SOA.
    let chain = scenarioAnswer.answers.filter((r) => r.type === 'CNAME' || r.type === 'DNAME');
    if (qtype === 'CNAME') chain = chain.filter((r) => r.type === 'CNAME' && nameKey(r.name) === key).slice(0, 1);
    return { ...base, rcode: RCODE.NOERROR, aa: false, answers: chain, authorities: [this.soa], additionals: [] };
  }

  private apex(qname: string, qtype: string): LookupResult {
    const ns: DnsRecord = { name: qname, type: 'NS', class: 'IN', ttl: APEX_TTL, data: this.nsName };
    switch (qtype) {
      case 'SOA':
      case 'ANY': // RFC 8482: one RRset is enough.
        return this.result(RCODE.NOERROR, true, [{ ...this.soa, name: qname }], []);
      case 'NS':
        return this.result(RCODE.NOERROR, true, [ns], [], [this.glue]);
      default:
        return this.result(RCODE.NOERROR, true, [], [this.soa]);
    }
  }

  private result(rcode: number, aa: boolean, answers: DnsRecord[], authorities: DnsRecord[], additionals: DnsRecord[] = []): LookupResult {
    return { rcode, aa, answers, authorities, additionals, zone: this.origin };
  }

  /** The scenario zone is synthesized from any name below it, so it has no finite transfer. */
  transferRecords(): undefined {
    return undefined;
  }
}
