// Addresses in one printable form: IPv4 dotted quad, IPv6 per RFC 5952. Clients print them
// differently (Java writes 2001:db8:0:0:0:0:0:1) and captures give raw groups.
import { isIPv6 } from 'node:net';

export function normaliseAddress(text: string): string {
  const address = text.trim().replace(/%.*$/, '');
  if (!isIPv6(address)) return address;
  const [head, tail] = address.includes('::') ? address.split('::') as [string, string] : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => parseInt(g, 16).toString(16));
  // longest run (≥2) of zero groups becomes "::"
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
