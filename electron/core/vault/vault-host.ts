import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { AuditAnchor } from '../audit/audit-anchor';
import { ensureRegisterBaseline } from '../audit/register-baseline';
import type { Clock } from '../clock';
import type { DbEngine } from '../db/db.port';
import { bundledMigrations, type Migration } from '../db/migrations';
import { CoreError } from '../errors';
import { sodiumReady } from '../keys/sodium';
import { loadTrustPin } from '../keys/trust-root';
import { probeKeychain } from '../secrets/keytar.store';
import type { SecretStore } from '../secrets/secret-store';
import { ACCOUNTS, VaultSecrets } from '../secrets/vault-secrets';
import { hasUnfinishedImport } from '../transfer/transfer-import-marker';
import { LazyPostgresVaultStorage } from './lazy-postgres-vault.storage';
import { SqliteVaultStorage } from './sqlite-vault.storage';
import type { Vault } from './vault';
import type { NewVault } from './vault-init.repo';
import type { VaultStorage } from './vault-storage';

export type { NewVault } from './vault-init.repo';

/** Where the vault's data live: the data folder's SQLite file (the default), or a PostgreSQL database. */
export type VaultDatabase = { engine: 'sqlite' } | { engine: 'postgres'; config: pg.PoolConfig };

/** Opens (and migrates) the vault in a data folder once, or creates it. */
export class VaultHost {
  private opening: Promise<Vault> | null = null;
  /** Set while a restore swaps the database file: open() waits for it instead of reopening the old file. */
  private gate: Promise<void> | null = null;
  private readonly storage: VaultStorage;
  /** This engine's migrations (a restore checks a backup against them). */
  readonly migrations: readonly Migration[];

  constructor(
    readonly dataDir: string,
    private readonly store: SecretStore,
    clock: Clock,
    log: (event: string, fields: Record<string, unknown>) => void,
    readonly nativeBinding?: string,
    migrations?: readonly Migration[],
    /** Told once, at open, when the data folder was readable by other OS users (the CLI's stderr). */
    warn: (message: string) => void = () => {},
    database: VaultDatabase = { engine: 'sqlite' },
  ) {
    this.migrations = migrations ?? bundledMigrations(database.engine);
    const ctx = { dataDir, store, clock, log, warn, migrations: this.migrations };
    this.storage = database.engine === 'postgres' ? new LazyPostgresVaultStorage(ctx, database.config) : new SqliteVaultStorage(ctx, nativeBinding);
  }

  get engine(): DbEngine {
    return this.storage.engine;
  }

  exists(): Promise<boolean> {
    return this.storage.exists();
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
    const vault = await this.storage.open();
    try {
      await ensureRegisterBaseline(vault);
      // Certificate checks run inside transactions that await only the database: the pinned trust root is read now.
      await loadTrustPin(vault);
      return vault;
    } catch (error) {
      await this.storage.close(vault);
      throw error;
    }
  }

  /**
   * Creates the vault. The keychain is probed and written first; the storage then writes the
   * vault's rows and makes it visible only once the anchor exists. Any failure removes the
   * keychain entries too, so a failed init leaves nothing behind.
   */
  async create(input: NewVault): Promise<Vault> {
    if (await this.exists()) throw new CoreError('vault_exists', `${this.dataDir} already holds a vault.`);
    if (hasUnfinishedImport(this.dataDir)) {
      throw new CoreError('conflict', `${this.dataDir} holds an unfinished transfer import. Run "custodian transfer import" with the same file again to finish it, or choose another data folder.`);
    }
    await probeKeychain(this.store);
    const vaultId = randomUUID();
    const secrets = new VaultSecrets(this.store, vaultId);
    const macKeyHex = randomBytes(32).toString('hex');
    try {
      await secrets.set(ACCOUNTS.auditMacKey, macKeyHex);
      await secrets.set(ACCOUNTS.sealKey, randomBytes(32).toString('hex'));
      await this.storage.create(input, vaultId, macKeyHex, (head) => AuditAnchor.create(secrets, head));
    } catch (error) {
      await secrets.delete(ACCOUNTS.auditMacKey).catch(() => false);
      await secrets.delete(ACCOUNTS.sealKey).catch(() => false);
      await secrets.delete(ACCOUNTS.auditAnchor).catch(() => false);
      throw error;
    }
    return this.open();
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

  /** Writes the anchor and closes the database (a PostgreSQL pool also when only exists() used it). */
  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = null;
    const vault = opening === null ? null : await opening.catch(() => null);
    if (vault !== null) await vault.anchor.flush();
    await this.storage.close(vault);
  }
}
