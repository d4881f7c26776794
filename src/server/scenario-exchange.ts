// What a stub library receives for a scenario name: the scenario server's
// answer over UDP (no EDNS, so at most 512 octets, TC when it does not fit) and
// over TCP, computed in-process through answerScenarioQuery (scenario-query.ts,
// the server's pure responder) — no sockets, no root, no namespace. The models
// (src/models) read the UDP answer, and the TCP one when they retry;
// src/matrix/model-clients.ts hands it to them.

import type { Question } from '../wire/message.js';
import { answerScenarioQuery, encodeScenarioQuery } from './scenario-query.js';

export interface ScenarioExchange {
  udp: Buffer;
  tcp: Buffer;
}

/** The query ID a model's exchange carries (stubs pick their own; the models ignore it). */
const MODEL_QUERY_ID = 0x5a5a;

/** `question.type` may be CNAME too: the other questions some APIs send (src/models ModelInfo.asks). */
export function exchangeScenario(question: Pick<Question, 'name' | 'type'>, zone: string): ScenarioExchange {
  const query = encodeScenarioQuery({ name: question.name, type: question.type, id: MODEL_QUERY_ID, rd: true });
  return { udp: answerScenarioQuery(query, { zone, transport: 'udp' }), tcp: answerScenarioQuery(query, { zone, transport: 'tcp' }) };
}
