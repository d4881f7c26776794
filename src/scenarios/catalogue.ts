// The scenario catalogue, as data. Ids are stable: other tools, reports and
// expectation files rely on them. Layout items are by role (src/scenarios/layout.ts).

import type { LayoutItem, ScenarioDefinition } from './layout.js';
import { factorial, permutationByIndex, seededShuffle } from './permutations.js';

const c = (hop: number): LayoutItem => ({ cname: hop });
const T: LayoutItem = { terminal: 'all' };
const t = (i: number): LayoutItem => ({ terminal: i });
const sigC = (hop: number): LayoutItem => ({ rrsig: { cname: hop } });
const sigT: LayoutItem = { rrsig: 'terminal' };
const U: LayoutItem = { unrelated: 'address' };
const two = { hops: 2 };
const ORDER_SPEC = ['rfc1034-4.3.1', 'rfc1034-5.2.2', 'draft-ordered', 'draft-cname-order'];

/** The canonical layout of a k-hop chain: each CNAME in chain order, then the terminal RRset. */
export function canonicalLayout(hops: number): LayoutItem[] {
  return [...Array.from({ length: hops }, (_, i) => c(i)), T];
}

const NAMED: ScenarioDefinition[] = [
  // --- the five layouts DESIGN.md pins -------------------------------------------------------
  { id: 'canonical', title: 'Chain in order, then the terminal RRset', category: 'order', conformant: true, chain: two,
    description: 'The CNAME at the query name, the CNAME at its target, then the address RRset at the end of the chain: the order every resolver is expected to send.',
    spec: ORDER_SPEC, answer: canonicalLayout(2) },
  { id: 'cname-last', title: 'Terminal RRset first, then the chain (2026-01-08)', category: 'order', conformant: false, chain: two,
    description: 'The address records come before the CNAMEs that lead to them: the layout a public resolver sent on 2026-01-08 after merging a partially expired chain from cache. Sequential parsers that track one expected name find no address.',
    spec: ORDER_SPEC, answer: [T, c(0), c(1)] },
  { id: 'chain-reversed', title: 'CNAMEs in reverse chain order, then the terminal RRset', category: 'order', conformant: false, chain: two,
    description: 'The CNAME at the second hop comes before the CNAME at the query name; the addresses come last.',
    spec: ORDER_SPEC, answer: [c(1), c(0), T] },
  { id: 'terminal-interleaved', title: 'First CNAME, terminal RRset, last CNAME', category: 'order', conformant: false, chain: two,
    description: 'The terminal RRset sits between the two CNAMEs, so a sequential parser meets the addresses before it has followed the last hop.',
    spec: ORDER_SPEC, answer: [c(0), T, c(1)] },
  { id: 'unrelated-first', title: 'An unrelated address first, then the canonical answer', category: 'unrelated', conformant: false, chain: two,
    description: 'An address record for a name outside the chain precedes the canonical answer. A client that returns that address trusts data it never asked for: a security bug.',
    spec: [...ORDER_SPEC, 'rfc1034-5.2.2'], answer: [U, ...canonicalLayout(2)] },
  // --- order variants -------------------------------------------------------------------------
  { id: 'cname-last-reversed', title: 'Terminal RRset first, then the chain reversed', category: 'order', conformant: false, chain: two,
    description: 'Addresses first, then the CNAMEs from the last hop back to the query name: the worst order for a sequential parser.',
    spec: ORDER_SPEC, answer: [T, c(1), c(0)] },
  { id: 'terminal-split', title: 'Terminal RRset split around the last CNAME', category: 'order', conformant: false, chain: two,
    description: 'One address record before the last CNAME and one after it: the terminal RRset is not contiguous.',
    spec: [...ORDER_SPEC, 'rfc2181-5'], answer: [c(0), t(0), c(1), t(1)] },
  { id: 'terminal-split-first', title: 'One terminal record first, the rest after the chain', category: 'order', conformant: false, chain: two,
    description: 'The first address record precedes the whole chain, the second follows it.',
    spec: [...ORDER_SPEC, 'rfc2181-5'], answer: [t(0), c(0), c(1), t(1)] },
  // --- one-hop and chain length ---------------------------------------------------------------
  { id: 'one-hop', title: 'One CNAME, then the terminal RRset', category: 'chain-length', conformant: true, chain: { hops: 1 },
    description: 'The simplest alias: one CNAME from the query name to the terminal owner.', spec: ORDER_SPEC, answer: canonicalLayout(1) },
  { id: 'one-hop-last', title: 'Terminal RRset, then one CNAME', category: 'order', conformant: false, chain: { hops: 1 },
    description: 'A one-hop chain with the addresses before the CNAME.', spec: ORDER_SPEC, answer: [T, c(0)] },
  ...[8, 16, 17, 33].map((hops): ScenarioDefinition => ({
    id: `long-${hops}`, title: `${hops}-hop chain in order`, category: 'chain-length', conformant: true, chain: { hops },
    description: `A canonical chain of ${hops} CNAMEs: around the hop limits clients apply (dnspython and systemd-resolved stop at 16, others at 8 or 10, some have none).`,
    spec: ['rfc1034-3.6.2', ...ORDER_SPEC], answer: canonicalLayout(hops),
  })),
  { id: 'long-8-last', title: '8-hop chain with the terminal RRset first', category: 'chain-length', conformant: false, chain: { hops: 8 },
    description: 'The 2026-01-08 layout on a long chain.', spec: ORDER_SPEC, answer: [T, ...canonicalLayout(8).slice(0, -1)] },
  // --- letter case ----------------------------------------------------------------------------
  { id: 'owner-case-upper', title: 'Chain owners in upper case, targets in lower case', category: 'case', conformant: true,
    chain: { hops: 2, ownerCase: 'upper' },
    description: 'Each CNAME target is written in lower case but the records owned by it are written in upper case. Names compare case-insensitively; a parser using a case-sensitive comparison loses the chain.',
    spec: ['rfc4343', ...ORDER_SPEC], answer: canonicalLayout(2) },
  { id: 'owner-case-mixed', title: 'Chain owners in mixed case', category: 'case', conformant: true, chain: { hops: 2, ownerCase: 'mixed' },
    description: 'Owners continue the chain in alternating letter case (as 0x20-randomising resolvers produce).',
    spec: ['rfc4343', ...ORDER_SPEC], answer: canonicalLayout(2) },
  { id: 'owner-case-mixed-last', title: 'Mixed-case owners with the terminal RRset first', category: 'case', conformant: false,
    chain: { hops: 2, ownerCase: 'mixed' }, description: 'Both hazards at once: letter case and the 2026 order.',
    spec: ['rfc4343', ...ORDER_SPEC], answer: [T, c(0), c(1)] },
  // --- duplicates -----------------------------------------------------------------------------
  { id: 'duplicate-cname', title: 'The first CNAME twice', category: 'duplicates', conformant: true, chain: two,
    description: 'The CNAME at the query name appears twice in a row. RFC 2181 asks servers to suppress duplicates; clients must cope.',
    spec: ['rfc2181-5', ...ORDER_SPEC], answer: [c(0), c(0), c(1), T] },
  { id: 'duplicate-terminal', title: 'A terminal record twice', category: 'duplicates', conformant: true, chain: two,
    description: 'The first address record appears twice in the terminal RRset.', spec: ['rfc2181-5', ...ORDER_SPEC],
    answer: [c(0), c(1), t(0), t(0), t(1)] },
  { id: 'duplicate-chain', title: 'The whole chain repeated after the answer', category: 'duplicates', conformant: false, chain: two,
    description: 'The canonical answer followed by the two CNAMEs again, as a cache merge that appends without deduplicating might send.',
    spec: ['rfc2181-5', ...ORDER_SPEC], answer: [...canonicalLayout(2), c(0), c(1)] },
  // --- unrelated records ----------------------------------------------------------------------
  { id: 'unrelated-last', title: 'Canonical answer, then an unrelated address', category: 'unrelated', conformant: true, chain: two,
    description: 'An address record for a name outside the chain follows the canonical answer.', spec: ['rfc1034-5.2.2', ...ORDER_SPEC],
    answer: [...canonicalLayout(2), U] },
  { id: 'unrelated-instead', title: 'An unrelated address instead of the terminal RRset', category: 'unrelated', conformant: false, chain: two,
    description: 'The chain is complete but the address record belongs to another name: the correct result is no address. A client that returns it is vulnerable to answer injection.',
    spec: ['rfc1034-5.2.2', ...ORDER_SPEC], answer: [c(0), c(1), U] },
  { id: 'unrelated-between', title: 'An unrelated address between the CNAMEs', category: 'unrelated', conformant: false, chain: two,
    description: 'An address for a name outside the chain sits between the first and the last CNAME.',
    spec: ['rfc1034-5.2.2', ...ORDER_SPEC], answer: [c(0), U, c(1), T] },
  // --- degenerate chains ----------------------------------------------------------------------
  { id: 'cname-loop', title: 'CNAME loop', category: 'degenerate', conformant: false, chain: { hops: 2, loop: true },
    description: 'The last CNAME points back at the query name. Clients must detect the loop and fail, not spin.',
    spec: ['rfc1034-3.6.2'], answer: [c(0), c(1)] },
  { id: 'dangling-cname', title: 'Dangling chain: no terminal RRset', category: 'degenerate', conformant: true, chain: two,
    description: 'The chain is complete but no address follows (as in a NODATA answer at the end of a chain). The correct result is no address.',
    spec: ORDER_SPEC, answer: [c(0), c(1)] },
  { id: 'terminal-only', title: 'Terminal RRset only, without the chain', category: 'degenerate', conformant: false, chain: two,
    description: 'The address records of the chain\'s end with none of the CNAMEs that lead there. No record is owned by the query name, so the correct result is no address.',
    spec: ['rfc1034-5.2.2', ...ORDER_SPEC], answer: [T] },
  { id: 'no-chain', title: 'Address records at the query name, no CNAME', category: 'degenerate', conformant: true, chain: { hops: 0 },
    description: 'A plain answer: the baseline every client must get right.', spec: ['rfc1034-4.3.1'], answer: [T] },
  // --- DNAME ----------------------------------------------------------------------------------
  { id: 'dname-canonical', title: 'DNAME, synthesized CNAME, then the addresses', category: 'dname', conformant: true, chain: { hops: 1, dname: true },
    description: 'The client asks for www.src.<base>; src.<base> has a DNAME to dst.<base>. The DNAME comes first, then the CNAME synthesized from it, then the addresses.',
    spec: ['rfc6672', ...ORDER_SPEC], answer: [{ dname: true }, c(0), T] },
  { id: 'dname-after-cname', title: 'Synthesized CNAME before its DNAME', category: 'dname', conformant: false, chain: { hops: 1, dname: true },
    description: 'The synthesized CNAME precedes the DNAME it was synthesized from.', spec: ['rfc6672', ...ORDER_SPEC],
    answer: [c(0), { dname: true }, T] },
  { id: 'dname-last', title: 'Addresses first, then the CNAME, then the DNAME', category: 'dname', conformant: false, chain: { hops: 1, dname: true },
    description: 'The DNAME answer in reverse.', spec: ['rfc6672', ...ORDER_SPEC], answer: [T, c(0), { dname: true }] },
  // --- DNSSEC signatures ----------------------------------------------------------------------
  { id: 'rrsig-after-each', title: 'Each RRSIG right after the RRset it covers', category: 'dnssec', conformant: true, chain: two,
    description: 'The usual signed answer: every RRset followed by its RRSIG.', spec: ['rfc4035-3.1.1', ...ORDER_SPEC],
    answer: [c(0), sigC(0), c(1), sigC(1), T, sigT] },
  { id: 'rrsig-before-each', title: 'Each RRSIG right before the RRset it covers', category: 'dnssec', conformant: true, chain: two,
    description: 'Signatures precede their RRsets. Nothing forbids it; parsers that expect a CNAME first meet an RRSIG.',
    spec: ['rfc4035-3.1.1', ...ORDER_SPEC], answer: [sigC(0), c(0), sigC(1), c(1), sigT, T] },
  { id: 'rrsig-at-end', title: 'All RRSIGs at the end (Knot\'s layout)', category: 'dnssec', conformant: true, chain: two,
    description: 'The chain and the terminal RRset, then all the signatures together, as Knot DNS lays out signed answers.',
    spec: ['rfc4035-3.1.1', ...ORDER_SPEC], answer: [c(0), c(1), T, sigC(0), sigC(1), sigT] },
  { id: 'rrsig-cname-last', title: 'Signed answer in the 2026 order', category: 'dnssec', conformant: false, chain: two,
    description: 'The terminal RRset and its RRSIG first, then the signed chain.', spec: ['rfc4035-3.1.1', ...ORDER_SPEC],
    answer: [T, sigT, c(0), sigC(0), c(1), sigC(1)] },
  // --- types a stub does not know -------------------------------------------------------------
  { id: 'zonemd-before-chain', title: 'A ZONEMD record before the chain', category: 'unknown-types', conformant: false, chain: two,
    description: 'A real ZONEMD (RFC 8976 A.1 RDATA) for the zone apex precedes the canonical answer; a parser must skip it by RDLENGTH.',
    spec: ['rfc8976', 'rfc3597', ...ORDER_SPEC], answer: [{ extra: 'zonemd' }, ...canonicalLayout(2)] },
  { id: 'zonemd-between', title: 'A ZONEMD record between the CNAMEs', category: 'unknown-types', conformant: false, chain: two,
    description: 'The ZONEMD record sits inside the chain.', spec: ['rfc8976', 'rfc3597', ...ORDER_SPEC],
    answer: [c(0), { extra: 'zonemd' }, c(1), T] },
  { id: 'zonemd-after', title: 'A ZONEMD record after the answer', category: 'unknown-types', conformant: true, chain: two,
    description: 'The canonical answer followed by a ZONEMD record.', spec: ['rfc8976', 'rfc3597', ...ORDER_SPEC],
    answer: [...canonicalLayout(2), { extra: 'zonemd' }] },
  { id: 'private-type-between', title: 'A private-use type (65280) inside the chain', category: 'unknown-types', conformant: false, chain: two,
    description: 'A TYPE65280 record owned by the query name sits between the CNAMEs.', spec: ['rfc3597', ...ORDER_SPEC],
    answer: [c(0), { extra: 'private-use' }, c(1), T] },
  { id: 'https-first', title: 'An HTTPS record at the query name first', category: 'unknown-types', conformant: false, chain: two,
    description: 'An HTTPS (65) record at the query name precedes the chain. Older parsers do not know the type.',
    spec: ['rfc9460', 'rfc3597', ...ORDER_SPEC], answer: [{ extra: 'https' }, ...canonicalLayout(2)] },
  { id: 'svcb-additional', title: 'Canonical answer, SVCB and ZONEMD in the additional section', category: 'unknown-types', conformant: true, chain: two,
    description: 'Records of unknown types in the additional section only.', spec: ['rfc9460', 'rfc8976', 'rfc3597', ...ORDER_SPEC],
    answer: canonicalLayout(2), additional: [{ extra: 'svcb' }, { extra: 'zonemd' }, { extra: 'private-use' }] },
  { id: 'rdlength-mismatch', title: 'An A record whose RDLENGTH disagrees with its RDATA', category: 'malformed', conformant: false, chain: two,
    description: 'The first terminal A record carries 5 octets of RDATA (RDLENGTH 5) instead of 4. The message still frames correctly; a parser must not read the address from it blindly.',
    spec: ['rfc1035-4.1.3', ...ORDER_SPEC], answer: canonicalLayout(2), options: { mutation: { name: 'extend-rdata', record: 2 } } },
  { id: 'count-mismatch', title: 'Header ANCOUNT one higher than the records', category: 'malformed', conformant: false, chain: two,
    description: 'The header announces one answer record more than the message holds.',
    spec: ['rfc1035-4.1.3', ...ORDER_SPEC], answer: canonicalLayout(2), options: { mutation: { name: 'answer-count-plus-one' } } },
  // --- size -----------------------------------------------------------------------------------
  { id: 'oversize-canonical', title: 'A canonical answer too large for 512 octets', category: 'size', conformant: true,
    chain: { hops: 2, terminalRecords: 40 },
    description: '40 address records after the chain: more than fits in 512 octets, so a UDP answer is truncated (TC, empty) and the client must retry over TCP.',
    spec: ['rfc1035-4.2.1', 'rfc6891', ...ORDER_SPEC], answer: canonicalLayout(2), options: { truncation: 'empty' } },
  { id: 'oversize-partial', title: 'Too large for UDP, truncated with the records that fit', category: 'size', conformant: true,
    chain: { hops: 2, terminalRecords: 40 },
    description: 'As oversize-canonical, but the truncated UDP answer carries the records that fit (TC set): a client that uses them instead of retrying over TCP sees only part of the RRset.',
    spec: ['rfc1035-4.2.1', 'rfc6891', ...ORDER_SPEC], answer: canonicalLayout(2), options: { truncation: 'partial' } },
  { id: 'oversize-cname-last', title: 'Too large for UDP, in the 2026 order', category: 'size', conformant: false, chain: { hops: 2, terminalRecords: 40 },
    description: 'The truncation path combined with the terminal-first layout.',
    spec: ['rfc1035-4.2.1', ...ORDER_SPEC], answer: [T, c(0), c(1)] },
  // --- compression ----------------------------------------------------------------------------
  { id: 'canonical-uncompressed', title: 'Canonical answer without name compression', category: 'order', conformant: true, chain: two,
    description: 'Every name written out in full: parsers that compare compressed owner names octet-for-octet see different bytes.',
    spec: ['rfc1035-4.1.4', ...ORDER_SPEC], answer: canonicalLayout(2), options: { compress: false } },
  { id: 'cname-last-uncompressed', title: 'The 2026 order without name compression', category: 'order', conformant: false, chain: two,
    description: 'cname-last with every name written in full.', spec: ['rfc1035-4.1.4', ...ORDER_SPEC],
    answer: [T, c(0), c(1)], options: { compress: false } },
];

