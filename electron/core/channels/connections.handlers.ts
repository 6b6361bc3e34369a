import { ApiBaseError, parseApiBase } from '../publishing/api-base';
import { auditChannelEvent } from '../credentials/channel-audit';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { ACCOUNTS } from '../secrets/vault-secrets';
import { channelLabel, resolveChannel } from './channels.repo';
import { connectionRow, connectionToView } from './connections.repo';

/**
 * Connecting a channel for publishing with a ready token (a Facebook Page access token, an X
 * user token, …) obtained elsewhere. The token goes to the keychain only (the channel's
 * api-token entry); the database records the account id, the optional API base and who
 * connected it. Keychain first: the database never claims a connection without its token, and
 * if the database step fails the keychain is put back as it was. Audited without the token.
 */
export const connectionHandlers: HandlerMap<'channel.connect'> = {
  'channel.connect': async (ctx, input) => {
    const { vault, operator } = ctx;
    const channel = resolveChannel(vault.sql, input.channel);
    let apiBase: string | null = null;
    if (input.apiBase !== undefined) {
      try {
        apiBase = parseApiBase(input.apiBase);
      } catch (error) {
        if (error instanceof ApiBaseError) throw new CoreError('invalid_input', `${error.message} Nothing was changed.`, 'apiBase');
        throw error;
      }
    }
    const token = input.token.trim();
    const account = ACCOUNTS.channelToken(channel.id);
    const previous = await vault.secrets.get(account);
    await vault.secrets.set(account, token);
    try {
      vault.sql.transaction(() => {
        const before = connectionRow(vault.sql, channel.id);
        const stamp = vault.clock.now().toISOString();
        const values = { account_id: input.accountId, api_base: apiBase, connected_at: stamp, connected_by: operator.personId, status: 'connected' as const, last_error: null };
        if (before === undefined) vault.sql.run(qb.insertInto('channel_connections').values({ channel_id: channel.id, ...values }));
        else vault.sql.run(qb.updateTable('channel_connections').set(values).where('channel_id', '=', channel.id));
        auditChannelEvent(ctx, channel, {
          action: 'channel.connect',
          outcome: 'ok',
          details: { how: 'token', accountId: input.accountId, apiBase: apiBase ?? 'default', reconnected: before !== undefined },
        });
      });
    } catch (error) {
      await (previous === null ? vault.secrets.delete(account) : vault.secrets.set(account, previous)).catch(() => undefined);
      throw error;
    }
    const row = connectionRow(vault.sql, channel.id);
    if (row === undefined) throw new CoreError('internal', `The connection of ${channelLabel(channel)} was not recorded.`);
    return connectionToView(row);
  },
};
