import { flag, text, type CommandSpec } from '../command-spec';
import type { GrantView } from '../../../shared/contract/views';
import { json, londonTime, table } from '../format';

/** Why a current grant cannot open the secrets yet, and what completes it, in the register's words. */
const pendingWords: Record<NonNullable<GrantView['pending']>, string> = {
  'waiting-for-holder': 'waiting for a holder to sign in',
  'waiting-for-key': 'waiting for them to sign in once',
  'outside-custodian': 'holds the details outside Custodian (no console access)',
};

export const accessCommands: CommandSpec[] = [
  {
    words: ['access', 'grant'],
    usage: 'custodian access grant CHANNEL EMAIL',
    positionals: ['CHANNEL', 'EMAIL'],
    signIn: true,
    async run(ctx) {
      const grant = await ctx.call('access.grant', { channel: ctx.positionals[0] ?? '', email: ctx.positionals[1] ?? '' });
      ctx.io.stderr(`${grant.holderEmail} now holds the login details of ${grant.channel}.\n`);
    },
  },
  {
    words: ['access', 'revoke'],
    usage: 'custodian access revoke CHANNEL EMAIL [--reason TEXT]',
    positionals: ['CHANNEL', 'EMAIL'],
    options: { reason: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const reason = text(ctx, 'reason');
      const grant = await ctx.call('access.revoke', {
        channel: ctx.positionals[0] ?? '',
        email: ctx.positionals[1] ?? '',
        ...(reason === undefined ? {} : { reason }),
      });
      ctx.io.stderr(
        `${grant.holderEmail} no longer holds the login details of ${grant.channel}.\n` +
          `If they have seen them, change the account's password and 2FA key, then store the new ones:\n` +
          `  custodian secret set ${grant.channel} --kind password\n  custodian secret set ${grant.channel} --kind totp\n`,
      );
    },
  },
  {
    words: ['access', 'list'],
    usage: 'custodian access list [--json] [--channel CHANNEL] [--all]',
    options: { json: { type: 'boolean' }, channel: { type: 'string' }, all: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const channel = text(ctx, 'channel');
      const grants = await ctx.call('access.list', { includeRevoked: flag(ctx, 'all'), ...(channel === undefined ? {} : { channel }) });
      ctx.io.stdout(
        flag(ctx, 'json')
          ? json(grants)
          : table(
              ['CHANNEL', 'HOLDER', 'GRANTED', 'BY', 'REVOKED', 'WAITING'],
              grants.map((g) => [
                g.channel,
                g.holderEmail,
                londonTime(g.grantedAt),
                g.grantedBy,
                londonTime(g.revokedAt),
                g.pending === null ? '' : pendingWords[g.pending],
              ]),
            ),
      );
    },
  },
];
