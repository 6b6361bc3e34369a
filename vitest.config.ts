import { defineConfig } from 'vitest/config';
import { POSTGRES_SUITES } from './tests/postgres-suites';

// Tests run in Node against real SQLite files, a real PostgreSQL and the real OS keychain (npm test
// starts a private Secret Service when none is reachable, and a throwaway PostgreSQL:
// scripts/with-keychain.mjs, scripts/with-postgres.mjs).
const postgresStarted = (process.env.CUSTODIAN_TEST_PG_HOST ?? '') !== '';

export const config = defineConfig({
  test: {
    // Native modules (better-sqlite3, keytar) are happiest in child processes.
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine (vitest's default is cores - 1 = 1): the
    // tests wait on the keychain, Chromium and child processes as much as they compute.
    maxWorkers: 2,
    // New passphrase hashes at scrypt N=2^10 instead of 2^17 (electron/core/auth/passphrase.ts says
    // why and what still runs at the real cost). Children (the CLI, the e2e core) inherit it.
    env: { CUSTODIAN_TEST_SCRYPT_LOG2_N: '10', CUSTODIAN_TEST_TX_GUARD: '1' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'] } },
      // The suites that touch SQL run a second time with their vaults on PostgreSQL
      // (tests/support/test-database.ts), when this run has one (with-postgres.mjs; CI requires it).
      ...(postgresStarted
        ? [{ extends: true as const, test: { name: 'postgres', include: [...POSTGRES_SUITES], env: { CUSTODIAN_TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});

// vitest loads the config module's default export; this is the one default export we keep.
// eslint-disable-next-line no-restricted-syntax
export default config;
