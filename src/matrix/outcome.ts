// From what a client printed to an outcome. The rules, in order (first match wins):
//
//  1. the program was killed after its time limit            → timeout
//  2. the program died from a signal                          → crash
//  3. it printed no well-formed result line                   → error   (exit code and stderr in detail)
//  4. it returned an address the chain does not lead to       → wrong-address  (security finding: the
//     client trusted a record it never asked for; checked even when it also reported an error).
//     The addresses the chain's end really has (`followUp`: what the server answers a client
//     that asks for the last name of a dangling chain itself, as systemd-resolved does) are
//     not foreign: finding them is resilience, not trust in an unrelated record.
//  5. the scenario expects no address (dangling chain, loop,
//     nothing at the end of the chain) and it returned none   → ok      (with or without an error)
//  6. it returned no address and said "no such name/data"    → no-address
//     it returned no address and reported another failure    → error   (SERVFAIL, bad response, its own timeout…)
//     it returned no address and no error                    → no-address
//  7. it returned some but not all expected addresses         → partial
//     (not for a client that reports only the one address it
//     used, `reports: 'one-address'`, e.g. a browser)
//  8. it reported a canonical name and that name is not the
//     chain's end (compared case-insensitively, without the
//     trailing dot); clients whose API reports none are not
//     judged on it                                            → wrong-canonical
//  9. otherwise                                               → ok
//
// Addresses are compared as sets of normalised addresses (IPv6 in RFC 5952 form):
// order and duplicates are reported but are not a failure on their own.
// `skipped` is never produced here: the runner uses it for cells it could not run.

import type { ExpectedResult } from '../order/chain.js';
import type { AddressReporting, RawRun } from '../clients/types.js';
import type { ResolverResult } from '../models/resolver-result.js';
import { normaliseAddress } from '../net/address.js';
import { safeKey } from '../rdata/name.js';

export const OUTCOMES = ['ok', 'no-address', 'partial', 'wrong-address', 'wrong-canonical', 'error', 'crash', 'timeout', 'skipped'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Error codes (per library) that mean "this name has no address", not "the lookup failed". */
const NOT_FOUND_CODES = new Set([
  'EAI_NONAME', 'EAI_NODATA', 'EAI_ADDRFAMILY', // getaddrinfo (glibc, musl, node-lookup's ENOTFOUND comes from EAI_NONAME)
  'HOST_NOT_FOUND', 'NO_DATA', // gethostbyname
  'ARES_ENODATA', 'ARES_ENOTFOUND', 'ENODATA', 'ENOTFOUND', // c-ares (C and Node)
  'NOT_FOUND', // Go DNSError.IsNotFound
  'NXDOMAIN', 'NoAnswer', // dnspython
  'UnknownHostException', 'NameNotFoundException', // Java
  'ERR_NAME_NOT_RESOLVED', // Chromium (every resolution failure: the DNS error stays in its ResolveErrorInfo)
]);

export interface Classification {
  outcome: Outcome;
  /** One line for people: why this outcome. */
  detail: string;
  output?: ResolverResult;
}

/** How the client reports (src/clients/types.ts ClientAdapter.reports). */
export interface ClassifyOptions {
  reports?: AddressReporting;
  /** Addresses a follow-up query for the chain's last name returns (the runner asks the scenario server). */
  followUp?: readonly string[];
}

export function classify(expected: ExpectedResult, run: RawRun, options: ClassifyOptions = {}): Classification {
  if (run.timedOut) return { outcome: 'timeout', detail: `no answer within ${run.durationMs} ms; killed` };
  if (run.signal) return { outcome: 'crash', detail: `killed by ${run.signal}${stderrTail(run)}` };
  const output = run.result;
  if (!output) {
    const how = run.exitCode === null ? 'no result line' : `exited with ${run.exitCode} without a result line`;
    return { outcome: 'error', detail: `${how}${stderrTail(run)}` };
  }
  const want = new Set(expected.addresses.map(normaliseAddress));
  const got = [...new Set(output.addresses.map(normaliseAddress))];
  const errorText = output.error ? `${output.error.code}: ${output.error.text}` : '';

  const reachable = new Set((options.followUp ?? []).map(normaliseAddress));
  const foreign = got.filter((a) => !want.has(a) && !reachable.has(a));
  if (foreign.length > 0) {
    return { outcome: 'wrong-address', detail: `returned ${foreign.join(', ')}, which the chain does not lead to`, output };
  }
  if (want.size === 0) {
    if (got.length > 0) return { outcome: 'ok', detail: 'no address in the answer; it asked for the chain\'s end itself and got its addresses', output };
    return { outcome: 'ok', detail: output.error ? `no address, as expected (${errorText})` : 'no address, as expected', output };
  }
  if (got.length === 0) {
    if (output.error && !NOT_FOUND_CODES.has(output.error.code)) return { outcome: 'error', detail: errorText, output };
    return { outcome: 'no-address', detail: output.error ? errorText : 'empty answer without an error', output };
  }
  if (got.length < want.size && options.reports !== 'one-address') {
    return { outcome: 'partial', detail: `${got.length} of ${want.size} addresses`, output };
  }
  if (output.canonical !== null && expected.canonical !== null && safeKey(output.canonical) !== safeKey(expected.canonical)) {
    return { outcome: 'wrong-canonical', detail: `canonical name ${output.canonical}, expected ${expected.canonical}`, output };
  }
  if (options.reports === 'one-address') return { outcome: 'ok', detail: 'an address of the chain (the client reports the one it used)', output };
  return { outcome: 'ok', detail: got.length === output.addresses.length ? 'all addresses' : 'all addresses (with duplicates)', output };
}

/** A client breaks on a scenario when its outcome is not ok although the answer held the addresses. */
export function breaks(outcome: Outcome, expected: Pick<ExpectedResult, 'addresses'>): boolean {
  return outcome !== 'ok' && outcome !== 'skipped' && expected.addresses.length > 0;
}

function stderrTail(run: RawRun): string {
  const tail = run.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300);
  return tail ? ` (stderr: ${tail})` : '';
}
