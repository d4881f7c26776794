// The package's entry points as a user reaches them: by name, through
// package.json "exports", from the compiled dist/ (vitest's aliases point the
// same names at src/, so only a real Node process checks the map itself).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataPath } from '../helpers/test-data.js';

const root = join(import.meta.dirname, '../..');

/** Runs an ES module snippet with the repository as working directory (package self-reference). */
function node(source: string, args: string[] = []): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source, '--', ...args], { cwd: root, encoding: 'utf8' });
}

describe('package exports', () => {
  it('"dnsorder", "dnsorder/testing" and "dnsorder/zone" resolve to the built entry points', () => {
    const out = node(`
      const main = await import('dnsorder');
      const testing = await import('dnsorder/testing');
      const zone = await import('dnsorder/zone');
      let zoneError;
      try { zone.readZoneText('www IN A 192.0.2', { origin: 'example.' }); } catch (err) { zoneError = err; }
      console.log(JSON.stringify({
        main: typeof main.startServer + typeof main.probeResolver,
        testing: typeof testing.withScenarioServer + typeof testing.installMatchers,
        zone: typeof zone.loadCanonicalZone + typeof zone.verifyZonemd + typeof zone.findApex,
        sharedErrors: zoneError instanceof zone.ZoneFileError && zoneError instanceof main.DnsorderError,
      }));
    `);
    expect(JSON.parse(out)).toEqual({
      main: 'functionfunction',
      testing: 'functionfunction',
      zone: 'functionfunctionfunction',
      // One module graph whichever entry a program uses, so error classes agree.
      sharedErrors: true,
    });
  });

  it('every name the README imports from "dnsorder/zone" is a function it exports', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const statement = /import \{([^}]*)\} from 'dnsorder\/zone'/.exec(readme);
    expect(statement, 'README imports from dnsorder/zone').not.toBeNull();
    const names = statement![1]!.split(',').map((n) => n.trim()).filter(Boolean);
    expect(names.length).toBeGreaterThan(3);
    const out = node(`const zone = await import('dnsorder/zone'); console.log(JSON.stringify(process.argv.slice(1).filter((n) => typeof zone[n] !== 'function')));`, names);
    expect(JSON.parse(out)).toEqual([]);
  });
  it('"dnsorder/zone" verifies a zone on its own (RFC 8976 A.1) and stays free of the server and client code', () => {
    const file = testDataPath('zonemd/rfc8976/a1-simple.zone');
    const out = node(`
      const { findApex, loadCanonicalZone, verifyZonemd } = await import('dnsorder/zone');
      const zone = loadCanonicalZone(process.argv[1], { origin: 'example.' });
      const result = verifyZonemd(zone, findApex(zone, 'example.').apex, { time: Math.floor(Date.now() / 1000) });
      // dns-packet is what the server, clients and probe build on; the zone entry must not need it.
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('dns-packet'));
      console.log(JSON.stringify({ verified: result.verified, dnsPacketLoaded: loaded }));
    `, [file]);
    expect(JSON.parse(out)).toEqual({ verified: true, dnsPacketLoaded: false });
  });
});
