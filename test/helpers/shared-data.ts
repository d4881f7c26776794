// The shared test data lives beside the repository (../shared/data from the
// repo root, the same in CI). Without it the data-driven tests skip locally
// and fail under CI=true.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DATA = join(repoRoot, '..', 'shared', 'data');
export const sharedDataAvailable = existsSync(join(SHARED_DATA, 'zonemd'));

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** Call inside a describe: under CI a missing data directory is a failing test, elsewhere a visible skip. */
export function requireSharedData(): void {
  if (sharedDataAvailable) return;
  if (process.env.CI === 'true') {
    it('has the shared test data', () => {
      expect(existsSync(join(SHARED_DATA, 'zonemd')), `shared test data missing at ${SHARED_DATA}`).toBe(true);
    });
  } else {
    it.skip(`shared test data missing at ${SHARED_DATA}`, () => {});
  }
}
