// Runs one dnsorder verification in its own process so the parent can read
// its wall time and peak RSS. Prints one JSON line. It imports the package's
// zone entry by name, as a user who only verifies zones would.
import { findApex, loadCanonicalZone, verifyZonemd } from 'dnsorder/zone';

const [file, origin, time] = process.argv.slice(2);
const loadedRssKb = process.memoryUsage.rss() / 1024; // runtime + dnsorder's code, before any zone data
const started = process.hrtime.bigint();
const zone = loadCanonicalZone(file, { origin });
const parsed = process.hrtime.bigint();
const result = verifyZonemd(zone, findApex(zone, origin).apex, { time: time ? Number(time) : Math.floor(Date.now() / 1000) });
const done = process.hrtime.bigint();
process.stdout.write(JSON.stringify({
  verified: result.verified, summary: result.summary, records: zone.recordCount,
  parseMs: Number(parsed - started) / 1e6, verifyMs: Number(done - parsed) / 1e6,
  loadedRssKb, maxRssKb: process.resourceUsage().maxRSS,
}) + '\n');
