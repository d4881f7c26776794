// The shipped examples/expectations/debian.json, used as CI uses it: `dnsorder
// matrix --expectations` through bin/dnsorder.js with every client of this
// machine (real ones and models) on the named scenarios, and the trixie
// root's beside them when it is built (`--suites host,trixie`). Exit 0 means
// every cell is as the file lists it (each listed difference has its reason
// there); a new failure, or a listed one that now passes, is exit 1 and the
// lines on stderr say which cell, what was expected and why, and what it got.
//
// Needs root (network namespace, chroot) and `npm run build`; a visible skip
// locally, a failure under CI. About a minute with both userlands on 2 cores.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MatrixDocument } from '../../src/matrix/document.js';
import { findRoot } from '../../src/roots/store.js';
import { isRoot, requirement } from '../helpers/peers.js';

const root = join(import.meta.dirname, '../..');
const BIN = join(root, 'bin/dnsorder.js');
const EXPECTATIONS = join(root, 'examples/expectations/debian.json');
const work = mkdtempSync(join(tmpdir(), 'dnsorder-expectations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const skip = requirement(!isRoot ? 'the real clients run in a network namespace: needs root'
  : !existsSync(join(root, 'dist/matrix/serve-in-namespace.js')) ? 'dist/ is missing: run `npm run build`' : undefined);
const SUITES = findRoot('trixie') ? 'host,trixie' : 'host';

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe.skipIf(skip)(`dnsorder matrix --expectations examples/expectations/debian.json (${SUITES})`, () => {
  it('exits 0: every cell of every client here is as the file lists it', async () => {
    const out = join(work, 'matrix.json');
    const r = await run(['matrix', '--suites', SUITES, '--format', 'json', '--out', out, '--expectations', EXPECTATIONS]);
    const differences = r.stderr.split('\n').filter((l) => /^(new failure|unexpected pass|changed): /.test(l));
    expect(differences).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^expectations of .*debian\.json: \d+ cell\(s\) judged, \d+ as expected \(\d+ known difference\(s\)\); 0 new failure\(s\), 0 unexpected pass\(es\), 0 changed/m);
    // It judged real clients, not only the models: the host's glibc ran and failed where the file says it does.
    const doc = JSON.parse(readFileSync(out, 'utf8')) as MatrixDocument;
    expect(doc.clients.find((c) => c.id === 'glibc-getaddrinfo')?.available).toBe(true);
    expect(doc.results.find((x) => x.scenario === 'cname-last' && x.client === 'glibc-getaddrinfo')?.outcome).toBe('no-address');
    if (SUITES.includes('trixie')) expect(doc.clients.find((c) => c.id === 'glibc-getaddrinfo@trixie')?.available).toBe(true);
  }, 600_000);
});
