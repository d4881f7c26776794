// What a stub client hands its caller for one lookup: the one result shape of
// dnsorder. A model returns it (src/models), a real client's probe program
// prints it as one JSON line that is parsed into it once
// (src/clients/client-output.ts), an in-process client of dnsorder/testing
// returns it, and the matrix classifies it (src/matrix/outcome.ts). It holds
// exactly what the library's API exposes: a field the API has no way to report
// (the canonical name of Node's resolve4, say) is null, never a guess.

import { normaliseAddress } from '../net/address.js';

/** The library's own error, named as the library (or its usual binding) names it. */
export interface ResolverError {
  code: string;
  text: string;
}

export interface ResolverResult {
  /** In the order the library returns them. */
  addresses: string[];
  /** The canonical name the library reports, or null when its API reports none or it found no address. */
  canonical: string | null;
  error: ResolverError | null;
  /**
   * Set when the library's canonical name depends on which of its parallel
   * queries is answered first (Go >= 1.20 LookupCNAME): every name it can
   * report for these answers; `canonical` is the one for answers arriving in
   * the order the queries were sent.
   */
  canonicalOneOf?: string[];
}

/**
 * What a caller's API shows of its library's result, where that is less than
 * the library computed: Node's dns.lookup and Java's InetAddress call
 * getaddrinfo without AI_CANONNAME, Java drops repeated addresses, and a
 * browser reports only the address it connected to. A model declares it per
 * client API it covers (ModelCoverage.view), so one model of the library's
 * code answers for each API exactly as that API would.
 */
export interface ResultView {
  /** false: the API reports no canonical name. */
  canonical?: false;
  /** The API drops repeated addresses (equal as addresses, not as text), keeping the first. */
  distinctAddresses?: true;
  /** The API reports one address: the first of the library's list. */
  firstAddressOnly?: true;
}

/** The result as an API with this view reports it (the same result when there is no view). */
export function viewResult(result: ResolverResult, view: ResultView | undefined): ResolverResult {
  if (!view) return result;
  let addresses = result.addresses;
  if (view.distinctAddresses) {
    const seen = new Set<string>();
    addresses = addresses.filter((a) => {
      const key = normaliseAddress(a);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }
  if (view.firstAddressOnly) addresses = addresses.slice(0, 1);
  const { canonicalOneOf, ...rest } = result;
  return view.canonical === false
    ? { ...rest, addresses, canonical: null }
    : { ...rest, addresses, ...(canonicalOneOf ? { canonicalOneOf } : {}) };
}
