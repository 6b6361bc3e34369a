import type BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { bundledMigrations } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/migrator';
import { freshPostgresDatabase, postgresAvailable, type PostgresTestDatabase } from '../support/postgres-db';
import { tempDir } from '../support/test-vault';

/**
 * The rules the parity test cannot see (CHECKs rewritten for PostgreSQL: GLOB as regular
 * expressions, NOCASE as lower(), json_valid, LIKE) must accept and refuse the same rows: each
 * statement below runs on both engines, as the app would write it.
 */
const SHA = 'a'.repeat(64);
// No ids given where the database numbers them: both number from 1 (a given id would not move
// PostgreSQL's identity on, and its next number would collide).
const SETUP = [
  "INSERT INTO schools (code, name, created_at) VALUES ('PPA', 'Pendle Primary', 't')",
  "INSERT INTO people (name, email, role, school_id, created_at) VALUES ('Alex', 'alex@trust.example', 'core-team', NULL, 't')",
  "INSERT INTO people (name, email, role, school_id, created_at) VALUES ('Sam', 'sam@trust.example', 'staff', 1, 't')",
  "INSERT INTO channels (platform, handle, handle_key, name, created_at) VALUES ('x', '@pendle', 'pendle', 'Pendle', 't')",
  "INSERT INTO posts (author_id, text, intended_outcome, pupils, created_at, updated_at) VALUES (1, 'Hello', 'Parents know the date', 'none', 't', 't')",
  "INSERT INTO person_keys (person_id, box_public, sign_public, created_at) VALUES (1, 'box', 'sign', 't')",
  "INSERT INTO incidents (channel_id, summary, opened_at, opened_by) VALUES (1, 'Abuse', 't', 1)",
  "INSERT INTO secret_versions (channel_id, kind, version, nonce, ciphertext, created_at, created_by) VALUES (1, 'password', 1, 'n', 'c', 't', 1)",
];

const evidence = (fileName: string, sha256: string) =>
  `INSERT INTO incident_evidence (incident_id, file_name, original_name, sha256, bytes, media_type, captured_at, captured_by) VALUES (1, '${fileName}', 'a', '${sha256}', 5, 'image/png', 't', 1)`;

