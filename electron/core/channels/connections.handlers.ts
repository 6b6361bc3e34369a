import type { HandlerMap } from '../handler-types';
import { resolveChannel } from './channels.repo';
import { checkedApiBase, storeConnection } from './connection-store';
import { connectionRows, connectionToView } from './connections.repo';

/**
 * Connecting a channel for publishing with a ready token (a Facebook Page access token, an X
 * user token, …) obtained elsewhere: the token goes to the keychain only; the database records
 * the account id, the optional API base and who connected it. And the list of connections,
 * with their state ("reconnect needed") and never a token.
 */
export const connectionHandlers: HandlerMap<'channel.connect' | 'channel.connections'> = {
  'channel.connect': async (ctx, input) => {
    const channel = resolveChannel(ctx.vault.sql, input.channel);
    const apiBase = checkedApiBase(input.apiBase);
    return storeConnection(ctx, channel, {
      auth: 'token',
      accessToken: input.token.trim(),
      refreshToken: null,
      tokenExpiresAt: null,
      accountId: input.accountId,
      apiBase,
      details: { how: 'token' },
    });
  },
  'channel.connections': (ctx) => {
    const rows = connectionRows(ctx.vault.sql);
    // An SLT auditor sees their own school's channels only, as everywhere else.
    const scoped = ctx.operator.schoolScopeId === null ? rows : rows.filter((row) => row.school_id === ctx.operator.schoolScopeId);
    return scoped.map(connectionToView);
  },
};
