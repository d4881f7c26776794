// Network-namespace isolation for clients that only read the system resolver
// configuration (libc, musl, node-lookup, java-inetaddress). One namespace per
// matrix run: loopback up, /etc/netns/<ns>/resolv.conf pointing at the
// scenario server on 127.0.0.1:53 inside it, and an /etc/netns/<ns>/hosts with
// only localhost lines (nsswitch is "files dns": the files source must not
// answer anything). `ip netns exec` bind-mounts both over /etc for the
// programs it runs. The host's /etc/resolv.conf is never touched. The
// namespace and its files go away on close, on error, on SIGINT/SIGTERM and
// on exit; namespaces left behind by dead runs are swept before a new one.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NamespaceError } from './errors.js';
import { runCommand } from '../process/run-command.js';
import { netnsExec } from '../process/netns-exec.js';
import { pidAlive } from '../process/pid-alive.js';

export { netnsExec };

const NETNS_ETC = '/etc/netns';
const PREFIX = 'dnsorder-';
const NAME_PATTERN = /^dnsorder-(\d+)-[0-9a-f]+$/;

export const NAMESPACE_RESOLV_CONF = 'nameserver 127.0.0.1\noptions attempts:1 timeout:2\n';
export const NAMESPACE_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n';

/** Whether this process can create namespaces, or why not. */
export async function namespaceSupport(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (process.platform !== 'linux') return { ok: false, reason: 'network namespaces need Linux' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'network namespaces need root (run as root for libc clients)' };
  const r = await runCommand(['ip', 'netns', 'list'], { timeoutMs: 10_000 });
  if (r.error || r.exitCode !== 0) return { ok: false, reason: `\`ip netns\` unavailable: ${(r.error?.message ?? r.stderr).trim()}` };
  return { ok: true };
}


function listNamespaces(): string[] {
  try {
    return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
  } catch {
    return [];
  }
}

/** Kills whatever still runs inside the namespace (all ours: the server, client workers), then deletes it. */
function removeSync(name: string): void {
  try {
    const pids = execFileSync('ip', ['netns', 'pids', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    for (const pid of pids.split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // exited meanwhile
      }
    }
  } catch {
    // no such namespace
  }
  try {
    execFileSync('ip', ['netns', 'delete', name], { stdio: 'ignore' });
  } catch {
    // already gone
  }
  rmSync(join(NETNS_ETC, name), { recursive: true, force: true });
}

/** Deletes dnsorder namespaces (and /etc/netns dirs) whose creating process is dead. Returns their names. */
export function sweepStaleNamespaces(): string[] {
  const names = new Set(listNamespaces().filter((n) => n.startsWith(PREFIX)));
  if (existsSync(NETNS_ETC)) for (const d of readdirSync(NETNS_ETC)) if (d.startsWith(PREFIX)) names.add(d);
  const swept: string[] = [];
  for (const name of names) {
    const m = NAME_PATTERN.exec(name);
    if (m && !pidAlive(Number(m[1]))) {
      removeSync(name);
      swept.push(name);
    }
  }
  return swept;
}


export class NetworkNamespace {
  private closed = false;
  private readonly cleanups: Array<() => void> = [];
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.closeSync();
    process.kill(process.pid, signal); // default action after our clean-up: die by the same signal
  };
  private readonly onExit = () => this.closeSync();

  private constructor(readonly name: string) {}

  /** Creates the namespace and its resolver files; throws NamespaceError (after undoing) when a step fails. */
  static create(): NetworkNamespace {
    sweepStaleNamespaces();
    const ns = new NetworkNamespace(`${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`);
    ns.install();
    try {
      execFileSync('ip', ['netns', 'add', ns.name], { stdio: ['ignore', 'ignore', 'pipe'] });
      execFileSync('ip', ['-n', ns.name, 'link', 'set', 'lo', 'up'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const dir = join(NETNS_ETC, ns.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'resolv.conf'), NAMESPACE_RESOLV_CONF);
      writeFileSync(join(dir, 'hosts'), NAMESPACE_HOSTS);
    } catch (err) {
      ns.closeSync();
      const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
      throw new NamespaceError(`cannot set up network namespace ${ns.name}: ${stderr || (err as Error).message}`, { cause: err });
    }
    return ns;
  }

  /** argv run inside the namespace. */
  exec(argv: readonly string[]): string[] {
    return netnsExec(this.name, argv);
  }

  /** Runs `fn` synchronously before the namespace goes (e.g. kill the server inside it), also on signals. */
  onClose(fn: () => void): void {
    this.cleanups.push(fn);
  }

  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        fn();
      } catch {
        // keep cleaning up
      }
    }
    removeSync(this.name);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    process.off('exit', this.onExit);
  }

  private install(): void {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
    process.once('exit', this.onExit);
  }
}
