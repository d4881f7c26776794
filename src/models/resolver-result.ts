// What a stub client hands its caller for one lookup: the one result shape of
// dnsorder. A model returns it (src/models), a real client's probe program
// prints it as one JSON line that is parsed into it once
// (src/clients/client-output.ts), an in-process client of dnsorder/testing
// returns it, and the matrix classifies it (src/matrix/outcome.ts). It holds
// exactly what the library's API exposes: a field the API has no way to report
// (the canonical name of Node's resolve4, say) is null, never a guess.

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
