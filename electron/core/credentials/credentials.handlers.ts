import type { AuditOutcome, SecretKind } from '../../../shared/domain/enums';
import { currentGrantId } from '../access/access.repo';
import { channelLabel, resolveChannel, type ChannelRow } from '../channels/channels.repo';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { ClipboardSink } from './clipboard-sink';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { ACCOUNTS, KEYCHAIN_VALUE_LIMIT, seal, unseal } from '../secrets/vault-secrets';
import { deserializeTotpConfig, parseTotpInput, serializeTotpConfig, totpCode, TotpInputError } from './totp';

type Use = 'secret.reveal' | 'secret.copy' | 'totp.code';

/** One credential event about a channel: who, which action, the reason given, the outcome. */
function auditChannelEvent(
  ctx: HandlerContext,
  channel: ChannelRow,
  event: { action: string; outcome: AuditOutcome; reason?: string; details: Record<string, unknown> },
): void {
  ctx.vault.audit.append({
    actorId: ctx.operator.personId,
    target: `channel:${channel.id}`,
    channelId: channel.id,
    schoolId: channel.school_id,
    reason: event.reason ?? null,
    ...event,
  });
}

/**
 * The register is the rule: only a current holder of the channel may use its secrets,
 * whatever their console role. Every attempt, allowed or not, is audited.
 */
function requireHolder(ctx: HandlerContext, channel: ChannelRow, action: Use, kind: SecretKind, reason: string): void {
  if (currentGrantId(ctx.vault.sql, channel.id, ctx.operator.personId) !== null) return;
  auditChannelEvent(ctx, channel, { action, reason, outcome: 'denied', details: { kind, why: 'not a current holder' } });
  throw new CoreError(
    'forbidden',
    `You do not hold the login details of ${channelLabel(channel)}. Ask an administrator to grant you access; this attempt was recorded.`,
  );
}

/** Reads a secret value, recording a failure (missing, keychain error) before passing it on. */
async function readSecret(ctx: HandlerContext, channel: ChannelRow, action: Use, kind: SecretKind, reason: string): Promise<string> {
  const { vault } = ctx;
  const record = (why: string) => auditChannelEvent(ctx, channel, { action, reason, outcome: 'error', details: { kind, why } });
  const meta = vault.sql.first(
    qb.selectFrom('secrets').select(['storage', 'sealed_value']).where('channel_id', '=', channel.id).where('kind', '=', kind),
  );
  if (meta === undefined) {
    record('no such secret');
    throw new CoreError('secret_missing', `No ${kind} is stored for ${channelLabel(channel)}.`);
  }
  try {
    if (meta.storage === 'sealed') {
      return unseal(await vault.secrets.require(ACCOUNTS.sealKey, 'sealing key'), meta.sealed_value ?? '', ACCOUNTS.channelSecret(channel.id, kind));
    }
    return await vault.secrets.require(ACCOUNTS.channelSecret(channel.id, kind), `${kind} of ${channelLabel(channel)}`);
  } catch (error) {
    record(typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'keychain failure');
    throw error;
  }
}

/**
 * The keychain read is async, so access could have been revoked meanwhile: the grant is
 * checked again in the transaction that records the use, and nothing is handed out if it
 * has gone.
 */
function recordUse(ctx: HandlerContext, channel: ChannelRow, action: Use, kind: SecretKind, reason: string): void {
  const recorded = ctx.vault.sql.transaction(() => {
    if (currentGrantId(ctx.vault.sql, channel.id, ctx.operator.personId) === null) return false;
    auditChannelEvent(ctx, channel, { action, reason, outcome: 'ok', details: { kind } });
    return true;
  });
  // Outside the transaction, so the refusal itself is recorded (not rolled back).
  if (!recorded) requireHolder(ctx, channel, action, kind, reason);
}

/** Resolves the channel of a credential use; an attempt on an unknown channel is recorded too. */
function channelForUse(ctx: HandlerContext, text: string, action: Use, kind: SecretKind, reason: string): ChannelRow {
  try {
    return resolveChannel(ctx.vault.sql, text);
  } catch (error) {
    ctx.vault.audit.append({ actorId: ctx.operator.personId, action, target: text.slice(0, 120), reason, outcome: 'error', details: { kind, why: 'no such channel' } });
    throw error;
  }
}

