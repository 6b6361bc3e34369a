import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { bundledMigrations, parseMigrationFiles, type Migration } from '../../electron/core/db/migrations';
import { checksum, migrate } from '../../electron/core/db/migrator';
import { CoreError } from '../../electron/core/errors';
import { createCore } from '../../electron/core/app';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { databasePath } from '../../electron/core/vault/data-dir';
import { createTestVault, tempDir } from '../support/test-vault';

const now = new Date('2026-11-24T10:00:00Z');
const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function freshDb(): { db: Database.Database; dir: string } {
  const dir = tempDir();
  dirs.push(dir);
  return { db: openDatabase(join(dir.path, 'test.sqlite3'), { create: true }), dir: dir.path };
}

const version = (db: Database.Database) => (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;

describe('migrations', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const { db } = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
    db.close();
  });

  it('applies the shipped migrations once, in order, with checksums', async () => {
    const { db, dir } = freshDb();
    const shipped = bundledMigrations();
    expect((await migrate(db, shipped, { backupDir: join(dir, 'backups'), now })).applied).toEqual(shipped.map((m) => m.version));
    expect((await migrate(db, shipped, { backupDir: join(dir, 'backups'), now })).applied).toEqual([]);
    const rows = db.prepare('SELECT version, checksum FROM schema_migrations').all();
    expect(rows).toEqual(shipped.map((m) => ({ version: m.version, checksum: checksum(m.sql) })));
    db.close();
  });

  it('refuses a migration edited after it was applied, and changes nothing', async () => {
    const { db, dir } = freshDb();
    const shipped = bundledMigrations();
    await migrate(db, shipped, { backupDir: join(dir, 'backups'), now });
    const edited: Migration[] = shipped.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(db, edited, { backupDir: join(dir, 'backups'), now })).rejects.toMatchObject({
      code: 'migration_changed',
      message: expect.stringContaining('0001_foundation.sql was changed'),
    });
    db.close();
  });

  it('refuses a database newer than the app', async () => {
    const { db, dir } = freshDb();
    await migrate(db, bundledMigrations(), { backupDir: join(dir, 'backups'), now });
    db.prepare("INSERT INTO schema_migrations VALUES (99, '0099_future.sql', 'x', '2030-01-01T00:00:00Z')").run();
    const error = await migrate(db, bundledMigrations(), { backupDir: join(dir, 'backups'), now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ code: 'database_newer', message: expect.stringMatching(/newer version of Custodian.*version 99/) });
    db.close();
  });

  it('backs up an existing database, and a failing migration leaves it at the old version', async () => {
    const { db, dir } = freshDb();
    const shipped = bundledMigrations();
    await migrate(db, shipped, { backupDir: join(dir, 'backups'), now });
    const next = shipped.length + 1;
    const broken = parseMigrationFiles({
      ...Object.fromEntries(shipped.map((m) => [`/m/${m.name}`, m.sql])),
      [`/m/${String(next).padStart(4, '0')}_good_then_bad.sql`]: 'CREATE TABLE extra (id INTEGER); INSERT INTO no_such_table VALUES (1);',
    });
    await expect(migrate(db, broken, { backupDir: join(dir, 'backups'), now })).rejects.toThrow(/no_such_table/);
    expect(version(db)).toBe(shipped.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    const copy = new Database(join(dir, 'backups', backups[0] as string), { readonly: true });
    expect(version(copy)).toBe(shipped.length);
    copy.close();
    db.close();
  });

  it('rejects migration files that are misnamed or leave a gap', () => {
    expect(() => parseMigrationFiles({ '/m/0001_a.sql': '', '/m/0003_c.sql': '' })).toThrow(/without gaps/);
    expect(() => parseMigrationFiles({ '/m/first.sql': '' })).toThrow(/NNNN_name\.sql/);
  });

  it('the app refuses to open a newer vault with a clear message and leaves it unchanged', async () => {
    const v = await createTestVault();
    await v.core.close();
    const path = databasePath(v.dataDir);
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (42, '0042_future.sql', 'x', '2030-01-01T00:00:00Z')").run();
    db.close();
    const core = createCore({ dataDir: v.dataDir, secretStore: createKeytarStore() });
    const result = await core.call(null, 'auth.signIn', { email: 'alex.admin@trust.example', passphrase: 'correct horse battery' });
    expect(result.ok ? 'opened' : result.error.code).toBe('database_newer');
    await core.close();
    expect(existsSync(join(v.dataDir, 'backups'))).toBe(false);
    await v.close();
  });
});
