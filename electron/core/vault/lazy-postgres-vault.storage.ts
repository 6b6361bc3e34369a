import type pg from 'pg';
import type { AuditHead } from '../audit/audit.repo';
import type { Vault } from './vault';
import type { NewVault } from './vault-init.repo';
import type { StorageContext, VaultStorage } from './vault-storage';

/**
 * A vault on PostgreSQL, with pg and its storage loaded at the first call. Every command on a
 * vault in the data folder's SQLite file would otherwise load pg too (some 50 ms of a CLI
 * command's start, as pg makes Node load its fetch on import: issue 14).
 */
export class LazyPostgresVaultStorage implements VaultStorage {
  readonly engine = 'postgres' as const;
  private loaded: Promise<VaultStorage> | null = null;

  constructor(
    private readonly ctx: StorageContext,
    private readonly config: pg.PoolConfig,
  ) {}

  private storage(): Promise<VaultStorage> {
    this.loaded ??= import('./postgres-vault.storage').then(({ PostgresVaultStorage }) => new PostgresVaultStorage(this.ctx, this.config));
    return this.loaded;
  }

  async exists(): Promise<boolean> {
    return (await this.storage()).exists();
  }

  async open(): Promise<Vault> {
    return (await this.storage()).open();
  }

  async create(input: NewVault, vaultId: string, macKeyHex: string, anchor: (head: AuditHead) => Promise<void>): Promise<void> {
    return (await this.storage()).create(input, vaultId, macKeyHex, anchor);
  }

  async close(vault: Vault | null): Promise<void> {
    // Never used: nothing to close, and no reason to load pg to find that out.
    if (this.loaded === null) return;
    return (await this.loaded).close(vault);
  }
}
