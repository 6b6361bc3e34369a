import { consoleRoles, personRoles } from '../../../shared/domain/enums';
import { UsageError } from '../cli-io';
import { flag, isoDateFlag, oneOf, required, text, type CommandSpec } from '../command-spec';
import { kitFile } from './recovery.commands';
import { json, table } from '../format';

export const peopleCommands: CommandSpec[] = [
  {
    words: ['person', 'add'],
    usage: 'custodian person add --name NAME --email EMAIL --role core-team|slt|staff [--school CODE] [--operator admin|auditor|poster]',
    options: { name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, school: { type: 'string' }, operator: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const role = oneOf(ctx, 'role', personRoles);
      if (role === undefined) required(ctx, 'role');
      const consoleRole = oneOf(ctx, 'operator', consoleRoles);
      const email = required(ctx, 'email');
      const school = text(ctx, 'school');
      const passphrase = consoleRole === undefined ? undefined : await ctx.newPassphrase(email, undefined, required(ctx, 'name'));
      const person = await ctx.call('person.add', {
        name: required(ctx, 'name'),
        email,
        role: role as (typeof personRoles)[number],
        ...(school === undefined ? {} : { school }),
        ...(consoleRole === undefined ? {} : { consoleRole, passphrase }),
      });
      ctx.io.stderr(`Added ${person.name} <${person.email}>${person.consoleRole === null ? '' : ` as a console ${person.consoleRole}`}.\n`);
      if (person.consoleRole !== null) ctx.io.stderr('Give them the passphrase in person; they must change it at their first sign-in.\n');
    },
  },
  {
    words: ['person', 'reset-passphrase'],
    usage:
      'custodian person reset-passphrase EMAIL [--second-admin EMAIL | --kit FILE]   (one-time passphrase: asked twice, or env CUSTODIAN_NEW_PASSPHRASE; ' +
      "the second administrator's: asked, or env CUSTODIAN_SECOND_PASSPHRASE)",
    positionals: ['EMAIL'],
    options: { 'second-admin': { type: 'string' }, kit: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const email = ctx.positionals[0] ?? '';
      const secondEmail = text(ctx, 'second-admin');
      if (secondEmail !== undefined && text(ctx, 'kit') !== undefined) throw new UsageError('Give --second-admin or --kit, not both.');
      const kit = text(ctx, 'kit') === undefined ? undefined : await kitFile(ctx);
      const passphrase = await ctx.newPassphrase(email);
      const secondAdmin =
        secondEmail === undefined ? undefined : { email: secondEmail, passphrase: await ctx.passphrase('CUSTODIAN_SECOND_PASSPHRASE', `Passphrase of the second administrator ${secondEmail}: `) };
      const reset = await ctx.call('person.resetPassphrase', { email, passphrase, ...(secondAdmin === undefined ? {} : { secondAdmin }), ...(kit === undefined ? {} : { kit }) });
      ctx.io.stderr(`${reset.person.email} has a one-time passphrase: give it to them in person; they must change it at their next sign-in.\n`);
      if (reset.keyRetired) {
        ctx.io.stderr(
          `Their key was retired: the login details of ${reset.grantsWaiting} channel(s) they hold wait for them to sign in and for a holder to sign in after them.\n`,
        );
      }
      if (kit !== undefined) ctx.io.stderr('Put the kit back in the safe.\n');
    },
  },
  {
    words: ['person', 'list'],
    usage: 'custodian person list [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const people = await ctx.call('person.list', {});
      ctx.io.stdout(
        flag(ctx, 'json')
          ? json(people)
          : table(
              ['NAME', 'EMAIL', 'ROLE', 'SCHOOL', 'CONSOLE', 'STATUS'],
              people.map((p) => [p.name, p.email, p.role, p.school ?? 'trust', p.consoleRole ?? '', p.leftOn === null ? 'active' : p.active ? `leaving ${p.leftOn}` : `left ${p.leftOn}`]),
            ),
      );
    },
  },
  {
    words: ['person', 'left'],
    usage: 'custodian person left EMAIL --on DATE',
    positionals: ['EMAIL'],
    options: { on: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const on = isoDateFlag(ctx, 'on') ?? required(ctx, 'on');
      const { person, revokedChannels } = await ctx.call('person.markLeft', { email: ctx.positionals[0] ?? '', on });
      ctx.io.stderr(`Recorded that ${person.email} ${person.active ? 'will leave' : 'left'} on ${person.leftOn}.\n`);
      if (person.active) {
        ctx.io.stderr('They keep their access until then; revoke it on the day (custodian access revoke CHANNEL EMAIL).\n');
      } else if (revokedChannels.length > 0) {
        ctx.io.stderr(
          `Their access to ${revokedChannels.length} channel(s) was revoked. They knew these login details, so change the password, ` +
            `2FA key and recovery codes of each:\n${revokedChannels.map((c) => `  ${c}`).join('\n')}\n`,
        );
      }
    },
  },
];
