import { defineConfig } from 'vitest/config';

// Tests run in Node against real SQLite files and the real OS keychain (npm test starts a
// private Secret Service when none is reachable: scripts/with-keychain.mjs).
export const config = defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Native modules (better-sqlite3, keytar) are happiest in child processes.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

// vitest loads the config module's default export; this is the one default export we keep.
// eslint-disable-next-line no-restricted-syntax
export default config;
