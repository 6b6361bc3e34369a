import { handleKey } from '../../../shared/domain/handle';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { schoolByCode } from '../trust/schools.repo';
import { scoped } from '../access/school-scope';
import { channelLabel, channelView, listChannels, resolveChannel } from './channels.repo';

/** X, Instagram and YouTube handles carry an @; Facebook and LinkedIn page names may not. */
export function displayHandle(platform: string, handle: string): string {
  const bare = handle.trim().replace(/^@/, '');
  return platform === 'x' || platform === 'instagram' || platform === 'youtube' ? `@${bare}` : handle.trim();
}

export const channelHandlers: HandlerMap<'channel.add' | 'channel.update' | 'channel.list'> = {
  'channel.add': ({ vault, operator }, input) => {
    const db = vault.data;
    return db.transaction(async () => {
      const key = handleKey(input.handle);
      const clash = await db.first(
        qb.selectFrom('channels').select('id').where('platform', '=', input.platform).where('handle_key', '=', key),
      );
      if (clash !== undefined) {
        throw new CoreError('conflict', `The ${input.platform} channel ${input.handle} is already in the vault (id ${clash.id}).`, 'handle');
      }
      const school = input.school === undefined ? null : await schoolByCode(db, input.school);
      const handle = displayHandle(input.platform, input.handle);
      const row = await db.first(
        qb
          .insertInto('channels')
          .values({
            platform: input.platform,
            handle,
            handle_key: key,
            name: input.name ?? handle,
            school_id: school?.id ?? null,
            registration_email: input.registrationEmail ?? null,
            mailbox_dedicated: null,
            mailbox_access: '[]',
            two_factor: 'not-enabled',
            purpose: null,
            created_at: vault.clock.now().toISOString(),
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      await vault.audit.append({
        actorId: operator.personId,
        action: 'channel.add',
        target: `channel:${row.id}`,
        channelId: row.id,
        schoolId: school?.id ?? null,
        outcome: 'ok',
        details: { platform: input.platform, handle },
      });
      return channelView(db, row.id);
    });
  },

  'channel.update': ({ vault, operator }, input) => {
    const db = vault.data;
    return db.transaction(async () => {
      const channel = await resolveChannel(db, input.channel);
      const changes: Record<string, string | number | null> = {};
      if (input.twoFactor !== undefined) changes.two_factor = input.twoFactor;
      if (input.purpose !== undefined) changes.purpose = input.purpose === '' ? null : input.purpose;
      if (input.mailboxDedicated !== undefined) changes.mailbox_dedicated = input.mailboxDedicated ? 1 : 0;
      if (input.mailboxAccess !== undefined) changes.mailbox_access = JSON.stringify([...new Set(input.mailboxAccess)].sort());
      if (input.registrationEmail !== undefined) changes.registration_email = input.registrationEmail;
      if (Object.keys(changes).length === 0) {
        throw new CoreError('invalid_input', `Nothing to change for ${channelLabel(channel)}: give at least one setting.`);
      }
      await db.run(qb.updateTable('channels').set(changes).where('id', '=', channel.id));
      await vault.audit.append({
        actorId: operator.personId,
        action: 'channel.update',
        target: `channel:${channel.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        details: { changed: Object.keys(changes).sort(), twoFactor: input.twoFactor ?? null },
      });
      return channelView(db, channel.id);
    });
  },

  'channel.list': async ({ vault, operator }) => scoped(operator, await listChannels(vault.data)),
};
