// A throw-away unbound on a loopback port: writes unbound.conf into its own
// temp directory, runs it in the foreground (no daemon, no chroot, no
// privilege drop, log to stderr), answers SOA queries over UDP, and stops it
// by its own pid. Used by the unbound loader adapter and the AXFR lab test.
// In a root (src/roots) it is the root's unbound, its temp directory and the
// zone's directory bound in; the root shares the host's network, so it still
// listens on the host's loopback (entering the root execs all the way down:
// the pid is unbound's).

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { freeLoopbackPort } from '../net/free-port.js';
import { decodeMessage } from '../wire/decode.js';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage, rcodeName } from '../wire/message.js';
import type { Bind, Userland } from '../roots/userland.js';
import { HOST_USERLAND, pathInside, WORK_DIR_INSIDE } from './process.js';

/** Where a root sees the instance's own temp directory, when it is not under /tmp/. */
const CONF_DIR_INSIDE = '/run/dnsorder/unbound';
/** Where a root sees a zone file's directory that is not the working directory. */
const ZONEFILE_DIR_INSIDE = '/run/dnsorder/zonefile';

/** `path` as seen through the binds (host → inside), or undefined when no bind holds it. */
function seenAt(path: string, binds: readonly Bind[]): string | undefined {
  for (const b of binds) {
    const rel = relative(b.host, path);
    if (rel === '') return b.inside;
    if (!rel.startsWith('..') && !rel.startsWith('/')) return join(b.inside, rel);
  }
  return undefined;
}

export interface AuthZoneConfig {
  name: string;
  /** zonefile: absolute path (read at start) … */
  zonefile?: string;
  /** … or primary: `127.0.0.1@PORT` to transfer it from. */
  primary?: string;
  zonemdCheck: boolean;
}

export interface SoaAnswer {
  rcode: string;
  aa: boolean;
  serial?: number;
}

export function unboundConfig(port: number, directory: string, zone: AuthZoneConfig): string {
  return [
    'server:',
    '  interface: 127.0.0.1',
    `  port: ${port}`,
    '  do-ip6: no',
    '  do-daemonize: no',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${directory}"`,
    '  pidfile: ""',
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 1',
    '  log-time-ascii: no',
    // No validator: the ZONEMD digest is checked, its RRSIG is not (no trust anchor for test zones).
    '  module-config: "iterator"',
    '  access-control: 127.0.0.0/8 allow',
    '  do-not-query-localhost: no',
    'remote-control:',
    '  control-enable: no',
    'auth-zone:',
    `  name: "${zone.name}"`,
    ...(zone.zonefile ? [`  zonefile: "${zone.zonefile}"`] : []),
    ...(zone.primary ? [`  primary: ${zone.primary}`] : []),
    '  for-downstream: yes',
    '  for-upstream: no',
    '  fallback-enabled: no',
    `  zonemd-check: ${zone.zonemdCheck ? 'yes' : 'no'}`,
    '',
  ].join('\n');
}

export class UnboundInstance {
  private log = '';
  private exited = false;
  private constructor(readonly port: number, readonly directory: string, private readonly child: ChildProcess) {
    child.stderr?.on('data', (c) => (this.log += String(c)));
    child.stdout?.on('data', (c) => (this.log += String(c)));
    child.once('exit', () => (this.exited = true));
  }

  /**
   * `zone.zonefile` and `options.directory` are host paths; `options.userland`
   * (default the host) is whose unbound runs.
   */
  static async start(zone: AuthZoneConfig, options: { directory?: string; userland?: Userland } = {}): Promise<UnboundInstance> {
    const userland = options.userland ?? HOST_USERLAND;
    // The free port can be taken between asking and unbound binding it (tests
    // run in parallel): unbound then exits at once, and we try another port.
    for (let attempt = 1; ; attempt++) {
      const directory = mkdtempSync(join(tmpdir(), 'dnsorder-unbound-'));
      const binds: Bind[] = [{ host: directory, inside: pathInside(userland, directory, CONF_DIR_INSIDE) }];
      const work = options.directory === undefined ? binds[0]! : { host: options.directory, inside: pathInside(userland, options.directory, WORK_DIR_INSIDE) };
      if (work !== binds[0]) binds.push(work);
      let zonefile = zone.zonefile;
      if (zonefile !== undefined && userland.dir !== undefined) {
        if (seenAt(zonefile, binds) === undefined) binds.push({ host: dirname(zonefile), inside: pathInside(userland, dirname(zonefile), ZONEFILE_DIR_INSIDE) });
        zonefile = seenAt(zonefile, binds);
      }
      const port = await freeLoopbackPort();
      const conf = join(binds[0]!.inside, 'unbound.conf');
      writeFileSync(join(directory, 'unbound.conf'), unboundConfig(port, work.inside, { ...zone, zonefile }));
      const argv = userland.command(['unbound', '-d', '-c', conf], { binds: userland.dir === undefined ? [] : binds });
      const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: userland.environment() });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', () => resolve());
        child.once('error', (err) => {
          rmSync(directory, { recursive: true, force: true });
          reject(err);
        });
      });
      const instance = new UnboundInstance(port, directory, child);
      await new Promise((r) => setTimeout(r, 150));
      if (instance.running || attempt >= 5 || !isBindFailure(instance.output)) return instance;
      await instance.stop();
    }
  }

  get output(): string {
    return this.log;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** One SOA query over UDP; undefined on timeout. */
  querySoa(name: string, timeoutMs = 1000): Promise<SoaAnswer | undefined> {
    return new Promise((resolve) => {
      const socket = createSocket('udp4');
      const id = Math.floor(Math.random() * 0xffff);
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const finish = (answer: SoaAnswer | undefined) => {
        clearTimeout(timer);
        socket.close();
        resolve(answer);
      };
      socket.on('message', (msg) => {
        try {
          const packet = decodeMessage(msg);
          if (packet.id !== id) return;
          const soa = packet.answers.find((a) => a.type === 'SOA');
          const serial = soa && !Buffer.isBuffer(soa.data) ? (soa.data as { serial: number }).serial : undefined;
          finish({ rcode: rcodeName(packet.rcode), aa: packet.aa, serial });
        } catch {
          /* not a DNS message: keep waiting */
        }
      });
      socket.on('error', () => finish(undefined));
      const q = encodeMessage(emptyMessage({ id, questions: [{ name, type: 'SOA', class: 'IN' }] }));
      socket.send(q, this.port, '127.0.0.1');
    });
  }

  /** Polls until unbound answers (or exits, or `timeoutMs` passes). */
  async waitForAnswer(name: string, timeoutMs = 8000, accept: (a: SoaAnswer) => boolean = () => true): Promise<SoaAnswer | undefined> {
    const deadline = Date.now() + timeoutMs;
    let last: SoaAnswer | undefined;
    while (Date.now() < deadline && !this.exited) {
      last = await this.querySoa(name, 300);
      if (last !== undefined && accept(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    return last;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** unbound's words for "the port was taken": an environment failure, never a verdict on the zone. */
export function isBindFailure(log: string): boolean {
  return /could not open|address already in use|can't bind/i.test(log);
}
