import pg from 'pg';
import { AuditAppender } from '../audit/audit-append.repo';
import type { AuditHead } from '../audit/audit.repo';
import { PostgresDb } from '../db/postgres-db';
import { pendingPostgresMigrations } from '../db/postgres-migrator';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import { VaultSecrets } from '../secrets/vault-secrets';
import type { Vault } from './vault';
import { writeNewVault, type NewVault } from './vault-init.repo';
import { assembleVault, readMacKey, type StorageContext, type VaultStorage } from './vault-storage';

/**
 * A vault whose data live in a PostgreSQL database (the trust's server's engine), reached as
 * the app role: it reads and writes rows, and never migrates (the owner role does that, before).
 * Secrets stay in this computer's keychain, as on SQLite. The data folder still holds the logs.
 */
export class PostgresVaultStorage implements VaultStorage {
  readonly engine = 'postgres' as const;
  private db: PostgresDb | null = null;
  /** Checked once per storage: the schema does not change under a running core. */
  private migrated = false;

  constructor(
    private readonly ctx: StorageContext,
    private readonly config: pg.PoolConfig,
  ) {}

  /** One pool per open vault; made again after close. */
  private pool(): PostgresDb {
    this.db ??= new PostgresDb(this.config);
    return this.db;
  }

  async exists(): Promise<boolean> {
    await this.checkMigrated();
    return (await this.pool().first(qb.selectFrom('vault').select('vault_id'))) !== undefined;
  }

  async open(): Promise<Vault> {
    if (!(await this.exists())) {
      throw new CoreError('vault_missing', `There is no vault in the PostgreSQL database ${this.config.database ?? ''}. Create one with "custodian init".`);
    }
    const data = this.pool();
    const row = await data.first(qb.selectFrom('vault').select('vault_id'));
    if (row === undefined) throw new CoreError('vault_missing', 'The vault was removed while it was being opened.');
    const secrets = new VaultSecrets(this.ctx.store, row.vault_id);
    const macKeyHex = await readMacKey(this.ctx, secrets, 'Restore the keychain entries of this vault on this computer, or the audit trail cannot be extended or verified.');
    const audit = new AuditAppender(data, macKeyHex, () => this.ctx.clock.now());
    return assembleVault(this.ctx, { vaultId: row.vault_id, file: null, data, audit, macKeyHex });
  }

  /**
   * One transaction writes the vault's rows; a second init racing it fails on the vault table's
   * one-row key. The anchor is written after the commit (a transaction never waits for the
   * keychain): the keychain was probed just before, and a vault left without its anchor says so
   * at verify rather than passing.
   */
  async create(input: NewVault, vaultId: string, macKeyHex: string, anchor: (head: AuditHead) => Promise<void>): Promise<void> {
    if (await this.exists()) throw new CoreError('vault_exists', `The PostgreSQL database ${this.config.database ?? ''} already holds a vault.`);
    const data = this.pool();
    let head: AuditHead;
    try {
      head = await writeNewVault(data, new AuditAppender(data, macKeyHex, () => this.ctx.clock.now()), vaultId, input, this.ctx.clock.now());
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new CoreError('vault_exists', `The PostgreSQL database ${this.config.database ?? ''} already holds a vault.`);
      throw error;
    }
    await anchor(head);
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    await db?.close();
  }

  /** The app role cannot migrate: a database behind this build is refused with what to do, a newer one too. */
  private async checkMigrated(): Promise<void> {
    if (this.migrated) return;
    const client = new pg.Client(this.config);
    try {
      await client.connect();
    } catch (error) {
      // pg's own words (refused, no such database, authentication failed) name no password.
      throw new CoreError('database_error', `Cannot reach the PostgreSQL database ${this.config.database ?? ''}: ${(error as Error).message}. Nothing was changed.`);
    }
    try {
      const pending = await pendingPostgresMigrations(client, this.ctx.migrations);
      if (pending.length > 0) {
        throw new CoreError(
          'database_error',
          `The PostgreSQL database ${this.config.database ?? ''} is not migrated to this version of Custodian (${pending.length} migration${pending.length === 1 ? '' : 's'} to apply, from ${pending[0]?.name}). Run the migrations as the database's owner role first.`,
        );
      }
      this.migrated = true;
    } finally {
      await client.end();
    }
  }
}
