import { ApiBaseError, parseApiBase } from '../api-base';
import { CoreError } from '../../errors';
import type { HandlerMap } from '../../handler-types';
import type { Platform } from '../../../../shared/domain/enums';
import type { PlatformAppView } from '../../../../shared/contract/views';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';
import { ACCOUNTS } from '../../secrets/vault-secrets';
import { defaultRedirectPorts, type LinkedinFlow } from '../../../../shared/domain/oauth-redirects';
import { oauthProviderFor } from './oauth-providers';
import { platformAppPort, platformAppRow, platformAppRows, platformAppToView, type PlatformAppRow } from './platform-apps.repo';
import { isMetaPlatform } from './meta-login';

function checkedUrl(text: string | null, field: 'authorizeUrl' | 'tokenUrl'): string | null {
  if (text === null) return null;
  try {
    return parseApiBase(text);
  } catch (error) {
    if (error instanceof ApiBaseError) throw new CoreError('invalid_input', `${error.message.replace('The API address', 'The address')} Nothing was changed.`, field);
    throw error;
  }
}

const noLoopback = (platform: Platform) =>
  `${platform === 'facebook' ? 'Facebook' : 'Instagram'} does not sign in through a loopback redirect, so its app has no redirect port.`;

function checkedFlow(platform: Platform, wanted: LinkedinFlow | undefined, saved: PlatformAppRow | undefined): LinkedinFlow {
  if (wanted !== undefined && platform !== 'linkedin') throw new CoreError('invalid_input', `linkedinFlow: only a LinkedIn app has a choice of flow. Nothing was changed.`, 'linkedinFlow');
  return wanted ?? (saved?.linkedin_flow as LinkedinFlow | undefined) ?? 'standard';
}

/** The port to save (null: the platform's default), refused for Meta and where another platform app listens on it. */
async function checkedPort(db: Db, platform: Platform, wanted: number | undefined, saved: PlatformAppRow | undefined, flow: LinkedinFlow): Promise<number | null> {
  if (wanted === undefined) return saved?.redirect_port ?? null;
  if (defaultRedirectPorts[platform] === undefined) throw new CoreError('invalid_input', `redirectPort: ${noLoopback(platform)} Nothing was changed.`, 'redirectPort');
  if (platform === 'linkedin' && flow === 'native') {
    throw new CoreError('invalid_input', "redirectPort: LinkedIn's native PKCE flow listens on any free port, so it takes no redirect port. Nothing was changed.", 'redirectPort');
  }
  const other = (await platformAppRows(db)).find((row) => row.platform !== platform && platformAppPort(row) === wanted);
  if (other !== undefined) {
    throw new CoreError('invalid_input', `redirectPort: port ${wanted} is already the ${other.platform} app's redirect port; choose another, so the two sign-ins never meet. Nothing was changed.`, 'redirectPort');
  }
  return wanted;
}

/** The audit details of a save: the port and flow are not secret (the redirect address is registered in the open); never the id or secret. */
function redirectDetails(platform: Platform, before: PlatformAppRow | undefined, port: number | null, flow: LinkedinFlow, rest: Record<string, boolean>): Record<string, unknown> {
  return {
    platform,
    ...rest,
    redirectPort: port ?? 'default',
    ...(before !== undefined && before.redirect_port !== port ? { previousRedirectPort: before.redirect_port ?? 'default' } : {}),
    ...(platform === 'linkedin' ? { linkedinFlow: flow, ...(before !== undefined && before.linkedin_flow !== flow ? { previousLinkedinFlow: before.linkedin_flow } : {}) } : {}),
  };
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
 * line only (platform.appAddresses), and a new client id keeps them. A Meta app may name a
 * Facebook Login for Business configuration (config_id, not a secret: it is stored here).
 */
export const platformAppHandlers: HandlerMap<'platform.app' | 'platform.appAddresses' | 'platform.apps'> = {
  'platform.app': async (ctx, input) => {
    const { vault, operator } = ctx;
    const saved = await platformAppRow(vault.data, input.platform);
    const linkedinFlow = checkedFlow(input.platform, input.linkedinFlow, saved);
    const redirectPort = await checkedPort(vault.data, input.platform, input.redirectPort, saved, linkedinFlow);
    const provider = oauthProviderFor(input.platform, linkedinFlow);
    if (input.clientId === undefined) {
      // Only the redirect settings: the client id and secret stay in the keychain as they are.
      if (saved === undefined) throw new CoreError('not_found', `Custodian has no ${input.platform} app yet: enter its client id first (custodian platform app ${input.platform} --client-id ID). Nothing was changed.`);
      if (input.clientSecret !== undefined) throw new CoreError('invalid_input', 'clientId: a client secret is saved with its client id: enter both. Nothing was changed.', 'clientId');
      if (input.redirectPort === undefined && input.linkedinFlow === undefined) throw new CoreError('invalid_input', 'clientId: give the client id, a redirect port or a LinkedIn flow to change. Nothing was changed.', 'clientId');
      if (provider.secretRequired && saved.has_secret === 0) {
        throw new CoreError('invalid_input', `clientSecret: ${secretMissing[input.platform] ?? `this flow's token exchange needs the app's client secret, and none is saved: enter the client id and secret.`} Nothing was changed.`, 'clientSecret');
      }
      await vault.data.transaction(async () => {
        await vault.data.run(qb.updateTable('platform_apps').set({ redirect_port: redirectPort, linkedin_flow: linkedinFlow, configured_at: vault.clock.now().toISOString(), configured_by: operator.personId }).where('platform', '=', input.platform));
        await vault.audit.append({ actorId: operator.personId, action: 'platform.app', target: `platform:${input.platform}`, outcome: 'ok', details: redirectDetails(input.platform, saved, redirectPort, linkedinFlow, { secret: saved.has_secret === 1, replaced: true, keptClient: true }) });
      });
      return recordedApp(vault.data, input.platform);
    }
    const clientId = input.clientId;
    const secret = input.clientSecret?.trim();
    const configId = input.configId ?? null;
    if (configId !== null && !isMetaPlatform(input.platform)) {
      throw new CoreError('invalid_input', `configId: only a Facebook or Instagram app signs in with a Facebook Login for Business configuration; ${input.platform}'s has none. Nothing was changed.`, 'configId');
    }
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
      await vault.secrets.set(idAccount, clientId);
      if (secret === undefined || secret === '') await vault.secrets.delete(secretAccount);
      else await vault.secrets.set(secretAccount, secret);
      // The keychain writes are done: the transaction below awaits the database only.
      await vault.data.transaction(async () => {
        const before = await platformAppRow(vault.data, input.platform);
        const values = {
          has_secret: secret === undefined || secret === '' ? 0 : 1,
          redirect_port: redirectPort,
          linkedin_flow: linkedinFlow,
          // Part of the registration like the secret: saving the app again without one drops it (back to scopes).
          config_id: configId,
          configured_at: vault.clock.now().toISOString(),
          configured_by: operator.personId,
        };
        if (before === undefined) await vault.data.run(qb.insertInto('platform_apps').values({ platform: input.platform, authorize_url: null, token_url: null, ...values }));
        else await vault.data.run(qb.updateTable('platform_apps').set(values).where('platform', '=', input.platform));
        await vault.audit.append({
          actorId: operator.personId,
          action: 'platform.app',
          target: `platform:${input.platform}`,
          outcome: 'ok',
          details: { ...redirectDetails(input.platform, before, redirectPort, linkedinFlow, { secret: values.has_secret === 1, replaced: before !== undefined }), ...(configId === null ? {} : { configId }) },
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
