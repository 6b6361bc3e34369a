import type { SecretKind } from '../../../shared/domain/enums';
import { currentGrantId } from '../access/access.repo';
import { channelLabel, resolveChannel, type ChannelRow } from '../channels/channels.repo';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import { auditChannelEvent } from './channel-audit';
import type { ClipboardSink } from './clipboard-sink';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { openSecret } from '../keys/secret-keys';
import { ACCOUNTS, unseal } from '../secrets/vault-secrets';
import { storeSecret } from './store-secret';
import { deserializeTotpConfig, parseTotpInput, serializeTotpConfig, totpCode, TotpInputError } from './totp';
import { secretKindWords } from '../../../shared/contract/labels';

type Use = 'secret.reveal' | 'secret.copy' | 'totp.code';

/**
 * The register is the rule: only a current holder of the channel may use its secrets,
 * whatever their console role. Every attempt, allowed or not, is audited.
 */
async function requireHolder(ctx: HandlerContext, channel: ChannelRow, action: Use, kind: SecretKind, reason: string): Promise<void> {
  if ((await currentGrantId(ctx.vault.data, channel.id, ctx.operator.personId)) !== null) return;
  await auditChannelEvent(ctx, channel, { action, reason, outcome: 'denied', details: { kind, why: 'not a current holder' } });
  throw new CoreError(
    'forbidden',
    `You do not hold the login details of ${channelLabel(channel)}. Ask an administrator to grant you access; this attempt was recorded.`,
  );
}

/**
 * Reads a secret value, recording a failure (missing, waiting, altered, keychain error) before
 * passing it on. A wrapped secret opens only with the holder's own key, from the wrap sealed to
 * it: a grant row alone (one added with sqlite3, say) opens nothing.
 */
async function readSecret(ctx: HandlerContext, channel: ChannelRow, action: Use, kind: SecretKind, reason: string): Promise<string> {
  const { vault } = ctx;
  const record = (why: string, outcome: 'error' | 'denied' = 'error') => auditChannelEvent(ctx, channel, { action, reason, outcome, details: { kind, why } });
  const meta = await vault.data.first(
    qb.selectFrom('secrets').select(['storage', 'sealed_value', 'version']).where('channel_id', '=', channel.id).where('kind', '=', kind),
  );
  if (meta === undefined) {
    await record('no such secret');
    throw new CoreError('secret_missing', `${channelLabel(channel)} has no ${secretKindWords[kind]} stored.`);
  }
  if (meta.storage === 'wrapped' && meta.version !== null) {
    if (ctx.keys === null) {
      await record('no key open in this session');
      throw new CoreError('unauthenticated', 'Your key is not open in this session. Sign in again.');
    }
    const opened = await openSecret(vault, ctx.keys, channel.id, kind, meta.version);
    if (opened === 'no-wrap') {
      await record('waiting for a holder', 'denied');
      throw new CoreError(
        'forbidden',
        `Your access to ${channelLabel(channel)} is waiting for a holder: it completes when one of its current holders next signs in. This attempt was recorded.`,
      );
    }
    if (opened === 'bad-signature' || opened === 'does-not-open') {
      await record(opened === 'bad-signature' ? 'wrap signature does not verify' : 'wrap does not open');
      throw new CoreError('internal', `The key to the ${secretKindWords[kind]} of ${channelLabel(channel)} was altered outside Custodian and was not used. Run "custodian audit verify".`);
    }
    return opened;
  }
  try {
    // Not yet moved (a vault from before holders' keys): it moves at a holder's next sign-in.
    if (meta.storage === 'sealed') {
      return unseal(await vault.secrets.require(ACCOUNTS.sealKey, 'sealing key'), meta.sealed_value ?? '', ACCOUNTS.channelSecret(channel.id, kind));
    }
    return await vault.secrets.require(ACCOUNTS.channelSecret(channel.id, kind), `${secretKindWords[kind]} of ${channelLabel(channel)}`);
  } catch (error) {
    await record(typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'keychain failure');
    throw error;
  }
}

