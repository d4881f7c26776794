// The one result document of `dnsorder zonemd loaders` (schema
// dnsorder.loaders/v1): zones × loaders, each cell a verdict beside the
// expected one. The loader matrix (matrix.ts) writes it; src/report renders it.

import type { ExpectedVerdict, LoaderStatus, LoaderVerdict } from './types.js';

export const LOADERS_SCHEMA = 'dnsorder.loaders/v1';

export interface LoaderResult {
  zone: string;
  /** The column id: `bind` on the host, `bind@trixie` in a root. */
  loader: string;
  /** Where the loader ran: `host` or a root's name. */
  userland: string;
  verdict: LoaderVerdict;
  expected: ExpectedVerdict;
  message: string;
}

export interface LoadersDocument {
  schema: typeof LOADERS_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  host: { os: string; hostname: string };
  input: { zones: string };
  /** The userlands the loaders ran in, in column order: `host` and the roots (their OS from their os-release). */
  userlands?: UserlandFacts[];
  loaders: LoaderStatus[];
  results: LoaderResult[];
}

export interface UserlandFacts {
  name: string;
  os: string;
  /** The root filesystem; absent for the host. */
  dir?: string;
}

/** Whether a loader that judged ZONEMD (accept/reject) agrees with the expected verdict; undefined when it did not judge. */
export function agrees(result: LoaderResult): boolean | undefined {
  if (result.verdict === 'accept' || result.verdict === 'reject') return result.verdict === result.expected;
  return undefined;
}
