// hickory-resolver (formerly trust-dns-resolver), the Rust stub resolver:
// TokioAsyncResolver::lookup_ip with the scenario server as the only name
// server (UDP, TCP after a truncated answer), no resolv.conf, no hosts file,
// a fresh resolver per request. Built offline with cargo against the crates
// the userland packages in /usr/share/cargo/registry (Debian's librust-*-dev),
// so the crate versions are the release's, like a C client's libraries.
// Debian 12 packages only trust-dns-resolver 0.22: hickory needs Debian 13+.
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where } from '../roots/userland.js';

const CRATES = ['librust-hickory-resolver-dev', 'librust-tokio-dev'];

/** cargo's home (its caches) in the userland's build directory: a root's /root is never written. */
function cargoEnv(buildDir: string): NodeJS.ProcessEnv {
  return { CARGO_HOME: join(buildDir, 'cargo'), CARGO_NET_OFFLINE: 'true', CARGO_TERM_COLOR: 'never' };
}

export const hickory = defineProgramClient({
  id: 'hickory',
  discovery: 'explicit-server',
  describe: 'hickory-resolver TokioAsyncResolver::lookup_ip (Ipv4Only|Ipv6Only), owner of the first address record',
  toolchain: async (userland) => {
    const [resolver, tokio] = await Promise.all(CRATES.map((p) => userland.packageVersion(p)));
    if (!resolver) {
      return { missing: `hickory-resolver crates not installed${where(userland) || ' here'}: Debian packages them from 13 (trixie) on `
        + `(dnsorder matrix --suites host,trixie); on Debian 13 or later, ${installHint('cargo', ...CRATES)}` };
    }
    if (!tokio) return { missing: `no tokio crate${where(userland)}: ${installHint('librust-tokio-dev')}` };
    const cargo = await userland.firstLine(['cargo', '--version']);
    if (!cargo) return { missing: `no cargo${where(userland)}: ${installHint('cargo')}` };
    return { identity: `${cargo}; hickory-resolver ${resolver}; tokio ${tokio}` };
  },
  recipe: (identity, buildDir) => ({
    client: 'hickory',
    sources: ['hickory/Cargo.toml', 'hickory/cargo-config.toml', 'hickory/src/main.rs'],
    toolchain: identity,
    commands: [
      ['cargo', 'build', '--offline', '--manifest-path', '{src}/hickory/Cargo.toml', '--config', '{src}/hickory/cargo-config.toml'],
      // Keep the binary, drop cargo's target directory (its dependencies' artefacts).
      ['cp', '{out}/hickory/target/debug/resolve', '{out}/resolve'],
      ['rm', '-rf', '{out}/hickory/target'],
    ],
    env: cargoEnv(buildDir),
    // Cold, hickory, tokio and their dependencies from source take 73 s of CPU (debug profile; --release: 142 s)
    // and measured 5 min on a loaded 2-core machine: more than the default limit.
    timeoutMs: 30 * 60_000,
  }),
  // Debian packages hickory from 13 on: with a root in the run, the host's column (Debian 12: unavailable) is not listed.
  onlyInRoots: true,
  argv: (dir, server) => [join(dir, 'resolve'), `${server.address}:${server.port}`],
  version: (dir, userland) => userland.firstLine([join(dir, 'resolve'), '--version']),
});
