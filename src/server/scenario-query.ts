// The one way from a scenario question to response octets outside a running
// server: the query goes through the server's pure responder (responder.ts),
// with the same limits and flags `dnsorder serve` uses, so a library call, a
// fixture, a model's in-process exchange and a unit test all get the octets a
// client of `dnsorder serve` receives — EDNS echoed when the query has it,
// TC over UDP when the answer does not fit. A caller that wants the whole
// answer whatever its size asks over TCP (or with EDNS and a large enough
// payload), never through a second encoder.

import type { DnsMessage } from '../wire/message.js';
import { emptyMessage } from '../wire/message.js';
import { encodeMessage } from '../wire/encode.js';
import type { ScenarioAnswer } from '../scenarios/response.js';
import { ServerError } from './errors.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { Transport } from './outcome.js';
import { BoundedLru } from './lru.js';
import { respond } from './responder.js';
import { DEFAULT_SCENARIO_ZONE, ScenarioZone } from './scenario-zone.js';
import { ZoneSet } from './zone-set.js';

/** A question and the query header a client sends it with. */
export interface ScenarioQuery {
  name: string;
  /** Any type the server answers (A, AAAA, CNAME, ANY, …). */
  type: string;
  /** Default 0. */
  id?: number;
  /** Recursion desired (default true: stubs ask recursively). */
  rd?: boolean;
  cd?: boolean;
  /** An OPT record in the query; without it the UDP limit is 512 octets (RFC 1035). */
  edns?: { udpPayloadSize: number; dnssecOk?: boolean };
}

export interface ScenarioQueryOptions {
  /** Origin of the scenario zone (default order.test). */
  zone?: string;
  /** Default 'udp', as a stub asks first; 'tcp' is the whole answer whatever its size. */
  transport?: Transport;
  /** The server's UDP payload limit (default DEFAULT_LIMITS.maxUdpPayload, as `dnsorder serve`). */
  maxUdpPayload?: number;
  /** Force compression on or off, as `dnsorder serve --compress` (default: each scenario's option). */
  compress?: boolean;
}

/** The query octets a client sends for `query`. */
export function encodeScenarioQuery(query: ScenarioQuery): Buffer {
  return encodeMessage(emptyMessage({
    id: query.id ?? 0, rd: query.rd ?? true, cd: query.cd ?? false,
    questions: [{ name: query.name, type: query.type, class: 'IN' }],
    ...(query.edns ? { edns: { ...query.edns } } : {}),
  }));
}

/** Scenario zones kept for reuse; a caller cycling through more origins rebuilds the least recently used. */
export const SCENARIO_ZONES_KEPT = 16;
/** Keyed by the origin as given: its spelling is the spelling of the names served. */
const zonesByOrigin = new BoundedLru<string, ZoneSet>(SCENARIO_ZONES_KEPT);

/** One scenario zone per origin, served as `startServer` serves it on 127.0.0.1 (glue 127.0.0.1). */
function scenarioZones(origin: string): ZoneSet {
  let zones = zonesByOrigin.get(origin);
  if (!zones) zonesByOrigin.set(origin, zones = new ZoneSet([new ScenarioZone({ origin })]));
  return zones;
}

/** Scenario zones currently kept (at most SCENARIO_ZONES_KEPT). */
export function scenarioZonesKept(): number {
  return zonesByOrigin.size;
}

/**
 * The octets dnsorder's scenario server sends for a query (given as octets or
 * as a question and header) under `options.zone`. Throws ERR_SERVER_NO_REPLY
 * when the server would drop the query (not a query, shorter than a header).
 */
export function answerScenarioQuery(query: Uint8Array | ScenarioQuery, options: ScenarioQueryOptions = {}): Buffer {
  const octets = query instanceof Uint8Array ? query : encodeScenarioQuery(query);
  const outcome = respond(octets, {
    zones: scenarioZones(options.zone ?? DEFAULT_SCENARIO_ZONE),
    transport: options.transport ?? 'udp',
    maxUdpPayload: options.maxUdpPayload ?? DEFAULT_LIMITS.maxUdpPayload,
    compress: options.compress,
  });
  if (outcome.kind !== 'reply') throw new ServerError('ERR_SERVER_NO_REPLY', `the scenario server drops this query (${outcome.reason})`);
  return outcome.messages[0]!;
}

/**
 * Wire bytes of a scenario response, as dnsorder's server sends them for the
 * query `message` answers: its question and header (ID, RD, CD, EDNS) make the
 * query; the records are the server's, under the answer's zone. Over UDP by
 * default (TC when it does not fit); `{ transport: 'tcp' }` for the whole answer.
 */
export function encodeScenarioResponse(answer: Pick<ScenarioAnswer, 'zone'>, message: DnsMessage, options: Omit<ScenarioQueryOptions, 'zone'> = {}): Buffer {
  const question = message.questions[0];
  if (!question) throw new ServerError('ERR_SERVER_NO_REPLY', 'a response message without a question has no query to answer');
  return answerScenarioQuery({
    name: question.name, type: question.type, id: message.id, rd: message.rd, cd: message.cd,
    ...(message.edns ? { edns: { udpPayloadSize: message.edns.udpPayloadSize, dnssecOk: message.edns.dnssecOk } } : {}),
  }, { ...options, zone: answer.zone });
}
