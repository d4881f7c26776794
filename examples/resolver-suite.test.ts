// An example resolver test suite that uses only dnsorder's public exports.
// Copy it into your project: it starts dnsorder's scenario server for the
// file, asks it through the resolver under test (here Node's own c-ares
// resolver), and checks answer order and addresses with dnsorder's matchers.

import { Resolver } from 'node:dns/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerScenarioQuery, decodeMessage } from 'dnsorder';
import { arbitraryResponse, installMatchers, withScenarioServer } from 'dnsorder/testing';

installMatchers();
const server = withScenarioServer();

describe('my resolver against dnsorder', () => {
  it('resolves the canonical layout', async () => {
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`${server.address}:${server.port}`]);
    expect(await resolver.resolve4('canonical.example-run.order.test')).toEqual(['192.0.2.1', '192.0.2.2']);
  });

  it('gets a canonical answer in order, and the 2026 layout out of order', async () => {
    expect(await server.ask('canonical.order.test')).toHaveOrderedAnswerSection();
    expect(await server.ask('cname-last.order.test')).not.toHaveOrderedAnswerSection();
  });

  it('reads addresses from every layout, as RFC 1034 §5.2.2 asks', async () => {
    const response = await server.ask('cname-last.order.test');
    expect(response).toResolveTo(['192.0.2.1', '192.0.2.2']);
    expect(decodeMessage(response).answers[0]!.type).toBe('A');
    // The same octets through a model of glibc's parser: the 2026-01-08 failure, in-process.
    expect(response).toResolveTo([], { client: 'model-glibc' });
    expect(response).toResolveTo(['192.0.2.1', '192.0.2.2'], { client: 'model-dnspython' });
  });

  it('gets the served octets without a socket', async () => {
    const octets = answerScenarioQuery({ name: 'cname-last.order.test', type: 'A', edns: { udpPayloadSize: 1232 } }, { transport: 'udp' });
    // The server's own responder: a running server sends the same answer (the ID aside) to the same query.
    expect(octets.subarray(2)).toEqual((await server.ask('cname-last.order.test')).subarray(2));
    expect(octets).toResolveTo([], { client: 'model-glibc' });
    expect(decodeMessage(octets).answers.map((r) => r.type)).toEqual(['A', 'A', 'CNAME', 'CNAME']); // the layout as served
  });

  it('every layout of every chain carries the addresses it should resolve to', () => {
    fc.assert(fc.property(arbitraryResponse({ maxHops: 5 }), (response) => {
      expect(response.bytes).toResolveTo(response.expected.addresses);
    }), { numRuns: 200 });
  });

  it('my parser agrees with the expected result for any chain in any order', () => {
    // Stand-in for the parser under test: follow CNAMEs by owner, as a set.
    const myParser = (bytes: Uint8Array): string[] => {
      const message = decodeMessage(bytes);
      let name = message.questions[0]!.name.toLowerCase();
      for (let hops = 0; hops < 16; hops++) {
        const cname = message.answers.find((r) => r.type === 'CNAME' && r.name.toLowerCase() === name);
        if (!cname) break;
        name = String(cname.data).toLowerCase();
      }
      const type = message.questions[0]!.type;
      return message.answers.filter((r) => r.type === type && r.name.toLowerCase() === name).map((r) => String(r.data));
    };
    fc.assert(fc.property(arbitraryResponse({ maxHops: 5 }), (response) => {
      expect(myParser(response.bytes)).toEqual(response.expected.addresses);
    }), { numRuns: 200 });
  });
});
