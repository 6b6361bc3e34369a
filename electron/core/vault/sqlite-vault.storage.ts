import { chmodSync, existsSync, linkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AuditLog, type AuditHead } from '../audit/audit.repo';
import { pruneBackups, takeBackup } from '../backup/backup-create';
import { backupFolder } from '../backup/backup-folder';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrator';
import { qb, Sql } from '../db/sql';
import { SqliteDb } from '../db/sqlite-db';
import { CoreError } from '../errors';
import { makePrivateDir, PRIVATE_DIR_MODE } from '../files/private-files';
import { VaultSecrets } from '../secrets/vault-secrets';
import { databasePath } from './data-dir';
import { loosenedWarning, tightenPrivateModes } from './private-modes';
import type { Vault } from './vault';
import { writeNewVault, type NewVault } from './vault-init.repo';
import { assembleVault, readMacKey, type StorageContext, type VaultStorage } from './vault-storage';

const NOT_CUSTODIAN = 'The vault database has no vault id: it was not created by Custodian.';

/** A vault on one computer: a SQLite file in the data folder, migrated at open. */
export class SqliteVaultStorage implements VaultStorage {
  readonly engine = 'sqlite' as const;

  constructor(
    private readonly ctx: StorageContext,
    /** The desktop app's Electron-ABI build of better-sqlite3 (the CLI and tests use the Node build). */
    private readonly nativeBinding: string | undefined,
  ) {}

  private dbOptions(create: boolean): { create: boolean; nativeBinding?: string } {
    return this.nativeBinding === undefined ? { create } : { create, nativeBinding: this.nativeBinding };
  }

  existsNow(): boolean {
    return existsSync(databasePath(this.ctx.dataDir));
  }

  exists(): Promise<boolean> {
    return Promise.resolve(this.existsNow());
  }

  async open(): Promise<Vault> {
    if (!this.existsNow()) {
      throw new CoreError('vault_missing', `There is no vault in ${this.ctx.dataDir}. Create one with "custodian init" (or the first-run screen).`);
    }
    this.tightenModes();
    const db = openDatabase(databasePath(this.ctx.dataDir), this.dbOptions(false));
    try {
      const result = await migrate(db, this.ctx.migrations, {
        backupDir: backupFolder(this.ctx.dataDir),
        now: this.ctx.clock.now(),
        backup: (database) => this.preMigrationBackup(database),
      });
      if (result.applied.length > 0) this.ctx.log('database.migrated', { applied: result.applied, backup: result.backup });
      const sql = new Sql(db);
      const data = new SqliteDb(sql);
      const row = await data.first(qb.selectFrom('vault').select('vault_id'));
      if (row === undefined) throw new CoreError('database_error', NOT_CUSTODIAN);
      const secrets = new VaultSecrets(this.ctx.store, row.vault_id);
      const macKeyHex = await readMacKey(
        this.ctx,
        secrets,
        'Was the vault copied from another computer or user account? Restore the keychain entries with the vault, or the audit trail cannot be extended or verified.',
      );
      const audit = new AuditLog(sql, macKeyHex, () => this.ctx.clock.now(), data);
      return assembleVault(this.ctx, { vaultId: row.vault_id, file: { db, sql, audit }, data, audit, macKeyHex });
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * The database is built in a temporary file and linked into place only when complete, after
   * the anchor exists; any failure removes the file.
   */
  async create(input: NewVault, vaultId: string, macKeyHex: string, anchor: (head: AuditHead) => Promise<void>): Promise<void> {
    const { dataDir } = this.ctx;
    // The data folder is private to this OS user, also when it was made beforehand (--data-dir).
    makePrivateDir(dataDir);
    chmodSync(dataDir, PRIVATE_DIR_MODE);
    const tempPath = join(dataDir, `.init-${vaultId}.sqlite3`);
    const removeTemp = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(tempPath + suffix, { force: true }));
    try {
      const db = openDatabase(tempPath, this.dbOptions(true));
      let head: AuditHead;
      try {
        await migrate(db, this.ctx.migrations, { backupDir: join(dataDir, 'backups'), now: this.ctx.clock.now() });
        const sql = new Sql(db);
        const data = new SqliteDb(sql);
        head = await writeNewVault(data, new AuditLog(sql, macKeyHex, () => this.ctx.clock.now(), data), vaultId, input, this.ctx.clock.now());
        // Folds the WAL back into the file, so the link moves one complete database.
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
      // The anchor exists from the first event on: nothing later ever creates one (audit-anchor.ts).
      await anchor(head);
      // link() fails if a vault appeared meanwhile (another init): never replace one.
      try {
        linkSync(tempPath, databasePath(dataDir));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CoreError('vault_exists', `${dataDir} already holds a vault.`);
        throw error;
      }
    } finally {
      removeTemp();
    }
  }

  close(vault: Vault | null): Promise<void> {
    vault?.file?.db.close();
    return Promise.resolve();
  }

  /** A vault from an older version (or chmod-ed since) is made private again before use, and said so. */
  private tightenModes(): void {
    const { dataDir } = this.ctx;
    try {
      const found = tightenPrivateModes(dataDir, backupFolder(dataDir));
      if (found.length === 0) return;
      this.ctx.log('data-folder.tightened', { count: found.length, paths: found.slice(0, 20).map((entry) => entry.path) });
      this.ctx.warn(loosenedWarning(dataDir, found));
    } catch (error) {
      // A folder we cannot chmod (another owner) is said, not fatal: the vault still opens.
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      this.ctx.log('data-folder.tighten-failed', { code });
      this.ctx.warn(`could not make the data folder ${dataDir} private (${code === 'unknown' ? 'unknown error' : code}); check its permissions.`);
    }
  }

  /**
   * Before a migration changes an existing vault: a sealed backup like any other (so it can be
   * restored with "custodian backup restore"), kept under the retention rule for its kind.
   */
  private async preMigrationBackup(db: BetterSqlite3.Database): Promise<string> {
    const row = db.prepare('SELECT vault_id FROM vault WHERE id = 1').get() as { vault_id: string } | undefined;
    if (row === undefined) throw new CoreError('database_error', NOT_CUSTODIAN);
    const secrets = new VaultSecrets(this.ctx.store, row.vault_id);
    const macKeyHex = await readMacKey(this.ctx, secrets, 'It was not migrated: restore the keychain entries first.');
    const folder = backupFolder(this.ctx.dataDir);
    const backup = await takeBackup(
      { db, vaultId: row.vault_id, macKeyHex, ...(this.nativeBinding === undefined ? {} : { nativeBinding: this.nativeBinding }) },
      folder,
      'pre-migration',
      this.ctx.clock.now(),
    );
    pruneBackups(folder);
    return backup.file;
  }
}
