import type BetterSqlite3 from 'better-sqlite3';
import type { AuditAnchor } from '../audit/audit-anchor';
import type { AuditLog } from '../audit/audit.repo';
import type { Clock } from '../clock';
import type { Db } from '../db/db.port';
import type { Sql } from '../db/sql';
import type { VaultSecrets } from '../secrets/vault-secrets';

/** An open vault: everything a handler needs. Built by VaultHost. */
export interface Vault {
  readonly vaultId: string;
  readonly dataDir: string;
  readonly db: BetterSqlite3.Database;
  /** The synchronous handle the core is moving off, feature by feature, onto `data`. */
  readonly sql: Sql;
  /** The async Db port (db.port.ts): what every new or converted query uses, on either engine. */
  readonly data: Db;
  readonly secrets: VaultSecrets;
  readonly audit: AuditLog;
  readonly anchor: AuditAnchor;
  readonly macKeyHex: string;
  readonly clock: Clock;
}
