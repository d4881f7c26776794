#!/usr/bin/env node
// bench/serve: dnsperf against `dnsorder serve` and against NSD serving a
// static zone with the same answers, on loopback, in one run. Prints queries/s
// of both, the ratio, and dnsorder's peak RSS.
//
//   npm run build && node bench/serve/run.mjs [--seconds 10] [--clients 4] [--outstanding 200] [--max-qps N] [--mode udp|tcp] [--json]
//
// Each server is pinned to CPU 0 and dnsperf to CPU 1 (taskset) when the
// machine has two CPUs, so "one core" means the same thing for both servers.
// Network rule: everything talks to 127.0.0.1 only.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { need, parseArgs } from '../lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = parseArgs(process.argv.slice(2));
const SECONDS = Number(args.seconds ?? 10);
const CLIENTS = Number(args.clients ?? 4);
const MODE = args.mode ?? 'udp';
// Queries dnsperf keeps in flight; much more than this overflows loopback socket buffers (lost queries).
const OUTSTANDING = Number(args.outstanding ?? 200);
const ZONE = 'order.test';
const SCENARIOS = ['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'unrelated-first', 'one-hop', 'no-chain', 'long-8', 'canonical-aaaa', 'owner-case-upper'];



const pin = (cpu) => (need('taskset') && cpus().length >= 2 ? ['taskset', '-c', String(cpu)] : []);

function spawnPinned(cpu, command, commandArgs, options) {
  const prefix = pin(cpu);
  return prefix.length ? spawn(prefix[0], [...prefix.slice(1), command, ...commandArgs], options) : spawn(command, commandArgs, options);
}

/** The query names and, for NSD, the zone records with the same answers (from the scenario catalogue itself). */
async function workload() {
  const { getScenario } = await import(join(ROOT, 'dist/scenarios/catalogue-index.js'));
  const { answerQuestion, scenarioQueryName } = await import(join(ROOT, 'dist/scenarios/response.js'));
  const queries = [];
  const records = new Map();
  for (const id of SCENARIOS) {
    const scenario = getScenario(id);
    for (const extra of [undefined, 'bench1', 'bench2']) {
      const qname = scenarioQueryName(scenario, ZONE, extra);
      queries.push(`${qname} ${scenario.queryType}`);
      for (const r of answerQuestion(qname, scenario.queryType, ZONE).answers) {
        const data = r.type === 'CNAME' ? `${r.data}.` : String(r.data);
        records.set(`${r.name}. ${r.ttl} IN ${r.type} ${data}`.toLowerCase(), `${r.name}. ${r.ttl} IN ${r.type} ${data}`);
      }
    }
  }
  return { queries, records: [...records.values()] };
}

function nsdSetup(dir, port, records) {
  const zoneFile = join(dir, `${ZONE}.zone`);
  writeFileSync(zoneFile, [
    `$ORIGIN ${ZONE}.`, '$TTL 300',
    `@ IN SOA ns.${ZONE}. hostmaster.${ZONE}. 2026010801 3600 600 86400 300`,
    `@ IN NS ns.${ZONE}.`, `ns IN A 127.0.0.1`, ...records, '',
  ].join('\n'));
  const conf = join(dir, 'nsd.conf');
  writeFileSync(conf, `server:
  ip-address: 127.0.0.1@${port}
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  pidfile: "${join(dir, 'nsd.pid')}"
  xfrdfile: "${join(dir, 'xfrd.state')}"
  xfrdir: "${dir}"
  database: ""
  zonelistfile: "${join(dir, 'zone.list')}"
  logfile: "${join(dir, 'nsd.log')}"
  hide-version: yes
  verbosity: 0
  tcp-count: 100
  # Debian builds NSD with response-rate limiting on (200/s per /24): off for a benchmark.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: "${ZONE}"
  zonefile: "${zoneFile}"
`);
  return conf;
}

function waitForPort(port, timeoutMs) {
  const started = Date.now();
  return new Promise((resolveWait, reject) => {
    const attempt = () => {
      const socket = net.connect({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolveWait();
      });
      socket.on('error', () => {
        socket.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`nothing listening on ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Until the server answers an SOA query over UDP (NSD accepts TCP before its UDP workers run). */
async function waitForAnswers(port) {
  for (let i = 0; i < 50; i++) {
    try {
      const out = execFileSync('dig', ['+short', '+tries=1', '+time=1', '-p', String(port), '@127.0.0.1', ZONE, 'SOA'], { encoding: 'utf8' });
      if (out.trim()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no UDP answer from port ${port}`);
}

function dnsperf(port, queryFile) {
  const perfArgs = ['-s', '127.0.0.1', '-p', String(port), '-d', queryFile, '-l', String(SECONDS), '-c', String(CLIENTS), '-T', '1', '-q', String(OUTSTANDING), '-m', MODE];
  if (args['max-qps']) perfArgs.push('-Q', String(args['max-qps']));
  const prefix = pin(1);
  const command = prefix.length ? prefix[0] : 'dnsperf';
  const out = execFileSync(command, prefix.length ? [...prefix.slice(1), 'dnsperf', ...perfArgs] : perfArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const qps = Number(/Queries per second:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const lost = /Queries lost:\s+(\d+)/.exec(out)?.[1];
  const completed = /Queries completed:\s+(\d+)/.exec(out)?.[1];
  const latency = /Average Latency \(s\):\s+([\d.]+)/.exec(out)?.[1];
  return { qps, lost: Number(lost), completed: Number(completed), latencyMs: Number(latency) * 1000 };
}

function peakRssKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return NaN;
  }
}

function stop(child) {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null) return resolveStop(child.exitCode);
    child.once('exit', (code) => resolveStop(code));
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

async function main() {
  for (const tool of ['dnsperf', 'nsd', 'dig']) if (!need(tool)) throw new Error(`${tool} is not installed (Debian packages dnsperf and nsd)`);
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('run `npm run build` first');
  // Free for UDP and TCP, both of which serve and NSD bind (a TCP-only check could hand out a taken UDP port).
  const { freeLoopbackPort } = await import(join(ROOT, 'dist/net/free-port.js'));
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-bench-serve-'));
  const results = [];
  try {
    const { queries, records } = await workload();
    const queryFile = join(dir, 'queries.txt');
    writeFileSync(queryFile, queries.join('\n') + '\n');

    // dnsorder serve
    const ourPort = await freeLoopbackPort();
    const ours = spawnPinned(0, process.execPath, [join(ROOT, 'bin/dnsorder.js'), 'serve', '--listen', `127.0.0.1:${ourPort}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise((resolveReady, reject) => {
      let err = '';
      ours.stderr.on('data', (d) => {
        err += d;
        if (err.includes('"event":"listening"')) resolveReady();
      });
      ours.once('exit', (code) => reject(new Error(`dnsorder serve exited ${code}: ${err}`)));
    });
    await waitForAnswers(ourPort);
    const ourResult = dnsperf(ourPort, queryFile);
    const rssKb = peakRssKb(ours.pid);
    const ourExit = await stop(ours);
    results.push({ server: 'dnsorder serve', ...ourResult, peakRssMiB: rssKb / 1024, exit: ourExit });

    // NSD, same answers from a static zone
    const nsdPort = await freeLoopbackPort();
    const conf = nsdSetup(dir, nsdPort, records);
    execFileSync('nsd-checkconf', [conf]);
    const nsd = spawnPinned(0, 'nsd', ['-d', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    await waitForPort(nsdPort, 10_000);
    await waitForAnswers(nsdPort);
    const nsdResult = dnsperf(nsdPort, queryFile);
    const nsdRss = peakRssKb(nsd.pid);
    await stop(nsd);
    results.push({ server: 'nsd 4', ...nsdResult, peakRssMiB: nsdRss / 1024 });
  } finally {
    if (args["keep"]) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  const [ours, nsd] = results;
  const pinned = pin(0).length > 0 ? 'servers on CPU 0, dnsperf on CPU 1' : 'not pinned (taskset or a second CPU missing)';
  console.log(`dnsperf ${MODE.toUpperCase()}, ${SECONDS} s, ${CLIENTS} clients, ${OUTSTANDING} outstanding, ${SCENARIOS.length} scenarios x 3 names; ${pinned}`);
  console.log('server            queries/s   lost   avg latency   peak RSS');
  for (const r of results) {
    console.log(`${r.server.padEnd(16)} ${r.qps.toFixed(0).padStart(10)} ${String(r.lost).padStart(6)} ${r.latencyMs.toFixed(3).padStart(10)} ms ${r.peakRssMiB.toFixed(1).padStart(7)} MiB`);
  }
  console.log(`ratio dnsorder/nsd: ${(ours.qps / nsd.qps).toFixed(2)}`);
  if (args.json) console.log(JSON.stringify({ mode: MODE, seconds: SECONDS, clients: CLIENTS, results, ratio: ours.qps / nsd.qps }));
}

main().catch((error) => {
  console.error(`bench/serve: ${error.message}`);
  process.exitCode = 2;
});
