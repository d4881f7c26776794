// Turns a declarative scenario into records for one query. Every name is
// derived from the query name, so `<id>.<anything>.order.test` gets a chain of
// its own (clients can defeat caches) and a follow-up query for a chain
// target can be recognised and answered.

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

export function chainFor(shape: ChainShape, qname: string, qtype: string): Chain {
  const names = [qname];
  if (shape.dname) {
    // www.src.B  --DNAME src.B -> dst.B-->  www.dst.B
    names.push(`www.dst.${parentOf(qname, 2)}`);
  } else {
    for (let hop = 1; hop <= shape.hops; hop++) names.push(`${hopLabel(hop, shape.hops)}.${qname}`);
  }
  const terminalType = qtype.toUpperCase() === 'AAAA' ? 'AAAA' : qtype.toUpperCase() === 'A' ? 'A' : null;
  return { names, terminalOwner: names[names.length - 1]!, terminalType };
}

function recase(name: string, mode: ChainShape['ownerCase']): string {
  if (!mode) return name;
  if (mode === 'upper') return name.toUpperCase();
  let upper = false;
  return [...name].map((ch) => (/[a-z]/i.test(ch) ? ((upper = !upper) ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join('');
}

export function materialise(def: ScenarioDefinition, input: MaterialiseInput): { answers: DnsRecord[]; additionals: DnsRecord[] } {
  const chain = chainFor(def.chain, input.qname, input.qtype);
  const zone = input.zone ?? 'order.test';
  const build = (items: LayoutItem[] | undefined) => (items ?? []).flatMap((item) => recordsFor(item, def, chain, input, zone));
  return { answers: build(def.answer), additionals: build(def.additional) };
}

function ownerOf(hop: number, def: ScenarioDefinition, chain: Chain): string {
  const name = chain.names[hop]!;
  return hop === 0 ? name : recase(name, def.chain.ownerCase);
}

function recordsFor(item: LayoutItem, def: ScenarioDefinition, chain: Chain, input: MaterialiseInput, zone: string): DnsRecord[] {
  const shape = def.chain;
  const hops = chain.names.length - 1;
  if ('cname' in item) {
    const hop = item.cname;
    if (hop < 0 || hop >= hops) throw new DnsorderError('ERR_SCENARIO_LAYOUT', `scenario ${def.id}: no CNAME at hop ${hop}`);
    const target = shape.loop && hop === hops - 1 ? chain.names[0]! : chain.names[hop + 1]!;
    return [{ name: ownerOf(hop, def, chain), type: 'CNAME', class: 'IN', ttl: DEFAULT_TTL, data: target }];
  }
  if ('terminal' in item) {
    if (!chain.terminalType || shape.loop) return [];
    const count = shape.terminalRecords ?? 2;
    const indexes = item.terminal === 'all' ? [...Array(count).keys()] : [item.terminal];
    return indexes.map((i) => ({
      name: ownerOf(hops, def, chain), type: chain.terminalType!, class: 'IN', ttl: DEFAULT_TTL,
      data: terminalAddress(chain.terminalType!, i),
    }));
  }
  if ('rrsig' in item) {
    const covered = item.rrsig === 'terminal' ? chain.terminalType : 'CNAME';
    if (!covered) return [];
    const hop = item.rrsig === 'terminal' ? hops : item.rrsig.cname;
    const owner = ownerOf(hop, def, chain);
    return [{
      name: owner, type: 'RRSIG', class: 'IN', ttl: DEFAULT_TTL,
      data: {
        typeCovered: covered, algorithm: 13, labels: nameToLabels(owner).length, originalTTL: DEFAULT_TTL,
        expiration: 1893456000, inception: 1767225600, keyTag: 4242, signersName: zone,
        signature: Buffer.alloc(64, 0x5a),
      },
    }];
  }
  if ('unrelated' in item) {
    const type = chain.terminalType ?? 'A';
    return [{ name: `unrelated.${parentOf(chain.names[0]!)}`, type, class: 'IN', ttl: DEFAULT_TTL, data: type === 'A' ? UNRELATED_A : UNRELATED_AAAA }];
  }
  if ('dname' in item) {
    const q = chain.names[0]!;
    return [{ name: parentOf(q), type: 'DNAME', class: 'IN', ttl: DEFAULT_TTL, data: `dst.${parentOf(q, 2)}` }];
  }
  return [extraRecord(item.extra, chain.names[0]!, zone)];
}

function extraRecord(kind: ExtraKind, owner: string, zone: string): DnsRecord {
  switch (kind) {
    case 'zonemd':
      return { name: zone, type: 'ZONEMD', class: 'IN', ttl: DEFAULT_TTL, data: RFC8976_A1_ZONEMD };
    case 'private-use':
      return { name: owner, type: 'TYPE65280', class: 'IN', ttl: DEFAULT_TTL, data: Buffer.from('dnsorder private-use type 65280') };
    case 'svcb':
      // priority 1, target ".", alpn=h2 (key 1, length 3, "\x02h2")
      return { name: `_dns.${owner}`, type: 'SVCB', class: 'IN', ttl: DEFAULT_TTL, data: Buffer.from('0001' + '00' + '0001' + '0003' + '026832', 'hex') };
    case 'https':
      return { name: owner, type: 'HTTPS', class: 'IN', ttl: DEFAULT_TTL, data: Buffer.from('0001' + '00' + '0001' + '0003' + '026832', 'hex') };
  }
}

/** Case-insensitive key of a chain name, for follow-up query matching. */
export function chainKeys(chain: Chain): string[] {
  return chain.names.map(nameKey);
}
