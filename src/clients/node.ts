// Node's two resolvers, each in a child node process (a crash or hang stays
// out of the matrix process): `node-cares` is the bundled c-ares
// (dns.Resolver + setServers), `node-lookup` is dns.lookup, i.e. getaddrinfo in libc.
import { join } from 'node:path';
import { PROGRAMS_DIR } from './build-cache.js';
import { defineProgramClient } from './program-client.js';

const nodeToolchain = async () => ({ identity: `node ${process.version}` });
const script = join(PROGRAMS_DIR, 'node-resolver.mjs');

function runtimeGlibc(): string | undefined {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime;
}

export const nodeCares = defineProgramClient({
  id: 'node-cares',
  discovery: 'explicit-server',
  describe: "Node's bundled c-ares: dns.Resolver.setServers + resolve4/resolve6",
  toolchain: nodeToolchain,
  argv: (_dir, server) => [process.execPath, script, 'cares', `${server.address}:${server.port}`],
  version: async () => `c-ares ${process.versions.ares} (node ${process.version})`,
});

export const nodeLookup = defineProgramClient({
  id: 'node-lookup',
  discovery: 'system-config',
  describe: "Node's dns.lookup({family, all: true}): getaddrinfo in libc",
  toolchain: nodeToolchain,
  argv: () => [process.execPath, script, 'lookup'],
  version: async () => {
    const glibc = runtimeGlibc();
    return `${glibc ? `glibc ${glibc}` : 'libc'} (node ${process.version})`;
  },
});
