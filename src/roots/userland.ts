// A userland is where a client, a resolver or a zone loader runs: the host, or
// a root filesystem (a Debian suite dnsorder built, or a tree the user names).
// Everything that starts a peer program asks its userland for the argv, so the
// same adapter runs glibc 2.36 on the host and glibc 2.41 in a trixie root.
//
// A root is entered with chroot inside a private mount namespace (the run's
// network namespace, or `unshare -m`): /proc, /dev, a fresh /run and /tmp and
// the host directories a caller binds are mounted there and vanish with it,
// so neither the root nor the host changes (src/roots/enter-root.sh).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../process/run-command.js';
import { netnsExec } from '../process/netns-exec.js';
import { RootError } from './errors.js';

/** The script that enters a root (shipped in src/, used from src/ and dist/ alike). */
export const ENTER_ROOT_SCRIPT = fileURLToPath(new URL('../../src/roots/enter-root.sh', import.meta.url));

/** The environment a root's programs get: the root's own PATH, nothing of the host's shell. */
const ROOT_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
};

/** A host directory seen at `inside` in the userland (under /run/ or /tmp/ in a root, which are fresh tmpfs). */
export interface Bind {
  host: string;
  inside: string;
}

export interface RunIn {
  /** Run inside this network namespace; in a root its resolv.conf and hosts replace the root's. */
  namespace?: string;
  /** Host directories to make visible (in a root); on the host, `inside` must equal `host`. */
  binds?: readonly Bind[];
  /** In a root inside a namespace: this host file as /etc/resolv.conf instead of the namespace's. */
  resolvConf?: string;
}

export interface Userland {
  /** `host`, or the root's name (`trixie`, or NAME of `--root NAME=DIR`). */
  readonly name: string;
  /** The root filesystem's directory; undefined for the host. */
  readonly dir?: string;
  /** Where dnsorder keeps what it builds for this userland (a host path). */
  readonly buildDir: string;
  /** Where `buildDir` is seen from inside the userland. */
  readonly buildDirInside: string;
  /** The argv that runs `argv` (paths as seen inside) in this userland. */
  command(argv: readonly string[], where?: RunIn): string[];
  /** The environment for a program of this userland, with `extra` on top. */
  environment(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Version of an installed Debian package, or undefined (not installed, not Debian). */
  packageVersion(pkg: string): Promise<string | undefined>;
  /** First stdout line of `argv` run in this userland, or undefined when it failed. */
  firstLine(argv: readonly string[], env?: NodeJS.ProcessEnv): Promise<string | undefined>;
}

/** ` in trixie` for a root, nothing on the host: for messages about a missing program. */
export function where(userland: Pick<Userland, 'name' | 'dir'>): string {
  return userland.dir ? ` in ${userland.name}` : '';
}

/** `host` is the bare name: its client ids carry no suffix. */
export const HOST = 'host';

/** A client id in a userland: the bare id on the host, `id@name` in a root. */
export function idIn(id: string, userland: Pick<Userland, 'name'>): string {
  return userland.name === HOST ? id : `${id}@${userland.name}`;
}

/** Splits `glibc-getaddrinfo@trixie` into base id and userland name (`host` when bare). */
export function splitUserlandId(id: string): { base: string; userland: string } {
  const at = id.lastIndexOf('@');
  return at > 0 ? { base: id.slice(0, at), userland: id.slice(at + 1) } : { base: id, userland: HOST };
}

async function dpkgVersion(admindir: string | undefined, pkg: string): Promise<string | undefined> {
  const argv = ['dpkg-query', ...(admindir ? [`--admindir=${admindir}`] : []), '-W', '-f=${db:Status-Abbrev}\t${Version}', pkg];
  const r = await runCommand(argv, { timeoutMs: 20_000 });
  if (r.error || r.exitCode !== 0) return undefined;
  const [status, version] = r.stdout.split('\t');
  return status?.startsWith('ii') && version ? version.trim() : undefined;
}

async function firstLineOf(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const r = await runCommand(argv, { env, timeoutMs: 60_000 });
  if (r.error || r.exitCode !== 0) return undefined;
  return r.stdout.trim().split('\n')[0]?.trim() || undefined;
}

export function hostUserland(buildDir: string): Userland {
  return {
    name: HOST,
    buildDir,
    buildDirInside: buildDir,
    command(argv, where = {}) {
      for (const b of where.binds ?? []) {
        if (b.host !== b.inside) throw new RootError('ERR_ROOT_BIND', `on the host ${b.host} cannot be seen at ${b.inside}`);
      }
      if (where.resolvConf) throw new RootError('ERR_ROOT_BIND', 'the host\'s resolv.conf is never replaced: a resolver configuration of its own needs a root');
      return where.namespace ? netnsExec(where.namespace, argv) : [...argv];
    },
    environment: (extra) => ({ ...process.env, ...extra }),
    packageVersion: (pkg) => dpkgVersion(undefined, pkg),
    firstLine(argv, env) {
      return firstLineOf(this.command(argv), this.environment(env));
    },
  };
}

/** Where a root sees the host directory holding its builds. */
export const ROOT_BUILD_DIR = '/run/dnsorder/builds';

export function rootUserland(name: string, dir: string, buildDir: string): Userland {
  return {
    name,
    dir,
    buildDir,
    buildDirInside: ROOT_BUILD_DIR,
    command(argv, where = {}) {
      const binds = [{ host: buildDir, inside: ROOT_BUILD_DIR }, ...(where.binds ?? [])];
      const options: string[] = [];
      for (const b of binds) {
        // Only the fresh tmpfs mounts may get new directories: the root itself is never written.
        if (!/^\/(run|tmp)\/./.test(b.inside) || b.inside.split('/').includes('..')) {
          throw new RootError('ERR_ROOT_BIND', `a directory bound into a root must go under /run/ or /tmp/, not ${b.inside}`);
        }
        options.push('--bind', b.host, b.inside);
      }
      if (where.namespace) options.push('--resolver');
      if (where.namespace && where.resolvConf) options.push('--resolv-conf', where.resolvConf);
      mkdirSync(buildDir, { recursive: true, mode: 0o700 }); // bind needs it to exist, even before the first build
      const enter = ['sh', ENTER_ROOT_SCRIPT, dir, ...options, '--', ...argv];
      return where.namespace ? netnsExec(where.namespace, enter) : ['unshare', '--mount', '--propagation', 'private', ...enter];
    },
    environment: (extra) => ({ ...ROOT_ENV, ...extra }),
    packageVersion: (pkg) => dpkgVersion(join(dir, 'var/lib/dpkg'), pkg),
    firstLine(argv, env) {
      return firstLineOf(this.command(argv), this.environment(env));
    },
  };
}
