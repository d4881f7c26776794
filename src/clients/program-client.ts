// The shared shape of a real client: a toolchain check, a cached build of the
// probe program, a version query, and a pool of long-running workers that
// answer one request line each. Each adapter file only says what differs.
import { ensureBuilt, type BuildRecipe } from './build-cache.js';
import { DnsorderError, isDnsorderError } from '../errors.js';

import { WorkerPool } from './line-worker.js';
import { netnsExec } from './namespace.js';
import type { ClientAdapter, Detection, PreparedClient, RunContext, ServerDiscovery, ServerEndpoint } from './types.js';

export interface ProgramClientSpec {
  id: string;
  discovery: ServerDiscovery;
  describe: string;
  /** Toolchain identity (compiler version line), or a reason it is missing. */
  toolchain(): Promise<{ identity: string } | { missing: string }>;
  /** Build recipe given the toolchain identity; omitted for interpreted programs. */
  recipe?(identity: string, cacheDir: string): BuildRecipe;
  /** Program command line; `dir` is the build directory (or undefined). */
  argv(dir: string | undefined, server: ServerEndpoint, qtype: 'A' | 'AAAA'): string[];
  /** Library version the program runs against (usually the program's own `--version` line). */
  version(dir: string | undefined): Promise<string | undefined>;
  env?: NodeJS.ProcessEnv;
}

export function inNamespace(namespace: string | undefined, argv: string[]): string[] {
  return namespace ? netnsExec(namespace, argv) : argv;
}

export function defineProgramClient(spec: ProgramClientSpec): ClientAdapter {
  const build = async (cacheDir: string): Promise<string | undefined> => {
    const tc = await spec.toolchain();
    if ('missing' in tc) throw new DnsorderError('ERR_CLIENT_TOOLCHAIN', tc.missing);
    return spec.recipe ? ensureBuilt(cacheDir, spec.recipe(tc.identity, cacheDir)) : undefined;
  };
  return {
    id: spec.id,
    discovery: spec.discovery,
    describe: spec.describe,
    async detect(cacheDir: string): Promise<Detection> {
      let dir: string | undefined;
      try {
        dir = await build(cacheDir);
      } catch (err) {
        return { available: false, reason: isDnsorderError(err) ? err.message.split('\n')[0]! : (err as Error).message };
      }
      const version = await spec.version(dir);
      if (!version) return { available: false, reason: `${spec.id}: the probe program does not run` };
      return { available: true, version };
    },
    async prepare(context: RunContext): Promise<PreparedClient> {
      const dir = await build(context.cacheDir);
      const pools = new Map<string, WorkerPool>();
      const poolFor = (qtype: 'A' | 'AAAA') => {
        const argv = inNamespace(context.namespace, spec.argv(dir, context.server, qtype));
        const key = argv.join('\0');
        let pool = pools.get(key);
        if (!pool) pools.set(key, (pool = new WorkerPool(argv, context.maxWorkers, { ...process.env, ...spec.env })));
        return pool;
      };
      return {
        resolve: (request) => poolFor(request.qtype).request(`${request.qtype} ${request.name}`, request.timeoutMs),
        close: async () => {
          await Promise.all([...pools.values()].map((p) => p.close()));
        },
      };
    },
  };
}

