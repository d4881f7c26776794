// RFC 1034 §5.2.2 read of an answer section, independent of order: start at
// the query name, follow CNAMEs by owner (case-insensitively, as a set), stop
// on a loop, then take the records of the query type at the final name. This
// is the reference every scenario's expected result and every analyzer rule is
// measured against.

import type { DnsRecord } from '../wire/message.js';
import { safeKey } from '../rdata/name.js';

// Kept here for the analyzer and the `order` barrel: a key even for text that is not a valid name.
export { safeKey } from '../rdata/name.js';

export interface ChainResolution {
  /** Names visited, starting with the query name; the last is the canonical name. */
  names: string[];
  /** Indexes (in the input) of the CNAME records followed, in chain order. */
  cnameIndexes: number[];
  /** Indexes of the records of the query type at the final name. */
  terminalIndexes: number[];
  loop: boolean;
  /** The chain ended at a name with no record of the query type. */
  dangling: boolean;
  /** Final name (as written in the last CNAME's RDATA, or the query name). */
  canonical: string;
}

export function resolveChain(records: readonly DnsRecord[], qname: string, qtype: string): ChainResolution {
  // An owner with CNAMEs to different targets (RFC 2181 §10.1 forbids it) is ambiguous: the chain
  // stops there rather than follow whichever came first, so the reading stays independent of order.
  const cnamesByOwner = new Map<string, number>();
  const ambiguous = new Set<string>();
  records.forEach((r, i) => {
    if (r.type.toUpperCase() !== 'CNAME') return;
    const owner = safeKey(r.name);
    const seen = cnamesByOwner.get(owner);
    if (seen === undefined) cnamesByOwner.set(owner, i);
    else if (safeKey(String(records[seen]!.data)) !== safeKey(String(r.data))) ambiguous.add(owner);
  });
  const names = [qname];
  const cnameIndexes: number[] = [];
  const seen = new Set([safeKey(qname)]);
  let current = qname;
  let loop = false;
  let conflict = false;
  const wantCname = qtype.toUpperCase() === 'CNAME';
  for (;;) {
    if (wantCname) break;
    if (ambiguous.has(safeKey(current))) {
      conflict = true;
      break;
    }
    const index = cnamesByOwner.get(safeKey(current));
    if (index === undefined) break;
    const target = String(records[index]!.data);
    cnameIndexes.push(index);
    if (seen.has(safeKey(target))) {
      loop = true;
      break;
    }
    seen.add(safeKey(target));
    names.push(target);
    current = target;
  }
  const terminalIndexes: number[] = [];
  if (!loop && !conflict) {
    const key = safeKey(current);
    records.forEach((r, i) => {
      if (r.type.toUpperCase() === qtype.toUpperCase() && safeKey(r.name) === key) {
        terminalIndexes.push(i);
      }
    });
  }
  return { names, cnameIndexes, terminalIndexes, loop, dangling: !loop && terminalIndexes.length === 0, canonical: current };
}

/** What a client following RFC 1034 §5.2.2 returns: addresses in answer order (duplicates once) and the canonical name. */
export interface ExpectedResult {
  addresses: string[];
  canonical: string | null;
  /** 'ok' when addresses are expected; otherwise why none are. */
  kind: 'addresses' | 'no-address' | 'loop';
}

export function expectedFromRecords(records: readonly DnsRecord[], qname: string, qtype: string): ExpectedResult {
  const chain = resolveChain(records, qname, qtype);
  if (chain.loop) return { addresses: [], canonical: null, kind: 'loop' };
  const addresses: string[] = [];
  for (const i of chain.terminalIndexes) {
    const value = String(records[i]!.data);
    if (!addresses.includes(value)) addresses.push(value);
  }
  return {
    addresses,
    canonical: addresses.length > 0 ? chain.canonical : null,
    kind: addresses.length > 0 ? 'addresses' : 'no-address',
  };
}
