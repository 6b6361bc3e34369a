import type { Platform } from '../../../../shared/domain/enums';
import type { LinkedinFlow } from '../../../../shared/domain/oauth-redirects';
import { GRAPH_API_VERSION } from '../api-base';

/**
 * Each platform's OAuth 2.0 facts (see the reference): where the browser signs in, where the
 * code and refresh tokens are exchanged, the scopes publishing needs, whether a client secret
 * is required, and whether the platform hands out refresh tokens at all.
 *
 * Facebook publishes with a Page access token, Instagram with the user's (meta-connect.ts says
 * why). Graph gives a short-lived user token for the code; Custodian swaps it for a long-lived
 * one (this needs the app secret) and reads the Page's own token from /me/accounts. A Page token
 * got that way does not expire; the long-lived user token lasts about 60 days. Neither is
 * refreshed: when Meta withdraws one, publishing fails with "reconnect".
 */
export interface OAuthProvider {
  authorizeUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  /** Scopes are joined with a space, except by Facebook's dialog (commas). */
  scopeSeparator: ' ' | ',';
  /**
   * The token exchange needs the app's client secret (Meta, LinkedIn, Google); X takes one if the
   * app has it. Google asks for it even from a Desktop client with PKCE ("client_secret is
   * missing."), though it does not treat it as confidential.
   */
  secretRequired: boolean;
  /**
   * How a client secret travels to the token endpoint: HTTP Basic (X's confidential clients), form
   * fields, or never (LinkedIn's native PKCE flow is for public clients: it takes no secret).
   */
  clientAuth: 'basic' | 'form' | 'none';
  /**
   * PKCE S256 in the authorization and the code exchange. Not on LinkedIn's standard flow: it
   * takes the secret, and a request carrying PKCE as well is refused with invalid_client
   * (reference: OAuth redirects; LI/shared/authentication/authorization-code-flow).
   */
  pkce: boolean;
  /** Extra authorization parameters (Google: offline access and the consent prompt, so a refresh token comes back). */
  extraAuthorizeParams: Readonly<Record<string, string>>;
  refreshes: boolean;
}

/**
 * Pages that sit in a Business portfolio are listed by /me/accounts only when the user granted
 * business_management (reference, Facebook Pages: [2nd], qiita.com/lumiflare/items/2b57f54e419b86ccfab7).
 * Custodian always asks for it rather than making it an app option: a school trust's Pages are
 * usually in the trust's portfolio, and leaving it out makes such a Page silently absent from the
 * list (a sign-in that "manages no Page"), while asking for it where no portfolio exists costs
 * one line on the consent screen. A Facebook Login for Business app names its permissions in its
 * configuration instead (config_id), which must include it too.
 */
const graphDialog = `https://www.facebook.com/${GRAPH_API_VERSION}/dialog/oauth`;
const graphToken = `https://graph.facebook.com/${GRAPH_API_VERSION}/oauth/access_token`;

export const oauthProviders: Readonly<Record<Platform, OAuthProvider>> = {
  x: {
    authorizeUrl: 'https://x.com/i/oauth2/authorize',
    tokenUrl: 'https://api.x.com/2/oauth2/token',
    scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'],
    scopeSeparator: ' ',
    secretRequired: false,
    clientAuth: 'basic',
    pkce: true,
    extraAuthorizeParams: {},
    refreshes: true,
  },
  facebook: {
    authorizeUrl: graphDialog,
    tokenUrl: graphToken,
    scopes: ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'business_management'],
    scopeSeparator: ',',
    secretRequired: true,
    clientAuth: 'form',
    pkce: true,
    extraAuthorizeParams: {},
    refreshes: false,
  },
  instagram: {
    authorizeUrl: graphDialog,
    tokenUrl: graphToken,
    scopes: ['pages_show_list', 'pages_read_engagement', 'instagram_basic', 'instagram_content_publish', 'business_management'],
    scopeSeparator: ',',
    secretRequired: true,
    clientAuth: 'form',
    pkce: true,
    extraAuthorizeParams: {},
    refreshes: false,
  },
  linkedin: {
    authorizeUrl: 'https://www.linkedin.com/oauth/v2/authorization',
    tokenUrl: 'https://www.linkedin.com/oauth/v2/accessToken',
    scopes: ['w_organization_social', 'r_organization_admin'],
    scopeSeparator: ' ',
    secretRequired: true,
    clientAuth: 'form',
    pkce: false,
    extraAuthorizeParams: {},
    refreshes: true,
  },
  youtube: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopes: ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube.readonly'],
    scopeSeparator: ' ',
    secretRequired: true,
    clientAuth: 'form',
    pkce: true,
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
    refreshes: true,
  },
};

/**
 * LinkedIn's native PKCE flow (LI/shared/authentication/authorization-code-flow-native): its own
 * sign-in page, any loopback port, PKCE and no client secret. LinkedIn enables it per app, on request.
 */
const linkedinNative: OAuthProvider = {
  ...oauthProviders.linkedin,
  authorizeUrl: 'https://www.linkedin.com/oauth/native-pkce/authorization',
  secretRequired: false,
  clientAuth: 'none',
  pkce: true,
};

/** The provider facts for a platform app, following its LinkedIn flow. */
export function oauthProviderFor(platform: Platform, linkedinFlow: LinkedinFlow): OAuthProvider {
  return platform === 'linkedin' && linkedinFlow === 'native' ? linkedinNative : oauthProviders[platform];
}
