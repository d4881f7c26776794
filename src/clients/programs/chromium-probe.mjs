// dnsorder probe program for Chromium's built-in DNS client. Run inside the
// matrix's network namespace (never anywhere with a route out: Chromium
// queries public resolvers after a DNS error). It starts, and owns:
//  - a tiny HTTP server on an ephemeral port of every local address (the
//    namespace's loopback carries every address the scenario catalogue uses),
//    answering each request with the address it was reached on;
//  - one headless Chromium, driven over the DevTools protocol on
//    --remote-debugging-pipe (fd 3: commands in, fd 4: events out, each JSON
//    message ended by a NUL).
// Line protocol as resolve.c: "A name" / "AAAA name" in, one JSON line out.
// Each request fetches http://NAME:PORT/ from one page and reports which
// address answered (Chromium exposes no canonical name), or Chromium's net
// error (net::ERR_NAME_NOT_RESOLVED → code ERR_NAME_NOT_RESOLVED).
//
// argv: CHROMIUM-BINARY A|AAAA. The A worker runs Chromium as a host without
// IPv6 reachability (the namespace has no IPv6 route), so Chromium asks A
// only; the AAAA worker adds EnableIPv6ReachabilityOverride, so Chromium asks
// AAAA (and A) and, by RFC 6724 sorting, tries the IPv6 addresses first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [binary, family] = process.argv.slice(2);

// --- the HTTP server: the address a connection arrived on, nothing else -----------------------
const server = createServer((req, res) => {
  const local = (req.socket.localAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
  res.end(local);
});
server.maxConnections = 64;
server.headersTimeout = 5000;
server.requestTimeout = 5000;
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen({ host: '::', port: 0, ipv6Only: false }, resolve);
});
const port = server.address().port;

// --- Chromium -------------------------------------------------------------------------------
// Profiles of probes that were killed (a lookup's time limit kills the whole process group) are
// removed by the next probe: each carries its probe's pid.
const PROFILE = /^dnsorder-chromium-(\d+)-/;
for (const entry of readdirSync(tmpdir())) {
  const m = PROFILE.exec(entry);
  if (m && !alive(Number(m[1]))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
const profile = mkdtempSync(join(tmpdir(), `dnsorder-chromium-${process.pid}-`));
const flags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
  '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-extensions', '--disable-breakpad', '--metrics-recording-only', '--mute-audio',
  '--no-proxy-server', '--dns-prefetch-disable',
  `--user-data-dir=${profile}`,
  // The built-in ("async") DNS client on (the Linux default, forced), DNS-over-HTTPS off: no
  // automatic upgrade, no secure mode. HTTPS/SVCB queries off: the probe asks the address question.
  `--enable-features=AsyncDns${family === 'AAAA' ? ',EnableIPv6ReachabilityOverride' : ''}`,
  '--disable-features=DnsOverHttps,DnsOverHttpsUpgrade,UseDnsHttpsSvcb,HappyEyeballsV3',
  // No getaddrinfo fallback after a failed DnsTask, so every result is the built-in client's.
  // (By default Chromium asks getaddrinfo again after an answer it refused — measured here:
  // unrelated-first then resolves through glibc, with a second query — and after repeated
  // fallbacks prefers the system resolver altogether: HostResolverManager::OnFallbackResolve.)
  '--force-fieldtrials=AsyncDns/AsyncDnsNoFallbackA',
  '--remote-debugging-pipe',
  'about:blank',
];
const browser = spawn(binary, flags, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let browserLog = '';
browser.stderr.on('data', (d) => {
  browserLog = (browserLog + d.toString()).slice(-4000);
});
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];
toBrowser.on('error', () => {});

let nextId = 1;
const calls = new Map();
const listeners = new Set();
let buffered = '';
fromBrowser.on('data', (chunk) => {
  buffered += chunk.toString();
  let end;
  while ((end = buffered.indexOf('\0')) >= 0) {
    const text = buffered.slice(0, end);
    buffered = buffered.slice(end + 1);
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      continue;
    }
    if (message.id !== undefined && calls.has(message.id)) {
      const { resolve, reject } = calls.get(message.id);
      calls.delete(message.id);
      if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
      else resolve(message.result);
    } else if (message.method) {
      for (const listener of listeners) listener(message);
    }
  }
});

