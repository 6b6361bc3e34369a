import { AuditAnchor } from '../audit/audit-anchor';
import type { AuditHead } from '../audit/audit.repo';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { Db, DbEngine } from '../db/db.port';
import type { Migration } from '../db/migrations';
import { CoreError } from '../errors';
import { probeKeychain } from '../secrets/keytar.store';
import type { SecretStore } from '../secrets/secret-store';
import { ACCOUNTS, VaultSecrets } from '../secrets/vault-secrets';
import type { Vault, VaultFile } from './vault';
import type { NewVault } from './vault-init.repo';

/** What a vault's storage is given by its host: the same on both engines. */
export interface StorageContext {
  readonly dataDir: string;
  readonly store: SecretStore;
  readonly clock: Clock;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  readonly warn: (message: string) => void;
  readonly migrations: readonly Migration[];
}

/**
 * Where a vault's data live: a SQLite file in the data folder (sqlite-vault.storage.ts) or a
 * PostgreSQL database (postgres-vault.storage.ts). The keychain entries are the same for both.
 */
export interface VaultStorage {
  readonly engine: DbEngine;
  exists(): Promise<boolean>;
  open(): Promise<Vault>;
  /**
   * Writes the new vault's rows (vault-init.repo.ts) and calls `anchor` with the trail's head
   * before the vault can be opened by anyone; any failure leaves no vault behind.
   */
  create(input: NewVault, vaultId: string, macKeyHex: string, anchor: (head: AuditHead) => Promise<void>): Promise<void>;
  /** Closes the open vault's database (null: none was opened; a PostgreSQL pool may still be open for exists()). */
  close(vault: Vault | null): Promise<void>;
}

/** The audit key of an open vault, or a clear refusal: a locked keyring reads as empty, so it is probed. */
export async function readMacKey(ctx: StorageContext, secrets: VaultSecrets, missing: string): Promise<string> {
  const macKeyHex = await secrets.get(ACCOUNTS.auditMacKey);
  if (macKeyHex !== null) return macKeyHex;
  await probeKeychain(ctx.store);
  throw new CoreError('secret_missing', `The keychain has no audit key for this vault ("${secrets.service}"). ${missing}`);
}

/** An open vault from its parts: the anchor keeper listens to the trail's appends. */
export function assembleVault(
  ctx: StorageContext,
  parts: { vaultId: string; file: VaultFile | null; data: Db; audit: AuditTrail; macKeyHex: string },
): Vault {
  const secrets = new VaultSecrets(ctx.store, parts.vaultId);
  const { audit } = parts;
  const anchor = new AuditAnchor(secrets, () => audit.head(), (seq) => audit.hashAt(seq), ctx.log);
  audit.setAppendListener(() => anchor.noteAppend());
  return { ...parts, dataDir: ctx.dataDir, secrets, anchor, clock: ctx.clock };
}
