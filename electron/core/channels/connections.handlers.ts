import type { ConnectionView } from '../../../shared/contract/views';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { resolveChannel } from './channels.repo';
import { apiBaseFor, storeConnection } from './connection-store';
import { connectionRows, connectionToView } from './connections.repo';

/**
 * Connecting a channel for publishing with a ready token (a Facebook Page access token, an X
 * user token, …) obtained elsewhere: the token goes to the keychain only; the database records
 * the account id, the API base (only the command line's channel.connectVia names one) and who
 * connected it. And the list of connections, with their state ("reconnect needed") and never
 * a token.
 */
export const connectionHandlers: HandlerMap<'channel.connect' | 'channel.connectVia' | 'channel.connections'> = {
  'channel.connect': (ctx, input) => connectWithToken(ctx, input),
  'channel.connectVia': (ctx, input) => connectWithToken(ctx, input),
  'channel.connections': async (ctx) => {
    const rows = await connectionRows(ctx.vault.data);
    // An SLT auditor sees their own school's channels only, as everywhere else.
    const scoped = ctx.operator.schoolScopeId === null ? rows : rows.filter((row) => row.school_id === ctx.operator.schoolScopeId);
    return scoped.map(connectionToView);
  },
};

async function connectWithToken(ctx: HandlerContext, input: { channel: string; token: string; accountId: string; apiBase?: string }): Promise<ConnectionView> {
  const channel = await resolveChannel(ctx.vault.data, input.channel);
  return storeConnection(ctx, channel, {
    auth: 'token',
    accessToken: input.token.trim(),
    refreshToken: null,
    tokenExpiresAt: null,
    accountId: input.accountId,
    apiBase: await apiBaseFor(ctx, channel.id, input.apiBase),
    details: { how: 'token' },
  });
}