/** AAAA variants of the main layouts: the same ids with -aaaa, queried for AAAA. */
const AAAA_OF = ['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'unrelated-first', 'owner-case-upper'];

function aaaaVariants(): ScenarioDefinition[] {
  return AAAA_OF.map((id) => {
    const base = NAMED.find((s) => s.id === id)!;
    return { ...base, id: `${id}-aaaa`, category: 'aaaa', qtype: 'AAAA', title: `${base.title} (AAAA)`,
      description: `${base.description} Queried for AAAA.` };
  });
}

/** Every permutation of a k-hop chain plus its terminal RRset, for k = 1..4: perm-<k>-<index>. */
function permutationScenarios(): ScenarioDefinition[] {
  const out: ScenarioDefinition[] = [];
  for (let hops = 1; hops <= 4; hops++) {
    const items = canonicalLayout(hops);
    for (let index = 0; index < factorial(hops + 1); index++) {
      const order = permutationByIndex(hops + 1, index);
      out.push({
        id: `perm-${hops}-${index}`, title: `Permutation ${index} of a ${hops}-hop chain`, category: 'permutation',
        conformant: index === 0, chain: { hops },
        description: `The ${hops} CNAMEs (c0..c${hops - 1}) and the terminal RRset (T) in the order ${order.map((i) => (i === hops ? 'T' : `c${i}`)).join(' ')}.`,
        spec: ORDER_SPEC, answer: order.map((i) => items[i]!),
      });
    }
  }
  return out;
}

/** Seeded random shuffles of longer chains: shuffle-<k>-s<seed>. */
function shuffleScenarios(): ScenarioDefinition[] {
  const out: ScenarioDefinition[] = [];
  for (const hops of [6, 8, 12]) {
    for (const seed of [1, 2, 3]) {
      const items = canonicalLayout(hops);
      const order = seededShuffle(hops + 1, hops * 1000 + seed);
      out.push({
        id: `shuffle-${hops}-s${seed}`, title: `Seeded shuffle ${seed} of a ${hops}-hop chain`, category: 'shuffle',
        conformant: false, chain: { hops },
        description: `A ${hops}-hop chain and its terminal RRset shuffled with seed ${hops * 1000 + seed}: ${order.map((i) => (i === hops ? 'T' : `c${i}`)).join(' ')}.`,
        spec: ORDER_SPEC, answer: order.map((i) => items[i]!),
      });
    }
  }
  return out;
}

export const CATALOGUE_DEFINITIONS: readonly ScenarioDefinition[] = [
  ...NAMED, ...aaaaVariants(), ...permutationScenarios(), ...shuffleScenarios(),
];
