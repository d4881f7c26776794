// The models that keep every address record of the asked type, whoever owns
// it: musl, c-ares >= 1.26 (both APIs), Go and JNDI. Order never loses them an address;
// an unrelated record is always returned (the security finding); what differs
// is the canonical name and how each survives malformed octets.
import { describe, expect, test } from 'vitest';
import { encodeMessage } from '../../../src/wire/encode.js';
import { emptyMessage } from '../../../src/wire/message.js';
import { models } from '../../../src/models/index.js';
import { scenarioCase, terminalName } from './scenario-response.js';

const resolve = (id: string, scenario: string) => {
  const c = scenarioCase(scenario);
  return { c, result: models.resolve(id, c.question, c.bytes) };
};

describe.each(['model-musl', 'model-cares', 'model-cares-resolve', 'model-go', 'model-jndi'])('%s', (id) => {
  test.each(['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'cname-last-reversed', 'owner-case-mixed-last',
    'terminal-split', 'dname-last', 'long-8-last', 'zonemd-between', 'https-first', 'cname-last-aaaa'])('%s: both addresses whatever the order', (scenario) => {
    const { c, result } = resolve(id, scenario);
    expect(new Set(result.addresses)).toEqual(new Set([c.t1, c.t2]));
  });

  test.each(['unrelated-first', 'unrelated-instead', 'terminal-only', 'unrelated-first-aaaa'])('%s: returns the unrelated address too', (scenario) => {
    const { c, result } = resolve(id, scenario);
    const unrelatedIsPresent = scenario !== 'terminal-only';
    if (unrelatedIsPresent) expect(result.addresses).toContain(c.unrelated);
    else expect(result.addresses).toEqual([c.t1, c.t2]); // the chain's end, with no CNAME leading to it
  });

  test('cname-loop: no address', () => {
    expect(resolve(id, 'cname-loop').result.addresses).toEqual([]);
  });
});

describe('canonical names', () => {
  test('model-musl: the last CNAME target seen, so chain-reversed reports the middle of the chain', () => {
    const { c, result } = resolve('model-musl', 'chain-reversed');
    expect(result.canonical).toBe(c.names[1]); // [c1: cdn→edge, c0: www→cdn] — the last target is cdn
  });
  test('model-cares: same rule as musl (the ares_addrinfo cnames list)', () => {
    const { c, result } = resolve('model-cares', 'chain-reversed');
    expect(result.canonical).toBe(c.names[1]);
  });
  test('model-go: the owner of the first address record, absolute', () => {
    const { c, result } = resolve('model-go', 'unrelated-first');
    expect(result.addresses[0]).toBe(c.unrelated);
    expect(result.canonical).toBe('unrelated.order.test.');
    const last = resolve('model-go', 'cname-last');
    expect(last.result.canonical).toBe(`${terminalName(last.c)}.`);
  });
  test('model-jndi: the API reports none', () => {
    expect(resolve('model-jndi', 'canonical').result.canonical).toBeNull();
  });
});

describe('malformed answers', () => {
  test('rdlength-mismatch (first A has 5 octets): musl stops the whole parse at it; the others read its first 4 octets', () => {
    const musl = resolve('model-musl', 'rdlength-mismatch');
    expect(musl.result.addresses).toEqual([]);
    expect(musl.result.error?.code).toBe('EAI_NONAME');
    for (const id of ['model-cares', 'model-go', 'model-jndi']) {
      const { c, result } = resolve(id, 'rdlength-mismatch');
      expect(result.addresses, id).toEqual([c.t1, c.t2]);
    }
  });

  test('count-mismatch (ANCOUNT one too high): c-ares >= 1.26 refuses the message, the others keep what they read', () => {
    expect(resolve('model-cares', 'count-mismatch').result.error?.code).toBe('ARES_EBADRESP');
    for (const id of ['model-musl', 'model-go', 'model-jndi']) {
      const { c, result } = resolve(id, 'count-mismatch');
      expect(result.addresses, id).toEqual([c.t1, c.t2]);
    }
  });

  test('model-jndi reads past the received length inside its UDP buffer, but not inside a TCP answer', () => {
    const c = scenarioCase('count-mismatch');
    const truncatedFlag = Buffer.from(c.bytes);
    truncatedFlag[2]! |= 0x02; // TC: JNDI retries over TCP, whose buffer is exactly the message
    const viaTcp = models.resolve('model-jndi', c.question, truncatedFlag, { tcp: c.bytes });
    expect(viaTcp.error?.code).toBe('CommunicationException');
  });

  test('model-musl takes only the low octet of TYPE: a TYPE257 record with 4 octets is read as an A record', () => {
    const name = 'quirk.order.test';
    const bytes = encodeMessage(emptyMessage({
      qr: true, questions: [{ name, type: 'A', class: 'IN' }],
      answers: [{ name, type: 'TYPE257', class: 'IN', ttl: 60, data: Buffer.from([203, 0, 113, 7]) }],
    }));
    expect(models.resolve('model-musl', { name, type: 'A' }, bytes).addresses).toEqual(['203.0.113.7']);
    expect(models.resolve('model-go', { name, type: 'A' }, bytes).addresses).toEqual([]);
  });
});

describe('truncation', () => {
  const truncated = (scenario: string) => {
    const c = scenarioCase(scenario);
    const udp = Buffer.from(c.bytes.subarray(0, 12));
    udp.writeUInt16BE(udp.readUInt16BE(2) | 0x0200, 2);
    udp.writeUInt16BE(0, 6); // TC with no records, as the server sends an oversize answer
    return { c, udp };
  };
  test('musl 1.2.3 has no TCP fallback: an empty truncated answer is no address', () => {
    const { c, udp } = truncated('canonical');
    expect(models.resolve('model-musl', c.question, udp, { tcp: c.bytes }).addresses).toEqual([]);
  });
  test('libraries that retry read the TCP answer, and say so when none is given', () => {
    const { c, udp } = truncated('canonical');
    expect(models.resolve('model-go', c.question, udp, { tcp: c.bytes }).addresses).toEqual([c.t1, c.t2]);
    expect(models.resolve('model-go', c.question, udp).error?.code).toBe('MODEL_NEEDS_TCP');
  });
});
