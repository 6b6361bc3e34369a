import type BetterSqlite3 from 'better-sqlite3';
import { platforms, secretKinds } from '../../../shared/domain/enums';
import { ACCOUNTS } from './vault-secrets';

/**
 * Every keychain entry a vault can have, by name (values are read by the caller). A transfer
 * file must carry all of them, or the vault arrives on the new computer without a key.
 *
 * Why not list the keychain itself: keytar's findCredentials crashes the process (SIGSEGV) on
 * a locked GNOME keyring (see keytar.store.ts), so the names are derived from what the
 * database knows instead: its channels, its people, and every platform. A name with no entry is skipped.
 *
 * The map is typed over ACCOUNTS: a new kind of keychain entry does not compile until it is
 * listed here, so a transfer can never silently leave one behind.
 */
type Ids = { channels: readonly number[]; people: readonly number[] };
const SOURCES: { [K in keyof typeof ACCOUNTS]: (ids: Ids) => string[] } = {
  auditMacKey: () => [ACCOUNTS.auditMacKey],
  auditAnchor: () => [ACCOUNTS.auditAnchor],
  sealKey: () => [ACCOUNTS.sealKey],
  reviewSigningKey: () => [ACCOUNTS.reviewSigningKey],
  // The new computer becomes the publishing one, as the vault moves there.
  publisherKey: () => [ACCOUNTS.publisherKey],
  channelSecret: ({ channels }) => channels.flatMap((id) => secretKinds.map((kind) => ACCOUNTS.channelSecret(id, kind))),
  channelToken: ({ channels }) => channels.map((id) => ACCOUNTS.channelToken(id)),
  channelRefreshToken: ({ channels }) => channels.map((id) => ACCOUNTS.channelRefreshToken(id)),
  trustRootPublic: () => [ACCOUNTS.trustRootPublic],
  trustRootSealed: () => [ACCOUNTS.trustRootSealed],
  personKey: ({ people }) => people.map((id) => ACCOUNTS.personKey(id)),
  platformClientId: () => platforms.map((platform) => ACCOUNTS.platformClientId(platform)),
  platformClientSecret: () => platforms.map((platform) => ACCOUNTS.platformClientSecret(platform)),
};

/** The names of all the keychain entries the vault in `db` may hold, without repeats. */
export function vaultAccountNames(db: BetterSqlite3.Database): string[] {
  const ids = (table: string) => (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((row) => row.id);
  const names = Object.values(SOURCES).flatMap((source) => source({ channels: ids('channels'), people: ids('people') }));
  return [...new Set(names)];
}
