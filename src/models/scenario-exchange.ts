// What a stub library receives for a scenario name: the scenario server's
// answer over UDP (no EDNS, so at most 512 octets, TC when it does not fit) and
// over TCP, computed in-process by the server's pure responder — no sockets,
// no root, no namespace. Models read the UDP answer, and the TCP one when they
// retry.

import { respond, ScenarioZone, ZoneSet } from '../server/index.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage } from '../wire/message.js';
import { DnsorderError } from '../errors.js';
import type { RelatedType } from './types.js';

export interface ScenarioExchange {
  udp: Buffer;
  tcp: Buffer;
}

const zonesByOrigin = new Map<string, ZoneSet>();

function zonesFor(origin: string): ZoneSet {
  let zones = zonesByOrigin.get(origin);
  if (!zones) zonesByOrigin.set(origin, zones = new ZoneSet([new ScenarioZone({ origin })]));
  return zones;
}

/** `question.type` may be CNAME too: the other questions some APIs send (ModelInfo.asks). */
export function exchangeScenario(question: { name: string; type: RelatedType }, zone: string): ScenarioExchange {
  const query = encodeMessage(emptyMessage({ id: 0x5a5a, rd: true, questions: [{ name: question.name, type: question.type, class: 'IN' }] }));
  const answer = (transport: 'udp' | 'tcp'): Buffer => {
    const outcome = respond(query, { zones: zonesFor(zone), transport, maxUdpPayload: 1232 });
    if (outcome.kind !== 'reply') throw new DnsorderError('ERR_MODEL_NO_REPLY', `the scenario server dropped the query for ${question.name} (${outcome.reason})`);
    return outcome.messages[0]!;
  };
  return { udp: answer('udp'), tcp: answer('tcp') };
}
