// One path from scenario to octets: a library call (answerScenarioQuery,
// encodeScenarioResponse, the models' exchange) must give exactly the octets a
// started server sends for the same query, over UDP and TCP. A second encoder
// with its own flags, EDNS handling or truncation would differ here.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, getScenario, scenarioQueryName, scenarioResponseMessage } from '../../../src/scenarios/index.js';
import { startServer, type RunningServer } from '../../../src/server/index.js';
import { exchangeScenario } from '../../../src/server/scenario-exchange.js';
import { answerScenarioQuery, encodeScenarioQuery, encodeScenarioResponse, SCENARIO_ZONES_KEPT, scenarioZonesKept, type ScenarioQuery } from '../../../src/server/scenario-query.js';
import { decodeMessage } from '../../../src/wire/decode.js';
import { tcpExchange, udpExchange } from './support/dns-client.js';

const ZONE = 'order.test';
/** A sample: plain, out of order, DNAME, mixed case, uncompressed, too large (empty and partial TC), and both byte mutations. */
const SAMPLE = [
  'canonical', 'cname-last', 'dname-canonical', 'owner-case-mixed', 'canonical-uncompressed',
  'oversize-canonical', 'oversize-partial', 'count-mismatch', 'rdlength-mismatch',
];
/** Query headers a stub sends: plain, with EDNS(0) at today's default, with a large payload and DO, without RD. */
const HEADERS: Array<Omit<ScenarioQuery, 'name' | 'type'>> = [
  { id: 0x0101 },
  { id: 0x0202, edns: { udpPayloadSize: 1232 } },
  { id: 0x0303, edns: { udpPayloadSize: 4096, dnssecOk: true } },
  { id: 0x0404, rd: false },
];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

function question(id: string): { name: string; type: string } {
  const scenario = getScenario(id)!;
  return { name: scenarioQueryName(scenario, ZONE), type: scenario.queryType };
}

const tc = (bytes: Buffer) => (bytes[2]! & 0x02) !== 0;

describe('answerScenarioQuery: the octets dnsorder serve sends', () => {
  it.each(SAMPLE)('%s: equal to a started server over UDP and TCP, for every query header', async (id) => {
    for (const header of HEADERS) {
      const query = encodeScenarioQuery({ ...question(id), ...header });
      const [viaTcp] = await tcpExchange(server.port, [query]);
      const viaUdp = await udpExchange(server.port, query);
      expect(answerScenarioQuery(query, { transport: 'udp' }), `${id} ${JSON.stringify(header)} udp`).toEqual(viaUdp);
      expect(answerScenarioQuery(query, { transport: 'tcp' }), `${id} ${JSON.stringify(header)} tcp`).toEqual(viaTcp);
      // The question-and-header form encodes the same query.
      expect(answerScenarioQuery({ ...question(id), ...header })).toEqual(viaUdp);
    }
  });

  it('truncates over UDP when the answer does not fit, and sends it whole over TCP', async () => {
    const query = encodeScenarioQuery({ ...question('oversize-canonical'), id: 7 });
    const udp = answerScenarioQuery(query);
    const tcp = answerScenarioQuery(query, { transport: 'tcp' });
    expect(tc(udp)).toBe(true);
    expect(udp.length).toBeLessThanOrEqual(512);
    expect(decodeMessage(udp).answers).toHaveLength(0);
    expect(tc(tcp)).toBe(false);
    expect(decodeMessage(tcp).answers).toHaveLength(42);
    // oversize-partial keeps the records that fit beside TC.
    const partial = decodeMessage(answerScenarioQuery({ ...question('oversize-partial'), id: 7 }));
    expect(partial.tc).toBe(true);
    expect(partial.answers.length).toBeGreaterThan(0);
  });

  it('echoes EDNS when the query has it, and only then', () => {
    const plain = decodeMessage(answerScenarioQuery({ ...question('canonical'), id: 1 }));
    const withEdns = decodeMessage(answerScenarioQuery({ ...question('canonical'), id: 1, edns: { udpPayloadSize: 4096, dnssecOk: true } }));
    expect(plain.edns).toBeUndefined();
    expect(withEdns.edns).toMatchObject({ udpPayloadSize: 1232, dnssecOk: true });
  });

  it('applies the scenario mutation: the malformed scenarios do not decode', () => {
    for (const id of ['count-mismatch', 'rdlength-mismatch']) {
      expect(() => decodeMessage(answerScenarioQuery(question(id), { transport: 'tcp' })), id).toThrowError(expect.objectContaining({ code: expect.stringMatching(/^ERR_/) }));
    }
  });

  it('throws ERR_SERVER_NO_REPLY for what the server drops (a response, a runt)', () => {
    const response = encodeScenarioQuery(question('canonical'));
    response[2]! |= 0x80;
    expect(() => answerScenarioQuery(response)).toThrowError(expect.objectContaining({ code: 'ERR_SERVER_NO_REPLY' }));
    expect(() => answerScenarioQuery(Buffer.alloc(5))).toThrowError(expect.objectContaining({ code: 'ERR_SERVER_NO_REPLY' }));
  });
});

