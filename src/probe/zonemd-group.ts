// Runs the `zonemd` group (plan and verdicts in zonemd-plan.ts) against a
// resolver that transfers the authority's zonemd zone. One variant at a time,
// each under a new serial: swap the zone's content, send NOTIFY (RFC 1996) to
// the resolver, wait until the authority sees the transfer, then ask the
// resolver for the zone's SOA until it serves the new serial or the settle
// time runs out. When the resolver serves nothing (it refused the last copy),
// a valid copy goes in first, so each broken copy arrives on top of a good
// one: the case of the 2023 stale copy. The run ends on a valid copy.

import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { encodeMessage } from '../wire/encode.js';
import { emptyMessage, rcodeName } from '../wire/message.js';
import { nameKey } from '../rdata/name.js';
import { formatEndpoint, type Endpoint } from './address.js';
import type { ProbeAuthority } from './authority.js';
import { recordText } from '../rdata/record-text.js';
import { type ProbeAsk, type ProbeResult } from './document.js';
import { ProbeError } from './errors.js';
import { exchange } from './exchange.js';
import { judgeZonemd, type ZonemdObservation, type ZonemdProbeTest } from './zonemd-plan.js';
import { clockSerial } from './zonemd-zone.js';

export interface ZonemdRunOptions {
  resolver: Endpoint;
  authority: ProbeAuthority;
  tests: readonly ZonemdProbeTest[];
  /** Per-attempt timeout of each question to the resolver, ms (default 2000). */
  timeoutMs?: number;
  /** How long to wait for the resolver to transfer a new copy, ms (default 8000: past the SOA refresh of 5 s). */
  transferTimeoutMs?: number;
  /** After the transfer, how long to wait for the resolver to serve the new serial, ms (default 1500). */
  settleMs?: number;
  onResult?: (result: ProbeResult) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NOTIFY_OPCODE = 4;
const NOTIFY_EVERY_MS = 1000;
const POLL_MS = 100;

interface Step {
  observation: ZonemdObservation;
  ask?: ProbeAsk;
  elapsedMs: number;
}

export async function runZonemdGroup(options: ZonemdRunOptions): Promise<ProbeResult[]> {
  const { resolver, authority } = options;
  const zone = authority.zonemd;
  if (!zone) throw new ProbeError('ERR_PROBE_ZONEMD_NOT_LOADED', 'this probe authority serves no zonemd zone (start it with startProbeAuthority)');
  const timeoutMs = options.timeoutMs ?? 2000;
  const transferTimeoutMs = options.transferTimeoutMs ?? 8000;
  const settleMs = options.settleMs ?? 1500;

  const soa = async () => {
    const result = await exchange(resolver, zone.origin, 'SOA', { timeoutMs, attempts: 2 });
    if (result.kind !== 'answer') return { answer: undefined, ask: undefined };
    const record = result.message.answers.find((r) => r.type === 'SOA' && nameKey(r.name) === nameKey(zone.origin));
    const serial = (record?.data as { serial?: number } | undefined)?.serial;
    const rcode = rcodeName(result.message.rcode);
    const ask: ProbeAsk = {
      name: zone.origin, qtype: 'SOA', purpose: 'check', rcode, transport: result.transport, truncatedOverUdp: result.truncatedOverUdp,
      elapsedMs: result.elapsedMs, answer: result.message.answers.map(recordText), authorityQueries: authority.asked(zone.origin).length,
      verdict: 'pass', note: serial !== undefined ? `serial ${serial}` : rcode,
    };
    return { answer: { rcode, serial }, ask };
  };

  /** Puts `variant` in under `serial`, tells the resolver, and watches what it serves. */
  const step = async (variant: string, serial: number, olderSerial: number | undefined): Promise<Step> => {
    const started = performance.now();
    const before = authority.asked(zone.origin).length;
    zone.load(variant, serial);
    const transferred = () => authority.asked(zone.origin).slice(before)
      .some((q) => q.qtype === 'AXFR' || (q.qtype === 'IXFR' && q.transport === 'tcp'));
    const transferDeadline = Date.now() + transferTimeoutMs;
    let nextNotify = 0;
    while (!transferred() && Date.now() < transferDeadline) {
      if (Date.now() >= nextNotify) {
        await notify(resolver, zone.origin);
        nextNotify = Date.now() + NOTIFY_EVERY_MS;
      }
      await sleep(50);
    }
    // The transfer query is seen before the resolver has loaded and checked the copy. Stop at once on
    // the new serial; give other answers (SERVFAIL) the settle time; but only call "kept the older
    // copy" after the transfer deadline, since under load loading can take longer than settleMs.
    const settleDeadline = Date.now() + settleMs;
    const olderDeadline = Date.now() + Math.max(settleMs, transferTimeoutMs);
    const isNew = (a: typeof last.answer) => a?.rcode === 'NOERROR' && a.serial === serial;
    const isOlder = (a: typeof last.answer) => olderSerial !== undefined && a?.rcode === 'NOERROR' && a.serial === olderSerial;
    let last = await soa();
    while (!isNew(last.answer) && Date.now() < (isOlder(last.answer) ? olderDeadline : settleDeadline)) {
      await sleep(POLL_MS);
      last = await soa();
    }
    return {
      observation: { transferred: transferred(), answer: last.answer, newSerial: serial, olderSerial },
      ask: last.ask, elapsedMs: Math.round(performance.now() - started),
    };
  };

  // Start above whatever the resolver holds: it never transfers a lower serial.
  const now = await soa();
  let serial = Math.max(clockSerial(), zone.serial, (now.answer?.serial ?? 0) + 1) >>> 0;
  let served: number | undefined;
  const good = async (): Promise<Step> => {
    const s = await step('valid-sha384', serial, served);
    served = s.observation.answer?.rcode === 'NOERROR' && s.observation.answer.serial === serial ? serial : undefined;
    serial = (serial + 1) >>> 0;
    return s;
  };

  const first = await good();
  if (served === undefined) {
    const o = first.observation;
    const what = o.transferred
      ? `transferred it but answered ${o.answer?.rcode ?? 'nothing'}${o.answer?.serial !== undefined ? ` with serial ${o.answer.serial}` : ''} for its SOA instead of serial ${o.newSerial}`
      : `never transferred it in ${transferTimeoutMs} ms after NOTIFY`;
    throw new ProbeError('ERR_PROBE_ZONEMD_NOT_LOADED',
      `resolver ${formatEndpoint(resolver)} does not load ${zone.origin} from the authority at ${formatEndpoint(authority)}: it ${what} `
      + `(configure it: dnsorder probe --print-config unbound --authority ${formatEndpoint(authority)})`);
  }

  const results: ProbeResult[] = [];
  for (const test of options.tests) {
    const started = performance.now();
    const notes: string[] = [];
    if (served === undefined) {
      const prepared = await good();
      if (served === undefined) {
        results.push(finish(test, started, { verdict: 'inconclusive', behaviour: 'no good copy first', note: `the resolver did not take a valid copy (serial ${prepared.observation.newSerial}) before the test` }, [prepared.ask]));
        options.onResult?.(results.at(-1)!);
        continue;
      }
      notes.push(`valid copy ${served} in first`);
    }
    const s = await step(test.variant, serial, served);
    const judgement = judgeZonemd(test, s.observation);
    const answer = s.observation.answer;
    served = answer?.rcode === 'NOERROR' && answer.serial !== undefined ? answer.serial : undefined;
    serial = (serial + 1) >>> 0;
    notes.push(`${s.observation.transferred ? 'transferred' : 'no transfer'} in ${s.elapsedMs} ms`);
    results.push(finish(test, started, { ...judgement, note: `${judgement.note} (${notes.join('; ')})` }, [s.ask ? { ...s.ask, verdict: judgement.verdict, note: judgement.behaviour } : undefined]));
    options.onResult?.(results.at(-1)!);
  }
  // Leave the resolver with a good copy (and the next run a serial to start above).
  if (served === undefined || zone.variant !== 'valid-sha384') await good();
  return results;
}

function finish(test: ZonemdProbeTest, started: number, j: { verdict: ProbeResult['verdict']; behaviour: string; note: string }, asks: Array<ProbeAsk | undefined>): ProbeResult {
  return {
    test: test.id, group: test.group, title: test.title, verdict: j.verdict, findings: [], detail: j.note, behaviour: j.behaviour,
    asks: asks.filter((a): a is ProbeAsk => a !== undefined), durationMs: Math.round(performance.now() - started),
  };
}

/** One NOTIFY for the zone (RFC 1996 §3.7), not waiting for the reply: the transfer the authority sees is the answer that counts. */
export function notify(to: Endpoint, zone: string): Promise<void> {
  const message = encodeMessage(emptyMessage({
    id: Math.floor(Math.random() * 0x10000), opcode: NOTIFY_OPCODE, aa: true,
    questions: [{ name: zone, type: 'SOA', class: 'IN' }],
  }));
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(to.address) ? 'udp6' : 'udp4');
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      socket.close(() => resolve());
    };
    socket.on('error', done);
    socket.send(message, to.port, to.address, done);
  });
}

