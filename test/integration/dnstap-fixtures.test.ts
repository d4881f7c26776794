// Writes test/data/dnstap/*.dnstap: what unbound, BIND, Knot Resolver (STUB)
// and PowerDNS Recursor log over dnstap while three probe tests go through
// them (whole-chain, authority-a-first, dname-canonical), captured by
// fstrm_capture (libfstrm's own file writer, the one BIND's `dnstap-output
// file` uses): files written by the resolvers and the reference Frame
// Streams implementation, not by dnsorder. Runs only when asked:
//
//   DNSORDER_WRITE_DNSTAP_FIXTURES=1 npx vitest run test/integration/dnstap-fixtures.test.ts
//
// The unit tests (test/unit/dnstap/) and the dnstap-read cross-check read
// the committed files; run this again only to refresh them.

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDnstap } from '../../src/dnstap/decode.js';
import { FrameDecoder, FrameStreamReader } from '../../src/dnstap/framestream.js';
import { DNSTAP_CONTENT_TYPE } from '../../src/dnstap/schema.js';
import { connectWriter } from '../../src/dnstap/writer.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { startProbeAuthority } from '../../src/probe/authority.js';
import { probeResolver } from '../../src/probe/runner.js';
import { missingPeers } from '../helpers/peers.js';
import { LAB_COMMAND, startLabResolver, type LabResolverKind } from '../helpers/resolvers.js';
import { testDataPath } from '../helpers/test-data.js';
import { fileAppears } from '../helpers/wait.js';

const WRITE = process.env.DNSORDER_WRITE_DNSTAP_FIXTURES === '1';
const KINDS: LabResolverKind[] = ['unbound', 'bind', 'knot-resolver-stub', 'powerdns-recursor'];

/**
 * A relay in front of fstrm_capture: the resolver connects here, each frame goes on to fstrm_capture
 * through dnsorder's Frame Streams writer, and the response names seen so far are kept, so the test
 * knows when the resolver's queue has drained (fstrm_capture buffers its file until it exits).
 */
async function startRelay(path: string, capturePath: string) {
  const names: string[] = [];
  const waiting = new Map<string, () => void>();
  const writer = await connectWriter({ path: capturePath });
  const server = createServer((socket) => {
    const decoder = new FrameDecoder();
    const reader = new FrameStreamReader(DNSTAP_CONTENT_TYPE, (frame) => {
      writer.write(frame.payload);
      const message = decodeDnstap(frame.payload).responseMessage;
      if (!message) return;
      const name = decodeMessage(message).questions[0]?.name.toLowerCase() ?? '';
      names.push(name);
      waiting.get(name)?.();
    }, (octets) => socket.write(octets));
    socket.on('data', (chunk: Buffer) => decoder.push(chunk, (frame) => {
      if (reader.handle(frame)) socket.end();
    }));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    /** Resolves once a response for `name` has been relayed (at once if it has been already). */
    responded(name: string): Promise<void> {
      if (names.includes(name)) return Promise.resolve();
      return new Promise((resolve) => waiting.set(name, resolve));
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writer.close();
    },
  };
}

describe.skipIf(!WRITE || missingPeers('fstrm_capture', ...KINDS.map((k) => LAB_COMMAND[k])))('dnstap test files from real resolvers', () => {
  for (const kind of KINDS) {
    it(`writes test/data/dnstap/${kind}.dnstap`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dnsorder-dnstap-fixture-'));
      const socketPath = join(dir, 'relay.sock');
      const capturePath = join(dir, 'capture.sock');
      const file = join(dir, `${kind}.dnstap`);
      const capture = spawn('fstrm_capture', ['-t', DNSTAP_CONTENT_TYPE, '-u', capturePath, '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => capture.once('exit', resolve));
      const authority = await startProbeAuthority({ listen: '127.0.0.1:0' });
      try {
        await fileAppears(capturePath); // fstrm_capture's socket
        const relay = await startRelay(socketPath, capturePath);
        const resolver = await startLabResolver(kind, [{ zone: authority.origin, to: authority }], { dnstap: { socketPath } });
        try {
          const doc = await probeResolver({ resolver, authority, tests: ['whole-chain', 'authority-a-first', 'dname-canonical'], jobs: 1 });
          // The resolver's dnstap queue drains on its own schedule, and a resolver stopped before it has
          // may drop what is left: wait until fstrm_capture has written the last question's response.
          const last = doc.results.at(-1)!.asks.at(-1)!.name.toLowerCase();
          await relay.responded(last);
        } finally {
          // Stopping the resolver flushes its dnstap queue and ends the stream (STOP).
          await resolver.stop();
        }
        await relay.close();
        capture.kill('SIGTERM');
        expect(await exited).toBe(0);
        copyFileSync(file, testDataPath('dnstap', `${kind}.dnstap`));
      } finally {
        capture.kill('SIGKILL');
        await authority.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