const CASES: [string, 'ok' | 'refused', string][] = [
  ['a third person, numbered by the database', 'ok', "INSERT INTO people (name, email, role, created_at) VALUES ('Jo', 'jo@trust.example', 'core-team', 't')"],
  ['the same email in other letter case', 'refused', "INSERT INTO people (name, email, role, created_at) VALUES ('A', 'ALEX@Trust.Example', 'core-team', 't')"],
  ['the same school code in other letter case', 'refused', "INSERT INTO schools (code, name, created_at) VALUES ('ppa', 'P', 't')"],
  ['staff without a school', 'refused', "INSERT INTO people (name, email, role, created_at) VALUES ('B', 'b@trust.example', 'staff', 't')"],
  ['a training date YYYY-MM-DD', 'ok', "INSERT INTO training_records (person_id, trained_on, recorded_by, recorded_at) VALUES (1, '2026-12-07', 1, 't')"],
  ['a training date without its zero', 'refused', "INSERT INTO training_records (person_id, trained_on, recorded_by, recorded_at) VALUES (1, '2026-12-7', 1, 't')"],
  ['a training date with more after it', 'refused', "INSERT INTO training_records (person_id, trained_on, recorded_by, recorded_at) VALUES (1, '2026-12-07x', 1, 't')"],
  ['a check-in date in letters', 'refused', "INSERT INTO monitoring_checks (channel_id, checked_on, checked_at, checked_by) VALUES (1, 'yyyy-mm-dd', 't', 1)"],
  ['a wrap to person 12', 'ok', "INSERT INTO secret_wraps VALUES (1, 'password', 1, 'person:12', 'k', 1, 's', 't')"],
  ['a wrap to the recovery key', 'ok', "INSERT INTO secret_wraps VALUES (1, 'password', 1, 'recovery', 'k', 1, 's', 't')"],
  ['a wrap to person 0', 'refused', "INSERT INTO secret_wraps VALUES (1, 'password', 1, 'person:0', 'k', 1, 's', 't')"],
  ['a wrap to no one', 'refused', "INSERT INTO secret_wraps VALUES (1, 'password', 1, 'person:', 'k', 1, 's', 't')"],
  ['an image with alt text', 'ok', `INSERT INTO post_media (post_id, position, file_name, sha256, bytes, media_type, alt_text, original_name) VALUES (1, 0, '${SHA}.png', '${SHA}', 10, 'image/png', 'A hall', 'a.png')`],
  ['an image without alt text', 'refused', `INSERT INTO post_media (post_id, position, file_name, sha256, bytes, media_type, original_name) VALUES (1, 1, '${'b'.repeat(64)}.png', '${'b'.repeat(64)}', 10, 'image/png', 'b.png')`],
  ['a video without alt text', 'ok', `INSERT INTO post_media (post_id, position, file_name, sha256, bytes, media_type, original_name) VALUES (1, 2, '${'c'.repeat(64)}.mp4', '${'c'.repeat(64)}', 10, 'video/mp4', 'c.mp4')`],
  ['a digest in capitals', 'refused', `INSERT INTO post_media (post_id, position, file_name, sha256, bytes, media_type, original_name) VALUES (1, 3, '${'D'.repeat(64)}.mp4', '${'D'.repeat(64)}', 10, 'video/mp4', 'd.mp4')`],
  ['a checklist that is not JSON', 'refused', "INSERT INTO posts (author_id, text, intended_outcome, pupils, checklist, created_at, updated_at) VALUES (1, 'Hi', 'Parents know the date', 'none', '{not json', 't', 't')"],
  ['a checklist in JSON', 'ok', 'INSERT INTO posts (author_id, text, intended_outcome, pupils, checklist, created_at, updated_at) VALUES (1, \'Hi\', \'Parents know the date\', \'none\', \'{"a":true}\', \'t\', \'t\')'],
  ["a school's own calendar import", 'ok', "INSERT INTO calendar_imports VALUES ('school:1', 1, 't', 1)"],
  ["another school's key on it", 'refused', "INSERT INTO calendar_imports VALUES ('school:2', 1, 't', 1)"],
  ['evidence with a three-letter extension', 'ok', evidence(`${SHA}.png`, SHA)],
  ['evidence with a digit in its extension', 'refused', evidence(`${'f'.repeat(64)}.mp4`, 'f'.repeat(64))],
  ['evidence with a capital extension', 'refused', evidence(`${'f'.repeat(64)}.PNG`, 'f'.repeat(64))],
  ['a second current grant', 'refused', "INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) VALUES (1, 2, 1, 't'); INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) VALUES (1, 2, 1, 't')"],
  ['a second current publisher', 'refused', "INSERT INTO publishers (box_public, sign_public, enrolled_at, enrolled_by, signer_key_id, signature, kept_in) VALUES ('b1', 's1', 't', 1, 1, 'sig', 'file'); " +
    "INSERT INTO publishers (box_public, sign_public, enrolled_at, enrolled_by, signer_key_id, signature, kept_in) VALUES ('b2', 's2', 't', 1, 1, 'sig', 'file')"],
  ['a second vault row', 'refused', "INSERT INTO vault (id, vault_id, created_at) VALUES (2, 'v', 't')"],
  ['a grant for someone who does not exist', 'refused', "INSERT INTO access_grants (channel_id, person_id, granted_by, granted_at) VALUES (1, 99, 1, 't')"],
];

describe.skipIf(!postgresAvailable)('SQLite and PostgreSQL accept and refuse the same rows', () => {
  const dir = tempDir();
  let sqlite: BetterSqlite3.Database;
  let database: PostgresTestDatabase;
  let app: pg.Client;

  beforeAll(async () => {
    sqlite = openDatabase(join(dir.path, 'rules.sqlite3'), { create: true });
    await migrate(sqlite, bundledMigrations('sqlite'), { backupDir: join(dir.path, 'backups'), now: new Date() });
    database = await freshPostgresDatabase();
    app = new pg.Client(database.config('app'));
    await app.connect();
    for (const statement of SETUP) {
      sqlite.exec(statement);
      await app.query(statement);
    }
  });

  afterAll(async () => {
    sqlite?.close();
    await app?.end();
    await database?.drop();
    dir.remove();
  });

  /** Runs the statements in a transaction kept or undone as a whole, on each engine. */
  const onSqlite = (statements: string): 'ok' | 'refused' => {
    try {
      sqlite.transaction(() => sqlite.exec(statements))();
      return 'ok';
    } catch {
      return 'refused';
    }
  };
  const onPostgres = async (statements: string): Promise<'ok' | 'refused'> => {
    await app.query('BEGIN');
    try {
      await app.query(statements);
      await app.query('COMMIT');
      return 'ok';
    } catch {
      await app.query('ROLLBACK');
      return 'refused';
    }
  };

  it.each(CASES)('%s: %s on both', async (_label, expected, statements) => {
    expect({ sqlite: onSqlite(statements), postgres: await onPostgres(statements) }).toEqual({ sqlite: expected, postgres: expected });
  });
});
