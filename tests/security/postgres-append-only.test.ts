import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { freshPostgresDatabase, postgresAvailable, type PostgresTestDatabase } from '../support/postgres-db';

/**
 * On a trust's server the app connects as custodian_app, which owns nothing. Whoever takes over
 * the server process gets that role: it can append to the trail and read it, and nothing more.
 * The owner role is refused by the triggers; it can drop them, as someone editing a vault file
 * can on SQLite, and that case is for the chain's verification to catch (a later slice).
 */
const event = (seq: number, prev: string) =>
  `INSERT INTO audit_events (seq, at, action, outcome, prev_hash, hash, mac) VALUES (${seq}, '2026-12-07T10:00:0${seq}.000Z', 'test.event', 'ok', '${prev}', 'hash-${seq}', 'mac-${seq}')`;

describe.skipIf(!postgresAvailable)('the audit trail on PostgreSQL is append-only', () => {
  let database: PostgresTestDatabase;
  let app: pg.Client;
  let owner: pg.Client;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    app = new pg.Client(database.config('app'));
    owner = new pg.Client(database.config('owner'));
    await Promise.all([app.connect(), owner.connect()]);
    await app.query(event(1, 'genesis'));
    await app.query(event(2, 'hash-1'));
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await database?.drop();
  });

  const trail = async () => (await owner.query('SELECT seq, at, prev_hash FROM audit_events ORDER BY seq')).rows;

  it('the app role is neither superuser nor BYPASSRLS, and owns no table', async () => {
    const role = await app.query('SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user');
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false }]);
    const owned = await app.query("SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)");
    expect(owned.rows).toEqual([{ n: 0 }]);
  });

  it('the app role appends and reads, and cannot edit, delete, truncate, nor get round the triggers', async () => {
    for (const statement of [
      "UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 1",
      'DELETE FROM audit_events WHERE seq = 2',
      'TRUNCATE audit_events',
    ]) {
      await expect(app.query(statement), statement).rejects.toMatchObject({ code: '42501', message: 'permission denied for table audit_events' });
    }
    await expect(app.query('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toThrow('must be owner of table audit_events');
    await expect(app.query('DROP TRIGGER audit_events_no_update ON audit_events')).rejects.toThrow('must be owner of relation audit_events');
    await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied to set parameter/);
    await expect(app.query('DROP TABLE audit_events')).rejects.toThrow('must be owner of table audit_events');
    expect(await trail()).toEqual([
      { seq: 1, at: '2026-12-07T10:00:01.000Z', prev_hash: 'genesis' },
      { seq: 2, at: '2026-12-07T10:00:02.000Z', prev_hash: 'hash-1' },
    ]);
  });

  it('a second event on the same head, or the same seq, is refused: the chain cannot fork', async () => {
    await expect(app.query(event(3, 'hash-1'))).rejects.toMatchObject({ code: '23505', constraint: 'audit_events_prev_hash_unique' });
    await expect(app.query(event(2, 'hash-2'))).rejects.toMatchObject({ code: '23505', constraint: 'audit_events_pkey' });
  });

  it('the app role reads the schema version and cannot change it', async () => {
    // Every migration this build bundles, as the owner applied them.
    expect((await app.query('SELECT version FROM schema_migrations ORDER BY version')).rows).toEqual(bundledMigrations('postgres').map((m) => ({ version: m.version })));
    await expect(app.query("UPDATE schema_migrations SET checksum = 'x'")).rejects.toMatchObject({ code: '42501' });
    await expect(app.query('DELETE FROM schema_migrations')).rejects.toMatchObject({ code: '42501' });
  });

  it('the owner is refused by the triggers: no edit, no delete, no truncate', async () => {
    for (const statement of [
      "UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 1",
      'DELETE FROM audit_events WHERE seq = 2',
      'TRUNCATE audit_events',
    ]) {
      await expect(owner.query(statement), statement).rejects.toMatchObject({ code: '23001', message: 'the audit trail is append-only' });
    }
    expect(await trail()).toHaveLength(2);
  });

  it('the owner can drop the triggers and then edit: the tamper the chain must catch', async () => {
    await owner.query('BEGIN');
    try {
      await owner.query('DROP TRIGGER audit_events_no_update ON audit_events');
      await owner.query("UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 1");
      expect((await owner.query('SELECT at FROM audit_events WHERE seq = 1')).rows).toEqual([{ at: '2020-01-01T00:00:00.000Z' }]);
    } finally {
      await owner.query('ROLLBACK');
    }
    expect(await trail()).toHaveLength(2);
  });
});
