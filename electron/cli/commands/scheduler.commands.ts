import { resolve } from 'node:path';
import type { SchedulerRunView } from '../../../shared/contract/views';
import { createSchedulerTicker } from '../../core/pass-loop';
import { CommandFailed } from '../cli-io';
import { flag, text, type CommandContext, type CommandSpec } from '../command-spec';
import { json, table } from '../format';


function report(ctx: CommandContext, run: SchedulerRunView, asJson: boolean): void {
  if (asJson) {
    ctx.io.stdout(json(run.results));
    return;
  }
  if (run.results.length === 0) {
    ctx.io.stderr('Nothing was due.\n');
    return;
  }
  ctx.io.stdout(table(['POST', 'CHANNEL', 'STATE', 'DETAIL'], run.results.map((r) => [r.post, r.channel, r.state, r.detail])));
}

const needsPerson = (run: SchedulerRunView) => run.results.filter((r) => r.state === 'failed' || r.state === 'needs_review');

/**
 * `scheduler enrol`: an administrator makes this computer's publisher, the identity `scheduler
 * run` uses instead of anyone's passphrase. Its key goes to the keychain, or with --key-file to a
 * new 0400 file (a headless box, where the command is then run with the same --key-file).
 *
 * `scheduler run --once`: one pass, then exit: 0 when nothing in the pass needs a person, 1 when
 * a target failed or needs review in this pass (so a cron job or a supervisor notices).
 * Without --once: the desktop app's pass loop (core/pass-loop.ts), a pass then a minute's pause,
 * until SIGINT or SIGTERM, which stop it after the current pass finishes.
 */
export const schedulerCommands: CommandSpec[] = [
  {
    words: ['scheduler', 'enrol'],
    usage: "custodian scheduler enrol [--key-file PATH]   (administrators: makes this computer's publisher, for scheduler run; replaces the previous one)",
    options: { 'key-file': { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const keyFile = text(ctx, 'key-file');
      const enrolled = await ctx.call('publisher.enrol', keyFile === undefined ? {} : { keyFile: resolve(keyFile) });
      const where = enrolled.keyFile === null ? "this computer's keychain" : `${enrolled.keyFile} (readable by you only: keep it so; run custodian scheduler run --key-file ${enrolled.keyFile})`;
      const replaced = enrolled.retired === null ? '' : ` It replaces publisher ${enrolled.retired}, which can no longer publish.`;
      ctx.io.stderr(`Enrolled publisher ${enrolled.publisherId}: its key is in ${where}. custodian scheduler run now publishes without a passphrase; it can do nothing else.${replaced}\n`);
    },
  },
  {
    words: ['scheduler', 'run'],
    usage: "custodian scheduler run [--once] [--json] [--key-file PATH]   (as this computer's publisher, no passphrase; --key-file or env CUSTODIAN_PUBLISHER_KEY_FILE on a headless box; --once does what is due now and exits, 1 if a target failed or needs review; it never sleeps out a backoff)",
    options: { once: { type: 'boolean' }, json: { type: 'boolean' }, 'key-file': { type: 'string' } },
    signIn: 'publisher',
    publisherKeyFile: (values, env) => {
      const flagged = values['key-file'];
      if (typeof flagged === 'string' && flagged !== '') return flagged;
      const fromEnv = env.CUSTODIAN_PUBLISHER_KEY_FILE;
      return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
    },
    async run(ctx) {
      const asJson = flag(ctx, 'json');
      if (flag(ctx, 'once')) {
        const run = await ctx.call('scheduler.runOnce', {});
        report(ctx, run, asJson);
        const stuck = needsPerson(run);
        if (stuck.length > 0) throw new CommandFailed(`${stuck.length} target${stuck.length === 1 ? '' : 's'} failed or need${stuck.length === 1 ? 's' : ''} review: see custodian post list.`);
        return;
      }
      let passes = 0;
      let failure: { error: unknown } | null = null;
      let finish = () => {};
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const loop = createSchedulerTicker({
        runPass: async () => {
          passes += 1;
          report(ctx, await ctx.call('scheduler.runOnce', {}), asJson);
        },
        onError: (error) => {
          // The first pass shows a misconfiguration (wrong operator, no vault) by stopping;
          // later, a passing problem (a locked keychain) is reported and the next pass tries again.
          if (passes > 1 && error instanceof CommandFailed) {
            ctx.io.stderr(`custodian: this pass stopped: ${error.message} The next pass tries again.\n`);
            return 'continue';
          }
          failure = { error };
          finish();
          return 'stop';
        },
      });
      process.once('SIGINT', finish);
      process.once('SIGTERM', finish);
      try {
        ctx.io.stderr('The scheduler is running: a pass at most every 60 seconds. Stop it with Ctrl+C.\n');
        loop.start();
        await finished;
        // Waits for a pass in flight: a stop never cuts a publish between "sent" and "recorded".
        await loop.stop();
      } finally {
        process.removeListener('SIGINT', finish);
        process.removeListener('SIGTERM', finish);
      }
      if (failure !== null) throw (failure as { error: unknown }).error;
      ctx.io.stderr('The scheduler stopped.\n');
    },
  },
];
