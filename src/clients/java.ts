// The JDK's two resolvers. `java-inetaddress` is InetAddress.getAllByName:
// getaddrinfo in libc, so it reads /etc/resolv.conf and runs in the namespace;
// its address cache is off. `java-jndi` is the JNDI DNS provider pointed at the
// server with a dns://host:port URL. One JVM per worker resolves many names.
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where, type Userland } from '../roots/userland.js';

const javaToolchain = async (userland: Userland) => {
  const javac = await userland.firstLine(['javac', '-version']);
  // --version, not -version: the latter prints to stderr, so the runtime was never part of the identity.
  const java = await userland.firstLine(['java', '--version']);
  return javac ? { identity: `${javac} ${java ?? ''}` } : { missing: `no javac${where(userland)}: ${installHint('default-jdk-headless')}` };
};

const recipe = (identity: string) => ({
  client: 'java',
  sources: ['Resolve.java'],
  toolchain: identity,
  commands: [['javac', '-d', '{out}', '{src}/Resolve.java']],
});

const JVM_FLAGS = ['-Xshare:auto', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss512k'];
const version = (dir: string, userland: Userland) => userland.firstLine(['java', '-cp', dir, 'Resolve', '--version']);

export const javaInetAddress = defineProgramClient({
  id: 'java-inetaddress',
  discovery: 'system-config',
  describe: 'Java InetAddress.getAllByName (getaddrinfo in libc), cache off',
  toolchain: javaToolchain,
  recipe,
  // A: IPv4 stack only (getaddrinfo AF_INET); AAAA: IPv6 preferred (AF_UNSPEC, IPv6 kept).
  argv: (dir, _server, qtype) => ['java', ...JVM_FLAGS, '-Dsun.net.inetaddr.ttl=0', '-Dsun.net.inetaddr.negative.ttl=0',
    qtype === 'AAAA' ? '-Djava.net.preferIPv6Addresses=true' : '-Djava.net.preferIPv4Stack=true',
    '-cp', dir, 'Resolve', 'inetaddress'],
  version,
});

export const javaJndi = defineProgramClient({
  id: 'java-jndi',
  discovery: 'explicit-server',
  describe: 'Java JNDI DNS provider (com.sun.jndi.dns.DnsContextFactory), attribute A/AAAA',
  toolchain: javaToolchain,
  recipe,
  argv: (dir, server) => ['java', ...JVM_FLAGS, '-cp', dir, 'Resolve', 'jndi', `dns://${server.address}:${server.port}`],
  version,
});
