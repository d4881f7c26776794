// The C library clients: glibc's getaddrinfo and gethostbyname2, and musl's
// getaddrinfo (the same source, linked statically against musl). They only
// read /etc/resolv.conf, so they run in the matrix's network namespace.
import { join } from 'node:path';
import { commandLine } from '../process/run-command.js';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';

async function dpkgVersion(pkg: string): Promise<string | undefined> {
  return commandLine(['dpkg-query', '-W', '-f=${Version}', pkg]);
}

const systemCc = async () => {
  const identity = await commandLine(['cc', '--version']);
  return identity ? { identity } : { missing: `no C compiler (cc): ${installHint('build-essential')}` };
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
    argv: (dir) => [join(dir!, 'resolve'), api],
    version: async (dir) => {
      const runtime = await commandLine([join(dir!, 'resolve'), '--version']);
      const pkg = await dpkgVersion('libc6');
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
  toolchain: async () => {
    const identity = await commandLine(['musl-gcc', '--version']);
    const pkg = await dpkgVersion('musl');
    return identity ? { identity: `${identity} musl ${pkg ?? '?'}` } : { missing: `no musl-gcc: ${installHint('musl-tools')}` };
  },
  recipe: (identity) => ({
    client: 'musl',
    sources: ['resolve.c', 'json-out.h'],
    toolchain: identity,
    commands: [['musl-gcc', '-static', '-O1', '-Wall', '-o', '{out}/resolve', '{src}/resolve.c']],
  }),
  argv: (dir) => [join(dir!, 'resolve'), 'getaddrinfo'],
  // musl has no runtime version API: the package the static binary was linked from.
  version: async () => {
    const pkg = await dpkgVersion('musl');
    return pkg ? `musl ${pkg.replace(/-[^-]*$/, '')} (musl ${pkg})` : undefined;
  },
});

export const caresSystem = defineProgramClient({
  id: 'cares-system',
  discovery: 'explicit-server',
  describe: "the distro's libc-ares: ares_getaddrinfo with ares_set_servers_ports_csv",
  toolchain: async () => {
    const cc = await systemCc();
    if ('missing' in cc) return cc;
    const pkg = await dpkgVersion('libc-ares-dev');
    return pkg ? { identity: `${cc.identity} libc-ares-dev ${pkg}` } : { missing: `no c-ares headers: ${installHint('libc-ares-dev')}` };
  },
  recipe: (identity) => ({
    client: 'cares',
    sources: ['cares.c', 'json-out.h'],
    toolchain: identity,
    commands: [['cc', '-O1', '-Wall', '-o', '{out}/cares', '{src}/cares.c', '-lcares']],
  }),
  argv: (dir, server) => [join(dir!, 'cares'), `${server.address}:${server.port}`],
  version: (dir) => commandLine([join(dir!, 'cares'), '--version']),
});
