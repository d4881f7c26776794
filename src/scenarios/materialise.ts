// Turns a chain shape and a layout into records for one query name: the one
// materialiser of the scenario catalogue and the probe suite (src/probe/plan.ts).
// Every name is derived from the query name, so `<id>.<anything>.order.test`
// gets a chain of its own (clients can defeat caches) and a follow-up query
// for a chain target can be recognised and answered.

import type { DnsRecord } from '../wire/message.js';
import { DnsorderError } from '../errors.js';
import { nameKey, nameToLabels, labelsToName } from '../rdata/name.js';
import type { ChainShape, ExtraKind, LayoutItem, ScenarioDefinition } from './layout.js';

export const DEFAULT_TTL = 300;
export const UNRELATED_A = '198.51.100.66';
export const UNRELATED_AAAA = '2001:db8:bad::66';
/** RFC 8976 Appendix A.1's ZONEMD RDATA: a real record of a type stubs do not know. */
const RFC8976_A1_ZONEMD = {
  serial: 2018031900, scheme: 1, algorithm: 1,
  digest: Buffer.from('c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c', 'hex'),
};

export interface MaterialiseInput {
  /** The name the client asked for (any letter case). */
  qname: string;
  qtype: string;
  /** Zone the scenarios are served under (signer name of RRSIGs). */
  zone?: string;
}

export interface Chain {
  /** hop names, hops[0] = query name; the terminal owner is the last. */
  names: string[];
  terminalOwner: string;
  terminalType: 'A' | 'AAAA' | null;
}

export function terminalAddress(type: 'A' | 'AAAA', index: number): string {
  return type === 'A' ? `192.0.2.${index + 1}` : `2001:db8::${(index + 1).toString(16)}`;
}

/** The label of CNAME hop `hop` of `hops`: "edge" for one, "cdn" then "edge" for two, else "hop<n>". */
export function hopLabel(hop: number, hops: number): string {
  if (hops === 1) return 'edge';
  if (hops === 2) return hop === 1 ? 'cdn' : 'edge';
  return `hop${hop}`;
}

function parentOf(name: string, levels = 1): string {
  return labelsToName(nameToLabels(name).slice(levels));
}

/** The prefix a client puts in front of `<id>.<zone>` to ask this scenario's question. */
export function queryPrefix(def: Pick<ScenarioDefinition, 'chain'>): string | undefined {
  return def.chain.dname ? 'www.src' : undefined;
}

/** Where a chain's names hang: hop names go under `base` (default the query name), delegated ones under `delegatedBase`. */
export interface ChainBases {
  base?: string;
  delegatedBase?: string;
}

export function chainFor(shape: ChainShape, qname: string, qtype: string, bases: ChainBases = {}): Chain {
  const names = [qname];
  if (shape.dname) {
    // www.src.B  --DNAME src.B -> dst.B-->  www.dst.B
    names.push(`www.dst.${parentOf(qname, 2)}`);
  } else {
    const under = (hop: number) => (shape.delegated?.includes(hop) && bases.delegatedBase ? bases.delegatedBase : bases.base ?? qname);
    for (let hop = 1; hop <= shape.hops; hop++) names.push(`${hopLabel(hop, shape.hops)}.${under(hop)}`);
  }
  const terminalType = qtype.toUpperCase() === 'AAAA' ? 'AAAA' : qtype.toUpperCase() === 'A' ? 'A' : null;
  return { names, terminalOwner: names[names.length - 1]!, terminalType };
}

