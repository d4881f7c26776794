// What a stub library receives for a scenario name: the scenario server's
// answer over UDP (no EDNS, so at most 512 octets, TC when it does not fit) and
// over TCP, computed in-process by the server's pure responder — no sockets,
// no root, no namespace. The models (src/models) read the UDP answer, and the
// TCP one when they retry; src/matrix/model-clients.ts hands it to them.

import { encodeMessage } from '../wire/encode.js';
import { emptyMessage, type Question } from '../wire/message.js';
import { DnsorderError } from '../errors.js';
import { respond } from './responder.js';
import { ScenarioZone } from './scenario-zone.js';
import { ZoneSet } from './zone-set.js';

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

/** `question.type` may be CNAME too: the other questions some APIs send (src/models ModelInfo.asks). */
export function exchangeScenario(question: Pick<Question, 'name' | 'type'>, zone: string): ScenarioExchange {
  const query = encodeMessage(emptyMessage({ id: 0x5a5a, rd: true, questions: [{ name: question.name, type: question.type, class: 'IN' }] }));
  const answer = (transport: 'udp' | 'tcp'): Buffer => {
    const outcome = respond(query, { zones: zonesFor(zone), transport, maxUdpPayload: 1232 });
    if (outcome.kind !== 'reply') throw new DnsorderError('ERR_MODEL_NO_REPLY', `the scenario server dropped the query for ${question.name} (${outcome.reason})`);
    return outcome.messages[0]!;
  };
  return { udp: answer('udp'), tcp: answer('tcp') };
}