let browserGone = false;
browser.on('exit', (code, signal) => {
  browserGone = true;
  for (const { reject } of calls.values()) reject(new Error(`chromium exited (${signal ?? code})`));
  calls.clear();
});

function send(method, params = {}, sessionId) {
  if (browserGone) return Promise.reject(new Error(`chromium is not running: ${lastLines(browserLog)}`));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve, reject });
    toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  });
}

/** The next event matching `predicate`; `cancel` stops waiting. */
function waitFor(predicate) {
  let listener;
  const promise = new Promise((resolve) => {
    listener = (message) => {
      if (!predicate(message)) return;
      listeners.delete(listener);
      resolve(message);
    };
    listeners.add(listener);
  });
  return { promise, cancel: () => listeners.delete(listener) };
}

function lastLines(text) {
  return text.trim().split('\n').slice(-3).join(' | ');
}

await send('Browser.getVersion'); // the pipe is up

// One page, loaded once from the HTTP server on 127.0.0.1 (so its origin is a local address and
// requests from it to the catalogue's addresses are never more private than it); each lookup is a
// fetch() from that page. A new tab or a navigation per lookup would start a renderer each time.
const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
await send('Network.enable', {}, sessionId);
await send('Network.setCacheDisabled', { cacheDisabled: true }, sessionId);
await send('Page.enable', {}, sessionId);
const home = await send('Page.navigate', { url: `http://127.0.0.1:${port}/` }, sessionId);
if (home.errorText) throw new Error(`chromium cannot load the probe page: ${home.errorText}`);

/** Network.loadingFailed errorText by URL, for the lookup in flight. */
const urlOf = new Map();
listeners.add((m) => {
  if (m.sessionId !== sessionId) return;
  if (m.method === 'Network.requestWillBeSent') urlOf.set(m.params.requestId, m.params.request.url);
  else if (m.method === 'Network.loadingFinished') urlOf.delete(m.params.requestId);
});

async function resolveOne(name) {
  const url = `http://${name}:${port}/`;
  const failed = waitFor((m) => m.sessionId === sessionId && m.method === 'Network.loadingFailed' && urlOf.get(m.params.requestId) === url);
  const expression = `fetch(${JSON.stringify(url)}, { cache: 'no-store' }).then((r) => r.text()).then((body) => ({ body }), (e) => ({ failed: String(e) }))`;
  const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
  if (exceptionDetails) {
    failed.cancel();
    return { addresses: [], canonical: null, error: { code: 'PROBE_ERROR', text: exceptionDetails.text } };
  }
  if (result.value?.body !== undefined) {
    failed.cancel();
    const text = String(result.value.body).trim();
    if (!/^[0-9a-f.:]+$/i.test(text)) return { addresses: [], canonical: null, error: { code: 'UNEXPECTED_BODY', text: text.slice(0, 200) } };
    return { addresses: [text], canonical: null, error: null };
  }
  // fetch() only says "Failed to fetch"; the net error comes with the request's loadingFailed event.
  const event = await failed.promise;
  urlOf.delete(event.params.requestId);
  const errorText = event.params.errorText;
  return { addresses: [], canonical: null, error: { code: errorText.replace(/^net::/, ''), text: errorText } };
}

// The profile is throwaway: kill the browser at once (a graceful Browser.close can outlast the
// matrix's patience on a busy machine, and then the profile would be left behind), then remove it.
let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  if (!browserGone) {
    const exited = new Promise((resolve) => browser.once('exit', resolve));
    browser.kill('SIGKILL');
    await exited;
  }
  server.close();
  // Its helper processes outlive it by a moment and may still write into the profile.
  for (let attempt = 0; attempt < 15; attempt++) {
    try {
      rmSync(profile, { recursive: true, force: true });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const fields = line.trim().split(/\s+/);
  queue = queue.then(async () => {
    let out;
    if (fields.length !== 2 || (fields[0] !== 'A' && fields[0] !== 'AAAA')) {
      out = { addresses: [], canonical: null, error: { code: 'BAD_REQUEST', text: line } };
    } else {
      try {
        out = await resolveOne(fields[1]);
      } catch (err) {
        out = { addresses: [], canonical: null, error: { code: 'PROBE_ERROR', text: `${err.message}` } };
      }
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  });
});
lines.on('close', () => {
  void queue.then(shutdown);
});
