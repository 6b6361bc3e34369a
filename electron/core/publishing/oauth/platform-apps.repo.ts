import type { PlatformAppView } from '../../../../shared/contract/views';
import type { Platform } from '../../../../shared/domain/enums';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import type { Vault } from '../../vault/vault';
import { oauthProviders } from './oauth-providers';
import type { ClientCredentials } from './token-endpoint';

export interface PlatformAppRow {
  platform: string;
  has_secret: number;
  authorize_url: string | null;
  token_url: string | null;
  configured_at: string;
  configured_by_email: string;
}

function appsQuery() {
  return qb
    .selectFrom('platform_apps as a')
    .innerJoin('people as p', 'p.id', 'a.configured_by')
    .select(['a.platform', 'a.has_secret', 'a.authorize_url', 'a.token_url', 'a.configured_at', 'p.email as configured_by_email']);
}

export async function platformAppRow(db: Db, platform: Platform): Promise<PlatformAppRow | undefined> {
  return db.first(appsQuery().where('a.platform', '=', platform));
}

export async function platformAppRows(db: Db): Promise<PlatformAppRow[]> {
  return db.all(appsQuery().orderBy('a.platform'));
}

export function platformAppToView(row: PlatformAppRow): PlatformAppView {
  const platform = row.platform as Platform;
  const provider = oauthProviders[platform];
  return {
    platform,
    hasSecret: row.has_secret === 1,
    secretRequired: provider.secretRequired,
    authorizeUrl: row.authorize_url ?? provider.authorizeUrl,
    tokenUrl: row.token_url ?? provider.tokenUrl,
    customAddresses: row.authorize_url !== null || row.token_url !== null,
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
