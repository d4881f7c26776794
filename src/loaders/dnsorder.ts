// dnsorder's own verifier as a loader, in-process: the column every other
// loader is compared against in the same report (RFC 8976 §4, with SOA and
// ZONEMD RRSIG validation when the zone is signed).

import { join } from 'node:path';
import { isDnsorderError } from '../errors.js';
import { VERSION } from '../version.js';
import { nameFromText, verifyZonemd } from '../zone/index.js';
import { loadCanonicalZone } from '../zone-sources/zone-file.js';
import { parseValidationTime } from '../zone/validation-time.js';
import { HOST } from '../roots/userland.js';
import type { LoaderAdapter, LoaderJudgement, LoaderZone } from './types.js';

export const dnsorderLoader: LoaderAdapter = {
  id: 'dnsorder',
  // In-process on the host, whatever userlands the other loaders run in: the reference column, shown once.
  userland: HOST,
  debianPackage: '(this package)',
  async probe() {
    return { version: VERSION, available: true };
  },
  async judge(zone: LoaderZone): Promise<LoaderJudgement> {
    try {
      const canonical = loadCanonicalZone(join(zone.directory, zone.file), {
        origin: zone.origin, include: { allowedDirectories: [zone.directory] },
      });
      const time = zone.validationTime === undefined ? Math.floor(Date.now() / 1000) : parseValidationTime(zone.validationTime);
      const result = verifyZonemd(canonical, nameFromText(zone.origin, undefined), { time });
      return { verdict: result.verified ? 'accept' : 'reject', message: result.summary };
    } catch (err) {
      // A zone that does not parse is not loaded: that is a rejection, with the parser's position and code.
      if (isDnsorderError(err)) return { verdict: 'reject', message: `${err.message} [${err.code}]` };
      return { verdict: 'error', message: (err as Error).message };
    }
  },
};
