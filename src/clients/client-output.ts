// The one JSON line every probe program prints per request:
// {"addresses":[...], "canonical": string|null, "error": {"code","text"}|null}.
// It is read here, once per run, into the ResolverResult every client's result
// is (src/models/resolver-result.ts). Anything else is not a result (the
// outcome is then `error`).

import type { ResolverError, ResolverResult } from '../models/resolver-result.js';

export function parseClientOutput(line: string): ResolverResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.addresses) || !v.addresses.every((a) => typeof a === 'string')) return undefined;
  const canonical = typeof v.canonical === 'string' ? v.canonical : null;
  let error: ResolverError | null = null;
  if (v.error && typeof v.error === 'object') {
    const e = v.error as Record<string, unknown>;
    error = { code: String(e.code ?? 'ERROR'), text: String(e.text ?? '') };
  }
  return { addresses: v.addresses as string[], canonical, error };
}
