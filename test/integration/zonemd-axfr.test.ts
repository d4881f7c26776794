// Lab: unbound loading a zone over AXFR from dnsorder's server (auth-zone with
// `primary: 127.0.0.1@PORT` and `zonemd-check: yes`, unbound 1.17.1 on Debian
// 12). For every variant of RFC 8976 A.1: does unbound serve the transferred
// zone or refuse it? And after a broken update (new serial, stale digest),
// does it keep serving the older copy, drop the zone, or serve the broken
// one — the stale-copy path of the 2023 incident. Measured, then asserted:
// unbound drops the zone (SERVFAIL) rather than keep the older copy.

import { createSocket } from 'node:dgram';
import { afterAll, describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { readZoneFile, readZoneText, toDnsRecord, type ZoneRecord } from '../../src/zone-sources/index.js';
import { buildVariants, type ZoneVariant } from '../../src/zone/variants.js';
import { UnboundInstance, type SoaAnswer } from '../../src/loaders/unbound-daemon.js';
import { missingPeers } from '../helpers/peers.js';
import { testDataPath } from '../helpers/test-data.js';
import { until } from '../helpers/wait.js';

const ORIGIN = 'example.';
const SERIAL = 2018031900;

/**
 * What unbound 1.17.1 did with each variant after transferring it. It serves
 * zones whose only ZONEMD has an unsupported scheme or algorithm, and zones
 * with no apex ZONEMD (zonemd-reject-absence is off by default).
 */
const MEASURED_REFUSED = ['repeated-scheme-algorithm', 'serial-mismatch', 'digest-too-short', 'digest-truncated', 'stale-zonemd'];

function variantRecords(variant: ZoneVariant): ZoneRecord[] {
  return readZoneText(variant.files.map((f) => f.text).join(''), { origin: ORIGIN });
}

function serve(records: ZoneRecord[], port = 0): Promise<RunningServer> {
  return startServer({ port, zone: false, zones: [{ origin: ORIGIN, records: records.map(toDnsRecord) }] });
}

/** The same zone with the SOA and ZONEMD serials set to `serial` (the digest is left as it was). */
function withSerial(records: ZoneRecord[], serial: number): ZoneRecord[] {
  return records.map((r) => {
    if (r.type !== 6 && r.type !== 63) return r;
    const rdata = Buffer.from(r.rdata);
    rdata.writeUInt32BE(serial, r.type === 6 ? rdata.length - 20 : 0);
    return { ...r, rdata };
  });
}

function notify(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    // dns-packet takes the opcode only inside `flags` (NOTIFY = 4, RFC 1996).
    const message = dnsPacket.encode({ type: 'query', id: 4242, flags: (4 << 11) | dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ type: 'SOA', name: 'example' }] });
    socket.send(message, port, '127.0.0.1', () => socket.close(() => resolve()));
  });
}

const served = (a: SoaAnswer | undefined) => a !== undefined && a.rcode === 'NOERROR' && a.serial !== undefined;

