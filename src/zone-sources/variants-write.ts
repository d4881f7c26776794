// Writes a VariantSet to a directory: one zone file per variant (two for the
// $INCLUDE one) and manifest.json (`dnsorder.variants/v1`), which the loader
// matrix and anyone else reads to know what each file tests and expects.

import { readFileSync, writeFileSync } from 'node:fs';
import { fsReason } from '../files/fs-errors.js';
import { makeDirectory } from '../files/make-directory.js';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';
import { rfc8976A1Records } from '../zone/builtin-zone.js';
import { buildVariants, type VariantSet, type ZonemdVerdict } from '../zone/variants.js';

export const VARIANTS_SCHEMA = 'dnsorder.variants/v1';
export const MANIFEST_FILE = 'manifest.json';

export interface VariantManifestEntry {
  name: string;
  file: string;
  files: string[];
  expected: ZonemdVerdict;
  tests: string;
  reason: string;
  usesInclude?: boolean;
}

export interface VariantManifest {
  schema: typeof VARIANTS_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  source: { file: string; apex: string; serial: number; signed: boolean };
  /** Zone apex every variant is loaded with. */
  origin: string;
  /** RRSIG validation time for signed variants (YYYYMMDDHHmmSS), when the caller gave one. */
  validationTime?: string;
  variants: VariantManifestEntry[];
}

export function writeVariants(dir: string, set: VariantSet, source: { file: string; validationTime?: string }): VariantManifest {
  makeDirectory(dir);
  for (const v of set.variants) for (const f of v.files) writeFileSync(join(dir, f.name), f.text);
  const manifest: VariantManifest = {
    schema: VARIANTS_SCHEMA,
    tool: TOOL,
    source: { file: source.file, apex: set.apex, serial: set.serial, signed: set.signed },
    origin: set.apex,
    ...(source.validationTime !== undefined ? { validationTime: source.validationTime } : {}),
    variants: set.variants.map((v) => ({
      name: v.name, file: v.file, files: v.files.map((f) => f.name), expected: v.expected, tests: v.tests, reason: v.reason,
      ...(v.usesInclude ? { usesInclude: true } : {}),
    })),
  };
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The variants of the built-in RFC 8976 A.1 zone (the default zones of the loader matrix and the fixtures), written to `dir`. */
export function writeBuiltinVariants(dir: string): VariantManifest {
  return writeVariants(dir, buildVariants(rfc8976A1Records()), { file: 'RFC 8976 A.1 (built in)' });
}

export function readVariantManifest(dir: string): VariantManifest {
  const path = join(dir, MANIFEST_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError('ERR_MANIFEST', `cannot read ${path}: ${fsReason(err)}`);
  }
  if ((parsed as VariantManifest | null)?.schema !== VARIANTS_SCHEMA) throw new UsageError('ERR_MANIFEST', `${path} is not a ${VARIANTS_SCHEMA} manifest`);
  return parsed as VariantManifest;
}
