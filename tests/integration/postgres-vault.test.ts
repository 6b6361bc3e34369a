import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { freshPostgresDatabase, postgresAvailable, type PostgresTestDatabase } from '../support/postgres-db';
import { ADMIN, tempDir, testClock } from '../support/test-vault';

/**
 * A core whose vault lives on PostgreSQL, at its edges: a database it cannot reach or that is not
 * migrated is refused with what to do, and the work that only a SQLite file allows (a backup, a
 * transfer file) is refused by name rather than done half. (Its daily work runs in the postgres
 * project of the chosen suites: vitest.config.ts.)
 */
describe.skipIf(!postgresAvailable)('a vault on PostgreSQL', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function coreOn(database: PostgresTestDatabase | { config(role: 'app'): object }): Promise<{ core: Core; dataDir: string }> {
    const dir = tempDir();
    const core = createCore({ dataDir: dir.path, secretStore: createKeytarStore(), clock: testClock(), database: { engine: 'postgres', config: database.config('app') } });
    cleanup.push(() => dir.remove(), () => core.close());
    return { core, dataDir: dir.path };
  }

  const init = (core: Core) => core.call(null, 'vault.init', { trustName: 'Pendle Education Trust', adminName: ADMIN.name, adminEmail: ADMIN.email, passphrase: ADMIN.passphrase });

  it('says which database it cannot reach', async () => {
    const { core } = await coreOn({ config: () => ({ host: process.env.CUSTODIAN_TEST_PG_HOST, port: Number(process.env.CUSTODIAN_TEST_PG_PORT ?? 5432), user: process.env.CUSTODIAN_TEST_PG_APP, database: 'custodian_no_such_database' }) });
    const status = await core.call(null, 'vault.status', {});
    expect(status).toMatchObject({ ok: false, error: { code: 'database_error', message: expect.stringMatching(/Cannot reach the PostgreSQL database custodian_no_such_database: .*does not exist/) } });
  });

  it('refuses a database the owner has not migrated, naming the migration to apply', async () => {
    const empty = await freshPostgresDatabase({ empty: true });
    cleanup.push(() => empty.drop());
    const { core } = await coreOn(empty);
    const refused = await init(core);
    const bundled = bundledMigrations('postgres').length;
    expect(refused).toMatchObject({ ok: false, error: { code: 'database_error', message: expect.stringContaining(`not migrated to this version of Custodian (${bundled} migrations to apply, from 0001_baseline.sql)`) } });
  });

  it('creates the vault there once, and refuses a backup or a transfer file by name', async () => {
    const database = await freshPostgresDatabase();
    cleanup.push(() => database.drop());
    const { core } = await coreOn(database);
    expect(await init(core)).toMatchObject({ ok: true });
    expect(await init(core)).toMatchObject({ ok: false, error: { code: 'vault_exists' } });
    const token = await core.call(null, 'auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase });
    if (!token.ok) expect.fail(token.error.message);
    for (const [method, input] of [
      ['backup.create', {}],
      ['transfer.export', { path: '/tmp/custodian-never-written.custodian-transfer', passphrase: 'a long transfer passphrase that is strong' }],
    ] as const) {
      const refused = await core.dispatch(token.value.token, method, input);
      expect(refused, method).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/data are on a PostgreSQL server: use the server's own backup and copy tools/) } });
    }
    expect(await core.call(token.value.token, 'audit.verify', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});
