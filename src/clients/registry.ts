// Every real client dnsorder knows, in report column order.
import { UsageError } from '../errors.js';
import { goPure } from './go.js';
import { dnspython } from './dnspython.js';
import { javaInetAddress, javaJndi } from './java.js';
import { caresSystem, glibcGetaddrinfo, glibcGethostbyname, muslGetaddrinfo } from './libc.js';
import { nodeCares, nodeLookup } from './node.js';
import { CLIENT_IDS, type ClientAdapter } from './types.js';

export const REAL_CLIENTS: readonly ClientAdapter[] = [
  glibcGetaddrinfo, glibcGethostbyname, muslGetaddrinfo, caresSystem, nodeCares, nodeLookup, goPure, dnspython,
  javaInetAddress, javaJndi,
];
if (REAL_CLIENTS.map((c) => c.id).join() !== CLIENT_IDS.join()) throw new Error('client registry and CLIENT_IDS disagree');

/** Clients for `--clients a,b` or `all` (the default). Unknown ids are a usage error. */
export function selectClients(spec?: string): ClientAdapter[] {
  const ids = (spec ?? 'all').split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0 || ids.includes('all')) return [...REAL_CLIENTS];
  const unknown = ids.filter((id) => !REAL_CLIENTS.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new UsageError('ERR_UNKNOWN_CLIENT', `unknown client ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${CLIENT_IDS.join(', ')})`);
  }
  return REAL_CLIENTS.filter((c) => ids.includes(c.id));
}
