import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Database } from './schema';

/**
 * kysely builds the queries (portable, typed: the PostgreSQL step stays open), and
 * better-sqlite3 runs them synchronously. Synchronous execution is what lets a change and
 * its audit event share one real transaction with no awaits inside it.
 */
export const qb = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export class Sql {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  // Statements in raw mode are kept apart: the mode is the statement's, for every later caller.
  private readonly tupleStatements = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly raw: BetterSqlite3.Database) {}

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.raw.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<T>(query: Compilable<T>): T[] {
    const compiled = query.compile();
    return this.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as T[];
  }

  first<T>(query: Compilable<T>): T | undefined {
    const compiled = query.compile();
    return this.prepare(compiled.sql).get(...(compiled.parameters as unknown[])) as T | undefined;
  }

  /** Every row as an array of its values, in the select's order (see Db.tuples). */
  tuples(query: Compilable<unknown>): unknown[][] {
    const compiled = query.compile();
    let statement = this.tupleStatements.get(compiled.sql);
    if (statement === undefined) {
      statement = this.raw.prepare(compiled.sql).raw(true);
      this.tupleStatements.set(compiled.sql, statement);
    }
    return statement.all(...(compiled.parameters as unknown[])) as unknown[][];
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const compiled = query.compile();
    return this.prepare(compiled.sql).run(...(compiled.parameters as unknown[]));
  }

  /** Runs fn in one IMMEDIATE transaction: all of it commits, or none of it does. */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }
}
