import type { SecretKind } from '../../../shared/domain/enums';
import { currentGrantId, recordGrant } from '../access/access.repo';
import { type ChannelRow } from '../channels/channels.repo';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-types';
import { setRotationDue } from '../keys/keys.repo';
import type { PersonKeys } from '../keys/person-key';
import { writeSecretVersion } from '../keys/secret-keys';
import { ACCOUNTS } from '../secrets/vault-secrets';
import { auditChannelEvent } from './channel-audit';

/** One secret about to be written, and what the channel had before (a rotation when it had one). */
export interface SecretWrite {
  channel: ChannelRow;
  kind: SecretKind;
  value: string;
  before: { storage: string } | undefined;
}

/** The writer's own key: setting seals the new value to the holders, and signs the wraps, with it. */
export function writerKeys(ctx: HandlerContext): PersonKeys {
  if (ctx.keys === null) throw new CoreError('unauthenticated', 'Your key is not open in this session. Sign in again, then set the secret.');
  return ctx.keys;
}

/** Reads what is there now; writes nothing. */
export async function prepareSecretWrite(ctx: HandlerContext, channel: ChannelRow, kind: SecretKind, value: string): Promise<SecretWrite> {
  const before = await ctx.vault.data.first(qb.selectFrom('secrets').select('storage').where('channel_id', '=', channel.id).where('kind', '=', kind));
  return { channel, kind, value, before };
}

/**
 * Whoever sets a secret becomes a holder of its channel (they just typed it): the register says
 * so, audited as a grant for that reason. Call inside the caller's transaction.
 */
async function holdAsSetter(ctx: HandlerContext, channel: ChannelRow, at: string): Promise<void> {
  const { vault, operator } = ctx;
  if ((await currentGrantId(vault.data, channel.id, operator.personId)) !== null) return;
  await recordGrant(vault, { channelId: channel.id, schoolId: channel.school_id, personId: operator.personId, actorId: operator.personId, at }, { why: 'set the secret' });
}

/**
 * The one writer of a secret: a new version encrypted under a new key, sealed to every current
 * keyed holder (write-only: the writer need not be able to read the old value), the secrets row
 * and its audit event (secret.set, or secret.rotate, which also ends a rotation due). Call
 * inside the caller's transaction.
 */
export async function recordSecretWrite(ctx: HandlerContext, write: SecretWrite, details: Record<string, string> = {}): Promise<void> {
  const { vault, operator } = ctx;
  const { channel, kind, before } = write;
  const keys = writerKeys(ctx);
  const now = vault.clock.now().toISOString();
  await holdAsSetter(ctx, channel, now);
  const version = await writeSecretVersion(vault, keys, channel.id, kind, write.value, now);
  if (before === undefined) {
    await vault.data.run(
      qb.insertInto('secrets').values({ channel_id: channel.id, kind, storage: 'wrapped', sealed_value: null, version, set_at: now, set_by: operator.personId }),
    );
  } else {
    await vault.data.run(
      qb
        .updateTable('secrets')
        .set({ storage: 'wrapped', sealed_value: null, version, rotated_at: now, rotated_by: operator.personId })
        .where('channel_id', '=', channel.id)
        .where('kind', '=', kind),
    );
    // A new value is the real revocation of whoever was removed: the rotation that was due is done.
    await setRotationDue(vault.data, channel.id, null);
  }
  await auditChannelEvent(ctx, channel, {
    action: before === undefined ? 'secret.set' : 'secret.rotate',
    outcome: 'ok',
    details: { ...details, kind, version },
  });
}

/** After the commit: a value that was in plain in the keychain (before holders' keys) leaves no copy behind. */
export async function clearStaleKeychainCopy(ctx: HandlerContext, write: SecretWrite): Promise<void> {
  if (write.before?.storage === 'keychain') await ctx.vault.secrets.delete(ACCOUNTS.channelSecret(write.channel.id, write.kind)).catch(() => undefined);
}

/**
 * Stores a channel's secret, already checked and in its stored form (a TOTP as its serialized
 * config), and audits it as secret.set or secret.rotate. The one writer for `secret.set` and
 * `totp.importQr` (the imports write many at once with the same steps). `details` adds to the
 * audit event (never a value). Everything is in the database, in one transaction.
 */
export async function storeSecret(
  ctx: HandlerContext,
  channel: ChannelRow,
  kind: SecretKind,
  value: string,
  details: Record<string, string> = {},
): Promise<{ rotated: boolean }> {
  const write = await prepareSecretWrite(ctx, channel, kind, value);
  await ctx.vault.data.transaction(() => recordSecretWrite(ctx, write, details));
  await clearStaleKeychainCopy(ctx, write);
  return { rotated: write.before !== undefined };
}
