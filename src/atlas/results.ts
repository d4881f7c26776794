// Atlas DNS results (src/atlas/format.ts) flattened to one item per answer:
// a single result (`result` / `error` at the top) is one item; a result of a
// probe asking its local resolvers (`resultset`) is one item per element.
// Nothing is dropped silently: an error, a result without `abuf` or an entry
// that is not a DNS result is an item or a problem the caller counts.

import type { AtlasDnsAnswerJson, AtlasDnsResultJson, AtlasResultsetJson } from './format.js';

export interface AtlasAnswerItem {
  msmId?: number;
  prbId?: number;
  /** The probe's address as the controller saw it. */
  from?: string;
  /** The resolver the probe asked (`dst_addr`). */
  dstAddr?: string;
  af?: number;
  proto?: string;
  /** Unix seconds. */
  timestamp?: number;
  /** ms */
  rt?: number;
  /** An ASN, when the result carries one (a probes-meta file usually supplies it). */
  asn?: number;
  outcome:
    | { kind: 'answer'; abuf: string }
    | { kind: 'timeout'; ms?: number }
    | { kind: 'error'; message: string }
    | { kind: 'no-abuf' };
}

export type FlattenOutcome = { items: AtlasAnswerItem[] } | { problem: 'not-dns' | 'not-object' | 'no-result'; message: string };

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function errorOutcome(error: unknown): AtlasAnswerItem['outcome'] {
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    if ('timeout' in e) return { kind: 'timeout', ms: num(e.timeout) };
    const [key, value] = Object.entries(e)[0] ?? ['error', ''];
    return { kind: 'error', message: `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`.slice(0, 200) };
  }
  return { kind: 'error', message: String(error).slice(0, 200) };
}

function answerOutcome(result: AtlasDnsAnswerJson | undefined, error: unknown): AtlasAnswerItem['outcome'] | undefined {
  if (error !== undefined && error !== null) return errorOutcome(error);
  if (!result || typeof result !== 'object') return undefined;
  const abuf = str(result.abuf);
  return abuf ? { kind: 'answer', abuf } : { kind: 'no-abuf' };
}

export function flattenResult(value: unknown): FlattenOutcome {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: 'not-object', message: 'an entry is not a JSON object' };
  const r = value as AtlasDnsResultJson & Record<string, unknown>;
  if (r.type !== undefined && r.type !== 'dns') return { problem: 'not-dns', message: `a "${String(r.type)}" result, not "dns"` };
  const msmId = num(r.msm_id);
  const prbId = num(r.prb_id);
  const from = str(r.from);
  const asn = r.asn_v4 !== undefined || r.asn !== undefined || r.asn_v6 !== undefined ? num(r.asn_v4 ?? r.asn ?? r.asn_v6) : undefined;
  if (Array.isArray(r.resultset)) {
    const items: AtlasAnswerItem[] = [];
    for (const element of r.resultset as AtlasResultsetJson[]) {
      if (!element || typeof element !== 'object') continue;
      const outcome = answerOutcome(element.result, element.error);
      items.push({
        msmId, prbId, from, asn, dstAddr: str(element.dst_addr), af: num(element.af) ?? num(r.af), proto: str(element.proto) ?? str(r.proto),
        timestamp: num(element.time) ?? num(element.timestamp) ?? num(r.timestamp), rt: num(element.result?.rt),
        outcome: outcome ?? { kind: 'error', message: 'resultset element without result or error' },
      });
    }
    if (items.length === 0) return { problem: 'no-result', message: 'a result with an empty resultset' };
    return { items };
  }
  const outcome = answerOutcome(r.result, r.error);
  if (!outcome) return { problem: 'no-result', message: 'a DNS result with neither result, resultset nor error' };
  return {
    items: [{
      msmId, prbId, from, asn, dstAddr: str(r.dst_addr), af: num(r.af), proto: str(r.proto), timestamp: num(r.timestamp), rt: num(r.result?.rt), outcome,
    }],
  };
}
