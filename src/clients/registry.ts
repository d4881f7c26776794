// Every real stub client dnsorder knows, in report column order (CLIENT_IDS).
// The matrix adds the TypeScript models of their parsers after them
// (src/matrix/clients.ts).
import { DnsorderError } from '../errors.js';
import { goPure } from './go.js';
import { dnspython } from './dnspython.js';
import { javaInetAddress, javaJndi } from './java.js';
import { chromium } from './chromium.js';
import { hickory } from './hickory.js';
import { caresSystem, glibcGetaddrinfo, glibcGethostbyname, muslGetaddrinfo } from './libc.js';
import { nodeCares, nodeLookup } from './node.js';
import { perlNetDns } from './perl.js';
import { rubyResolv } from './ruby.js';
import { systemdResolved } from './systemd-resolved.js';
import { CLIENT_IDS } from './types.js';
import type { ProgramClientAdapter } from './program-client.js';

export const REAL_CLIENTS: readonly ProgramClientAdapter[] = [
  glibcGetaddrinfo, glibcGethostbyname, muslGetaddrinfo, caresSystem, nodeCares, nodeLookup, goPure, dnspython,
  javaInetAddress, javaJndi, systemdResolved, chromium,
  hickory,
  rubyResolv, perlNetDns,
];
if (REAL_CLIENTS.map((c) => c.id).join() !== CLIENT_IDS.join()) throw new DnsorderError('ERR_INTERNAL', 'client registry and CLIENT_IDS disagree');
