import type BetterSqlite3 from 'better-sqlite3';
import type { AuditAnchor } from '../audit/audit-anchor';
import type { AuditLog } from '../audit/audit.repo';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { VaultSecrets } from '../secrets/vault-secrets';

/** An open vault: everything a handler needs. Built by VaultHost. */
export interface Vault {
  readonly vaultId: string;
  readonly dataDir: string;
  readonly db: BetterSqlite3.Database;
  readonly sql: Sql;
  readonly secrets: VaultSecrets;
  readonly audit: AuditLog;
  readonly anchor: AuditAnchor;
  readonly macKeyHex: string;
  readonly clock: Clock;
}
