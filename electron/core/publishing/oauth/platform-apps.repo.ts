import type { PlatformAppView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import { isMetaPlatform, loopbackRedirectUri, META_LOGIN_SUCCESS_URL, redirectConsoleFor, redirectHelpFor, redirectPortFor, type LinkedinFlow } from '../../../../shared/domain/oauth-redirects';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import type { Vault } from '../../vault/vault';
import { oauthProviderFor, type OAuthProvider } from './oauth-providers';
import type { ClientCredentials } from './token-endpoint';

export interface PlatformAppRow {
  platform: string;
  has_secret: number;
  authorize_url: string | null;
  token_url: string | null;
  redirect_port: number | null;
  linkedin_flow: string;
  config_id: string | null;
  configured_at: string;
  configured_by_email: string;
}

function appsQuery() {
  return qb
    .selectFrom('platform_apps as a')
    .innerJoin('people as p', 'p.id', 'a.configured_by')
    .select(['a.platform', 'a.has_secret', 'a.authorize_url', 'a.token_url', 'a.redirect_port', 'a.linkedin_flow', 'a.config_id', 'a.configured_at', 'p.email as configured_by_email']);
}

export async function platformAppRow(db: Db, platform: Platform): Promise<PlatformAppRow | undefined> {
  return db.first(appsQuery().where('a.platform', '=', platform));
}

export async function platformAppRows(db: Db): Promise<PlatformAppRow[]> {
  return db.all(appsQuery().orderBy('a.platform'));
}

/** The provider facts for this app (LinkedIn's follow its flow). */
export function platformAppProvider(row: PlatformAppRow): OAuthProvider {
  return oauthProviderFor(row.platform as Platform, row.linkedin_flow as LinkedinFlow);
}

/** The port its sign-in listens on: 0 where any port will do and nothing is registered. */
export function platformAppPort(row: PlatformAppRow): number {
  return redirectPortFor(row.platform as Platform, row.redirect_port, row.linkedin_flow as LinkedinFlow);
}

export function platformAppToView(row: PlatformAppRow): PlatformAppView {
  const platform = row.platform as Platform;
  const provider = platformAppProvider(row);
  const port = platformAppPort(row);
  const where = redirectConsoleFor(platform);
  return {
    platform,
    hasSecret: row.has_secret === 1,
    secretRequired: provider.secretRequired,
    authorizeUrl: row.authorize_url ?? provider.authorizeUrl,
    tokenUrl: row.token_url ?? provider.tokenUrl,
    customAddresses: row.authorize_url !== null || row.token_url !== null,
    redirectPort: port === 0 ? null : port,
    linkedinFlow: platform === 'linkedin' ? (row.linkedin_flow as LinkedinFlow) : null,
    redirectUri: isMetaPlatform(platform) ? META_LOGIN_SUCCESS_URL : port === 0 ? null : loopbackRedirectUri(port),
    consoleUrl: where?.url ?? null,
    redirectHelp: redirectHelpFor(platform, row.linkedin_flow as LinkedinFlow),
    configId: row.config_id,
    configuredAt: row.configured_at,
    configuredBy: row.configured_by_email,
  };
}

/** The app's client id and secret from the keychain; null when the platform app was never entered. */
export async function platformAppClient(vault: Vault, platform: Platform): Promise<ClientCredentials | null> {
  const clientId = await vault.secrets.get(ACCOUNTS.platformClientId(platform));
  if (clientId === null) return null;
  return { clientId, clientSecret: await vault.secrets.get(ACCOUNTS.platformClientSecret(platform)) };
}
