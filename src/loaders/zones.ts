// The zones a loader matrix runs: a variants directory (manifest.json from
// `dnsorder zonemd variants`) or a directory laid out like Verisign's
// zonemd-test-cases (one folder per case with a `config` of key=value lines:
// zonefile, origin, expected_result success|failure).

import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CodedError } from '../errors.js';
import { MANIFEST_FILE, readVariantManifest } from '../zone-sources/variants-write.js';
import { soaSignatureWindow } from '../zone-sources/zone-file.js';
import type { LoaderZone } from './types.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';

/** A case folder's config is missing a key or has a bad value (file:line:column points at it). */
export class LoaderZonesError extends CodedError {}

const absolute = (origin: string) => (origin.endsWith('.') ? origin : `${origin}.`);

export function zonesFromVariants(dir: string): LoaderZone[] {
  const manifest = readVariantManifest(dir);
  return manifest.variants.map((v) => ({
    name: v.name, directory: resolve(dir), file: v.file, origin: manifest.origin, expected: v.expected,
    ...(manifest.validationTime !== undefined ? { validationTime: manifest.validationTime } : {}),
  }));
}

/**
 * Validation time for signed zones of a case directory: `as-published` (the
 * middle of each zone's own apex SOA RRSIG window: suites ship signatures that
 * expired long ago), `now`, or a fixed YYYYMMDDHHmmSS.
 */
export type CaseTime = 'as-published' | 'now' | string;

function caseValidationTime(path: string, origin: string, time: CaseTime): string | undefined {
  if (time === 'now') return undefined;
  if (time !== 'as-published') return time;
  try {
    return soaSignatureWindow(path, origin, { include: { allowedDirectories: [dirname(path)] } })?.asPublished;
  } catch {
    return undefined; // a zone that does not parse has no window; the loaders will say why
  }
}

export function zonesFromCaseDirectory(dir: string, time: CaseTime = 'as-published'): LoaderZone[] {
  // Verisign keeps the cases under zones/; accept either the suite root or that folder.
  // Absolute, so loaders that chdir (unbound) find the files whatever their working directory.
  const base = resolve(dir);
  const root = existsSync(join(base, 'zones')) && !existsSync(join(base, 'config')) ? join(base, 'zones') : base;
  const zones: LoaderZone[] = [];
  for (const name of readdirSync(root).sort()) {
    const folder = join(root, name);
    const configPath = join(folder, 'config');
    if (!statSync(folder).isDirectory() || !existsSync(configPath)) continue;
    const config = new Map<string, { value: string; line: number }>();
    readTextBounded(configPath, INPUT_LIMITS.list).split('\n').forEach((text, i) => {
      const m = /^\s*([\w-]+)\s*=\s*(.*?)\s*$/.exec(text);
      if (m) config.set(m[1]!, { value: m[2]!, line: i + 1 });
    });
    const need = (key: string) => {
      const entry = config.get(key);
      if (entry === undefined) throw new LoaderZonesError('ERR_CASE_CONFIG', `no ${key}= line`, { position: { file: configPath, line: 1, column: 1 } });
      return entry;
    };
    const result = need('expected_result');
    if (result.value !== 'success' && result.value !== 'failure') {
      throw new LoaderZonesError('ERR_CASE_CONFIG', `expected_result must be success or failure, not "${result.value}"`, { position: { file: configPath, line: result.line, column: 17 } });
    }
    const file = need('zonefile').value;
    const origin = absolute(need('origin').value);
    const validationTime = caseValidationTime(join(folder, file), origin, time);
    zones.push({
      name, directory: folder, file, origin, expected: result.value === 'success' ? 'accept' : 'reject',
      ...(validationTime !== undefined ? { validationTime } : {}),
    });
  }
  if (zones.length === 0) throw new LoaderZonesError('ERR_NO_ZONES', `${dir}: no ${MANIFEST_FILE} and no case folders with a config file`);
  return zones;
}

/** Either layout, decided by the presence of manifest.json. */
export function zonesFromDirectory(dir: string, time: CaseTime = 'as-published'): LoaderZone[] {
  return existsSync(join(dir, MANIFEST_FILE)) ? zonesFromVariants(dir) : zonesFromCaseDirectory(dir, time);
}
