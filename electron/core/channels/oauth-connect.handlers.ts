import type { Platform } from '../../../shared/domain/enums';
import { platformNames } from '../../../shared/posts/platform-rules';
import { auditChannelEvent } from '../credentials/channel-audit';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import type { AdapterContext } from '../publishing/adapter-http';
import { resolveApiBase } from '../publishing/api-base';
import { publishableAccounts, type PublishableAccount } from '../publishing/oauth/account-lookup';
import type { BrowserOpener } from '../publishing/oauth/browser-opener';
import { AuthorizationError, authorizeInBrowser } from '../publishing/oauth/loopback-authorization';
import { platformAppClient, platformAppPort, platformAppProvider, platformAppRow } from '../publishing/oauth/platform-apps.repo';
import { tokenRequest, type TokenAnswer } from '../publishing/oauth/token-endpoint';
import { channelLabel, resolveChannel, type ChannelRow } from './channels.repo';
import { apiBaseFor, storeConnection } from './connection-store';

export interface OAuthConnectDeps {
  browser: BrowserOpener | null;
  context: AdapterContext;
  /** How long to wait for the browser (default 5 minutes; tests shorten it). */
  waitMs?: number;
}

/** Fails the connection: audited (what went wrong, never a code or token), nothing stored. The caller throws the error. */
async function refusal(ctx: HandlerContext, channel: ChannelRow, step: string, message: string): Promise<CoreError> {
  await ctx.vault.data.transaction(async () => auditChannelEvent(ctx, channel, { action: 'channel.connect', outcome: 'error', details: { how: 'oauth', step } }));
  return new CoreError('platform_error', `${message} Nothing was changed.`);
}

async function tokensOrRefuse(ctx: HandlerContext, channel: ChannelRow, step: string, answer: TokenAnswer): Promise<Extract<TokenAnswer, { kind: 'tokens' }>> {
  if (answer.kind === 'tokens') return answer;
  throw await refusal(ctx, channel, step, `${platformNames[channel.platform as Platform]}: ${answer.message.replace(/\.?$/, '.')}`);
}

async function chooseAccount(ctx: HandlerContext, channel: ChannelRow, accounts: PublishableAccount[], wanted: string | undefined): Promise<PublishableAccount> {
  const name = platformNames[channel.platform as Platform];
  const list = accounts.map((a) => `${a.id} (${a.name})`).join(', ');
  if (wanted !== undefined) {
    const found = accounts.find((a) => a.id === wanted);
    if (found === undefined) throw await refusal(ctx, channel, 'account', `The ${name} user who signed in cannot publish as account ${wanted}${accounts.length === 0 ? '' : `; they can publish as ${list}`}.`);
    return found;
  }
  if (accounts.length === 1 && accounts[0] !== undefined) return accounts[0];
  if (accounts.length === 0) throw await refusal(ctx, channel, 'account', `The ${name} user who signed in cannot publish to any account Custodian can use; sign in as an administrator of ${channelLabel(channel)}.`);
  throw await refusal(ctx, channel, 'account', `The ${name} user who signed in can publish as ${list}: connect again and say which with the account id.`);
}

/**
 * Connecting a channel by signing in through the platform (OAuth 2.0 authorization code with
 * PKCE S256, the system browser, a loopback redirect on 127.0.0.1). The code is exchanged
 * for tokens, the account to publish as is read from the platform, and the tokens go to the
 * keychain. Facebook and Instagram publish with the Page's own token, got through a
 * long-lived user token (which needs the app secret).
 */
export function oauthConnectHandlers(deps: OAuthConnectDeps): HandlerMap<'channel.connectOAuth' | 'channel.connectOAuthVia'> {
  // The Via form names an API base (the command line's only); both sign in the same way.
  const connect = async (ctx: HandlerContext, input: { channel: string; accountId?: string | undefined; apiBase?: string }) => {
      const { vault } = ctx;
      const channel = await resolveChannel(vault.data, input.channel);
      const platform = channel.platform as Platform;
      const name = platformNames[platform];
      const apiBase = await apiBaseFor(ctx, channel.id, input.apiBase);
      const app = await platformAppRow(vault.data, platform);
      const client = await platformAppClient(vault, platform);
      if (app === undefined || client === null) {
        throw new CoreError('conflict', `Custodian has no ${name} app to sign in with yet: an administrator enters its client id first (Channels → Platform apps, or custodian platform app ${platform} --client-id ID). Nothing was changed.`);
      }
      const provider = platformAppProvider(app);
      if (provider.secretRequired && client.clientSecret === null) {
        throw new CoreError('conflict', `${name}'s sign-in needs the app's client secret: enter it again (Channels → Platform apps, or custodian platform app ${platform} --client-id ID --client-secret-stdin). Nothing was changed.`);
      }
      if (deps.browser === null) throw new CoreError('conflict', 'This Custodian cannot open a browser for the sign-in. Nothing was changed.');
      const browser = deps.browser;

      let authorization;
      try {
        authorization = await authorizeInBrowser({
          authorizeUrl: app.authorize_url ?? provider.authorizeUrl,
          clientId: client.clientId,
          scope: provider.scopes.join(provider.scopeSeparator),
          extraParams: provider.extraAuthorizeParams,
          // The registered redirect's port (X, LinkedIn standard); PKCE only where the flow uses it.
          port: platformAppPort(app),
          pkce: provider.pkce,
          platformName: name,
          openBrowser: (url) => browser.open(url),
          ...(deps.waitMs === undefined ? {} : { waitMs: deps.waitMs }),
        });
      } catch (error) {
        if (error instanceof AuthorizationError) throw await refusal(ctx, channel, 'browser', error.message.replace(/ Nothing was changed\.$/, ''));
        throw error;
      }
      const tokenUrl = app.token_url ?? provider.tokenUrl;
      const first = await tokensOrRefuse(
        ctx,
        channel,
        'code',
        await tokenRequest(deps.context, provider, tokenUrl, client, {
          grant_type: 'authorization_code',
          code: authorization.code,
          redirect_uri: authorization.redirectUri,
          ...(provider.pkce ? { code_verifier: authorization.verifier } : {}),
        }),
      );
      let userToken = first;
      if (platform === 'facebook' || platform === 'instagram') {
        // Graph's short-lived user token lasts about an hour; the long-lived one is what Page tokens are read with.
        userToken = await tokensOrRefuse(ctx, channel, 'long-lived', await tokenRequest(deps.context, provider, tokenUrl, client, { grant_type: 'fb_exchange_token', fb_exchange_token: first.accessToken }));
      }
      const lookup = await publishableAccounts(deps.context, platform, resolveApiBase(platform, apiBase ?? undefined), userToken.accessToken);
      if (lookup.kind === 'failed') throw await refusal(ctx, channel, 'accounts', lookup.message);
      const account = await chooseAccount(ctx, channel, lookup.accounts, input.accountId);
      const pageToken = account.token;
      const expiresAt =
        pageToken !== undefined || userToken.expiresInSeconds === null ? null : new Date(vault.clock.now().getTime() + userToken.expiresInSeconds * 1000).toISOString();
      return storeConnection(ctx, channel, {
        auth: 'oauth',
        accessToken: pageToken ?? userToken.accessToken,
        refreshToken: pageToken !== undefined ? null : userToken.refreshToken,
        tokenExpiresAt: expiresAt,
        accountId: account.id,
        apiBase,
        details: { how: 'oauth', refreshable: pageToken === undefined && userToken.refreshToken !== null },
      });
  };
  return { 'channel.connectOAuth': connect, 'channel.connectOAuthVia': connect };
}
