import { platforms, twoFactorStates } from '../../../shared/domain/enums';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, oneOf, required, stripOneNewline, text, type CommandSpec } from '../command-spec';
import type { ChannelView } from '../../../shared/contract/views';
import { json, londonDay, table } from '../format';

/** What still needs doing for a channel's secrets: a move to holders' keys, or a new value after a revoke. */
function channelNotes(c: ChannelView): string {
  const notes: string[] = [];
  if (c.notMoved.length > 0) notes.push(`not moved yet: ${c.notMoved.join(', ')}`);
  if (c.rotationDueSince !== null) notes.push(`rotation due since ${londonDay(c.rotationDueSince)}`);
  return notes.join('; ');
}

export const channelCommands: CommandSpec[] = [
  {
    words: ['channel', 'add'],
    usage: 'custodian channel add --platform P --handle H [--name TEXT] [--school CODE] [--registration-email EMAIL]',
    options: {
      platform: { type: 'string' },
      handle: { type: 'string' },
      name: { type: 'string' },
      school: { type: 'string' },
      'registration-email': { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const platform = oneOf(ctx, 'platform', platforms) ?? (required(ctx, 'platform') as never);
      const name = text(ctx, 'name');
      const school = text(ctx, 'school');
      const registrationEmail = text(ctx, 'registration-email');
      const channel = await ctx.call('channel.add', {
        platform,
        handle: required(ctx, 'handle'),
        ...(name === undefined ? {} : { name }),
        ...(school === undefined ? {} : { school }),
        ...(registrationEmail === undefined ? {} : { registrationEmail }),
      });
      ctx.io.stderr(`Added ${channel.platform}:${channel.handle} (id ${channel.id}) for ${channel.school ?? 'the trust'}.\n`);
    },
  },
  {
    words: ['channel', 'set'],
    usage:
      'custodian channel set CHANNEL [--two-factor enabled|not-enabled|not-available] [--purpose TEXT] [--mailbox-dedicated yes|no] [--mailbox-access EMAIL,EMAIL] [--registration-email EMAIL]',
    positionals: ['CHANNEL'],
    options: {
      'two-factor': { type: 'string' },
      purpose: { type: 'string' },
      'mailbox-dedicated': { type: 'string' },
      'mailbox-access': { type: 'string' },
      'registration-email': { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const twoFactor = oneOf(ctx, 'two-factor', twoFactorStates);
      const dedicated = oneOf(ctx, 'mailbox-dedicated', ['yes', 'no'] as const);
      const purpose = text(ctx, 'purpose');
      const access = text(ctx, 'mailbox-access');
      const registrationEmail = text(ctx, 'registration-email');
      if ([twoFactor, dedicated, purpose, access, registrationEmail].every((v) => v === undefined)) {
        throw new UsageError('channel set needs at least one of --two-factor, --purpose, --mailbox-dedicated, --mailbox-access, --registration-email.');
      }
      const channel = await ctx.call('channel.update', {
        channel: ctx.positionals[0] ?? '',
        ...(twoFactor === undefined ? {} : { twoFactor }),
        ...(purpose === undefined ? {} : { purpose }),
        ...(dedicated === undefined ? {} : { mailboxDedicated: dedicated === 'yes' }),
        ...(access === undefined ? {} : { mailboxAccess: access.split(',').map((e) => e.trim()).filter((e) => e !== '') }),
        ...(registrationEmail === undefined ? {} : { registrationEmail }),
      });
      ctx.io.stderr(`Updated ${channel.platform}:${channel.handle}.\n`);
    },
  },
  {
    words: ['channel', 'list'],
    usage: 'custodian channel list [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const channels = await ctx.call('channel.list', {});
      ctx.io.stdout(
        flag(ctx, 'json')
          ? json(channels)
          : table(
              ['ID', 'CHANNEL', 'NAME', 'SCHOOL', '2FA', 'SECRETS', 'NOTES'],
              channels.map((c) => [c.id, `${c.platform}:${c.handle}`, c.name, c.school ?? 'trust', c.twoFactor, c.secrets.join(', '), channelNotes(c)]),
            ),
      );
    },
  },
  {
    words: ['channel', 'connect'],
    usage:
      'custodian channel connect CHANNEL --oauth [--account-id ID] [--api-base URL]   (sign in through the platform in your browser)\n       custodian channel connect CHANNEL --token-stdin --account-id ID [--api-base URL]   (a ready token from stdin, never shown; ID: the page/user/organisation/channel id on the platform)',
    positionals: ['CHANNEL'],
    options: { 'token-stdin': { type: 'boolean' }, 'account-id': { type: 'string' }, 'api-base': { type: 'string' }, oauth: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      if (flag(ctx, 'oauth')) {
        if (flag(ctx, 'token-stdin')) throw new UsageError('Use either --oauth (sign in through the platform) or --token-stdin (a ready token), not both.');
        const accountId = text(ctx, 'account-id');
        const apiBase = text(ctx, 'api-base');
        // Sign in first, so the passphrase prompt comes before the browser opens.
        await ctx.call('auth.whoami', {});
        const oauthInput = { channel: ctx.positionals[0] ?? '', ...(accountId === undefined ? {} : { accountId }) };
        const connection =
          apiBase === undefined ? await ctx.call('channel.connectOAuth', oauthInput) : await ctx.call('channel.connectOAuthVia', { ...oauthInput, apiBase });
        ctx.io.stderr(
          `Connected ${connection.channel} for publishing as account ${connection.accountId}${connection.apiBase === null ? '' : ` through ${connection.apiBase}`}; the tokens are in the keychain${connection.tokenExpiresAt === null ? '' : ' and Custodian refreshes them'}.\n`,
        );
        return;
      }
      if (!flag(ctx, 'token-stdin')) throw new UsageError('Say how to connect: --oauth (sign in through the platform in your browser) or --token-stdin (a ready token from standard input).');
      const accountId = required(ctx, 'account-id');
      const apiBase = text(ctx, 'api-base');
      let token: string;
      if (ctx.io.stdinIsTty) {
        // Sign in first, so the passphrase prompt never comes second.
        await ctx.call('auth.whoami', {});
        token = await ctx.io.promptHidden(`API token for ${ctx.positionals[0] ?? ''} (not shown): `);
      } else {
        token = stripOneNewline(await ctx.io.readStdin());
      }
      if (token.trim() === '') throw new CommandFailed('No token was given on standard input; nothing was stored.');
      const tokenInput = { channel: ctx.positionals[0] ?? '', token, accountId };
      const connection = apiBase === undefined ? await ctx.call('channel.connect', tokenInput) : await ctx.call('channel.connectVia', { ...tokenInput, apiBase });
      ctx.io.stderr(
        `Connected ${connection.channel} for publishing as account ${connection.accountId}${connection.apiBase === null ? '' : ` through ${connection.apiBase}`}; the token is in the keychain.\n`,
      );
    },
  },
  {
    words: ['channel', 'manual'],
    usage: 'custodian channel manual CHANNEL on|off   (on: its posts are published by hand; at their time Custodian notifies, and someone records the published post: custodian post record)',
    positionals: ['CHANNEL', 'on|off'],
    signIn: true,
    async run(ctx) {
      const setting = ctx.positionals[1];
      if (setting !== 'on' && setting !== 'off') throw new UsageError(`Say on or off after the channel (got "${(setting ?? '').slice(0, 40)}").`);
      const result = await ctx.call('channel.setManual', { channel: ctx.positionals[0] ?? '', manual: setting === 'on' });
      ctx.io.stderr(
        result.manual
          ? `${result.channel} is published by hand: when one of its posts is due, Custodian notifies people; record the published post with custodian post record ID --channel ${result.channel} --url URL.\n`
          : `${result.channel} is no longer published by hand: its posts go through its publishing connection.\n`,
      );
    },
  },
  {
    words: ['channel', 'connections'],
    usage: 'custodian channel connections [--json]   (which channels can publish, and which must be connected again)',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const connections = await ctx.call('channel.connections', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(connections));
        return;
      }
      if (connections.length === 0) {
        ctx.io.stderr('No channel is connected for publishing yet (custodian channel connect CHANNEL --oauth).\n');
        return;
      }
      ctx.io.stdout(
        table(
          ['CHANNEL', 'STATUS', 'HOW', 'ACCOUNT', 'TOKEN EXPIRES', 'PROBLEM'],
          connections.map((c) => [c.channel, c.status, c.auth === 'oauth' ? 'sign-in' : 'token', c.accountId, c.tokenExpiresAt ?? '-', c.lastError ?? '']),
        ),
      );
    },
  },
];
