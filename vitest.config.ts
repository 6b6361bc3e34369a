import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './tests/support/slow-first.sequencer';

// Tests run in Node against real SQLite files, a real PostgreSQL and the real OS keychain (npm test
// starts a private Secret Service when none is reachable, and a throwaway PostgreSQL:
// scripts/with-keychain.mjs, scripts/with-postgres.mjs).

/**
 * The suites that run twice, the second time with their vaults on PostgreSQL (the postgres
 * project below; tests/support/test-database.ts): those that reach SQL through the core's
 * handlers and repositories, the trail and the contract's fuzz. Not the ones that spawn the CLI or
 * drive a browser (their SQL is the same core's), nor those about the SQLite file itself (backups,
 * transfer files, the upgrade of old vault files). PostgreSQL's own trail, kill -9 and superuser
 * tamper tests run on it in every run (tests/reliability/postgres-trail.test.ts).
 */
const POSTGRES_SUITES = [
  'tests/reliability/contract-fuzz.test.ts',
  'tests/integration/access.test.ts',
  'tests/integration/auth.test.ts',
  'tests/integration/calendar.test.ts',
  'tests/integration/compliance.test.ts',
  'tests/integration/consent.test.ts',
  'tests/integration/example.test.ts',
  'tests/integration/inbox.test.ts',
  'tests/integration/incidents.test.ts',
  'tests/integration/instagram-publishing.test.ts',
  'tests/integration/manual-publishing.test.ts',
  'tests/integration/meta-connect.test.ts',
  'tests/integration/monitoring.test.ts',
  'tests/integration/oauth-connect.test.ts',
  'tests/integration/oauth-redirects.test.ts',
  'tests/integration/passphrase-reset.test.ts',
  'tests/integration/permission-matrix.test.ts',
  'tests/integration/posts.test.ts',
  'tests/integration/publishing-engine.test.ts',
  'tests/integration/recovery-window-kit.test.ts',
  'tests/integration/recovery.test.ts',
  'tests/integration/review-pack.test.ts',
  'tests/integration/school-scope.test.ts',
  'tests/integration/school-work-scope.test.ts',
  'tests/integration/secret-leak.test.ts',
  'tests/integration/token-refresh-race.test.ts',
  'tests/integration/training.test.ts',
  'tests/integration/window-capabilities.test.ts',
  'tests/integration/window-session.test.ts',
  'tests/unit/holders-keys.test.ts',
] as const;

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
    sequence: { sequencer: SlowFirstSequencer },
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
