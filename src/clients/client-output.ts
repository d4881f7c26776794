// The one JSON line every probe program prints per request:
// {"addresses":[...], "canonical": string|null, "error": {"code","text"}|null}.
// Anything else is not a result (the outcome is then `error`).

export interface ClientOutput {
  addresses: string[];
  canonical: string | null;
  error: { code: string; text: string } | null;
}

export function parseClientOutput(line: string): ClientOutput | undefined {
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
  let error: ClientOutput['error'] = null;
  if (v.error && typeof v.error === 'object') {
    const e = v.error as Record<string, unknown>;
    error = { code: String(e.code ?? 'ERROR'), text: String(e.text ?? '') };
  }
  return { addresses: v.addresses as string[], canonical, error };
}