export const credentialHandlers: HandlerMap<'secret.set' | 'secret.reveal' | 'totp.code'> = {
  'secret.set': async (ctx, input) => {
    const { vault, operator } = ctx;
    const channel = resolveChannel(vault.sql, input.channel);
    let value = input.value;
    if (input.kind === 'totp') {
      try {
        value = serializeTotpConfig(parseTotpInput(input.value));
      } catch (error) {
        if (error instanceof TotpInputError) throw new CoreError('invalid_input', error.message, 'value');
        throw error;
      }
    }
    const account = ACCOUNTS.channelSecret(channel.id, input.kind);
    const sealed = Buffer.byteLength(value, 'utf8') > KEYCHAIN_VALUE_LIMIT;
    const before = vault.sql.first(
      qb.selectFrom('secrets').select('storage').where('channel_id', '=', channel.id).where('kind', '=', input.kind),
    );
    // Keychain first, database second: the database never claims a secret the keychain
    // lacks. If the database step fails, the keychain is put back as it was.
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
              kind: input.kind,
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
              .where('kind', '=', input.kind),
          );
        }
        auditChannelEvent(ctx, channel, {
          action: before === undefined ? 'secret.set' : 'secret.rotate',
          outcome: 'ok',
          details: { kind: input.kind, storage: sealed ? 'sealed' : 'keychain' },
        });
      });
    } catch (error) {
      if (!sealed) await (previous === null ? vault.secrets.delete(account) : vault.secrets.set(account, previous)).catch(() => undefined);
      throw error;
    }
    // A value that moved from the keychain into the database leaves no stale copy behind.
    if (sealed && before?.storage === 'keychain') await vault.secrets.delete(account).catch(() => undefined);
    return { channel: channelLabel(channel), kind: input.kind, rotated: before !== undefined };
  },

  'secret.reveal': async (ctx, input) => {
    const channel = channelForUse(ctx, input.channel, 'secret.reveal', input.kind, input.reason);
    requireHolder(ctx, channel, 'secret.reveal', input.kind, input.reason);
    const value = await readSecret(ctx, channel, 'secret.reveal', input.kind, input.reason);
    recordUse(ctx, channel, 'secret.reveal', input.kind, input.reason);
    return { value };
  },

  'totp.code': async (ctx, input) => {
    const channel = channelForUse(ctx, input.channel, 'totp.code', 'totp', input.reason);
    requireHolder(ctx, channel, 'totp.code', 'totp', input.reason);
    const config = deserializeTotpConfig(await readSecret(ctx, channel, 'totp.code', 'totp', input.reason));
    const code = await totpCode(config, ctx.vault.clock.now().getTime());
    recordUse(ctx, channel, 'totp.code', 'totp', input.reason);
    return { code: code.code, secondsLeft: code.secondsLeft, period: code.period };
  },
};

/**
 * Copy: the holder gets the value on their clipboard (in main, cleared after a while) and
 * the renderer never sees it. Only the desktop app has a clipboard sink.
 */
export function copyHandlers(clipboard: ClipboardSink | null): HandlerMap<'secret.copy'> {
  return {
    'secret.copy': async (ctx, input) => {
      if (clipboard === null) throw new CoreError('forbidden', 'Copying to the clipboard is only available in the desktop app.');
      const channel = channelForUse(ctx, input.channel, 'secret.copy', input.kind, input.reason);
      requireHolder(ctx, channel, 'secret.copy', input.kind, input.reason);
      const value = await readSecret(ctx, channel, 'secret.copy', input.kind, input.reason);
      // Re-checks the grant and records the use before the value leaves the vault.
      recordUse(ctx, channel, 'secret.copy', input.kind, input.reason);
      try {
        await clipboard.copy(value);
      } catch {
        auditChannelEvent(ctx, channel, { action: 'secret.copy', reason: input.reason, outcome: 'error', details: { kind: input.kind, why: 'clipboard write failed' } });
        throw new CoreError('internal', 'The clipboard could not be written; nothing was copied. Try again.');
      }
      return { copied: true as const };
    },
  };
}
