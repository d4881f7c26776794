// The addresses chromium's adapter puts on the namespace's loopback: every A and
// AAAA address the catalogue serves, so whichever Chromium connects to, the probe's
// server answers there — the chain's (up to 40 per family, oversize-*) and the
// unrelated records' (a wrong-address must be observable, not a refused connection).
import { expect, it } from 'vitest';
import { catalogueAddresses } from '../../../src/clients/chromium.js';

it('lists every address the catalogue uses, once', () => {
  const addresses = catalogueAddresses();
  expect(addresses).toContain('198.51.100.66');
  expect(addresses).toContain('2001:db8:bad::66');
  for (let i = 1; i <= 40; i++) {
    expect(addresses).toContain(`192.0.2.${i}`);
    expect(addresses).toContain(`2001:db8::${i.toString(16)}`);
  }
  expect(new Set(addresses).size).toBe(addresses.length);
  expect(addresses.every((a) => /^(192\.0\.2\.|198\.51\.100\.|2001:db8:)/.test(a))).toBe(true);
});
