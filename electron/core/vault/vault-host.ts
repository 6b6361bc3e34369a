import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, linkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AuditAnchor } from '../audit/audit-anchor';
import { AuditLog, type AuditHead } from '../audit/audit.repo';
import { ensureRegisterBaseline } from '../audit/register-baseline';
import type { Clock } from '../clock';
import { openDatabase } from '../db/database';
import { bundledMigrations, type Migration } from '../db/migrations';
import { migrate } from '../db/migrator';
import { qb, Sql } from '../db/sql';
import { SqliteDb } from '../db/sqlite-db';
import { CoreError } from '../errors';
import { probeKeychain } from '../secrets/keytar.store';
import type { SecretStore } from '../secrets/secret-store';
import { ACCOUNTS, VaultSecrets } from '../secrets/vault-secrets';
import { databasePath } from './data-dir';
import { backupFolder } from '../backup/backup-folder';
import { pruneBackups, takeBackup } from '../backup/backup-create';
import type { Vault } from './vault';
import { makePrivateDir, PRIVATE_DIR_MODE } from '../files/private-files';
import { loosenedWarning, tightenPrivateModes } from './private-modes';
import { hasUnfinishedImport } from '../transfer/transfer-import-marker';
import { sodiumReady } from '../keys/sodium';
import { loadTrustPin } from '../keys/trust-root';

export interface NewVault {
  trustName: string;
  adminName: string;
  adminEmail: string;
  passphraseHash: string;
}

/** Opens (and migrates) the vault in a data folder once, or creates it. */
export class VaultHost {
  private opening: Promise<Vault> | null = null;
  /** Set while a restore swaps the database file: open() waits for it instead of reopening the old file. */
  private gate: Promise<void> | null = null;

  constructor(
    readonly dataDir: string,
    private readonly store: SecretStore,
    private readonly clock: Clock,
    private readonly log: (event: string, fields: Record<string, unknown>) => void,
    readonly nativeBinding?: string,
    readonly migrations: readonly Migration[] = bundledMigrations(),
    /** Told once, at open, when the data folder was readable by other OS users (the CLI's stderr). */
    private readonly warn: (message: string) => void = () => {},
  ) {}

  private dbOptions(create: boolean): { create: boolean; nativeBinding?: string } {
    return this.nativeBinding === undefined ? { create } : { create, nativeBinding: this.nativeBinding };
  }

  exists(): boolean {
    return existsSync(databasePath(this.dataDir));
  }

  open(): Promise<Vault> {
    if (this.gate !== null) return this.gate.then(() => this.open());
    if (this.opening === null) {
      this.opening = this.openNow();
      // A failed open (keychain locked, say) may succeed on the next call.
      this.opening.catch(() => (this.opening = null));
    }
    return this.opening;
  }

