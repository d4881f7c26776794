// Go's pure resolver (net.Resolver{PreferGo: true}) with a Dial that sends
// every query to the scenario server. Built module-less, offline, with the
// Go caches inside the userland's build directory.
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where } from '../roots/userland.js';

function goEnv(buildDir: string): NodeJS.ProcessEnv {
  return {
    GOCACHE: join(buildDir, 'go', 'build'),
    GOPATH: join(buildDir, 'go', 'path'),
    GOFLAGS: '-mod=mod',
    GO111MODULE: 'off',
    GOTOOLCHAIN: 'local',
    GOPROXY: 'off',
    CGO_ENABLED: '0',
  };
}

export const goPure = defineProgramClient({
  id: 'go-pure',
  discovery: 'explicit-server',
  describe: 'Go net.Resolver{PreferGo: true}: LookupIP (ip4/ip6), then LookupCNAME',
  toolchain: async (userland) => {
    const identity = await userland.firstLine(['go', 'version']);
    return identity ? { identity } : { missing: `no Go toolchain${where(userland)}: ${installHint('golang-go')}` };
  },
  recipe: (identity, buildDir) => ({
    client: 'go',
    sources: ['resolve.go'],
    toolchain: identity,
    commands: [['go', 'build', '-o', '{out}/resolve', '{src}/resolve.go']],
    env: goEnv(buildDir),
  }),
  argv: (dir, server) => [join(dir, 'resolve'), `${server.address}:${server.port}`],
  version: (dir, userland) => userland.firstLine([join(dir, 'resolve'), '--version']),
});
