// What an answer depends on besides the query ID, as one string: the response
// cache (response-cache.ts) keys encoded answers by it, so a query that
// differs only in octets the answer ignores (EDNS options, trailing garbage,
// compression in the question) reuses an answer. Also the UDP size limit, which
// both the key and the responder need.

import type { DecodedMessage } from '../wire/decode.js';
import type { Transport } from './outcome.js';

/** RFC 6891 §6.2.5: the client's advertised size (at least 512) capped by ours; 512 without EDNS. */
export function udpLimit(query: DecodedMessage, maxUdpPayload: number): number {
  if (!query.edns) return 512;
  return Math.min(Math.max(512, query.edns.udpPayloadSize), maxUdpPayload);
}

/**
 * Everything an answer depends on besides the ID: transport and size limit,
 * the echoed header bits, EDNS presence and DO, and the question as written.
 * (Names in presentation form are exact: letter case and escapes preserved.)
 * Undefined for a query the responder answers before any lookup (another
 * opcode, not one question, records in the answer section, EDNS version
 * above 0) and for zone transfers: those are not keyed.
 */
export function answerKey(query: DecodedMessage, transport: Transport, maxUdpPayload: number): string | undefined {
  if (query.opcode !== 0 || query.questions.length !== 1 || query.answers.length > 0) return undefined;
  if (query.edns && (query.edns.version ?? 0) > 0) return undefined;
  const q = query.questions[0]!;
  if (q.type === 'AXFR' || q.type === 'IXFR') return undefined;
  const limit = transport === 'udp' ? udpLimit(query, maxUdpPayload) : 0;
  return `${transport}|${limit}|${query.edns ? (query.edns.dnssecOk ? 2 : 1) : 0}|${query.rd ? 1 : 0}${query.cd ? 1 : 0}|${q.class}|${q.type}|${q.name}`;
}
