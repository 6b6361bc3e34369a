import { AsyncLocalStorage } from 'node:async_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable } from 'kysely';
import { AWAITED_OUTSIDE_DB, transactionGuardOn, type Db, type RunResult } from './db.port';
import type { Sql } from './sql';

interface OpenTransaction {
  /** Settles when the outermost transaction has committed or rolled back. */
  readonly ended: Promise<void>;
  depth: number;
}

/**
 * The Db port on better-sqlite3. The driver is synchronous, so every call runs at once and
 * returns a settled promise: a transaction that awaits only this Db finishes within one turn
 * of the event loop, and no IPC message, timer or other request can run in the middle of it.
 *
 * One connection serves every caller, so a transaction is the connection's: a second async
 * context (two requests started together) waits for the first transaction to end before it
 * runs anything, or its statements would silently join the other's transaction. The owner
 * context is known through AsyncLocalStorage, which follows the awaits of fn.
 */
export class SqliteDb implements Db {
  readonly engine = 'sqlite' as const;
  private readonly owner = new AsyncLocalStorage<OpenTransaction>();
  private open: OpenTransaction | null = null;

  /**
   * BEGIN, COMMIT and ROLLBACK prepared once: exec() compiles its text at every call, and every
   * audit append is its own transaction (better-sqlite3's own transactions cache them too).
   */
  private readonly control = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly sql: Sql) {}

  private runControl(text: 'BEGIN IMMEDIATE' | 'BEGIN DEFERRED' | 'COMMIT' | 'ROLLBACK'): void {
    let statement = this.control.get(text);
    if (statement === undefined) {
      statement = this.sql.raw.prepare(text);
      this.control.set(text, statement);
    }
    statement.run();
  }

  async all<T>(query: Compilable<T>): Promise<T[]> {
    while (this.waits()) await this.open!.ended;
    return this.sql.all(query);
  }

  async first<T>(query: Compilable<T>): Promise<T | undefined> {
    while (this.waits()) await this.open!.ended;
    return this.sql.first(query);
  }

  async tuples(query: Compilable<unknown>): Promise<unknown[][]> {
    while (this.waits()) await this.open!.ended;
    return this.sql.tuples(query);
  }

  async run(query: Compilable<unknown>): Promise<RunResult> {
    while (this.waits()) await this.open!.ended;
    return { changes: this.sql.run(query).changes };
  }

  /** Whether no context holds the connection: no transaction open, none being opened. */
  idle(): boolean {
    return this.open === null && !this.sql.raw.inTransaction;
  }

  inTransaction(): boolean {
    return this.open !== null && this.owner.getStore() === this.open;
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction() ? this.savepoint(fn) : this.exclusive('BEGIN IMMEDIATE', fn);
  }

  /** A deferred transaction: its first read fixes the view, and it takes no write lock. */
  snapshot<T>(fn: () => Promise<T>): Promise<T> {
    return this.inTransaction() ? fn() : this.exclusive('BEGIN DEFERRED', fn);
  }

  private async exclusive<T>(begin: 'BEGIN IMMEDIATE' | 'BEGIN DEFERRED', fn: () => Promise<T>): Promise<T> {
    // No await between this check and taking the connection below: another context cannot slip in.
    while (this.open !== null) await this.open.ended;
    const raw = this.sql.raw;
    let finish!: () => void;
    const tx: OpenTransaction = { ended: new Promise((resolve) => (finish = resolve)), depth: 0 };
    this.open = tx;
    // The guard: an immediate or a timer fires only after this turn of the event loop, which a
    // transaction awaiting nothing but this (synchronous) Db never leaves. Both, because a
    // transaction begun inside an immediate would see its own probe run only after the timers,
    // and one begun in the timers phase only after the check phase.
    let leftTheTurn = false;
    const flag = () => (leftTheTurn = true);
    const probes = transactionGuardOn() ? { immediate: setImmediate(flag), timer: setTimeout(flag, 0) } : null;
    try {
      this.runControl(begin);
      let result: T;
      try {
        result = await this.owner.run(tx, fn);
        if (leftTheTurn) throw new Error(AWAITED_OUTSIDE_DB);
      } catch (error) {
        if (raw.inTransaction) this.runControl('ROLLBACK');
        throw error;
      }
      try {
        this.runControl('COMMIT');
      } catch (error) {
        // A commit that fails (a full disk) leaves the transaction open: end it, so the connection is usable.
        if (raw.inTransaction) this.runControl('ROLLBACK');
        throw error;
      }
      return result;
    } finally {
      if (probes !== null) {
        clearImmediate(probes.immediate);
        clearTimeout(probes.timer);
      }
      this.open = null;
      finish();
    }
  }

  private async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const tx = this.open!;
    const name = `custodian_sp_${++tx.depth}`;
    const raw = this.sql.raw;
    raw.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      raw.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      raw.exec(`ROLLBACK TO ${name}`);
      raw.exec(`RELEASE ${name}`);
      throw error;
    } finally {
      tx.depth -= 1;
    }
  }

  /**
   * Whether another async context holds the connection's transaction. Callers loop on it and then
   * run their statement with no await in between, so the statement cannot land in a transaction
   * opened meanwhile.
   */
  private waits(): boolean {
    return this.open !== null && this.owner.getStore() !== this.open;
  }
}
