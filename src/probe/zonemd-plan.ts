// The probe's `zonemd` group as data and pure judgement (issue 8, RFC 8806
// style local zones): the operator points a resolver's local-zone transfer
// (unbound `auth-zone` with `primary:` and `zonemd-check: yes`) at the probe
// authority, which serves a small zone whose content the probe swaps between
// the ZONEMD variants of src/zone/variants.ts, each under a new SOA serial.
// After each swap (and NOTIFY) the probe asks the resolver for the zone's SOA:
// the serial tells which copy it serves. This module decides the tests, the
// zone content of each step and the verdict; zonemd-group.ts does the I/O.
//
// The group is opt-in (`--group zonemd`, `--tests 'zonemd-*'`): it only means
// something when the resolver was configured to transfer the zone.

import type { DnsRecord } from '../wire/message.js';
import { stripTrailingDot } from '../rdata/name.js';
import { readZoneText, toDnsRecord } from '../zone/index.js';
import { buildVariants, type ZonemdVerdict, type ZoneVariant } from '../zone/variants.js';
import type { Verdict } from './document.js';
import { ProbeError } from './errors.js';
import { selectByGlobs } from '../text/glob.js';

export const ZONEMD_GROUP = 'zonemd';

/** The transferable zone: `zonemd.<probe zone>` unless `--zonemd-zone` names another. */
export function defaultZonemdZone(probeZone: string): string {
  return `zonemd.${stripTrailingDot(probeZone)}`;
}

/**
 * Variants whose difference lives only in the zone file's text (presentation
 * form, `$INCLUDE`): over AXFR they are the same zone as valid-sha384.
 */
export const TEXT_ONLY_VARIANTS: readonly string[] = ['zonemd-generic', 'all-generic', 'include-split'];

/** Variants whose only apex ZONEMD records have a scheme or hash algorithm no verifier supports. */
export const UNSUPPORTED_ONLY_VARIANTS: readonly string[] = ['private-algorithm-241', 'unknown-scheme', 'unknown-algorithm'];

/** Variants with no apex ZONEMD at all. */
export const NO_APEX_ZONEMD_VARIANTS: readonly string[] = ['zonemd-only-below-apex'];

/**
 * verifies — RFC 8976 §4 verification succeeds: the resolver must serve the new copy;
 * fails — a digest, serial or length that does not verify: the new copy must not be used;
 * unsupported — no apex ZONEMD the verifier supports: verification is not successful (§4 5b/5c),
 *   and what a consumer then does with an unverifiable zone is its local policy. Serving it
 *   (as if there were no ZONEMD) is what the root zone's algorithm-241 ZONEMD of 2023 relied on;
 *   refusing it is strict. Either passes; keeping an older copy does not;
 * absent — no apex ZONEMD: nothing to verify; whether a consumer requires one is its policy
 *   (unbound: zonemd-reject-absence, off by default). Either passes; keeping an older copy does not.
 */
export type ZonemdClass = 'verifies' | 'fails' | 'unsupported' | 'absent';

export interface ZonemdProbeTest {
  /** `zonemd-<variant>`. */
  id: string;
  group: typeof ZONEMD_GROUP;
  variant: string;
  title: string;
  expected: ZonemdVerdict;
  class: ZonemdClass;
  /** Why RFC 8976 gives that verdict (the variant's reason). */
  reason: string;
}

/** The authority's zone before any variant: SOA refresh 5 s and retry 2 s, so a resolver that ignores NOTIFY still refreshes soon. */
export function zonemdSourceText(origin: string, serial: number): string {
  const o = `${stripTrailingDot(origin)}.`;
  return [
    `$ORIGIN ${o}`,
    `@ 1 IN SOA ns.${o} hostmaster.${o} ${serial >>> 0} 5 2 86400 1`,
    '@ 1 IN NS ns',
    'ns 1 IN A 192.0.2.53',
    'www 1 IN A 192.0.2.1',
    'www 1 IN AAAA 2001:db8::1',
    'copy 1 IN TXT "dnsorder zonemd probe"',
    '',
  ].join('\n');
}

function variantsFor(origin: string, serial: number): ZoneVariant[] {
  const o = `${stripTrailingDot(origin)}.`;
  return buildVariants(readZoneText(zonemdSourceText(origin, serial), { origin: o }), { origin: o }).variants;
}

/** The records of one variant of the probe's zone under `serial` (SOA and, where the variant keeps it, ZONEMD serial). */
export function zonemdZoneRecords(origin: string, variant: string, serial: number): DnsRecord[] {
  const o = `${stripTrailingDot(origin)}.`;
  const found = variantsFor(origin, serial).find((v) => v.name === variant);
  if (!found) throw new ProbeError('ERR_PROBE_PLAN', `no ZONEMD variant named ${variant}`);
  // A one-file variant keeps its records; the others only exist as text.
  return (found.records ?? readZoneText(found.files.map((f) => f.text).join(''), { origin: o })).map(toDnsRecord);
}

let catalogue: ZonemdProbeTest[] | undefined;

/** Every test of the group, one per variant that differs over AXFR, in the variant catalogue's order. */
export function zonemdProbeTests(): readonly ZonemdProbeTest[] {
  catalogue ??= variantsFor('zonemd.probe.test', 1)
    .filter((v) => !TEXT_ONLY_VARIANTS.includes(v.name))
    .map((v) => ({
      id: `zonemd-${v.name}`, group: ZONEMD_GROUP, variant: v.name, title: `ZONEMD over AXFR: ${v.tests}`, expected: v.expected, reason: v.reason,
      class: v.expected === 'accept' ? 'verifies' : UNSUPPORTED_ONLY_VARIANTS.includes(v.name) ? 'unsupported'
        : NO_APEX_ZONEMD_VARIANTS.includes(v.name) ? 'absent' : 'fails',
    }));
  return catalogue;
}

