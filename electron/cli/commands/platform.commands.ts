import { platforms } from '../../../shared/domain/enums';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, required, stripOneNewline, text, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

export const platformCommands: CommandSpec[] = [
  {
    words: ['platform', 'app'],
    usage:
      'custodian platform app PLATFORM --client-id ID [--client-secret-stdin] [--authorize-url URL] [--token-url URL]   (the trust\'s app on the platform, for signing channels in; the secret from stdin, never shown, and needed for facebook, instagram, linkedin and youtube; the two addresses, for a proxy, stay as they were unless given)',
    positionals: ['PLATFORM'],
    options: { 'client-id': { type: 'string' }, 'client-secret-stdin': { type: 'boolean' }, 'authorize-url': { type: 'string' }, 'token-url': { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const platform = ctx.positionals[0] ?? '';
      if (!(platforms as readonly string[]).includes(platform)) throw new UsageError(`PLATFORM must be one of ${platforms.join(', ')}.`);
      const clientId = required(ctx, 'client-id');
      const authorizeUrl = text(ctx, 'authorize-url');
      const tokenUrl = text(ctx, 'token-url');
      let clientSecret: string | undefined;
      if (flag(ctx, 'client-secret-stdin')) {
        if (ctx.io.stdinIsTty) {
          // Sign in first, so the passphrase prompt never comes second.
          await ctx.call('auth.whoami', {});
          clientSecret = await ctx.io.promptHidden(`Client secret of the ${platform} app (not shown): `);
        } else {
          clientSecret = stripOneNewline(await ctx.io.readStdin());
        }
        if (clientSecret.trim() === '') throw new CommandFailed('No client secret was given on standard input; nothing was stored.');
      }
      const app = await ctx
        .call('platform.app', {
          platform: platform as (typeof platforms)[number],
          clientId,
          ...(clientSecret === undefined ? {} : { clientSecret }),
        })
        .catch((error: unknown) => {
          // The core says which secret is missing and where to find it; here it comes from stdin.
          if (clientSecret === undefined && (error instanceof UsageError || error instanceof CommandFailed) && error.message.startsWith('clientSecret:')) {
            throw new UsageError(`${error.message} Give it with --client-secret-stdin (read from standard input, never shown).`);
          }
          throw error;
        });
      if (authorizeUrl !== undefined || tokenUrl !== undefined) {
        // The addresses are the command line's own method: the window can never point a sign-in elsewhere.
        await ctx.call('platform.appAddresses', { platform: app.platform, authorizeUrl: authorizeUrl ?? null, tokenUrl: tokenUrl ?? null });
      }
      ctx.io.stderr(
        `Saved the ${app.platform} app: its client id${app.hasSecret ? ' and secret are' : ' is'} in the keychain. Connect a channel with: custodian channel connect CHANNEL --oauth\n`,
      );
    },
  },
  {
    words: ['platform', 'apps'],
    usage: 'custodian platform apps [--json]   (which platforms have an app for signing channels in; never the id or secret)',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const apps = await ctx.call('platform.apps', {});
      if (flag(ctx, 'json')) {
        ctx.io.stdout(json(apps));
        return;
      }
      if (apps.length === 0) {
        ctx.io.stderr('No platform app is saved yet (custodian platform app PLATFORM --client-id ID).\n');
        return;
      }
      ctx.io.stdout(
        table(
          ['PLATFORM', 'SECRET', 'SIGN-IN ADDRESS', 'SAVED', 'BY'],
          apps.map((a) => [a.platform, a.hasSecret ? 'yes' : a.secretRequired ? 'MISSING' : 'no', a.authorizeUrl, a.configuredAt, a.configuredBy]),
        ),
      );
    },
  },
];