  private async openNow(): Promise<Vault> {
    // Holders' keys run synchronously inside transactions: libsodium must be loaded first.
    await sodiumReady();
    if (hasUnfinishedImport(this.dataDir)) {
      throw new CoreError(
        'conflict',
        `The vault in ${this.dataDir} was being imported from a transfer file and the import did not finish. Run "custodian transfer import" with the same file again to finish it.`,
      );
    }
    if (!this.exists()) {
      throw new CoreError(
        'vault_missing',
        `There is no vault in ${this.dataDir}. Create one with "custodian init" (or the first-run screen).`,
      );
    }
    this.tightenModes();
    const db = openDatabase(databasePath(this.dataDir), this.dbOptions(false));
    try {
      const result = await migrate(db, this.migrations, {
        backupDir: backupFolder(this.dataDir),
        now: this.clock.now(),
        backup: (database) => this.preMigrationBackup(database),
      });
      if (result.applied.length > 0) this.log('database.migrated', { applied: result.applied, backup: result.backup });
      const sql = new Sql(db);
      const row = await new SqliteDb(sql).first(qb.selectFrom('vault').select('vault_id'));
      if (row === undefined) throw new CoreError('database_error', 'The vault database has no vault id: it was not created by Custodian.');
      const secrets = new VaultSecrets(this.store, row.vault_id);
      const macKeyHex = await secrets.get(ACCOUNTS.auditMacKey);
      if (macKeyHex === null) {
        // A locked keyring reads as empty: probing (a write) tells "locked" from "missing".
        await probeKeychain(this.store);
        throw new CoreError(
          'secret_missing',
          `The keychain has no audit key for this vault ("${secrets.service}"). Was the vault copied from another computer or user account? ` +
            'Restore the keychain entries with the vault, or the audit trail cannot be extended or verified.',
        );
      }
      const vault = this.assemble(db, sql, secrets, row.vault_id, macKeyHex);
      await ensureRegisterBaseline(vault);
      // Certificate checks run inside synchronous transactions: the pinned trust root is read now.
      await loadTrustPin(vault);
      return vault;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** A vault from an older version (or chmod-ed since) is made private again before use, and said so. */
  private tightenModes(): void {
    try {
      const found = tightenPrivateModes(this.dataDir, backupFolder(this.dataDir));
      if (found.length === 0) return;
      this.log('data-folder.tightened', { count: found.length, paths: found.slice(0, 20).map((entry) => entry.path) });
      this.warn(loosenedWarning(this.dataDir, found));
    } catch (error) {
      // A folder we cannot chmod (another owner) is said, not fatal: the vault still opens.
      this.log('data-folder.tighten-failed', { code: (error as NodeJS.ErrnoException).code ?? 'unknown' });
      this.warn(`could not make the data folder ${this.dataDir} private (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); check its permissions.`);
    }
  }

  private assemble(db: Vault['db'], sql: Sql, secrets: VaultSecrets, vaultId: string, macKeyHex: string): Vault {
    const data = new SqliteDb(sql);
    const audit = new AuditLog(sql, macKeyHex, () => this.clock.now(), data);
    const anchor = new AuditAnchor(secrets, () => audit.head(), (seq) => audit.hashAt(seq), this.log);
    audit.setAppendListener(() => anchor.noteAppend());
    return { vaultId, dataDir: this.dataDir, db, sql, data, secrets, audit, anchor, macKeyHex, clock: this.clock };
  }

  /**
   * Creates the vault. The keychain is probed and written first; the database is built in a
   * temporary file and renamed into place only when complete. Any failure removes both, so a
   * failed init leaves nothing behind.
   */
  async create(input: NewVault): Promise<Vault> {
    if (this.exists()) throw new CoreError('vault_exists', `${this.dataDir} already holds a vault.`);
    if (hasUnfinishedImport(this.dataDir)) {
      throw new CoreError('conflict', `${this.dataDir} holds an unfinished transfer import. Run "custodian transfer import" with the same file again to finish it, or choose another data folder.`);
    }
    await probeKeychain(this.store);
    // The data folder is private to this OS user, also when it was made beforehand (--data-dir).
    makePrivateDir(this.dataDir);
    chmodSync(this.dataDir, PRIVATE_DIR_MODE);
    const vaultId = randomUUID();
    const secrets = new VaultSecrets(this.store, vaultId);
    const macKeyHex = randomBytes(32).toString('hex');
    const tempPath = join(this.dataDir, `.init-${vaultId}.sqlite3`);
    const removeTemp = () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(tempPath + suffix, { force: true }));
    let head: AuditHead;
    try {
      await secrets.set(ACCOUNTS.auditMacKey, macKeyHex);
      await secrets.set(ACCOUNTS.sealKey, randomBytes(32).toString('hex'));
      const db = openDatabase(tempPath, this.dbOptions(true));
      try {
        await migrate(db, this.migrations, { backupDir: join(this.dataDir, 'backups'), now: this.clock.now() });
        const sql = new Sql(db);
        const data = new SqliteDb(sql);
        const audit = new AuditLog(sql, macKeyHex, () => this.clock.now(), data);
        const now = this.clock.now().toISOString();
        head = await data.transaction(async () => {
          await data.run(qb.insertInto('vault').values({ id: 1, vault_id: vaultId, created_at: now }));
          await data.run(qb.insertInto('trust').values({ id: 1, name: input.trustName }));
          const person = await data.first(
            qb
              .insertInto('people')
              .values({ name: input.adminName, email: input.adminEmail, role: 'core-team', school_id: null, left_on: null, created_at: now })
              .returning('id'),
          );
          if (person === undefined) throw new Error('insert returned no id');
          await data.run(
            qb.insertInto('operators').values({
              person_id: person.id,
              console_role: 'admin',
              passphrase_hash: input.passphraseHash,
              passphrase_changed_at: now,
              failed_attempts: 0,
              locked_until: null,
            }),
          );
          return await audit.append({ actorId: person.id, action: 'vault.init', target: `person:${person.id}`, outcome: 'ok', details: { vaultId, personId: person.id, consoleRole: 'admin' } });
        });
        // Folds the WAL back into the file, so the rename moves one complete database.
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
      // The anchor exists from the first event on: nothing later ever creates one (audit-anchor.ts).
      await AuditAnchor.create(secrets, head);
      // link() fails if a vault appeared meanwhile (another init): never replace one.
      try {
        linkSync(tempPath, databasePath(this.dataDir));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CoreError('vault_exists', `${this.dataDir} already holds a vault.`);
        throw error;
      }
      removeTemp();
    } catch (error) {
      removeTemp();
      await secrets.delete(ACCOUNTS.auditMacKey).catch(() => false);
      await secrets.delete(ACCOUNTS.sealKey).catch(() => false);
      await secrets.delete(ACCOUNTS.auditAnchor).catch(() => false);
      throw error;
    }
    return this.open();
  }

  /**
   * Before a migration changes an existing vault: a sealed backup like any other (so it can be
   * restored with "custodian backup restore"), kept under the retention rule for its kind.
   */
  private async preMigrationBackup(db: Vault['db']): Promise<string> {
    const row = db.prepare('SELECT vault_id FROM vault WHERE id = 1').get() as { vault_id: string } | undefined;
    if (row === undefined) throw new CoreError('database_error', 'The vault database has no vault id: it was not created by Custodian.');
    const secrets = new VaultSecrets(this.store, row.vault_id);
    const macKeyHex = await secrets.get(ACCOUNTS.auditMacKey);
    if (macKeyHex === null) {
      await probeKeychain(this.store);
      throw new CoreError('secret_missing', `The keychain has no audit key for this vault ("${secrets.service}"), so it was not migrated. Restore the keychain entries first.`);
    }
    const folder = backupFolder(this.dataDir);
    const backup = await takeBackup(
      { db, vaultId: row.vault_id, macKeyHex, ...(this.nativeBinding === undefined ? {} : { nativeBinding: this.nativeBinding }) },
      folder,
      'pre-migration',
      this.clock.now(),
    );
    pruneBackups(folder);
    return backup.file;
  }

  /**
   * Closes the vault and keeps it closed while `work` runs (a restore swapping the database
   * file); calls to open() wait and then open whatever file is in place.
   */
  async whileClosed<T>(work: () => Promise<T>): Promise<T> {
    while (this.gate !== null) await this.gate;
    let release = () => {};
    this.gate = new Promise<void>((resolve) => (release = resolve));
    try {
      await this.close();
      return await work();
    } finally {
      this.gate = null;
      release();
    }
  }

  async close(): Promise<void> {
    if (this.opening === null) return;
    const vault = await this.opening.catch(() => null);
    this.opening = null;
    if (vault === null) return;
    await vault.anchor.flush();
    vault.db.close();
  }
}
