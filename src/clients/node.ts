// Node's two resolvers, each in a child node process (a crash or hang stays
// out of the matrix process): `node-cares` is the bundled c-ares
// (dns.Resolver + setServers), `node-lookup` is dns.lookup, i.e. getaddrinfo in libc.
// On the host the child is this very node; in a root it is the root's nodejs,
// which Debian links against the system c-ares and glibc of that release.
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where, type Userland } from '../roots/userland.js';

const nodeIn = (userland: Userland) => (userland.dir ? 'node' : process.execPath);

const nodeToolchain = async (userland: Userland) => {
  const identity = await userland.firstLine([nodeIn(userland), '--version']);
  return identity ? { identity: `node ${identity}` } : { missing: `no node${where(userland)}: ${installHint('nodejs')}` };
};

const recipe = (identity: string) => ({ client: 'node', sources: ['node-resolver.mjs'], toolchain: identity, commands: [] });

/** What the node of this userland says about itself: c-ares and glibc versions. */
const facts = (userland: Userland) => userland.firstLine([nodeIn(userland), '-p',
  "[process.versions.ares, process.version, process.report.getReport().header.glibcVersionRuntime ?? ''].join(' ')"]);

export const nodeCares = defineProgramClient({
  id: 'node-cares',
  discovery: 'explicit-server',
  describe: "Node's c-ares: dns.Resolver.setServers + resolve4/resolve6",
  toolchain: nodeToolchain,
  recipe,
  argv: (dir, server, _qtype, userland) => [nodeIn(userland), join(dir, 'node-resolver.mjs'), 'cares', `${server.address}:${server.port}`],
  version: async (_dir, userland) => {
    const [ares, node] = (await facts(userland))?.split(' ') ?? [];
    return ares ? `c-ares ${ares} (node ${node})` : undefined;
  },
});

export const nodeLookup = defineProgramClient({
  id: 'node-lookup',
  discovery: 'system-config',
  describe: "Node's dns.lookup({family, all: true}): getaddrinfo in libc",
  toolchain: nodeToolchain,
  recipe,
  argv: (dir, _server, _qtype, userland) => [nodeIn(userland), join(dir, 'node-resolver.mjs'), 'lookup'],
  version: async (_dir, userland) => {
    const [, node, glibc] = (await facts(userland))?.split(' ') ?? [];
    return node ? `${glibc ? `glibc ${glibc}` : 'libc'} (node ${node})` : undefined;
  },
});
