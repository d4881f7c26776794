// The contract every stub-parser model implements: the question a library
// asked and the response octets it received in, what that library would hand
// its caller out. A model never throws for bad input: whatever the library
// does with a broken message (fail, skip, read garbage) comes back as a value.

export interface ModelQuestion {
  name: string;
  type: 'A' | 'AAAA';
}

/** The library's own error, named as the library (or its usual binding) names it. */
export interface ModelError {
  code: string;
  text: string;
}

/** The same shape the real clients' probe programs print (src/matrix/client-output.ts). */
export interface ModelResult {
  /** In the order the library returns them. */
  addresses: string[];
  /** The canonical name the library reports, or null when its API reports none or it found no address. */
  canonical: string | null;
  error: ModelError | null;
}

export interface ModelOptions {
  /**
   * The same server's answer over TCP. Libraries that retry over TCP when TC
   * is set read this instead of the truncated UDP answer; without it they
   * return the MODEL_NEEDS_TCP error.
   */
  tcp?: Uint8Array;
}

export interface ModelInfo {
  /** `model-<name>`: stable, other tools rely on it. */
  id: string;
  title: string;
  /** Library and API, e.g. "glibc getaddrinfo". */
  library: string;
  /** Source file, function and version the model mirrors. */
  follows: string;
  /** Real client ids (src/clients) running the library version this model mirrors, checked by the differential test. */
  validatedAgainst: string[];
  /** The library versions the differential test measured agreement with, or null when no real client exists here. */
  validatedVersions: string | null;
  /** True when the library retries over TCP on a truncated UDP answer. */
  retriesOverTcp: boolean;
}

export interface StubModel extends ModelInfo {
  resolve(question: ModelQuestion, response: Uint8Array, options?: ModelOptions): ModelResult;
}

export const NEEDS_TCP_CODE = 'MODEL_NEEDS_TCP';
