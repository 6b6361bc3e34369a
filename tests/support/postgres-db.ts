import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own for a test file, on the PostgreSQL that scripts/with-postgres.mjs started
 * (npm test runs it): a clone of custodian_template, migrated once per run, or an empty one.
 * Connections go through the private socket, as one of the run's three roles.
 */
const env = process.env;

/** Whether this run has a PostgreSQL. Without one the PostgreSQL tests skip, unless CI requires it. */
export const postgresAvailable = env.CUSTODIAN_TEST_PG_HOST !== undefined && env.CUSTODIAN_TEST_PG_HOST !== '';
if (!postgresAvailable && env.CUSTODIAN_REQUIRE_POSTGRES === '1') {
  throw new Error('CUSTODIAN_REQUIRE_POSTGRES=1 but no PostgreSQL was started: run the tests through scripts/with-postgres.mjs (npm test does).');
}

export type PostgresRole = 'superuser' | 'owner' | 'app';

function roleName(role: PostgresRole): string {
  const name = { superuser: env.CUSTODIAN_TEST_PG_SUPERUSER, owner: env.CUSTODIAN_TEST_PG_OWNER, app: env.CUSTODIAN_TEST_PG_APP }[role];
  if (name === undefined || name === '') throw new Error(`No PostgreSQL ${role} role in this run (scripts/with-postgres.mjs sets CUSTODIAN_TEST_PG_*).`);
  return name;
}

/** The connection settings of a role on a database of this run's server. */
export function postgresConfig(role: PostgresRole, database: string): pg.ClientConfig {
  return { host: env.CUSTODIAN_TEST_PG_HOST, port: Number(env.CUSTODIAN_TEST_PG_PORT ?? 5432), user: roleName(role), database };
}

/** Runs fn with a connected client, and always disconnects it. */
export async function withPostgresClient<T>(config: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface PostgresTestDatabase {
  name: string;
  config(role: PostgresRole): pg.ClientConfig;
  /** Drops it, ending any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * A new database owned by the owner role: by default a clone of the migrated template (one
 * CREATE DATABASE … TEMPLATE, a fraction of a second), or `empty` for tests of the migrator itself.
 * Text compares as on SQLite (C collation), as the baseline requires, unless `locale` says otherwise.
 */
export async function freshPostgresDatabase(options: { empty?: boolean; locale?: 'C' | 'C.utf8' } = {}): Promise<PostgresTestDatabase> {
  if (!postgresAvailable) throw new Error('No PostgreSQL in this run: guard the test with postgresAvailable.');
  const name = `custodian_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const locale = options.locale ?? 'C';
  const source = options.empty === true ? `template0 ENCODING 'UTF8' LC_COLLATE '${locale}' LC_CTYPE '${locale}'` : env.CUSTODIAN_TEST_PG_TEMPLATE;
  const admin = postgresConfig('superuser', 'postgres');
  await withPostgresClient(admin, (client) => client.query(`CREATE DATABASE ${name} OWNER ${roleName('owner')} TEMPLATE ${source}`));
  return {
    name,
    config: (role) => postgresConfig(role, name),
    drop: () => withPostgresClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
