// dnsorder's dnstap decoding against BIND's `dnstap-read` (libfstrm and
// protobuf-c) on the same files: the same messages in the same order, each
// with the same type, addresses, ports, transport, size, time, question,
// and (`dnstap-read -p`) the same answer section, record by record.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shortType, type DnstapRecord } from '../../src/dnstap/decode.js';
import { readDnstapFile } from '../../src/dnstap/file.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { missingPeers } from '../helpers/peers.js';
import { testDataPath } from '../helpers/test-data.js';

const FILES = readdirSync(testDataPath('dnstap')).filter((f) => f.endsWith('.dnstap'));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dnstapRead(args: string[]): string {
  const r = spawnSync('dnstap-read', args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** dnstap-read's line for a message: `DD-Mon-YYYY HH:MM:SS.mmm CR 127.0.0.1:41000 <- 127.0.0.1:53 UDP 78b name/IN/A`. */
function lineOf(r: DnstapRecord): string {
  const seconds = r.response ? r.responseTime : r.queryTime;
  const d = new Date(Math.floor(seconds! * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const time = `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  const message = r.response ? r.responseMessage! : r.queryMessage!;
  const q = decodeMessage(message).questions[0]!;
  return `${time} ${shortType(r.type)} ${r.queryAddress}:${r.queryPort} ${r.response ? '<-' : '->'} ${r.responseAddress}:${r.responsePort} ${r.protocol} ${message.length}b ${q.name}/${q.class}/${q.type}`;
}

async function records(file: string): Promise<DnstapRecord[]> {
  const out: DnstapRecord[] = [];
  for await (const item of readDnstapFile([readFileSync(testDataPath('dnstap', file))])) {
    if (item.kind !== 'message') throw new Error(`frame ${item.frame}: ${item.message}`);
    out.push(item.record);
  }
  return out;
}

describe.skipIf(missingPeers('dnstap-read'))('dnstap decoding against dnstap-read', () => {
  for (const file of FILES) {
    it(`${file}: the same messages in the same order, field by field`, async () => {
      const theirs = dnstapRead([testDataPath('dnstap', file)]).trimEnd().split('\n');
      const ours = (await records(file)).map(lineOf);
      expect(ours.length).toBeGreaterThan(5);
      expect(ours).toEqual(theirs);
    });

    it(`${file}: the same answer sections (dnstap-read -p)`, async () => {
      // -p prints each message after its line; the answer section is ";; ANSWER SECTION:" up to a blank line.
      const blocks = dnstapRead(['-p', testDataPath('dnstap', file)]).split(/\n(?=\d\d-\w{3}-\d{4} )/);
      const theirs = blocks.map((b) => {
        const section = /;; ANSWER SECTION:\n([\s\S]*?)(\n\n|$)/.exec(b)?.[1] ?? '';
        return section.split('\n').filter(Boolean).map((l) => {
          const [name, ttl, , type] = l.split(/\s+/);
          return `${name!.replace(/\.$/, '')} ${ttl} ${type}`;
        });
      });
      const ours = (await records(file)).map((r) => decodeMessage(r.response ? r.responseMessage! : r.queryMessage!).answers
        .map((a) => `${a.name} ${a.ttl} ${a.type}`));
      expect(ours).toEqual(theirs);
      expect(ours.flat().length).toBeGreaterThan(0);
    });
  }
});
