// The shared shape of a real client: a toolchain check, a cached build of the
// probe program, a version query, and a pool of long-running workers that
// answer one request line each. Each adapter file only says what differs.
// Everything runs in a userland (src/roots): the host, or a root filesystem of
// another release, where the same adapter builds and runs the root's library.
import { ensureBuilt, type BuildRecipe } from './build-cache.js';
import { DnsorderError, isDnsorderError } from '../errors.js';
import { WorkerPool } from './line-worker.js';
import { hostUserland, idIn, type RunIn, type Userland } from '../roots/userland.js';
import type { ClientAdapter, Detection, PreparedClient, RunContext, ServerDiscovery, ServerEndpoint } from './types.js';

export interface ProgramClientSpec {
  id: string;
  discovery: ServerDiscovery;
  describe: string;
  /** Toolchain identity (compiler version line) in the userland, or a reason it is missing. */
  toolchain(userland: Userland): Promise<{ identity: string } | { missing: string }>;
  /** Build recipe given the toolchain identity and the build directory as the userland sees it (none: a program already there). */
  recipe?(identity: string, buildDirInside: string): BuildRecipe;
  /** Program command line as the userland sees it; `dir` is the build directory there ('' without a recipe). */
  argv(dir: string, server: ServerEndpoint, qtype: 'A' | 'AAAA', userland: Userland): string[];
  /** Library version the program runs against (usually the program's own `--version` line). */
  version(dir: string, userland: Userland): Promise<string | undefined>;
  env?: NodeJS.ProcessEnv;
  /** Runs only inside a root (systemd-resolved): with roots in the run, no host column is listed. */
  onlyInRoots?: boolean;
  /** A daemon the program talks to, started once per run in its userland and namespace (systemd-resolved). */
  sidecar?(userland: Userland, context: RunContext): Promise<Sidecar>;
}

/** A running daemon, and how the probe program must run to reach it. */
export interface Sidecar {
  runIn: Omit<RunIn, 'namespace'>;
  stop(): Promise<void>;
}

/** A real client that can also run inside a root: `inUserland(trixie)` is `id@trixie`. */
export interface ProgramClientAdapter extends ClientAdapter {
  inUserland(userland: Userland): ClientAdapter;
  onlyInRoots: boolean;
}

export function defineProgramClient(spec: ProgramClientSpec): ProgramClientAdapter {
  const adapterFor = (fixed: Userland | undefined): ClientAdapter => {
    // The host's adapter builds into the cache directory the matrix hands it.
    const userlandFor = (cacheDir: string) => fixed ?? hostUserland(cacheDir);
    // detect() and prepare() both need the build: the toolchain check (a JVM start for javac, say)
    // runs once per adapter and build directory, not once each.
    const builds = new Map<string, Promise<string>>();
    const build = (userland: Userland): Promise<string> => {
      let built = builds.get(userland.buildDir);
      if (!built) {
        built = (async () => {
          const tc = await spec.toolchain(userland);
          if ('missing' in tc) throw new DnsorderError('ERR_CLIENT_TOOLCHAIN', tc.missing);
          return spec.recipe ? (await ensureBuilt(userland, spec.recipe(tc.identity, userland.buildDirInside))).dir : '';
        })();
        builds.set(userland.buildDir, built);
        built.catch(() => builds.delete(userland.buildDir)); // a failed check is tried again next time
      }
      return built;
    };
    return {
      id: fixed ? idIn(spec.id, fixed) : spec.id,
      base: spec.id,
      userland: fixed?.name ?? 'host',
      discovery: spec.discovery,
      describe: spec.describe,
      async detect(cacheDir: string): Promise<Detection> {
        const userland = userlandFor(cacheDir);
        let dir: string;
        try {
          dir = await build(userland);
        } catch (err) {
          return { available: false, reason: isDnsorderError(err) ? err.message.split('\n')[0]! : (err as Error).message };
        }
        const version = await spec.version(dir, userland);
        if (!version) return { available: false, reason: `${spec.id}: the probe program does not run${fixed ? ` in ${fixed.name}` : ''}` };
        return { available: true, version };
      },
      async prepare(context: RunContext): Promise<PreparedClient> {
        const userland = userlandFor(context.cacheDir);
        const dir = await build(userland);
        const sidecar = spec.sidecar ? await spec.sidecar(userland, context) : undefined;
        const pools = new Map<string, WorkerPool>();
        const poolFor = (qtype: 'A' | 'AAAA') => {
          const argv = userland.command(spec.argv(dir, context.server, qtype, userland), { ...sidecar?.runIn, namespace: context.namespace });
          const key = argv.join('\0');
          let pool = pools.get(key);
          if (!pool) pools.set(key, (pool = new WorkerPool(argv, context.maxWorkers, userland.environment(spec.env))));
          return pool;
        };
        return {
          resolve: (request) => poolFor(request.qtype).request(`${request.qtype} ${request.name}`, request.timeoutMs),
          close: async () => {
            await Promise.all([...pools.values()].map((p) => p.close()));
            await sidecar?.stop();
          },
        };
      },
    };
  };
  return { ...adapterFor(undefined), inUserland: (userland) => adapterFor(userland), onlyInRoots: spec.onlyInRoots ?? false };
}
