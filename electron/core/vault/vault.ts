import type BetterSqlite3 from 'better-sqlite3';
import type { AuditAnchor } from '../audit/audit-anchor';
import type { AuditLog } from '../audit/audit.repo';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { Db } from '../db/db.port';
import type { Sql } from '../db/sql';
import type { VaultSecrets } from '../secrets/vault-secrets';

/**
 * The SQLite file of a vault on one computer, for the work only a file allows: backups and their
 * restore, transfer files, VACUUM, the raw (array) walk that verifies a million events.
 */
export interface VaultFile {
  readonly db: BetterSqlite3.Database;
  readonly sql: Sql;
  /** The same trail as Vault.audit, with its synchronous door for a caller driving the file raw. */
  readonly audit: AuditLog;
}

/** An open vault: everything a handler needs. Built by VaultHost. */
export interface Vault {
  readonly vaultId: string;
  readonly dataDir: string;
  /** The vault's SQLite file; null when its data live on PostgreSQL (the trust's server). */
  readonly file: VaultFile | null;
  /** The async Db port (db.port.ts): every query of the core, on either engine. */
  readonly data: Db;
  readonly secrets: VaultSecrets;
  readonly audit: AuditTrail;
  readonly anchor: AuditAnchor;
  readonly macKeyHex: string;
  readonly clock: Clock;
}
