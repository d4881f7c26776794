// What goes into a root: the peer packages the host lab installs
// (scripts/install-lab.sh), by the name each Debian suite gives them. A
// package a suite does not have is left out of that root and listed in its
// manifest; its clients, resolvers or loaders then say they are missing.

/** Debian suites dnsorder knows how to build; any other codename is tried with the default names. */
export const KNOWN_SUITES = ['bookworm', 'trixie', 'forky', 'sid', 'unstable', 'testing'] as const;

/** The suite CI builds (unstable changes daily and belongs to on-demand runs). */
export const CI_SUITES = ['trixie'] as const;

/** Peer packages by the name bookworm and trixie give them, grouped by who needs them. */
const DEFAULT_PACKAGES: readonly string[] = [
  // stub clients for the matrix, and their toolchains
  'build-essential', 'musl-tools', 'libc-ares-dev', 'golang-go', 'python3-dnspython', 'default-jdk-headless', 'nodejs',
  // resolvers for the probe lab, and a packet cache in front of one
  'unbound', 'knot-resolver', 'bind9', 'pdns-recursor', 'dnsmasq-base', 'dnsdist',
  // zone loaders
  'ldnsutils', 'bind9-utils', 'knot-dnssecutils', 'nsd', 'pdns-server',
  // the clients people actually run: systemd's stub resolver, Chromium's own DNS
  // client, the scripting languages' resolvers, and hickory (built offline with
  // cargo against the Debian-packaged crates)
  'systemd-resolved', 'chromium', 'ruby', 'libnet-dns-perl', 'cargo', 'librust-hickory-resolver-dev', 'librust-tokio-dev',
  // tools the lab itself runs inside a root
  'iproute2', 'bind9-dnsutils', 'ca-certificates',
];

/** Per-suite differences: a package renamed (`old → new`) or absent (`old → null`). */
const RENAMES: Record<string, Record<string, string | null>> = {
  // Knot Resolver 6 replaces 5 in unstable under a new name.
  sid: { 'knot-resolver': 'knot-resolver6' },
  unstable: { 'knot-resolver': 'knot-resolver6' },
};

export function suitePackages(suite: string): string[] {
  const renames = RENAMES[suite] ?? {};
  const out: string[] = [];
  for (const p of DEFAULT_PACKAGES) {
    const renamed = p in renames ? renames[p] : p;
    if (renamed) out.push(renamed);
  }
  return out.sort();
}

/** A Debian codename or alias: lowercase letters only (also what becomes part of a path and a client id). */
export function isSuiteName(name: string): boolean {
  return /^[a-z][a-z0-9-]{0,30}$/.test(name) && name !== 'host';
}