/** Every other letter upper case, starting upper: "CdN.EdGe…" (the case a client must keep or fold, never mistake for another name). */
export function mixedCase(name: string): string {
  let upper = false;
  return [...name].map((ch) => (/[a-z]/i.test(ch) ? ((upper = !upper) ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join('');
}

function recase(name: string, mode: ChainShape['ownerCase']): string {
  if (!mode) return name;
  return mode === 'upper' ? name.toUpperCase() : mixedCase(name);
}

export interface ChainRecordsInput extends ChainBases {
  /** The chain's first name (any letter case). */
  qname: string;
  qtype: string;
  /** Signer of RRSIGs and owner of a ZONEMD (default order.test). */
  zone?: string;
  /** TTL of every record the shape gives none (default DEFAULT_TTL). */
  ttl?: number;
  /** The record an `unrelated` item stands for (default: an address of unrelated.<parent of the query name>). */
  unrelated?: DnsRecord;
  /** Whose layout this is, for errors ("scenario cname-last"). */
  owner: string;
}

/** A chain's records by role: each CNAME, the terminal RRset, the DNAME, and any layout of them. */
export interface ChainRecords {
  chain: Chain;
  /** The CNAME owned by hop `hop`. */
  cname(hop: number): DnsRecord;
  /** `count` (default the shape's) address records of `type` (default the query's) at the terminal owner. */
  terminal(type?: 'A' | 'AAAA', count?: number): DnsRecord[];
  /** The DNAME the first CNAME is synthesized from (src.<base> → dst.<base>). */
  dname(): DnsRecord;
  /** The records of a layout, item by item, in its order. */
  layout(items: readonly LayoutItem[] | undefined): DnsRecord[];
}

/** The one materialiser: a chain shape and a query name in, its records by role out (scenarios and probe tests alike). */
export function chainRecords(shape: ChainShape, input: ChainRecordsInput): ChainRecords {
  const chain = chainFor(shape, input.qname, input.qtype, input);
  const zone = input.zone ?? 'order.test';
  const defaultTtl = input.ttl ?? DEFAULT_TTL;
  const hops = chain.names.length - 1;
  const cnameTtl = (hop: number): number => {
    const spec = shape.ttl?.cnames;
    if (spec === undefined) return defaultTtl;
    return typeof spec === 'number' ? spec : spec[hop] ?? defaultTtl;
  };
  const ownerOf = (hop: number): string => (hop === 0 ? chain.names[0]! : recase(chain.names[hop]!, shape.ownerCase));

  const cname = (hop: number): DnsRecord => {
    if (hop < 0 || hop >= hops) throw new DnsorderError('ERR_SCENARIO_LAYOUT', `${input.owner}: no CNAME at hop ${hop}`);
    const target = shape.loop && hop === hops - 1 ? chain.names[0]! : chain.names[hop + 1]!;
    return { name: ownerOf(hop), type: 'CNAME', class: 'IN', ttl: cnameTtl(hop), data: target };
  };
  const terminalTtl = shape.ttl?.terminal ?? defaultTtl;
  const terminalRecord = (type: 'A' | 'AAAA', i: number): DnsRecord =>
    ({ name: ownerOf(hops), type, class: 'IN', ttl: terminalTtl, data: terminalAddress(type, i) });
  const terminal = (type = chain.terminalType ?? undefined, count = shape.terminalRecords ?? 2): DnsRecord[] =>
    (type ? Array.from({ length: count }, (_, i) => terminalRecord(type, i)) : []);
  const dname = (): DnsRecord => {
    const q = chain.names[0]!;
    return { name: parentOf(q), type: 'DNAME', class: 'IN', ttl: cnameTtl(0), data: `dst.${parentOf(q, 2)}` };
  };

  const recordsFor = (item: LayoutItem): DnsRecord[] => {
    if ('cname' in item) return [cname(item.cname)];
    if ('terminal' in item) {
      if (!chain.terminalType || shape.loop) return [];
      return item.terminal === 'all' ? terminal() : [terminalRecord(chain.terminalType, item.terminal)];
    }
    if ('rrsig' in item) {
      const covered = item.rrsig === 'terminal' ? chain.terminalType : 'CNAME';
      if (!covered) return [];
      const owner = ownerOf(item.rrsig === 'terminal' ? hops : item.rrsig.cname);
      return [{
        name: owner, type: 'RRSIG', class: 'IN', ttl: defaultTtl,
        data: {
          typeCovered: covered, algorithm: 13, labels: nameToLabels(owner).length, originalTTL: defaultTtl,
          expiration: 1893456000, inception: 1767225600, keyTag: 4242, signersName: zone,
          signature: Buffer.alloc(64, 0x5a),
        },
      }];
    }
    if ('unrelated' in item) {
      if (input.unrelated) return [input.unrelated];
      const type = chain.terminalType ?? 'A';
      return [{ name: `unrelated.${parentOf(chain.names[0]!)}`, type, class: 'IN', ttl: defaultTtl, data: type === 'A' ? UNRELATED_A : UNRELATED_AAAA }];
    }
    if ('dname' in item) return [dname()];
    return [extraRecord(item.extra, chain.names[0]!, zone, defaultTtl)];
  };
  return { chain, cname, terminal, dname, layout: (items) => (items ?? []).flatMap(recordsFor) };
}

/** A scenario's answer and additional sections for one query. */
export function materialise(def: ScenarioDefinition, input: MaterialiseInput): { answers: DnsRecord[]; additionals: DnsRecord[] } {
  const records = chainRecords(def.chain, { ...input, owner: `scenario ${def.id}` });
  return { answers: records.layout(def.answer), additionals: records.layout(def.additional) };
}

function extraRecord(kind: ExtraKind, owner: string, zone: string, ttl: number): DnsRecord {
  switch (kind) {
    case 'zonemd':
      return { name: zone, type: 'ZONEMD', class: 'IN', ttl, data: RFC8976_A1_ZONEMD };
    case 'private-use':
      return { name: owner, type: 'TYPE65280', class: 'IN', ttl, data: Buffer.from('dnsorder private-use type 65280') };
    case 'svcb':
      // priority 1, target ".", alpn=h2 (key 1, length 3, "\x02h2")
      return { name: `_dns.${owner}`, type: 'SVCB', class: 'IN', ttl, data: Buffer.from('0001' + '00' + '0001' + '0003' + '026832', 'hex') };
    case 'https':
      return { name: owner, type: 'HTTPS', class: 'IN', ttl, data: Buffer.from('0001' + '00' + '0001' + '0003' + '026832', 'hex') };
  }
}

/** Case-insensitive key of a chain name, for follow-up query matching. */
export function chainKeys(chain: Chain): string[] {
  return chain.names.map(nameKey);
}
