import type { Platform } from '../../../shared/domain/enums';
import { platformNames } from '../../../shared/posts/platform-rules';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import type { AdapterContext } from '../publishing/adapter-http';
import { resolveApiBase } from '../publishing/api-base';
import { publishableAccounts } from '../publishing/oauth/account-lookup';
import type { BrowserOpener } from '../publishing/oauth/browser-opener';
import { AuthorizationError, authorizeInBrowser } from '../publishing/oauth/loopback-authorization';
import { isMetaPlatform, type MetaLogin } from '../publishing/oauth/meta-login';
import { platformAppClient, platformAppPort, platformAppProvider, platformAppRow } from '../publishing/oauth/platform-apps.repo';
import { tokenRequest } from '../publishing/oauth/token-endpoint';
import { resolveChannel } from './channels.repo';
import { chooseAccount, refusal, tokensOrRefuse } from './connect-refusal';
import { apiBaseFor, storeConnection } from './connection-store';
import { connectMeta, metaDesktopOnly } from './meta-connect';

export interface OAuthConnectDeps {
  browser: BrowserOpener | null;
  context: AdapterContext;
  /** Facebook and Instagram: the desktop app's embedded Meta login window (meta-login.ts); null in the CLI. */
  metaLogin: MetaLogin | null;
  /** How long to wait for the browser (default 5 minutes; tests shorten it). */
  waitMs?: number;
}

/**
 * Connecting a channel by signing in through the platform (OAuth 2.0 authorization code with
 * PKCE S256, the system browser, a loopback redirect on 127.0.0.1). The code is exchanged
 * for tokens, the account to publish as is read from the platform, and the tokens go to the
 * keychain. Facebook and Instagram sign in through the desktop app's Meta login window instead
 * (meta-connect.ts), and the command line refuses them with why.
 */
export function oauthConnectHandlers(deps: OAuthConnectDeps): HandlerMap<'channel.connectOAuth' | 'channel.connectOAuthVia'> {
  // The Via form names an API base (the command line's only); both sign in the same way.
  const connect = async (ctx: HandlerContext, input: { channel: string; accountId?: string | undefined; apiBase?: string }) => {
      const { vault } = ctx;
      const channel = await resolveChannel(vault.data, input.channel);
      const platform = channel.platform as Platform;
      const name = platformNames[platform];
      if (isMetaPlatform(platform) && deps.metaLogin === null) throw metaDesktopOnly(platform);
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
      if (isMetaPlatform(platform) && deps.metaLogin !== null) {
        return connectMeta(ctx, { metaLogin: deps.metaLogin, context: deps.context, channel, platform, app, client, apiBase, accountId: input.accountId });
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
      const userToken = await tokensOrRefuse(
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
      const lookup = await publishableAccounts(deps.context, platform, resolveApiBase(platform, apiBase ?? undefined), userToken.accessToken);
      if (lookup.kind === 'failed') throw await refusal(ctx, channel, 'accounts', lookup.message);
      const account = await chooseAccount(ctx, channel, lookup.accounts, input.accountId);
      const expiresAt = userToken.expiresInSeconds === null ? null : new Date(vault.clock.now().getTime() + userToken.expiresInSeconds * 1000).toISOString();
      return storeConnection(ctx, channel, {
        auth: 'oauth',
        accessToken: userToken.accessToken,
        refreshToken: userToken.refreshToken,
        tokenExpiresAt: expiresAt,
        accountId: account.id,
        apiBase,
        details: { how: 'oauth', refreshable: userToken.refreshToken !== null },
      });
  };
  return { 'channel.connectOAuth': connect, 'channel.connectOAuthVia': connect };
}
