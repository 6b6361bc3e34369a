import { ApiBaseError, parseApiBase } from '../api-base';
import { CoreError } from '../../errors';
import type { HandlerMap } from '../../handler-types';
import { qb } from '../../db/sql';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import { oauthProviders } from './oauth-providers';
import { platformAppRow, platformAppRows, platformAppToView } from './platform-apps.repo';

function checkedUrl(text: string | undefined, field: 'authorizeUrl' | 'tokenUrl'): string | null {
  if (text === undefined) return null;
  try {
    return parseApiBase(text);
  } catch (error) {
    if (error instanceof ApiBaseError) throw new CoreError('invalid_input', `${error.message.replace('The API address', 'The address')} Nothing was changed.`, field);
    throw error;
  }
}

/**
 * The trust's app registration on each platform, entered by an administrator from the
 * platform's developer console. The client id and secret go to the keychain only (keychain
 * first, put back if the database step fails); the database notes that they are there.
 */
export const platformAppHandlers: HandlerMap<'platform.app' | 'platform.apps'> = {
  'platform.app': async (ctx, input) => {
    const { vault, operator } = ctx;
    const provider = oauthProviders[input.platform];
    const secret = input.clientSecret?.trim();
    if (provider.secretRequired && (secret === undefined || secret === '')) {
      throw new CoreError('invalid_input', `clientSecret: ${input.platform}'s token exchange needs the app's client secret. Nothing was changed.`, 'clientSecret');
    }
    const authorizeUrl = checkedUrl(input.authorizeUrl, 'authorizeUrl');
    const tokenUrl = checkedUrl(input.tokenUrl, 'tokenUrl');
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
      vault.sql.transaction(() => {
        const values = { has_secret: secret === undefined || secret === '' ? 0 : 1, authorize_url: authorizeUrl, token_url: tokenUrl, configured_at: vault.clock.now().toISOString(), configured_by: operator.personId };
        const before = platformAppRow(vault.sql, input.platform);
        if (before === undefined) vault.sql.run(qb.insertInto('platform_apps').values({ platform: input.platform, ...values }));
        else vault.sql.run(qb.updateTable('platform_apps').set(values).where('platform', '=', input.platform));
        vault.audit.append({
          actorId: operator.personId,
          action: 'platform.app',
          target: `platform:${input.platform}`,
          outcome: 'ok',
          details: { platform: input.platform, secret: values.has_secret === 1, replaced: before !== undefined, authorizeUrl: authorizeUrl ?? 'default', tokenUrl: tokenUrl ?? 'default' },
        });
      });
    } catch (error) {
      await restore();
      throw error;
    }
    const row = platformAppRow(vault.sql, input.platform);
    if (row === undefined) throw new CoreError('internal', `The ${input.platform} app was not recorded.`);
    return platformAppToView(row);
  },
  'platform.apps': (ctx) => platformAppRows(ctx.vault.sql).map(platformAppToView),
};
