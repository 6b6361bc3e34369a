import type BetterSqlite3 from 'better-sqlite3';
import { platforms, secretKinds } from '../../../shared/domain/enums';
import { ACCOUNTS } from './vault-secrets';

/**
 * Every keychain entry a vault can have, by name (values are read by the caller). A transfer
 * file must carry all of them, or the vault arrives on the new computer without a key.
 *
 * Why not list the keychain itself: keytar's findCredentials crashes the process (SIGSEGV) on
 * a locked GNOME keyring (see keytar.store.ts), so the names are derived from what the
 * database knows instead: its channels, and every platform. A name with no entry is skipped.
 *
 * The map is typed over ACCOUNTS: a new kind of keychain entry does not compile until it is
 * listed here, so a transfer can never silently leave one behind.
 */
const SOURCES: { [K in keyof typeof ACCOUNTS]: (channelIds: readonly number[]) => string[] } = {
  auditMacKey: () => [ACCOUNTS.auditMacKey],
  auditAnchor: () => [ACCOUNTS.auditAnchor],
  sealKey: () => [ACCOUNTS.sealKey],
  reviewSigningKey: () => [ACCOUNTS.reviewSigningKey],
  channelSecret: (ids) => ids.flatMap((id) => secretKinds.map((kind) => ACCOUNTS.channelSecret(id, kind))),
  channelToken: (ids) => ids.map((id) => ACCOUNTS.channelToken(id)),
  channelRefreshToken: (ids) => ids.map((id) => ACCOUNTS.channelRefreshToken(id)),
  platformClientId: () => platforms.map((platform) => ACCOUNTS.platformClientId(platform)),
  platformClientSecret: () => platforms.map((platform) => ACCOUNTS.platformClientSecret(platform)),
};

/** The names of all the keychain entries the vault in `db` may hold, without repeats. */
export function vaultAccountNames(db: BetterSqlite3.Database): string[] {
  const channelIds = (db.prepare('SELECT id FROM channels ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  const names = Object.values(SOURCES).flatMap((source) => source(channelIds));
  return [...new Set(names)];
}
