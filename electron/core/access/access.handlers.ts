import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { channelLabel, listChannels, resolveChannel } from '../channels/channels.repo';
import { requireInScope, scoped } from './school-scope';
import { personByEmail } from '../people/people.repo';
import { currentGrantId, grantView, listGrants, recordGrant, revokeKeys } from './access.repo';
import { wrapChannelFor } from '../keys/secret-keys';
import { londonDate } from '../../../shared/calendar/london-date';

export const accessHandlers: HandlerMap<'access.grant' | 'access.revoke' | 'access.list'> = {
  'access.grant': ({ vault, operator, keys }, input) => {
    const db = vault.data;
    return db.transaction(async () => {
      const now = vault.clock.now();
      const channel = await resolveChannel(db, input.channel);
      const person = await personByEmail(db, input.email, londonDate(now.getTime()));
      if (!person.active) {
        throw new CoreError('conflict', `${person.email} has left the trust (on ${person.leftOn}) and cannot be given access.`, 'email');
      }
      if ((await currentGrantId(db, channel.id, person.id)) !== null) {
        throw new CoreError('conflict', `${person.email} already holds the login details of ${channelLabel(channel)}.`, 'email');
      }
      // The granter's key seals the channel's keys to the grantee in the grant's transaction; a
      // granter who cannot open them, or a grantee without a key yet, leaves the grant pending
      // (shown, and completed by a holder at work).
      const at = now.toISOString();
      const sealed = await wrapChannelFor(vault, keys, channel.id, person.id, at);
      const pending = sealed === 'granter-cannot-open' ? 'waiting-for-holder' : sealed === 'no-key' ? 'waiting-for-key' : null;
      const grantId = await recordGrant(vault, { channelId: channel.id, schoolId: channel.school_id, personId: person.id, actorId: operator.personId, at }, pending === null ? {} : { pending });
      return grantView(db, grantId);
    });
  },

  'access.revoke': ({ vault, operator }, input) => {
    const db = vault.data;
    return db.transaction(async () => {
      const now = vault.clock.now();
      const channel = await resolveChannel(db, input.channel);
      const person = await personByEmail(db, input.email, londonDate(now.getTime()));
      const grantId = await currentGrantId(db, channel.id, person.id);
      if (grantId === null) {
        throw new CoreError('not_found', `${person.email} does not hold the login details of ${channelLabel(channel)}.`, 'email');
      }
      await db.run(
        qb
          .updateTable('access_grants')
          .set({ revoked_by: operator.personId, revoked_at: now.toISOString(), revoke_reason: input.reason ?? null })
          .where('id', '=', grantId),
      );
      const wrapsDeleted = await revokeKeys(db, channel.id, person.id, now.toISOString());
      await vault.audit.append({
        actorId: operator.personId,
        action: 'access.revoke',
        target: `person:${person.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        reason: input.reason ?? null,
        outcome: 'ok',
        details: { grantId, channelId: channel.id, personId: person.id, wrapsDeleted },
      });
      return grantView(db, grantId);
    });
  },

  'access.list': async ({ vault, operator }, input) => {
    const channel = input.channel === undefined ? undefined : await resolveChannel(vault.data, input.channel);
    if (channel !== undefined) requireInScope(operator, channel.school, 'register');
    const grants = await listGrants(vault.data, channel === undefined ? { includeRevoked: input.includeRevoked } : { channelId: channel.id, includeRevoked: input.includeRevoked });
    if (operator.schoolScope === null) return grants;
    const visible = new Set(scoped(operator, await listChannels(vault.data)).map((c) => c.id));
    return grants.filter((grant) => visible.has(grant.channelId));
  },
};
