/**
 * The suites that run twice, the second time with their vaults on PostgreSQL (vitest.config.ts's
 * postgres project; tests/support/test-database.ts): those that reach SQL through the core's
 * handlers and repositories, the trail and the contract's fuzz. Not the ones that spawn the CLI or
 * drive a browser (their SQL is the same core's), nor those about the SQLite file itself (backups,
 * transfer files, the upgrade of old vault files). PostgreSQL's own trail, kill -9 and superuser
 * tamper tests run on it in every run (tests/reliability/postgres-trail.test.ts).
 */
export const POSTGRES_SUITES = [
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
  'tests/integration/monitoring.test.ts',
  'tests/integration/oauth-connect.test.ts',
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
  'tests/integration/training.test.ts',
  'tests/integration/window-capabilities.test.ts',
  'tests/integration/window-session.test.ts',
  'tests/unit/holders-keys.test.ts',
] as const;
