import { CoreError } from '../errors';
import type { Vault, VaultFile } from './vault';

/**
 * The vault's SQLite file, for work only a file allows. A vault on PostgreSQL has none: its
 * backups, copies and moves are PostgreSQL's own (pg_dump, the server's tools), so the work is
 * refused by name rather than done half.
 */
export function vaultFile(vault: Vault, work: string): VaultFile {
  if (vault.file !== null) return vault.file;
  throw new CoreError(
    'conflict',
    `${work} works on a vault kept on this computer. This vault's data are on a PostgreSQL server: use the server's own backup and copy tools (pg_dump and pg_restore) instead.`,
  );
}
