import type { SecretKind } from '../../../shared/domain/enums';
import { type ChannelRow } from '../channels/channels.repo';
import { qb } from '../db/sql';
import type { HandlerContext } from '../handler-types';
import { ACCOUNTS, KEYCHAIN_VALUE_LIMIT, seal } from '../secrets/vault-secrets';
import { auditChannelEvent } from './channel-audit';

/**
 * One secret about to be written: where it goes and what was there before, so that the
 * keychain can be put back if the database step fails.
 */
export interface SecretWrite {
  channel: ChannelRow;
  kind: SecretKind;
  account: string;
  value: string;
  /** Over the keychain's size limit: sealed into the database instead. */
  sealed: boolean;
  sealedValue: string | null;
  /** The secrets row before, if the channel had this kind already (a rotation). */
  before: { storage: string } | undefined;
  /** The keychain value before (null: none, or the value is sealed and the keychain is not touched). */
  previous: string | null;
}

/** Reads what is there now and seals a large value; writes nothing. */
export async function prepareSecretWrite(ctx: HandlerContext, channel: ChannelRow, kind: SecretKind, value: string): Promise<SecretWrite> {
  const { vault } = ctx;
  const account = ACCOUNTS.channelSecret(channel.id, kind);
  const sealed = Buffer.byteLength(value, 'utf8') > KEYCHAIN_VALUE_LIMIT;
  const before = vault.sql.first(qb.selectFrom('secrets').select('storage').where('channel_id', '=', channel.id).where('kind', '=', kind));
  const previous = sealed ? null : await vault.secrets.get(account);
  const sealedValue = sealed ? seal(await vault.secrets.require(ACCOUNTS.sealKey, 'sealing key'), value, account) : null;
  return { channel, kind, account, value, sealed, sealedValue, before, previous };
}

/** The keychain half of a write (nothing for a sealed value). */
export async function writeSecretToKeychain(ctx: HandlerContext, write: SecretWrite): Promise<void> {
  if (!write.sealed) await ctx.vault.secrets.set(write.account, write.value);
}

/** Puts the keychain back as it was before `write`; never throws (it runs while handling a failure). */
export async function restoreKeychain(ctx: HandlerContext, write: SecretWrite): Promise<void> {
  if (write.sealed) return;
  const { secrets } = ctx.vault;
  await (write.previous === null ? secrets.delete(write.account) : secrets.set(write.account, write.previous)).catch(() => undefined);
}

/**
 * The database half: the secrets row and its audit event (secret.set, or secret.rotate when
 * the channel had one). Call inside the caller's transaction, after the keychain write.
 */
export function recordSecretWrite(ctx: HandlerContext, write: SecretWrite, details: Record<string, string> = {}): void {
  const { vault, operator } = ctx;
  const { channel, kind, sealed, sealedValue, before } = write;
  const now = vault.clock.now().toISOString();
  if (before === undefined) {
    vault.sql.run(
      qb.insertInto('secrets').values({
        channel_id: channel.id,
        kind,
        storage: sealed ? 'sealed' : 'keychain',
        sealed_value: sealedValue,
        set_at: now,
        set_by: operator.personId,
      }),
    );
  } else {
    vault.sql.run(
      qb
        .updateTable('secrets')
        .set({ storage: sealed ? 'sealed' : 'keychain', sealed_value: sealedValue, rotated_at: now, rotated_by: operator.personId })
        .where('channel_id', '=', channel.id)
        .where('kind', '=', kind),
    );
  }
  auditChannelEvent(ctx, channel, {
    action: before === undefined ? 'secret.set' : 'secret.rotate',
    outcome: 'ok',
    details: { ...details, kind, storage: sealed ? 'sealed' : 'keychain' },
  });
}

/** After the commit: a value that moved from the keychain into the database leaves no stale copy behind. */
export async function clearStaleKeychainCopy(ctx: HandlerContext, write: SecretWrite): Promise<void> {
  if (write.sealed && write.before?.storage === 'keychain') await ctx.vault.secrets.delete(write.account).catch(() => undefined);
}

/**
 * Stores a channel's secret, already checked and in its stored form (a TOTP as its
 * serialized config), and audits it as secret.set or secret.rotate. The one writer for
 * `secret.set` and `totp.importQr` (the imports write many at once with the same steps).
 * `details` adds to the audit event (never a value).
 *
 * Keychain first, database second: the database never claims a secret the keychain lacks.
 * If the database step fails, the keychain is put back as it was.
 */
export async function storeSecret(
  ctx: HandlerContext,
  channel: ChannelRow,
  kind: SecretKind,
  value: string,
  details: Record<string, string> = {},
): Promise<{ rotated: boolean }> {
  const write = await prepareSecretWrite(ctx, channel, kind, value);
  await writeSecretToKeychain(ctx, write);
  try {
    ctx.vault.sql.transaction(() => recordSecretWrite(ctx, write, details));
  } catch (error) {
    await restoreKeychain(ctx, write);
    throw error;
  }
  await clearStaleKeychainCopy(ctx, write);
  return { rotated: write.before !== undefined };
}
