// Go's pure resolver (net.Resolver{PreferGo: true}) with a Dial that sends
// every query to the scenario server. Built module-less, offline, with the
// Go caches inside dnsorder's cache directory.
import { join } from 'node:path';
import { commandLine } from '../process/run-command.js';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';

function goEnv(cacheDir: string): NodeJS.ProcessEnv {
  return {
    GOCACHE: join(cacheDir, 'go', 'build'),
    GOPATH: join(cacheDir, 'go', 'path'),
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
  toolchain: async () => {
    const identity = await commandLine(['go', 'version']);
    return identity ? { identity } : { missing: `no Go toolchain: ${installHint('golang-go')}` };
  },
  recipe: (identity, cacheDir) => ({
    client: 'go',
    sources: ['resolve.go'],
    toolchain: identity,
    commands: [['go', 'build', '-o', '{out}/resolve', '{src}/resolve.go']],
    env: goEnv(cacheDir),
  }),
  argv: (dir, server) => [join(dir!, 'resolve'), `${server.address}:${server.port}`],
  version: (dir) => commandLine([join(dir!, 'resolve'), '--version']),
});