describe('encodeScenarioResponse and the models\' exchange go the same way', () => {
  it.each(SAMPLE)('%s: encodeScenarioResponse gives the server\'s UDP octets for the message\'s question and header', async (id) => {
    const q = question(id);
    const answer = answerQuestion(q.name, q.type, ZONE)!;
    const message = scenarioResponseMessage(answer, { ...q, class: 'IN' }, { id: 4242 });
    const viaUdp = await udpExchange(server.port, encodeScenarioQuery({ ...q, id: 4242 }));
    expect(encodeScenarioResponse(answer, message)).toEqual(viaUdp);
    const [viaTcp] = await tcpExchange(server.port, [encodeScenarioQuery({ ...q, id: 4242 })]);
    expect(encodeScenarioResponse(answer, message, { transport: 'tcp' })).toEqual(viaTcp);
  });

  it.each(SAMPLE)('%s: a model\'s exchange is what a stub without EDNS gets over UDP and TCP', async (id) => {
    const q = question(id);
    const query = encodeScenarioQuery({ ...q, id: 0x5a5a });
    const exchange = exchangeScenario(q, ZONE);
    expect(exchange.udp).toEqual(await udpExchange(server.port, query));
    expect(exchange.tcp).toEqual((await tcpExchange(server.port, [query]))[0]);
  });
});

describe('no second encoder', () => {
  // Who produces scenario answers without the responder: the catalogue, the fixtures, the models' exchange.
  const modules = [
    ...readdirSync('src/scenarios').map((f) => join('src/scenarios', f)),
    ...readdirSync('src/fixtures').map((f) => join('src/fixtures', f)),
    'src/server/scenario-exchange.ts', 'src/matrix/model-clients.ts',
  ].filter((f) => f.endsWith('.ts'));

  it.each(modules)('%s neither encodes a message nor mutates octets itself', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(source).not.toMatch(/\bencodeMessage\b|\bapplyMutation(ToFit)?\b|from '[^']*wire\/(encode|mutate)\.js'/);
  });
});

describe('answerScenarioQuery keeps a bounded number of scenario zones', () => {
  it('answers under any number of origins, keeping at most SCENARIO_ZONES_KEPT zones', () => {
    const origins = Array.from({ length: SCENARIO_ZONES_KEPT * 3 }, (_, i) => `o${i}.example.`);
    for (const origin of origins) {
      const octets = answerScenarioQuery({ name: `canonical.${origin}`, type: 'A' }, { zone: origin });
      expect(decodeMessage(octets).answers.filter((r) => r.type === 'A').map((r) => r.data)).toEqual(['192.0.2.1', '192.0.2.2']);
      expect(scenarioZonesKept()).toBeLessThanOrEqual(SCENARIO_ZONES_KEPT);
    }
    expect(scenarioZonesKept()).toBe(SCENARIO_ZONES_KEPT);
    // An evicted origin is rebuilt, and the rebuilt zone answers alike each time.
    const first = answerScenarioQuery({ name: `canonical.${origins[0]}`, type: 'A' }, { zone: origins[0] });
    expect(first).toEqual(answerScenarioQuery({ name: `canonical.${origins[0]}`, type: 'A' }, { zone: origins[0] }));
  });
});
