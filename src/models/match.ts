// A real client → the model of the library version it actually ran, by its
// DETECTED version, never by its id: `cares-system` is model-cares-legacy with
// Debian 12's c-ares 1.18.1 and model-cares with trixie's 1.34.9; `go-pure` is
// model-go with Go 1.19 and model-go-1.24 with Go 1.24.
//
// Each model declares `covers`: (library, version range, client APIs). Ranges
// start where the code the model follows appeared (when the history was
// read) and end before the next minor release after the newest version read
// or measured, so a newer library is reported as "no model covers it" rather
// than silently judged by a model of older code.

import { DnsorderError } from '../errors.js';
import type { ResultView } from './resolver-result.js';
import type { ModelCoverage, ModelInfo, ModelLibrary } from './types.js';

export interface DetectedVersion {
  library: ModelLibrary;
  /** Dotted upstream version: "2.36", "1.34.9", "1.24.4", "17.0.15". */
  version: string;
}

export type ModelMatch =
  | { model: string; library: ModelLibrary; version: string; view?: ResultView; reason?: undefined }
  | { model: undefined; library?: ModelLibrary; version?: string; view?: undefined; reason: string };

/** What a client is matched on: its base id (the API) and the version its detect() reported. */
export interface MatchableClient {
  id: string;
  base?: string;
  version: string | null;
}

const VERSION_FORMS: readonly { pattern: RegExp; library: ModelLibrary }[] = [
  { pattern: /^glibc (\d+(?:\.\d+)*)/, library: 'glibc' },
  { pattern: /^musl (\d+(?:\.\d+)*)/, library: 'musl' },
  { pattern: /^c-ares (\d+(?:\.\d+)*)/, library: 'c-ares' },
  { pattern: /^go(\d+(?:\.\d+)*)/, library: 'go' },
  { pattern: /^dnspython (\d+(?:\.\d+)*)/, library: 'dnspython' },
  { pattern: /^(?:java|openjdk) (\d+(?:\.\d+)*)/i, library: 'java' },
  // ruby-resolv prints "ruby 3.1.2 resolv 0.2.1": the resolv default gem's version names the code.
  { pattern: /^(?:ruby \S+ )?resolv (\d+(?:\.\d+)*)/, library: 'resolv' },
  { pattern: /^(?:Net::DNS|net-dns) (\d+(?:\.\d+)*)/, library: 'net-dns' },
  { pattern: /^Chromium (\d+(?:\.\d+)*)/, library: 'chromium' },
  { pattern: /^hickory-resolver (\d+(?:\.\d+)*)/, library: 'hickory' },
  // systemd-resolved prints "systemd 257 (via glibc 2.41)": the daemon's version names the code (its stub decides what glibc reads).
  { pattern: /^systemd (\d+(?:\.\d+)*)/, library: 'systemd' },
];

/** The library and upstream version in a client's detected version string; undefined when it names none we know. */
export function parseDetectedVersion(detected: string | null | undefined): DetectedVersion | undefined {
  if (!detected) return undefined;
  const text = detected.trim();
  for (const form of VERSION_FORMS) {
    const m = form.pattern.exec(text);
    if (m) return { library: form.library, version: m[1]! };
  }
  return undefined;
}

/** -1, 0 or 1; missing components count as 0 ("1.26" == "1.26.0"). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const COMPARATOR = /^(>=|<=|>|<|=)?(\d+(?:\.\d+)*)$/;

/** Is `version` inside `range` (space-separated comparators, all must hold; "*" is every version)? */
export function versionInRange(version: string, range: string): boolean {
  const terms = range.trim().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) throw new DnsorderError('ERR_MODEL_RANGE', 'empty version range');
  return terms.every((term) => {
    if (term === '*') return true;
    const m = COMPARATOR.exec(term);
    if (!m) throw new DnsorderError('ERR_MODEL_RANGE', `bad version comparator "${term}" in "${range}"`);
    const c = compareVersions(version, m[2]!);
    switch (m[1] ?? '=') {
      case '>=': return c >= 0;
      case '<=': return c <= 0;
      case '>': return c > 0;
      case '<': return c < 0;
      default: return c === 0;
    }
  });
}

function baseOf(client: MatchableClient): string {
  return client.base ?? client.id.split('@')[0]!;
}

/**
 * The model covering this client's API at its detected version. Exactly one
 * must cover it: none is reported with the reason (unknown version string,
 * or no range holds it), and two covering the same version is a registry bug.
 */
export function matchModel(client: MatchableClient, registry: readonly ModelInfo[]): ModelMatch {
  const base = baseOf(client);
  const detected = parseDetectedVersion(client.version);
  if (!detected) {
    return { model: undefined, reason: `no model for ${client.id}: its version "${client.version ?? 'unknown'}" names no library a model covers` };
  }
  const { library, version } = detected;
  const forApi = registry.flatMap((m) => m.covers.filter((c) => c.library === library && c.clients.includes(base)).map((c) => ({ m, c })));
  const hits = forApi.filter(({ c }) => versionInRange(version, c.versions));
  if (hits.length > 1) {
    throw new DnsorderError('ERR_MODEL_OVERLAP', `${library} ${version} via ${base} is covered by more than one model: ${hits.map(({ m }) => m.id).join(', ')}`);
  }
  if (hits.length === 0) {
    const known = forApi.map(({ m, c }) => `${m.id} ${c.versions}`).join('; ');
    return { model: undefined, library, version,
      reason: `no model covers ${library} ${version} via ${base}${known ? ` (models for ${base}: ${known})` : ''}` };
  }
  const { m, c } = hits[0]!;
  return { model: m.id, library, version, ...(c.view ? { view: c.view } : {}) };
}

/** Coverage entries of the registry that overlap (same library and client, a version in both); [] when none. */
export function overlappingCoverage(registry: readonly ModelInfo[], probes: readonly string[]): string[] {
  const out: string[] = [];
  const entries = registry.flatMap((m) => m.covers.map((c) => ({ id: m.id, c })));
  for (const v of probes) {
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i]!;
        const b = entries[j]!;
        if (a.c.library !== b.c.library || !sharesClient(a.c, b.c)) continue;
        if (versionInRange(v, a.c.versions) && versionInRange(v, b.c.versions)) out.push(`${a.id} and ${b.id} both cover ${a.c.library} ${v}`);
      }
    }
  }
  return out;
}

function sharesClient(a: ModelCoverage, b: ModelCoverage): boolean {
  return a.clients.some((c) => b.clients.includes(c));
}
