import { AsyncLocalStorage } from 'node:async_hooks';
import { createQueryId, isOperationNodeSource, PostgresQueryCompiler, type Compilable, type CompiledQuery, type RootOperationNode } from 'kysely';
import pg from 'pg';
import type { Db, RunResult } from './db.port';

/**
 * The trail's lock, in the migrator's key space (classid 'CUST'; objid 1 is the migrator's).
 * Every write transaction takes it first: appends to the trail are then serial across every
 * server process of the trust, so seq and prev_hash never fork, while reads never wait.
 */
export const TRAIL_LOCK = { classid: 0x43555354, objid: 2 } as const;

const BEGIN_AND_LOCK = `BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${TRAIL_LOCK.classid}, ${TRAIL_LOCK.objid})`;

const compiler = new PostgresQueryCompiler();

/**
 * pg returns bigint (COUNT, SUM, identity columns read through casts) and numeric as strings, to
 * keep precision JavaScript numbers lack. Our counts and ids stay far below 2^53, and the core
 * expects numbers as SQLite gives them, so this pool's connections parse them as numbers.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Queries are built once, with the SQLite-flavoured qb; here they are compiled again for PostgreSQL from kysely's tree. */
function compileForPostgres(query: Compilable<unknown>): CompiledQuery {
  if (!isOperationNodeSource(query)) throw new Error('PostgresDb needs a kysely query (one built with qb or sql``)');
  return compiler.compileQuery(query.toOperationNode() as RootOperationNode, createQueryId());
}

/**
 * The Db port on PostgreSQL. READ COMMITTED, as PostgreSQL defaults: each statement sees what
 * was committed before it, and the trail's lock (taken first by every write transaction) makes
 * the read of the trail's head and the append that follows it one step.
 */
export class PostgresDb implements Db {
  readonly engine = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly current = new AsyncLocalStorage<{ client: pg.PoolClient; depth: number }>();

  constructor(config: pg.PoolConfig) {
    this.pool = new pg.Pool({ ...config, types });
    // An idle pooled connection the server ends (a restart, an administrator's terminate, a
    // database dropped) is an 'error' on the pool; unheard, Node throws it from nowhere. pg has
    // already removed that client: the next query connects afresh, and a query in flight fails on its own.
    this.pool.on('error', () => undefined);
  }

  async all<T>(query: Compilable<T>): Promise<T[]> {
    return (await this.query(query)).rows as T[];
  }

  async first<T>(query: Compilable<T>): Promise<T | undefined> {
    return (await this.query(query)).rows[0] as T | undefined;
  }

  async tuples(query: Compilable<unknown>): Promise<unknown[][]> {
    return (await this.query(query, 'array')).rows as unknown[][];
  }

  async run(query: Compilable<unknown>): Promise<RunResult> {
    // A lone write is a transaction of its own, so it takes the trail's lock like any other.
    if (this.current.getStore() === undefined) return this.transaction(() => this.run(query));
    return { changes: (await this.query(query)).rowCount ?? 0 };
  }

  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const open = this.current.getStore();
    // One round trip for BEGIN and the lock: every append pays each trip while it holds the trail's lock.
    return open !== undefined ? this.savepoint(open, fn) : this.onOneClient(BEGIN_AND_LOCK, fn);
  }

  snapshot<T>(fn: () => Promise<T>): Promise<T> {
    // REPEATABLE READ: every statement sees the snapshot of the first; no lock, so writers go on.
    return this.current.getStore() !== undefined ? fn() : this.onOneClient('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
  }

  /** Runs fn in a transaction of its own on one pooled client, which every query of fn then uses. */
  private async onOneClient<T>(begin: string, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await this.current.run({ client, depth: 0 }, fn);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A client whose transaction cannot be ended is not handed to the next caller.
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
      throw error;
    }
  }

  /** Closes every connection of the pool. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private async savepoint<T>(open: { client: pg.PoolClient; depth: number }, fn: () => Promise<T>): Promise<T> {
    const name = `custodian_sp_${++open.depth}`;
    await open.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await open.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      open.depth -= 1;
    }
  }

  private async query(query: Compilable<unknown>, rowMode?: 'array'): Promise<pg.QueryResult> {
    const compiled = compileForPostgres(query);
    const open = this.current.getStore();
    const target = open === undefined ? this.pool : open.client;
    if (rowMode === 'array') return target.query({ text: compiled.sql, values: compiled.parameters as unknown[], rowMode });
    return target.query(compiled.sql, compiled.parameters as unknown[]);
  }
}
