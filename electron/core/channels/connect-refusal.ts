import type { Platform } from '../../../shared/domain/enums';
import { platformNames } from '../../../shared/posts/platform-rules';
import { auditChannelEvent } from '../credentials/channel-audit';
import { CoreError } from '../errors';
import type { HandlerContext } from '../handler-types';
import type { PublishableAccount } from '../publishing/oauth/account-lookup';
import type { TokenAnswer } from '../publishing/oauth/token-endpoint';
import { channelLabel, type ChannelRow } from './channels.repo';

/**
 * The steps of connecting a channel by signing in that every platform's flow shares (the
 * loopback one in oauth-connect.handlers.ts, Meta's in meta-connect.ts): a refusal that is
 * audited and leaves nothing stored, and the choice of the account to publish as.
 */

/** Fails the connection: audited (what went wrong, never a code or token), nothing stored. The caller throws the error. */
export async function refusal(ctx: HandlerContext, channel: ChannelRow, step: string, message: string): Promise<CoreError> {
  await ctx.vault.data.transaction(async () => auditChannelEvent(ctx, channel, { action: 'channel.connect', outcome: 'error', details: { how: 'oauth', step } }));
  return new CoreError('platform_error', `${message} Nothing was changed.`);
}

export async function tokensOrRefuse(ctx: HandlerContext, channel: ChannelRow, step: string, answer: TokenAnswer): Promise<Extract<TokenAnswer, { kind: 'tokens' }>> {
  if (answer.kind === 'tokens') return answer;
  throw await refusal(ctx, channel, step, `${platformNames[channel.platform as Platform]}: ${answer.message.replace(/\.?$/, '.')}`);
}

export async function chooseAccount(ctx: HandlerContext, channel: ChannelRow, accounts: PublishableAccount[], wanted: string | undefined): Promise<PublishableAccount> {
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
