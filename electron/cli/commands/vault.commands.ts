import { UsageError } from '../cli-io';
import { flag, required, text, type CommandSpec } from '../command-spec';
import { makeRecoveryKit } from './recovery.commands';
import { table } from '../format';

export const vaultCommands: CommandSpec[] = [
  {
    words: ['init'],
    usage: 'custodian init --trust NAME --admin-name NAME --admin-email EMAIL [--recovery-kit PATH] [--confirm-checksum "W1 W2 W3"]',
    options: {
      trust: { type: 'string' },
      'admin-name': { type: 'string' },
      'admin-email': { type: 'string' },
      'recovery-kit': { type: 'string' },
      'confirm-checksum': { type: 'string' },
    },
    signIn: false,
    async run(ctx) {
      const trustName = required(ctx, 'trust');
      const adminName = required(ctx, 'admin-name');
      const adminEmail = required(ctx, 'admin-email');
      const kitPath = text(ctx, 'recovery-kit');
      if (kitPath === undefined && text(ctx, 'confirm-checksum') !== undefined) throw new UsageError('--confirm-checksum goes with --recovery-kit PATH.');
      const passphrase = await ctx.newPassphrase(adminEmail, 'CUSTODIAN_PASSPHRASE', adminName);
      const result = await ctx.call('vault.init', { trustName, adminName, adminEmail, passphrase });
      ctx.io.stderr(`Created the vault for ${result.trustName}. ${adminEmail} is its first administrator.\n`);
      if (kitPath !== undefined) {
        // The kit is made by the new administrator, signed in as any other: the trail names them.
        await ctx.signInAs(adminEmail, passphrase);
        await makeRecoveryKit(ctx, kitPath);
      }
    },
  },
  {
    words: ['example', 'load'],
    usage: 'custodian example load [--demo]',
    options: { demo: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const demo = flag(ctx, 'demo');
      const demoPassphrase = ctx.io.env.CUSTODIAN_NEW_PASSPHRASE;
      const counts = await ctx.call('example.load', demo && demoPassphrase !== undefined ? { demo, demoPassphrase } : { demo });
      ctx.io.stderr(
        `Added ${counts.schools} schools and ${counts.channels} channels` +
          (demo ? `, ${counts.people} demo people and ${counts.grants} demo grants` : '') +
          '.\n' +
          (demo && demoPassphrase === undefined ? 'Demo people have no console access (set CUSTODIAN_NEW_PASSPHRASE to give them one).\n' : ''),
      );
    },
  },
  {
    words: ['passphrase', 'change'],
    usage: 'custodian passphrase change',
    signIn: true,
    async run(ctx) {
      // Signing in proves the current passphrase; the same one is checked again by the core.
      const me = await ctx.call('auth.whoami', {});
      const current = ctx.signInPassphrase() ?? '';
      const next = await ctx.newPassphrase(me.email, undefined, me.name);
      await ctx.call('auth.changePassphrase', { current, next });
      ctx.io.stderr('Your passphrase was changed.\n');
    },
  },
  {
    words: ['school', 'add'],
    usage: 'custodian school add --name NAME --code CODE',
    options: { name: { type: 'string' }, code: { type: 'string' } },
    signIn: true,
    async run(ctx) {
      const school = await ctx.call('school.add', { name: required(ctx, 'name'), code: required(ctx, 'code') });
      ctx.io.stderr(`Added ${school.name} (${school.code}).\n`);
    },
  },
  {
    words: ['school', 'list'],
    usage: 'custodian school list [--json]',
    options: { json: { type: 'boolean' } },
    signIn: true,
    async run(ctx) {
      const schools = await ctx.call('school.list', {});
      ctx.io.stdout(flag(ctx, 'json') ? `${JSON.stringify(schools, null, 2)}\n` : table(['CODE', 'NAME'], schools.map((s) => [s.code, s.name])));
    },
  },
];
