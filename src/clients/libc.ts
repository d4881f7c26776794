// The C library clients: glibc's getaddrinfo and gethostbyname2, and musl's
// getaddrinfo (the same source, linked statically against musl). They only
// read /etc/resolv.conf, so they run in the matrix's network namespace.
// Compiled in their userland, so a root's client links the root's libraries.
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where, type Userland } from '../roots/userland.js';

const systemCc = async (userland: Userland) => {
  const identity = await userland.firstLine(['cc', '--version']);
  return identity ? { identity } : { missing: `no C compiler (cc)${where(userland)}: ${installHint('build-essential')}` };
};


function glibcClient(id: string, api: 'getaddrinfo' | 'gethostbyname', describe: string) {
  return defineProgramClient({
    id,
    discovery: 'system-config',
    describe,
    toolchain: systemCc,
    recipe: (identity) => ({
      client: 'glibc',
      sources: ['resolve.c', 'json-out.h'],
      toolchain: identity,
      commands: [['cc', '-O1', '-Wall', '-o', '{out}/resolve', '{src}/resolve.c']],
    }),
    argv: (dir) => [join(dir, 'resolve'), api],
    version: async (dir, userland) => {
      const runtime = await userland.firstLine([join(dir, 'resolve'), '--version']);
      const pkg = await userland.packageVersion('libc6');
      return runtime && (pkg ? `${runtime} (libc6 ${pkg})` : runtime);
    },
  });
}

export const glibcGetaddrinfo = glibcClient('glibc-getaddrinfo', 'getaddrinfo', 'glibc getaddrinfo(AF_INET|AF_INET6, AI_CANONNAME) via /etc/resolv.conf');
export const glibcGethostbyname = glibcClient('glibc-gethostbyname', 'gethostbyname', 'glibc gethostbyname2(AF_INET|AF_INET6) via /etc/resolv.conf');

export const muslGetaddrinfo = defineProgramClient({
  id: 'musl-getaddrinfo',
  discovery: 'system-config',
  describe: 'musl getaddrinfo (static, musl-gcc) via /etc/resolv.conf',
  toolchain: async (userland) => {
    const identity = await userland.firstLine(['musl-gcc', '--version']);
    const pkg = await userland.packageVersion('musl');
    return identity ? { identity: `${identity} musl ${pkg ?? '?'}` } : { missing: `no musl-gcc${where(userland)}: ${installHint('musl-tools')}` };
  },
  recipe: (identity) => ({
    client: 'musl',
    sources: ['resolve.c', 'json-out.h'],
    toolchain: identity,
    commands: [['musl-gcc', '-static', '-O1', '-Wall', '-o', '{out}/resolve', '{src}/resolve.c']],
  }),
  argv: (dir) => [join(dir, 'resolve'), 'getaddrinfo'],
  // musl has no runtime version API: the package the static binary was linked from.
  version: async (_dir, userland) => {
    const pkg = await userland.packageVersion('musl');
    return pkg ? `musl ${pkg.replace(/-[^-]*$/, '')} (musl ${pkg})` : undefined;
  },
});

export const caresSystem = defineProgramClient({
  id: 'cares-system',
  discovery: 'explicit-server',
  describe: "the distro's libc-ares: ares_getaddrinfo with ares_set_servers_ports_csv",
  toolchain: async (userland) => {
    const cc = await systemCc(userland);
    if ('missing' in cc) return cc;
    const pkg = await userland.packageVersion('libc-ares-dev');
    return pkg ? { identity: `${cc.identity} libc-ares-dev ${pkg}` } : { missing: `no c-ares headers${where(userland)}: ${installHint('libc-ares-dev')}` };
  },
  recipe: (identity) => ({
    client: 'cares',
    sources: ['cares.c', 'json-out.h'],
    toolchain: identity,
    commands: [['cc', '-O1', '-Wall', '-o', '{out}/cares', '{src}/cares.c', '-lcares']],
  }),
  argv: (dir, server) => [join(dir, 'cares'), `${server.address}:${server.port}`],
  version: (dir, userland) => userland.firstLine([join(dir, 'cares'), '--version']),
});
