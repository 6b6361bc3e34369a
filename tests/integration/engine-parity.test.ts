import type BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { migratePostgres } from '../../electron/core/db/postgres-migrator';
import { freshPostgresDatabase, postgresAvailable, type PostgresTestDatabase } from '../support/postgres-db';
import { compareSchemas, postgresSchemaFacts, sqliteSchemaFacts } from '../support/schema-shape';
import { tempDir } from '../support/test-vault';

const now = new Date('2026-12-07T10:00:00Z');

/**
 * What PostgreSQL has on purpose and SQLite has not. UNIQUE (prev_hash): on a server several
 * writers share the trail, and the constraint refuses a fork of the chain even from one that
 * skipped the trail's lock; on SQLite BEGIN IMMEDIATE already makes one writer at a time.
 */
const POSTGRES_ONLY = ['unique audit_events (prev_hash)'];

describe.skipIf(!postgresAvailable)('the SQLite and PostgreSQL migrations give the same schema', () => {
  const dir = tempDir();
  let sqlite: BetterSqlite3.Database;
  let database: PostgresTestDatabase;
  let owner: pg.Client;

  beforeAll(async () => {
    sqlite = openDatabase(join(dir.path, 'parity.sqlite3'), { create: true });
    await migrate(sqlite, bundledMigrations('sqlite'), { backupDir: join(dir.path, 'backups'), now });
    database = await freshPostgresDatabase({ empty: true });
    owner = new pg.Client(database.config('owner'));
    await owner.connect();
    await migratePostgres(owner, bundledMigrations('postgres'), { now });
  });

  afterAll(async () => {
    sqlite?.close();
    await owner?.end();
    await database?.drop();
    dir.remove();
  });

  it('has the same tables, columns, nullability, primary keys, uniques and indexes', async () => {
    const sqliteFacts = sqliteSchemaFacts(sqlite);
    const postgresFacts = await postgresSchemaFacts(owner);
    // The introspection sees the whole schema: every table, and the rules that are easy to lose.
    expect(sqliteFacts.filter((fact) => fact.startsWith('table '))).toHaveLength(43);
    expect(sqliteFacts).toEqual(
      expect.arrayContaining([
        'unique people (lower(email))',
        'unique schools (lower(code))',
        'unique access_grants (channel_id, person_id) where revoked_at is null',
        'unique publishers (1) where retired_at is null',
        "index audit_events (seq) where action = 'publisher.enrol' and outcome = 'ok'",
        'primary key secret_wraps (channel_id, kind, version, recipient)',
        'column audit_events.seq integer not null',
      ]),
    );
    expect(compareSchemas(sqliteFacts, postgresFacts)).toEqual({ onlyInSqlite: [], onlyInPostgres: POSTGRES_ONLY });
  });

  it('reports a column added on one engine only, and nothing else', async () => {
    await owner.query('BEGIN');
    try {
      await owner.query('ALTER TABLE people ADD COLUMN nickname TEXT');
      expect(compareSchemas(sqliteSchemaFacts(sqlite), await postgresSchemaFacts(owner))).toEqual({
        onlyInSqlite: [],
        onlyInPostgres: ['column people.nickname text null', ...POSTGRES_ONLY],
      });
    } finally {
      await owner.query('ROLLBACK');
    }
    sqlite.exec('BEGIN');
    try {
      sqlite.exec("ALTER TABLE channels ADD COLUMN archived INTEGER NOT NULL DEFAULT 0; CREATE INDEX channels_archived ON channels(archived) WHERE archived = 1");
      expect(compareSchemas(sqliteSchemaFacts(sqlite), await postgresSchemaFacts(owner))).toEqual({
        onlyInSqlite: ['column channels.archived integer not null', 'index channels (archived) where archived = 1'],
        onlyInPostgres: POSTGRES_ONLY,
      });
    } finally {
      sqlite.exec('ROLLBACK');
    }
  });
});