/**
 * The keychain read is async, so access could have been revoked meanwhile: the grant is
 * checked again in the transaction that records the use, and nothing is handed out if it
 * has gone.
 */
async function recordUse(ctx: HandlerContext, channel: ChannelRow, action: Use, kind: SecretKind, reason: string): Promise<void> {
  const recorded = await ctx.vault.data.transaction(async () => {
    if ((await currentGrantId(ctx.vault.data, channel.id, ctx.operator.personId)) === null) return false;
    await auditChannelEvent(ctx, channel, { action, reason, outcome: 'ok', details: { kind } });
    return true;
  });
  // Outside the transaction, so the refusal itself is recorded (not rolled back).
  if (!recorded) await requireHolder(ctx, channel, action, kind, reason);
}

/** Resolves the channel of a credential use; an attempt on an unknown channel is recorded too. */
async function channelForUse(ctx: HandlerContext, text: string, action: Use, kind: SecretKind, reason: string): Promise<ChannelRow> {
  try {
    return await resolveChannel(ctx.vault.data, text);
  } catch (error) {
    await ctx.vault.audit.append({ actorId: ctx.operator.personId, action, target: text.slice(0, 120), reason, outcome: 'error', details: { kind, why: 'no such channel' } });
    throw error;
  }
}

export const credentialHandlers: HandlerMap<'secret.set' | 'secret.reveal' | 'totp.code'> = {
  'secret.set': async (ctx, input) => {
    const channel = await resolveChannel(ctx.vault.data, input.channel);
    let value = input.value;
    if (input.kind === 'totp') {
      try {
        value = serializeTotpConfig(parseTotpInput(input.value));
      } catch (error) {
        if (error instanceof TotpInputError) throw new CoreError('invalid_input', error.message, 'value');
        throw error;
      }
    }
    const { rotated } = await storeSecret(ctx, channel, input.kind, value);
    return { channel: channelLabel(channel), kind: input.kind, rotated };
  },

  'secret.reveal': async (ctx, input) => {
    const channel = await channelForUse(ctx, input.channel, 'secret.reveal', input.kind, input.reason);
    await requireHolder(ctx, channel, 'secret.reveal', input.kind, input.reason);
    const value = await readSecret(ctx, channel, 'secret.reveal', input.kind, input.reason);
    await recordUse(ctx, channel, 'secret.reveal', input.kind, input.reason);
    return { value };
  },

  'totp.code': async (ctx, input) => {
    const channel = await channelForUse(ctx, input.channel, 'totp.code', 'totp', input.reason);
    await requireHolder(ctx, channel, 'totp.code', 'totp', input.reason);
    const config = deserializeTotpConfig(await readSecret(ctx, channel, 'totp.code', 'totp', input.reason));
    const now = ctx.vault.clock.now().getTime();
    const code = await totpCode(config, now);
    const next = await totpCode(config, now + code.secondsLeft * 1000);
    await recordUse(ctx, channel, 'totp.code', 'totp', input.reason);
    return { code: code.code, secondsLeft: code.secondsLeft, period: code.period, nextCode: next.code };
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
      const channel = await channelForUse(ctx, input.channel, 'secret.copy', input.kind, input.reason);
      await requireHolder(ctx, channel, 'secret.copy', input.kind, input.reason);
      const value = await readSecret(ctx, channel, 'secret.copy', input.kind, input.reason);
      // Re-checks the grant and records the use before the value leaves the vault.
      await recordUse(ctx, channel, 'secret.copy', input.kind, input.reason);
      try {
        await clipboard.copy(value);
      } catch {
        await auditChannelEvent(ctx, channel, { action: 'secret.copy', reason: input.reason, outcome: 'error', details: { kind: input.kind, why: 'clipboard write failed' } });
        throw new CoreError('internal', 'The clipboard could not be written; nothing was copied. Try again.');
      }
      return { copied: true as const };
    },
  };
}