describe('unbound auth-zone over AXFR from dnsorder, zonemd-check: yes', () => {
  const skip = missingPeers('unbound');
  if (skip !== undefined) {
    it.skip(`needs unbound: ${skip}`, () => {});
    return;
  }
  const variants = buildVariants(readZoneFile(testDataPath('zonemd', 'rfc8976', 'a1-simple.zone'), { origin: ORIGIN })).variants
    // $INCLUDE is zone-file text; over AXFR it is the same zone as valid-sha384.
    .filter((v) => !v.usesInclude);
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('serves or refuses each transferred variant as measured', { timeout: 120_000 }, async () => {
    const outcome = async (variant: ZoneVariant): Promise<[string, string]> => {
      const server = await serve(variantRecords(variant));
      const unbound = await UnboundInstance.start({ name: ORIGIN, primary: `127.0.0.1@${server.port}`, zonemdCheck: true });
      try {
        // unbound's verdict is an event either way: the zone answers NOERROR (served), or its log reports
        // the failed ZONEMD check (refused). No stretch of silence stands in for a refusal; the long
        // deadline only bounds a hang, and a verdict-less end fails below.
        const failed = () => /ZONEMD verification failed/.test(unbound.output);
        const answer = await unbound.waitForAnswer(ORIGIN, 60_000, (a) => served(a) || failed());
        expect(served(answer) || failed(), `${variant.name}: neither served nor refused; unbound said: ${unbound.output}`).toBe(true);
        const transfers = Object.values(server.stats().byQuestion).filter((q) => q.qtype === 'AXFR' || q.qtype === 'IXFR');
        expect(transfers.length, `${variant.name}: unbound transferred the zone; unbound said: ${unbound.output}`).toBeGreaterThan(0);
        return [variant.name, served(answer) ? 'served' : `refused (${answer?.rcode ?? 'no answer'})`];
      } finally {
        await unbound.stop();
        await server.close();
      }
    };
    const results: Array<[string, string]> = [];
    for (let i = 0; i < variants.length; i += 4) results.push(...(await Promise.all(variants.slice(i, i + 4).map(outcome))));
    const expected = variants.map((v) => [v.name, MEASURED_REFUSED.includes(v.name) ? 'refused (SERVFAIL)' : 'served']);
    expect(results).toEqual(expected);
  });

  it('drops the zone (SERVFAIL, not the older copy) after a broken update, then takes a good one', { timeout: 60_000 }, async () => {
    const good = variantRecords(variants.find((v) => v.name === 'valid-sha384')!);
    let server = await serve(good);
    const port = server.port;
    cleanup.push(() => server.close());
    const unbound = await UnboundInstance.start({ name: ORIGIN, primary: `127.0.0.1@${port}`, zonemdCheck: true });
    cleanup.push(() => unbound.stop());
    expect((await unbound.waitForAnswer(ORIGIN, 4000, served))?.serial).toBe(SERIAL);

    // Broken update: serial + 1 in SOA and ZONEMD, digest of the old content.
    const verdicts = () => unbound.output.match(/ZONEMD verification failed/g)?.length ?? 0;
    /** NOTIFY, then wait for the transfer query and, when `refused`, for one more failed check in unbound's log. */
    const notifyAndTransfer = async (refused: boolean) => {
      const before = verdicts();
      const transferred = new Promise<void>((resolve) => {
        const off = server.onQuery((e) => {
          if (e.qtype !== 'AXFR' && e.qtype !== 'IXFR') return;
          off();
          resolve();
        });
      });
      await notify(unbound.port);
      await transferred;
      // Seeing the transfer query is not the end of the check: wait for unbound's verdict in its log.
      if (refused) await until(() => verdicts() > before);
    };
    const swap = async (records: ZoneRecord[], refused: boolean) => {
      await server.close();
      server = await serve(records, port);
      await notifyAndTransfer(refused);
    };
    await swap(withSerial(good, SERIAL + 1), true);
    // Measured: unbound 1.17.1 neither serves the broken copy nor keeps the
    // older one: it fails the new copy's ZONEMD check and drops the zone, so
    // every answer is SERVFAIL until a good transfer arrives (no stale copy,
    // but an outage).
    expect(await unbound.querySoa(ORIGIN)).toMatchObject({ rcode: 'SERVFAIL', serial: undefined });
    // Not a transient: once unbound has fetched the broken copy again and failed it a second time (an
    // event in its log, not a pause), it still has neither copy to serve.
    await notifyAndTransfer(true);
    expect(await unbound.querySoa(ORIGIN)).toMatchObject({ rcode: 'SERVFAIL', serial: undefined });

    // A correct update is taken, so the result above is a refusal, not a missed NOTIFY.
    const fixedText = buildVariants(withSerial(good, SERIAL + 2), { origin: ORIGIN }).variants.find((v) => v.name === 'valid-sha384')!;
    await swap(variantRecords(fixedText), false);
    expect((await unbound.waitForAnswer(ORIGIN, 4000, (a) => a.serial === SERIAL + 2))?.serial).toBe(SERIAL + 2);
  });
});
