import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // examples/ import the package by name, as a user would; point the names at the
    // same entry files package.json's "exports" compiles, so no build is needed first.
    alias: [
      { find: /^dnsorder\/zone$/, replacement: fileURLToPath(new URL('./src/zone-sources/index.ts', import.meta.url)) },
      { find: /^dnsorder\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^dnsorder$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and clients; two cores are all we have.
    maxWorkers: 2,
  },
});
