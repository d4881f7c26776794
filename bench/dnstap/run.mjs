#!/usr/bin/env node
// bench/dnstap: how fast dnsorder reads what resolvers log over dnstap.
//
//   npm run build && node bench/dnstap/run.mjs [--seconds 10] [--live-qps 50000] [--json]
//
// 1. A dnstap file written by a real resolver under load: BIND (named) with
//    `dnstap { client; }` and `dnstap-output file`, answering dnsperf from its
//    cache (upstream: `dnsorder serve`, CNAME chains in every order).
// 2. Decoding that file, in the same run, each on CPU 0: `dnstap-read` (one
//    line per message, and -p, the whole message), dnsorder decoding every
//    message and analyzing every response (`check`'s work), and the same
//    through the verdict cache (`watch`'s work). Messages per second.
// 3. A live collector: `dnsorder watch` on a unix socket, unbound logging
//    every client query and response to it, dnsperf sending --live-qps
//    queries/s for --seconds; responses the watcher judged against those
//    dnsperf got, frames dropped, and the watcher's peak RSS.
//
// Everything talks to 127.0.0.1 and unix sockets only. Needs named, unbound,
// dnsperf and dnstap-read (scripts/install-lab.sh).

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { need, parseArgs } from '../lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/dnsorder.js');
const args = parseArgs(process.argv.slice(2));
const SECONDS = Number(args.seconds ?? 10);
const LIVE_QPS = Number(args['live-qps'] ?? 50_000);
const SCENARIOS = ['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'one-hop', 'no-chain', 'long-8', 'canonical-aaaa', 'owner-case-upper', 'dname-canonical'];



const pinned = (cpu, command, commandArgs) => (need('taskset') && cpus().length >= 2 ? ['taskset', ['-c', String(cpu), command, ...commandArgs]] : [command, commandArgs]);

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function waitForLine(child, stream, test, what, timeoutMs = 20_000) {
  return new Promise((res, rej) => {
    let text = '';
    const timer = setTimeout(() => rej(new Error(`timed out waiting for ${what}:\n${text}`)), timeoutMs);
    child[stream].on('data', (d) => {
      text += d;
      const line = text.split('\n').find(test);
      if (line) {
        clearTimeout(timer);
        res(line);
      }
    });
    child.once('exit', (code) => rej(new Error(`${what}: exited ${code}:\n${text}`)));
  });
}

async function waitForDns(port, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      execFileSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(port), '@127.0.0.1', 'version.bind', 'CH', 'TXT'], { stdio: 'ignore' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer on port ${port}`);
}

function stop(child) {
  return new Promise((res) => {
    if (child.exitCode !== null) return res(child.exitCode);
    child.once('exit', (code) => res(code));
    child.kill('SIGTERM');
  });
}

function dnsperf(port, queryFile, extra) {
  const [cmd, cmdArgs] = pinned(1, 'dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queryFile, '-l', String(SECONDS), '-c', '4', '-q', '200', ...extra]);
  const out = execFileSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const num = (re) => Number(re.exec(out)?.[1] ?? NaN);
  return { completed: num(/Queries completed:\s+(\d+)/), lost: num(/Queries lost:\s+(\d+)/), qps: num(/Queries per second:\s+([\d.]+)/) };
}

/** Runs a command on CPU 0 and times it; its output is kept, or with `discard` written to /dev/null (as a user would page it, not store it). */
function timed(command, commandArgs, discard = false) {
  const [cmd, cmdArgs] = pinned(0, command, commandArgs);
  const started = performance.now();
  const out = execFileSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 29, stdio: ['ignore', discard ? 'ignore' : 'pipe', 'pipe'] });
  return { seconds: (performance.now() - started) / 1000, out };
}

/** User + system CPU seconds of a process so far (/proc/PID/stat, clock ticks of 1/100 s). */
const cpuSeconds = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const peakRss = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

async function main() {
  for (const tool of ['named', 'unbound', 'dnsperf', 'dnstap-read', 'dig']) {
    if (!need(tool)) throw new Error(`${tool} is missing: run scripts/install-lab.sh as root`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-bench-dnstap-'));
  const children = [];
  try {
    // The upstream: dnsorder serve (scenario answers, TTL 300: the resolvers answer from cache).
    const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(serve);
    const upstream = JSON.parse(await waitForLine(serve, 'stderr', (l) => l.includes('"listening"'), 'dnsorder serve')).port;
    const queryFile = join(dir, 'queries.txt');
    const names = [];
    for (const id of SCENARIOS) for (let i = 0; i < 100; i++) names.push(`${id}.b${i}.order.test ${id.endsWith('-aaaa') ? 'AAAA' : 'A'}`);
    writeFileSync(queryFile, names.join('\n') + '\n');

    // 1. BIND writes a dnstap file under load.
    const file = join(dir, 'named.dnstap');
    const bindPort = await freePort();
    writeFileSync(join(dir, 'named.conf'), [
      'options {', `  directory "${dir}";`, '  pid-file none;', `  session-keyfile "${dir}/session.key";`, `  managed-keys-directory "${dir}";`,
      `  listen-on port ${bindPort} { 127.0.0.1; };`, '  listen-on-v6 { none; };', '  recursion yes;', '  allow-query { 127.0.0.0/8; };',
      '  dnssec-validation no;', '  notify no;', '  dnstap { client; };', `  dnstap-output file "${file}" size unlimited;`, '  dnstap-identity "bench-bind";',
      '};', 'controls { };',
      `zone "order.test" { type forward; forward only; forwarders { 127.0.0.1 port ${upstream}; }; };`,
    ].join('\n'));
    const [ncmd, nargs] = pinned(0, 'named', ['-g', '-n', '1', '-c', join(dir, 'named.conf')]);
    const named = spawn(ncmd, nargs, { stdio: 'ignore' });
    children.push(named);
    await waitForDns(bindPort, 'named');
    const load = dnsperf(bindPort, queryFile, []);
    await stop(named);
    const size = statSync(file).size;

    // 2. Decoding the same file.
    const readOne = timed('dnstap-read', [file], true);
    const messages = timed('dnstap-read', [file]).out.split('\n').filter(Boolean).length;
    const readFull = timed('dnstap-read', ['-p', file], true);
    const full = JSON.parse(timed(process.execPath, [join(ROOT, 'bench/dnstap/judge-file.mjs'), file, 'full']).out);
    const cached = JSON.parse(timed(process.execPath, [join(ROOT, 'bench/dnstap/judge-file.mjs'), file, 'cached']).out);
    if (full.messages !== messages) throw new Error(`dnsorder read ${full.messages} messages, dnstap-read ${messages}`);

    // 3. A live collector under LIVE_QPS.
    const socketPath = join(dir, 'watch.sock');
    const watch = spawn(process.execPath, [BIN, 'watch', '--dnstap-socket', socketPath, '--format', 'json', '--interval', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(watch);
    await waitForLine(watch, 'stderr', (l) => l.includes('"listening"'), 'dnsorder watch');
    let lastSummary;
    let summaries = '';
    watch.stdout.on('data', (d) => {
      summaries += d;
      const lines = summaries.split('\n');
      summaries = lines.pop();
      for (const l of lines) if (l.trim()) lastSummary = JSON.parse(l);
    });
    const unboundPort = await freePort();
    writeFileSync(join(dir, 'unbound.conf'), [
      'server:', `  interface: 127.0.0.1@${unboundPort}`, '  do-ip6: no', '  do-daemonize: no', '  username: ""', '  chroot: ""', `  directory: "${dir}"`,
      '  pidfile: ""', '  use-syslog: no', '  logfile: ""', '  verbosity: 0', '  num-threads: 1', '  module-config: "iterator"', '  access-control: 127.0.0.0/8 allow',
      '  do-not-query-localhost: no', '  local-zone: "test." nodefault', '  domain-insecure: "order.test"',
      'remote-control:', '  control-enable: no',
      'stub-zone:', '  name: "order.test"', `  stub-addr: 127.0.0.1@${upstream}`,
      // The lines `dnsorder probe --print-config unbound --dnstap-socket PATH` prints.
      'dnstap:', '  dnstap-enable: yes', '  dnstap-bidirectional: yes', `  dnstap-socket-path: "${socketPath}"`, '  dnstap-send-identity: yes', '  dnstap-send-version: yes',
      '  dnstap-log-client-query-messages: yes', '  dnstap-log-client-response-messages: yes',
    ].join('\n'));
    const unbound = spawn('unbound', ['-d', '-c', join(dir, 'unbound.conf')], { stdio: 'ignore' });
    children.push(unbound);
    await waitForDns(unboundPort, 'unbound');
    const before = lastSummary?.responses ?? 0;
    const cpuBefore = cpuSeconds(watch.pid);
    const unboundCpuBefore = cpuSeconds(unbound.pid);
    const live = dnsperf(unboundPort, queryFile, ['-Q', String(LIVE_QPS)]);
    // Until the watcher's count stops moving (unbound and the watcher drain their queues).
    let previous = -1;
    while (lastSummary?.responses !== previous) {
      previous = lastSummary?.responses;
      await new Promise((r) => watch.stdout.once('data', r));
    }
    const watcherRss = peakRss(watch.pid);
    const watcherCpu = cpuSeconds(watch.pid) - cpuBefore;
    const unboundCpu = cpuSeconds(unbound.pid) - unboundCpuBefore;
    await stop(unbound);
    await stop(watch);
    const liveStats = lastSummary;

    const result = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model },
      file: { writer: 'BIND (named) dnstap-output file', octets: size, messages, bindQps: load.qps, seconds: SECONDS },
      decode: {
        'dnstap-read': { seconds: readOne.seconds, messagesPerSecond: messages / readOne.seconds },
        'dnstap-read -p': { seconds: readFull.seconds, messagesPerSecond: messages / readFull.seconds },
        'dnsorder (decode + analyze every response)': { seconds: full.seconds, messagesPerSecond: full.messages / full.seconds, responses: full.responses, violating: full.violating, peakRssMiB: full.peakRssMiB },
        'dnsorder (decode + verdict cache, as watch)': { seconds: cached.seconds, messagesPerSecond: cached.messages / cached.seconds, cacheHits: cached.cacheHits, cacheMisses: cached.cacheMisses, peakRssMiB: cached.peakRssMiB },
      },
      live: {
        resolver: 'unbound, dnstap over a unix socket (bidirectional)', targetQps: LIVE_QPS, dnsperfQps: live.qps, dnsperfCompleted: live.completed, dnsperfLost: live.lost,
        watcherResponses: liveStats.responses - before, watcherQueries: liveStats.queries, dropped: liveStats.dropped, invalidFrames: liveStats.invalidFrames,
        peakQueueFrames: liveStats.queue.peakFrames, watcherPeakRssMiB: watcherRss, watcherCpuSeconds: watcherCpu, unboundCpuSeconds: unboundCpu,
      },
    };
    if (args.json) console.log(JSON.stringify(result, null, 2));
    else {
      const f = (n) => Math.round(n).toLocaleString('en-US');
      console.log(`file: ${f(messages)} messages (${(size / 1e6).toFixed(1)} MB) written by BIND answering dnsperf at ${f(load.qps)} queries/s for ${SECONDS} s`);
      for (const [name, r] of Object.entries(result.decode)) console.log(`  ${name.padEnd(46)} ${f(r.messagesPerSecond).padStart(10)} messages/s  (${r.seconds.toFixed(2)} s${r.peakRssMiB ? `, peak RSS ${r.peakRssMiB.toFixed(0)} MiB` : ''})`);
      const l = result.live;
      console.log(`live: unbound at ${f(l.dnsperfQps)} queries/s (target ${f(LIVE_QPS)}; dnsperf completed ${f(l.dnsperfCompleted)}, lost ${f(l.dnsperfLost)})`);
      console.log(`  dnsorder watch judged ${f(l.watcherResponses)} responses, counted ${f(l.watcherQueries)} queries, dropped ${f(l.dropped)}, peak queue ${f(l.peakQueueFrames)} frames, peak RSS ${l.watcherPeakRssMiB.toFixed(0)} MiB`);
      console.log(`  CPU over the run: watcher ${l.watcherCpuSeconds.toFixed(1)} s, unbound ${l.unboundCpuSeconds.toFixed(1)} s (${SECONDS} s of load)`);
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench/dnstap: ${err.stack ?? err}`);
  process.exit(1);
});
