import type { PlatformAppView } from '../../../shared/contract/views';
import { platforms } from '../../../shared/domain/enums';
import { linkedinFlows } from '../../../shared/domain/oauth-redirects';
import { CommandFailed, UsageError } from '../cli-io';
import { flag, oneOf, positiveIntFlag, stripOneNewline, text, type CommandSpec } from '../command-spec';
import { json, table } from '../format';

export const platformCommands: CommandSpec[] = [
  {
    words: ['platform', 'app'],
    usage:
      'custodian platform app PLATFORM [--client-id ID [--client-secret-stdin]] [--redirect-port N] [--linkedin-flow standard|native] [--config-id ID] [--authorize-url URL] [--token-url URL]   (the trust\'s app on the platform, for signing channels in; the secret from stdin, never shown, and needed for facebook, instagram, youtube and LinkedIn\'s standard flow; --redirect-port: the loopback port of the redirect address registered with x, linkedin or youtube (1024-65535; without --client-id only the port or flow changes); --linkedin-flow native: LinkedIn\'s native PKCE sign-in, no secret, only for apps LinkedIn enabled it for; --config-id: facebook and instagram only, a Facebook Login for Business app\'s Configuration ID, used instead of scopes; the two addresses, for a proxy, stay as they were unless given)',
    positionals: ['PLATFORM'],
    options: {
      'client-id': { type: 'string' },
      'client-secret-stdin': { type: 'boolean' },
      'redirect-port': { type: 'string' },
      'linkedin-flow': { type: 'string' },
      'config-id': { type: 'string' },
      'authorize-url': { type: 'string' },
      'token-url': { type: 'string' },
    },
    signIn: true,
    async run(ctx) {
      const platform = ctx.positionals[0] ?? '';
      if (!(platforms as readonly string[]).includes(platform)) throw new UsageError(`PLATFORM must be one of ${platforms.join(', ')}.`);
      const clientId = text(ctx, 'client-id');
      if (clientId !== undefined && clientId.trim() === '') throw new UsageError('--client-id must not be empty.');
      // The range is the contract's to check (redirectPort: must be from 1024 to 65535).
      const redirectPort = positiveIntFlag(ctx, 'redirect-port');
      const linkedinFlow = oneOf(ctx, 'linkedin-flow', linkedinFlows);
      if (clientId === undefined && flag(ctx, 'client-secret-stdin')) throw new UsageError('--client-secret-stdin needs --client-id: a secret is saved with its client id.');
      if (clientId === undefined && redirectPort === undefined && linkedinFlow === undefined) throw new UsageError('--client-id is required (or --redirect-port or --linkedin-flow to change only those).');
      const authorizeUrl = text(ctx, 'authorize-url');
      const tokenUrl = text(ctx, 'token-url');
      const configId = text(ctx, 'config-id');
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
          ...(clientId === undefined ? {} : { clientId }),
          ...(clientSecret === undefined ? {} : { clientSecret }),
          ...(redirectPort === undefined ? {} : { redirectPort }),
          ...(linkedinFlow === undefined ? {} : { linkedinFlow }),
          ...(configId === undefined ? {} : { configId }),
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
        clientId === undefined
          ? `Saved the ${app.platform} app's redirect settings; its client id and secret are unchanged.\n`
          : `Saved the ${app.platform} app: its client id${app.hasSecret ? ' and secret are' : ' is'} in the keychain${app.configId === null ? '' : `; it signs in with Facebook Login for Business configuration ${app.configId}`}. ${
              app.platform === 'facebook' || app.platform === 'instagram'
                ? "Connect a channel in Custodian's desktop app (Meta's sign-in needs its sign-in window), or here with: custodian channel connect CHANNEL --token-stdin --account-id ID"
                : 'Connect a channel with: custodian channel connect CHANNEL --oauth'
            }\n`,
      );
      ctx.io.stdout(redirectLines(app));
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
          ['PLATFORM', 'SECRET', 'REDIRECT URI', 'SIGN-IN ADDRESS', 'SAVED', 'BY'],
          apps.map((a) => [a.platform, a.hasSecret ? 'yes' : a.secretRequired ? 'MISSING' : 'no', a.redirectUri ?? (a.linkedinFlow === 'native' ? 'any port (native PKCE)' : '-'), a.authorizeUrl, a.configuredAt, a.configuredBy]),
        ),
      );
      for (const app of apps) ctx.io.stdout(redirectLines(app));
    },
  },
];

/** What to register in the platform's developer console: the exact redirect URI and the page to open. */
function redirectLines(app: PlatformAppView): string {
  if (app.redirectHelp === null) return '';
  const lines = [`${app.platform}: ${app.redirectHelp}`];
  if (app.redirectUri !== null) lines.push(`  Redirect URI: ${app.redirectUri}`);
  if (app.consoleUrl !== null) lines.push(`  Developer console: ${app.consoleUrl}`);
  return `${lines.join('\n')}\n`;
}
