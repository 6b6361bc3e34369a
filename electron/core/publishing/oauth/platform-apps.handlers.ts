import { ApiBaseError, parseApiBase } from '../api-base';
import { CoreError } from '../../errors';
import type { HandlerMap } from '../../handler-types';
import type { Platform } from '../../../../shared/domain/enums';
import type { PlatformAppView } from '../../../../shared/contract/views';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import { oauthProviders } from './oauth-providers';
import { platformAppRow, platformAppRows, platformAppToView } from './platform-apps.repo';

function checkedUrl(text: string | null, field: 'authorizeUrl' | 'tokenUrl'): string | null {
  if (text === null) return null;
  try {
    return parseApiBase(text);
  } catch (error) {
    if (error instanceof ApiBaseError) throw new CoreError('invalid_input', `${error.message.replace('The API address', 'The address')} Nothing was changed.`, field);
    throw error;
  }
}

/** Why a platform needs the secret, and where to find it, when it is left out. */
const secretMissing: Partial<Record<Platform, string>> = {
  youtube:
    "Google's token endpoint refuses a sign-in without the OAuth client's secret, even for a Desktop app: copy the Client secret from the Google Cloud console (APIs & Services → Credentials → your OAuth 2.0 Client ID).",
};

/**
 * The trust's app registration on each platform, entered by an administrator from the
 * platform's developer console. The client id and secret go to the keychain only (keychain
 * first, put back if the database step fails); the database notes that they are there. The
 * sign-in and token addresses (a proxy's, a test server's) are set apart, from the command
 * line only (platform.appAddresses), and a new client id keeps them.
 */
export const platformAppHandlers: HandlerMap<'platform.app' | 'platform.appAddresses' | 'platform.apps'> = {
  'platform.app': async (ctx, input) => {
    const { vault, operator } = ctx;
    const provider = oauthProviders[input.platform];
    const secret = input.clientSecret?.trim();
    if (provider.secretRequired && (secret === undefined || secret === '')) {
      throw new CoreError('invalid_input', `clientSecret: ${secretMissing[input.platform] ?? `${input.platform}'s token exchange needs the app's client secret.`} Nothing was changed.`, 'clientSecret');
    }
    const idAccount = ACCOUNTS.platformClientId(input.platform);
    const secretAccount = ACCOUNTS.platformClientSecret(input.platform);
    const previousId = await vault.secrets.get(idAccount);
    const previousSecret = await vault.secrets.get(secretAccount);
    const restore = async () => {
      await (previousId === null ? vault.secrets.delete(idAccount) : vault.secrets.set(idAccount, previousId)).catch(() => undefined);
      await (previousSecret === null ? vault.secrets.delete(secretAccount) : vault.secrets.set(secretAccount, previousSecret)).catch(() => undefined);
    };
    try {
      await vault.secrets.set(idAccount, input.clientId);
      if (secret === undefined || secret === '') await vault.secrets.delete(secretAccount);
      else await vault.secrets.set(secretAccount, secret);
      // The keychain writes are done: the transaction below awaits the database only.
      await vault.data.transaction(async () => {
        const before = await platformAppRow(vault.data, input.platform);
        const values = { has_secret: secret === undefined || secret === '' ? 0 : 1, configured_at: vault.clock.now().toISOString(), configured_by: operator.personId };
        if (before === undefined) await vault.data.run(qb.insertInto('platform_apps').values({ platform: input.platform, authorize_url: null, token_url: null, ...values }));
        else await vault.data.run(qb.updateTable('platform_apps').set(values).where('platform', '=', input.platform));
        await vault.audit.append({
          actorId: operator.personId,
          action: 'platform.app',
          target: `platform:${input.platform}`,
          outcome: 'ok',
          details: { platform: input.platform, secret: values.has_secret === 1, replaced: before !== undefined },
        });
      });
    } catch (error) {
      await restore();
      throw error;
    }
    return recordedApp(vault.data, input.platform);
  },
  'platform.appAddresses': async ({ vault, operator }, input) => {
    const authorizeUrl = checkedUrl(input.authorizeUrl, 'authorizeUrl');
    const tokenUrl = checkedUrl(input.tokenUrl, 'tokenUrl');
    await vault.data.transaction(async () => {
      if ((await platformAppRow(vault.data, input.platform)) === undefined) {
        throw new CoreError('not_found', `Custodian has no ${input.platform} app yet: enter its client id first (custodian platform app ${input.platform} --client-id ID). Nothing was changed.`);
      }
      await vault.data.run(qb.updateTable('platform_apps').set({ authorize_url: authorizeUrl, token_url: tokenUrl }).where('platform', '=', input.platform));
      await vault.audit.append({
        actorId: operator.personId,
        action: 'platform.app_addresses',
        target: `platform:${input.platform}`,
        outcome: 'ok',
        details: { platform: input.platform, authorizeUrl: authorizeUrl ?? 'default', tokenUrl: tokenUrl ?? 'default' },
      });
    });
    return recordedApp(vault.data, input.platform);
  },
  'platform.apps': async (ctx) => (await platformAppRows(ctx.vault.data)).map(platformAppToView),
};

async function recordedApp(db: Db, platform: Platform): Promise<PlatformAppView> {
  const row = await platformAppRow(db, platform);
  if (row === undefined) throw new CoreError('internal', `The ${platform} app was not recorded.`);
  return platformAppToView(row);
}
