// A throw-away unbound on a loopback port: writes unbound.conf into its own
// temp directory, runs it in the foreground (no daemon, no chroot, no
// privilege drop, log to stderr), answers SOA queries over UDP, and stops it
// by its own pid. Used by the unbound loader adapter and the AXFR lab test.

import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { freeLoopbackPort } from '../net/free-port.js';

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

  static async start(zone: AuthZoneConfig, options: { directory?: string } = {}): Promise<UnboundInstance> {
    // The free port can be taken between asking and unbound binding it (tests
    // run in parallel): unbound then exits at once, and we try another port.
    for (let attempt = 1; ; attempt++) {
      const directory = mkdtempSync(join(tmpdir(), 'dnsorder-unbound-'));
      const port = await freeLoopbackPort();
      writeFileSync(join(directory, 'unbound.conf'), unboundConfig(port, options.directory ?? directory, zone));
      const child = spawn('unbound', ['-d', '-c', join(directory, 'unbound.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
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
          const packet = dnsPacket.decode(msg);
          if (packet.id !== id) return;
          const soa = packet.answers?.find((a) => a.type === 'SOA') as { data?: { serial?: number } } | undefined;
          finish({ rcode: (packet as { rcode?: string }).rcode ?? 'NOERROR', aa: Boolean((packet.flags ?? 0) & dnsPacket.AUTHORITATIVE_ANSWER), serial: soa?.data?.serial });
        } catch {
          /* not a DNS message: keep waiting */
        }
      });
      socket.on('error', () => finish(undefined));
      const q = dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ type: 'SOA', name: name === '.' ? '.' : name.replace(/\.$/, '') }] });
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
