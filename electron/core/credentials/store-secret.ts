import type { SecretKind } from '../../../shared/domain/enums';
import { type ChannelRow } from '../channels/channels.repo';
import { qb } from '../db/sql';
import type { HandlerContext } from '../handler-types';
import { ACCOUNTS, KEYCHAIN_VALUE_LIMIT, seal } from '../secrets/vault-secrets';
import { auditChannelEvent } from './channel-audit';

/**
 * Stores a channel's secret, already checked and in its stored form (a TOTP as its
 * serialized config), and audits it as secret.set or secret.rotate. The one writer for
 * `secret.set` and `totp.importQr`. `details` adds to the audit event (never a value).
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
  const { vault, operator } = ctx;
  const account = ACCOUNTS.channelSecret(channel.id, kind);
  const sealed = Buffer.byteLength(value, 'utf8') > KEYCHAIN_VALUE_LIMIT;
  const before = vault.sql.first(qb.selectFrom('secrets').select('storage').where('channel_id', '=', channel.id).where('kind', '=', kind));
  const previous = sealed ? null : await vault.secrets.get(account);
  const sealedValue = sealed ? seal(await vault.secrets.require(ACCOUNTS.sealKey, 'sealing key'), value, account) : null;
  if (!sealed) await vault.secrets.set(account, value);
  try {
    vault.sql.transaction(() => {
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
    });
  } catch (error) {
    if (!sealed) await (previous === null ? vault.secrets.delete(account) : vault.secrets.set(account, previous)).catch(() => undefined);
    throw error;
  }
  // A value that moved from the keychain into the database leaves no stale copy behind.
  if (sealed && before?.storage === 'keychain') await vault.secrets.delete(account).catch(() => undefined);
  return { rotated: before !== undefined };
}
