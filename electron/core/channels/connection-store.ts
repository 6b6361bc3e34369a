import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { auditChannelEvent } from '../credentials/channel-audit';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-types';
import { ApiBaseError, parseApiBase } from '../publishing/api-base';
import { releaseLease, takeLease, WAIT_STEP_MS } from '../publishing/oauth/channel-lease';
import { ACCOUNTS } from '../secrets/vault-secrets';
import { channelLabel, type ChannelRow } from './channels.repo';
import { connectionRow, connectionToView } from './connections.repo';
import type { ConnectionView } from '../../../shared/contract/views';

/** A proxy base given for a channel, checked (https, or http on loopback only), or null for the platform's own. */
export function checkedApiBase(text: string | undefined): string | null {
  if (text === undefined) return null;
  try {
    return parseApiBase(text);
  } catch (error) {
    if (error instanceof ApiBaseError) throw new CoreError('invalid_input', `${error.message} Nothing was changed.`, 'apiBase');
    throw error;
  }
}

/**
 * The API base a (re)connection uses: the one given (the command line's …Via methods), or
 * else whatever the channel's connection already had, so reconnecting from the window never
 * quietly drops a proxy set up from the command line.
 */
export async function apiBaseFor(ctx: HandlerContext, channelId: number, given: string | undefined): Promise<string | null> {
  if (given !== undefined) return checkedApiBase(given);
  return (await connectionRow(ctx.vault.data, channelId))?.api_base ?? null;
}

export interface NewConnection {
  auth: 'token' | 'oauth';
  accessToken: string;
  /** OAuth only; null removes any refresh token an earlier connection left. */
  refreshToken: string | null;
  tokenExpiresAt: string | null;
  accountId: string;
  apiBase: string | null;
  /** For the audit event: how it was connected and anything else worth recording (never a token). */
  details: Record<string, unknown>;
}

/**
 * Records a channel's publishing connection. Keychain first: the database never claims a
 * connection without its token, and if the database step fails the keychain is put back as it
 * was. Audited without the tokens. Reconnecting clears "reconnect needed", so the channel's
 * waiting posts go out on the next pass.
 *
 * A reconnect first takes the channel's refresh lease (channel-lease.ts), waiting while a token
 * refresh holds a live one, and its transaction gives it back: a refresh whose answer comes back
 * meanwhile finds the lease is not its own and drops that answer instead of writing it over the
 * new tokens.
 */
export async function storeConnection(ctx: HandlerContext, channel: ChannelRow, connection: NewConnection): Promise<ConnectionView> {
  const { vault } = ctx;
  const lease = await channelLease(ctx, channel.id);
  try {
    return await storeLeased(ctx, channel, connection);
  } finally {
    // Given back in the transaction when it commits; here when a step failed before that.
    if (lease !== null) await releaseLease(vault.data, channel.id, lease);
  }
}

/** The channel's lease for this (re)connect, waiting in short steps while another live one is held; null when the channel has no connection row yet. */
async function channelLease(ctx: HandlerContext, channelId: number): Promise<string | null> {
  const owner = `connect:${randomUUID()}`;
  for (;;) {
    if (await takeLease(ctx.vault.data, ctx.vault.clock, channelId, owner)) return owner;
    if ((await connectionRow(ctx.vault.data, channelId)) === undefined) return null;
    await delay(WAIT_STEP_MS);
  }
}

async function storeLeased(ctx: HandlerContext, channel: ChannelRow, connection: NewConnection): Promise<ConnectionView> {
  const { vault, operator } = ctx;
  const accessAccount = ACCOUNTS.channelToken(channel.id);
  const refreshAccount = ACCOUNTS.channelRefreshToken(channel.id);
  const previousAccess = await vault.secrets.get(accessAccount);
  const previousRefresh = await vault.secrets.get(refreshAccount);
  const restore = async () => {
    await (previousAccess === null ? vault.secrets.delete(accessAccount) : vault.secrets.set(accessAccount, previousAccess)).catch(() => undefined);
    await (previousRefresh === null ? vault.secrets.delete(refreshAccount) : vault.secrets.set(refreshAccount, previousRefresh)).catch(() => undefined);
  };
  try {
    await vault.secrets.set(accessAccount, connection.accessToken);
    if (connection.refreshToken === null) await vault.secrets.delete(refreshAccount);
    else await vault.secrets.set(refreshAccount, connection.refreshToken);
  } catch (error) {
    await restore();
    throw error;
  }
  try {
    await vault.data.transaction(async () => {
      const before = await connectionRow(vault.data, channel.id);
      const values = {
        account_id: connection.accountId,
        api_base: connection.apiBase,
        connected_at: vault.clock.now().toISOString(),
        connected_by: operator.personId,
        status: 'connected' as const,
        last_error: null,
        auth: connection.auth,
        token_expires_at: connection.tokenExpiresAt,
        refresh_owner: null,
        refresh_until: null,
      };
      if (before === undefined) await vault.data.run(qb.insertInto('channel_connections').values({ channel_id: channel.id, ...values }));
      else await vault.data.run(qb.updateTable('channel_connections').set(values).where('channel_id', '=', channel.id));
      await auditChannelEvent(ctx, channel, {
        action: 'channel.connect',
        outcome: 'ok',
        details: { ...connection.details, accountId: connection.accountId, apiBase: connection.apiBase ?? 'default', reconnected: before !== undefined },
      });
    });
  } catch (error) {
    await restore();
    throw error;
  }
  const row = await connectionRow(vault.data, channel.id);
  if (row === undefined) throw new CoreError('internal', `The connection of ${channelLabel(channel)} was not recorded.`);
  return connectionToView(row);
}
