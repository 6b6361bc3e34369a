import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { channelLabel, listChannels, resolveChannel } from '../channels/channels.repo';
import { requireInScope, scoped } from './school-scope';
import { personByEmail } from '../people/people.repo';
import { currentGrantId, grantView, listGrants, revokeKeys } from './access.repo';
import { wrapChannelFor } from '../keys/secret-keys';
import { londonDate } from '../../../shared/calendar/london-date';

export const accessHandlers: HandlerMap<'access.grant' | 'access.revoke' | 'access.list'> = {
  'access.grant': ({ vault, operator, keys }, input) => {
    const { sql } = vault;
    return sql.transaction(() => {
      const now = vault.clock.now();
      const channel = resolveChannel(sql, input.channel);
      const person = personByEmail(sql, input.email, londonDate(now.getTime()));
      if (!person.active) {
        throw new CoreError('conflict', `${person.email} has left the trust (on ${person.leftOn}) and cannot be given access.`, 'email');
      }
      if (currentGrantId(sql, channel.id, person.id) !== null) {
        throw new CoreError('conflict', `${person.email} already holds the login details of ${channelLabel(channel)}.`, 'email');
      }
      const row = sql.first(
        qb
          .insertInto('access_grants')
          .values({ channel_id: channel.id, person_id: person.id, granted_by: operator.personId, granted_at: now.toISOString() })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      // The granter's key seals the channel's keys to the grantee in this transaction; a granter
      // who cannot open them, or a grantee without a key yet, leaves the grant pending (shown, and
      // completed at a holder's next sign-in).
      const sealed = wrapChannelFor(vault, keys, channel.id, person.id, now.toISOString());
      const pending = sealed === 'granter-cannot-open' ? 'waiting-for-holder' : sealed === 'no-key' ? 'waiting-for-key' : null;
      vault.audit.append({
        actorId: operator.personId,
        action: 'access.grant',
        target: `person:${person.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        // Admins may grant themselves; the trail says so plainly.
        details: { grantId: row.id, channelId: channel.id, personId: person.id, selfGrant: person.id === operator.personId, ...(pending === null ? {} : { pending }) },
      });
      return grantView(sql, row.id);
    });
  },

  'access.revoke': ({ vault, operator }, input) => {
    const { sql } = vault;
    return sql.transaction(() => {
      const now = vault.clock.now();
      const channel = resolveChannel(sql, input.channel);
      const person = personByEmail(sql, input.email, londonDate(now.getTime()));
      const grantId = currentGrantId(sql, channel.id, person.id);
      if (grantId === null) {
        throw new CoreError('not_found', `${person.email} does not hold the login details of ${channelLabel(channel)}.`, 'email');
      }
      sql.run(
        qb
          .updateTable('access_grants')
          .set({ revoked_by: operator.personId, revoked_at: now.toISOString(), revoke_reason: input.reason ?? null })
          .where('id', '=', grantId),
      );
      const wrapsDeleted = revokeKeys(sql, channel.id, person.id, now.toISOString());
      vault.audit.append({
        actorId: operator.personId,
        action: 'access.revoke',
        target: `person:${person.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        reason: input.reason ?? null,
        outcome: 'ok',
        details: { grantId, channelId: channel.id, personId: person.id, wrapsDeleted },
      });
      return grantView(sql, grantId);
    });
  },

  'access.list': ({ vault, operator }, input) => {
    const channel = input.channel === undefined ? undefined : resolveChannel(vault.sql, input.channel);
    if (channel !== undefined) requireInScope(operator, channel.school, 'register');
    const grants = listGrants(vault.sql, channel === undefined ? { includeRevoked: input.includeRevoked } : { channelId: channel.id, includeRevoked: input.includeRevoked });
    if (operator.schoolScope === null) return grants;
    const visible = new Set(scoped(operator, listChannels(vault.sql)).map((c) => c.id));
    return grants.filter((grant) => visible.has(grant.channelId));
  },
};
