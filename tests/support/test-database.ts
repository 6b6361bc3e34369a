import type { Db } from '../../electron/core/db/db.port';
import type { VaultDatabase } from '../../electron/core/vault/vault-host';
import { freshPostgresDatabase } from './postgres-db';

/** The engine this run of a suite uses: CUSTODIAN_TEST_DB=postgres (vitest's postgres project), else SQLite. */
export const testEngine: 'sqlite' | 'postgres' = process.env.CUSTODIAN_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/**
 * Where a test vault's data live. On PostgreSQL, a database of its own (a clone of the run's
 * migrated template), reached as the app role as a server would; dropped with the vault.
 */
export async function testDatabase(): Promise<{ option: VaultDatabase; drop(): Promise<void> }> {
  if (testEngine === 'sqlite') return { option: { engine: 'sqlite' }, drop: () => Promise.resolve() };
  const database = await freshPostgresDatabase();
  return { option: { engine: 'postgres', config: database.config('app') }, drop: () => database.drop() };
}

/**
 * The test's own look into a vault's database, on either engine, as someone who has the database
 * itself (the file's owner on SQLite, the superuser on PostgreSQL): what an attacker or an auditor
 * with sqlite3 or psql would see and could change. SQL both engines read, with `?` placeholders.
 */
export interface DatabaseAccess {
  readonly engine: 'sqlite' | 'postgres';
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  get<T>(text: string, ...params: unknown[]): Promise<T | undefined>;
  run(text: string, ...params: unknown[]): Promise<{ changes: number }>;
  /** Several statements, no parameters (an attacker's script). */
  exec(text: string): Promise<void>;
  /**
   * What the database holds, as someone with the database itself would read it, for scans for
   * planted secrets: the SQLite file and its WAL as raw bytes, or on PostgreSQL (no file here)
   * every row of every table as text, one entry per table.
   */
  stored(): Promise<{ where: string; bytes: Buffer }[]>;
  /** The core's own Db port on the vault's database, as the core reaches it (the file; the app role), for calling a repository directly. */
  port(): Promise<{ db: Db; close(): Promise<void> }>;
}