/**
 * Splits --tests selectors: `zonemd` and selectors beginning with `zonemd-` (ids, globs such as
 * `zonemd-*`) select from this group; the rest go to the chain suite. Neither `all` nor `*`
 * selects this group: it runs only when asked for by name.
 */
export function splitZonemdSelectors(selectors: readonly string[] | undefined): { tests: ZonemdProbeTest[]; rest: string[]; unknown: string[] } {
  const wanted = (selectors ?? []).map((s) => s.trim()).filter(Boolean);
  const ours = (selector: string) => selector === ZONEMD_GROUP || selector.startsWith(`${ZONEMD_GROUP}-`);
  const { chosen, unknown } = selectByGlobs(zonemdProbeTests(), wanted.filter(ours), (t, pattern, selector) => selector === ZONEMD_GROUP || pattern.test(t.id));
  return { tests: chosen, rest: wanted.filter((s) => !ours(s)), unknown };
}

/** What the resolver did with the new copy, from its SOA answer after the transfer. */
export type ZonemdBehaviour = 'served new copy' | 'refused' | 'kept older copy' | 'not transferred' | 'no answer' | 'other answer';

export interface ZonemdObservation {
  /** The authority saw a zone transfer (AXFR, or IXFR over TCP) after the swap. */
  transferred: boolean;
  /** The resolver's last answer: its rcode and the SOA serial in the answer section, if any. */
  answer?: { rcode: string; serial?: number };
  /** The serial of the copy under test. */
  newSerial: number;
  /** The serial the resolver served before the swap, if it served one. */
  olderSerial?: number;
}

export function classifyZonemd(o: ZonemdObservation): ZonemdBehaviour {
  if (o.answer?.rcode === 'NOERROR' && o.answer.serial === o.newSerial) return 'served new copy';
  if (!o.transferred) return 'not transferred';
  if (!o.answer) return 'no answer';
  if (o.answer.rcode === 'NOERROR' && o.answer.serial !== undefined && o.answer.serial === o.olderSerial) return 'kept older copy';
  if (o.answer.rcode === 'SERVFAIL' || o.answer.rcode === 'REFUSED') return 'refused';
  return 'other answer';
}

export interface ZonemdJudgement {
  verdict: Verdict;
  behaviour: ZonemdBehaviour;
  note: string;
}

/** The verdict on one variant, against its expected RFC 8976 verdict. */
export function judgeZonemd(test: ZonemdProbeTest, o: ZonemdObservation): ZonemdJudgement {
  const behaviour = classifyZonemd(o);
  const rcode = o.answer?.rcode ?? 'no answer';
  const j = (verdict: Verdict, note: string): ZonemdJudgement => ({ verdict, behaviour, note });
  switch (behaviour) {
    case 'not transferred':
      return j('inconclusive', `the resolver did not transfer serial ${o.newSerial} after NOTIFY and a refresh interval (answer: ${rcode}${o.answer?.serial !== undefined ? `, serial ${o.answer.serial}` : ''}); nothing to judge`);
    case 'no answer':
      return j('error', `no answer from the resolver after it transferred serial ${o.newSerial}`);
    case 'other answer':
      return j('error', `after transferring serial ${o.newSerial} the resolver answered ${rcode}${o.answer?.serial !== undefined ? ` with serial ${o.answer.serial}` : ' without the SOA'}`);
    case 'kept older copy':
      return j('violation', `kept serving the older copy (serial ${o.olderSerial}) after transferring serial ${o.newSerial}${test.class === 'verifies' ? ', whose ZONEMD verifies' : ''}: `
        + 'the 2023 stale-copy failure (answers go on from data the primary replaced, until its signatures expire)');
    case 'served new copy':
      if (test.class === 'verifies') return j('pass', `served the new copy (serial ${o.newSerial}): its ZONEMD verifies`);
      if (test.class === 'unsupported') {
        return j('pass', `served the new copy (serial ${o.newSerial}) although no ZONEMD in it can be verified: treated as unverified (local policy; the root zone's algorithm-241 ZONEMD of 2023 relied on this)`);
      }
      if (test.class === 'absent') {
        return j('pass', `served the new copy (serial ${o.newSerial}), which has no apex ZONEMD: nothing to verify (requiring one is local policy)`);
      }
      return j('violation', `served the new copy (serial ${o.newSerial}) although its ZONEMD does not verify (${test.reason})`);
    case 'refused':
      if (test.class === 'verifies') return j('violation', `refused (${rcode}) a copy whose ZONEMD verifies (${test.reason})`);
      if (test.class === 'absent') return j('pass', `refused (${rcode}) the copy without an apex ZONEMD (a policy that requires one); the zone is down until a copy with one arrives`);
      if (test.class === 'unsupported') return j('pass', `refused (${rcode}) the copy whose ZONEMD cannot be verified (strict RFC 8976 §4); the zone is down until a verifiable copy arrives`);
      return j('pass', `refused (${rcode}) the copy whose ZONEMD does not verify, without falling back to the older copy; the zone is down until a good copy arrives`);
  }
}
