import { describe, expect, it } from 'vitest';
import { answerQuestion, chainEndAddresses } from '../../../src/scenarios/index.js';

describe('the addresses a client gets by following a chain itself', () => {
  it('are the chain end\'s, whatever the primary answer left out', () => {
    // The primary answers hold no address for the chain's end…
    expect(answerQuestion('dangling-cname.x.order.test', 'A', 'order.test')!.expected.addresses).toEqual([]);
    expect(answerQuestion('unrelated-instead.x.order.test', 'A', 'order.test')!.expected.addresses).toEqual([]);
    // …but a follow-up for its last name gets them.
    expect(chainEndAddresses('dangling-cname.x.order.test', 'A', 'order.test')).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(chainEndAddresses('unrelated-instead.x.order.test', 'A', 'order.test')).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(chainEndAddresses('canonical-aaaa.x.order.test', 'AAAA', 'order.test')).toEqual(['2001:db8::1', '2001:db8::2']);
  });

  it('are none for a name with no chain or outside the zone', () => {
    expect(chainEndAddresses('no-chain.x.order.test', 'A', 'order.test')).toEqual([]);
    expect(chainEndAddresses('example.com', 'A', 'order.test')).toEqual([]);
  });
});
