import type { ConnectionView } from '../../../shared/contract/views';
import { platformNames } from '../../../shared/posts/platform-rules';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-types';
import type { AdapterContext } from '../publishing/adapter-http';
import { resolveApiBase } from '../publishing/api-base';
import { publishableAccounts } from '../publishing/oauth/account-lookup';
import { AuthorizationError } from '../publishing/oauth/loopback-authorization';
import { META_LOGIN_SUCCESS_URL, metaDialogUrl, parseMetaRedirect, type MetaLogin } from '../publishing/oauth/meta-login';
import { oauthProviders } from '../publishing/oauth/oauth-providers';
import type { PlatformAppRow } from '../publishing/oauth/platform-apps.repo';
import { newState } from '../publishing/oauth/pkce';
import { tokenRequest, type ClientCredentials } from '../publishing/oauth/token-endpoint';
import type { ChannelRow } from './channels.repo';
import { chooseAccount, refusal, tokensOrRefuse } from './connect-refusal';
import { storeConnection } from './connection-store';

/**
 * Connecting a Facebook Page or an Instagram account by signing in to Meta: the Login dialog in
 * the desktop app's embedded window (meta-login.ts says why not the system browser), the code
 * exchanged with redirect_uri=login_success.html and the app secret, a long-lived user token
 * for it, then the Pages the person manages (GET /me/accounts).
 */

export interface MetaConnectRequest {
  metaLogin: MetaLogin;
  context: AdapterContext;
  channel: ChannelRow;
  platform: 'facebook' | 'instagram';
  app: PlatformAppRow;
  client: ClientCredentials;
  apiBase: string | null;
  accountId: string | undefined;
}

/** The command line cannot watch Meta's login_success page, so it is told the two ways that work. */
export function metaDesktopOnly(platform: 'facebook' | 'instagram'): CoreError {
  const name = platformNames[platform];
  return new CoreError(
    'conflict',
    `${name}'s sign-in works only in Custodian's desktop app: Meta accepts, for a desktop app, only its own page https://www.facebook.com/connect/login_success.html as the place a sign-in returns to, and only the app's sign-in window can watch for it (a system browser cannot hand it back). Connect the channel in the desktop app (Channels → Connect), or give a ready token here: custodian channel connect CHANNEL --token-stdin --account-id ID. Nothing was changed.`,
  );
}

/** Said plainly when the signed-in person manages no Page Custodian can see (reference, Facebook Pages: business_management). */
function noPageMessage(platform: 'facebook' | 'instagram', configId: string | null): string {
  const what = platform === 'facebook' ? 'manages no Facebook Page that Custodian can see' : 'manages no Facebook Page with an Instagram professional account linked to it that Custodian can see';
  const grant = configId === null ? 'the sign-in must allow business_management (Custodian asks for it: keep it ticked)' : "the app's Facebook Login for Business configuration must include business_management";
  return `The person who signed in ${what}. Sign in as someone with full control of the Page. If the Page is in a Business portfolio, that person must be assigned to the Page there (Business settings → Pages), and ${grant}.`;
}

export async function connectMeta(ctx: HandlerContext, request: MetaConnectRequest): Promise<ConnectionView> {
  const { channel, platform, app, client, context } = request;
  const provider = oauthProviders[platform];
  const state = newState();
  const dialog = metaDialogUrl({
    authorizeUrl: app.authorize_url ?? provider.authorizeUrl,
    clientId: client.clientId,
    state,
    scope: provider.scopes.join(provider.scopeSeparator),
    configId: app.config_id,
  });
  let code: string;
  try {
    ({ code } = parseMetaRedirect(await request.metaLogin(dialog), state));
  } catch (error) {
    if (error instanceof AuthorizationError) throw await refusal(ctx, channel, 'browser', error.message.replace(/ Nothing was changed\.$/, ''));
    throw error;
  }
  const tokenUrl = app.token_url ?? provider.tokenUrl;
  // Strict mode: the exchange names exactly the redirect the dialog was given (no PKCE: the reference's Meta flow is code + app secret).
  const short = await tokensOrRefuse(ctx, channel, 'code', await tokenRequest(context, provider, tokenUrl, client, { grant_type: 'authorization_code', code, redirect_uri: META_LOGIN_SUCCESS_URL }));
  // Graph's short-lived user token lasts about an hour; the long-lived one (about 60 days) is what Pages are read with.
  const user = await tokensOrRefuse(ctx, channel, 'long-lived', await tokenRequest(context, provider, tokenUrl, client, { grant_type: 'fb_exchange_token', fb_exchange_token: short.accessToken }));
  const lookup = await publishableAccounts(context, platform, resolveApiBase(platform, request.apiBase ?? undefined), user.accessToken);
  if (lookup.kind === 'failed') throw await refusal(ctx, channel, 'accounts', lookup.message);
  if (lookup.accounts.length === 0) throw await refusal(ctx, channel, 'account', noPageMessage(platform, app.config_id));
  const account = await chooseAccount(ctx, channel, lookup.accounts, request.accountId);
  // Facebook publishes as the Page, with the Page's own token (it does not expire). Instagram's
  // content publishing calls need the app user's User access token (reference, Instagram:
  // FB/documentation/instagram-platform/content-publishing; a Page token often works but that is
  // undocumented), so Instagram keeps the long-lived user token and the day it runs out.
  const pageToken = platform === 'facebook' ? account.token : undefined;
  if (platform === 'facebook' && pageToken === undefined) throw await refusal(ctx, channel, 'account', 'Facebook did not give the Page’s own token for that Page.');
  const expiresAt = pageToken !== undefined || user.expiresInSeconds === null ? null : new Date(ctx.vault.clock.now().getTime() + user.expiresInSeconds * 1000).toISOString();
  return storeConnection(ctx, channel, {
    auth: 'oauth',
    accessToken: pageToken ?? user.accessToken,
    refreshToken: null,
    tokenExpiresAt: expiresAt,
    accountId: account.id,
    apiBase: request.apiBase,
    details: { how: 'oauth', refreshable: false, tokenType: pageToken === undefined ? 'user' : 'page', ...(app.config_id === null ? {} : { loginForBusiness: true }) },
  });
}
