import type { Compilable } from 'kysely';

/** Which engine a Db runs on: the few places whose SQL differs ask this, nothing else does. */
export type DbEngine = 'sqlite' | 'postgres';

export interface RunResult {
  /** Rows the statement inserted, updated or deleted. */
  changes: number;
}

/**
 * The core's one way to reach its data, the same on SQLite (one computer) and on PostgreSQL
 * (the trust's server). Queries are built with kysely (`qb` in sql.ts) and compiled by the
 * engine, so a query is written once.
 *
 * Inside `transaction`, await nothing but this Db's own calls: a transaction that waits for
 * the keychain, the network or a timer holds the trail's lock (PostgreSQL) or the connection
 * (SQLite) for every other user meanwhile. Tests enforce it (CUSTODIAN_TEST_TX_GUARD).
 */
export interface Db {
  readonly engine: DbEngine;
  all<T>(query: Compilable<T>): Promise<T[]>;
  first<T>(query: Compilable<T>): Promise<T | undefined>;
  /**
   * Every row as an array of its values in the select's order. For reads of tens of thousands of
   * rows (the compliance snapshot's grants): an object per row, its keys set one by one, costs the
   * driver more than the query, and the garbage collector more after.
   */
  tuples(query: Compilable<unknown>): Promise<unknown[][]>;
  run(query: Compilable<unknown>): Promise<RunResult>;
  /**
   * Runs fn in one write transaction: all of it commits or none of it does. Called again inside
   * fn (by a helper that also works alone), it nests as a savepoint of the same transaction.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs fn on one consistent view of the data, without taking the write lock: for long reads
   * (verify walks the whole trail) that must not see half of a later write. Inside a transaction,
   * fn simply runs in it.
   */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the calling code is inside a transaction of this Db. */
  inTransaction(): boolean;
}

/** The message both engines give when a transaction awaited something other than the database. */
export const AWAITED_OUTSIDE_DB =
  'A database transaction waited for something other than the database (keychain, network, file or timer): do that before or after the transaction';

/** The runtime guard is on in tests (vitest.config.ts sets it) and off for users. */
export function transactionGuardOn(): boolean {
  return process.env.CUSTODIAN_TEST_TX_GUARD === '1';
}
