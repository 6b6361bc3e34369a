import { requireAdministers, workedOn } from '../access/school-scope';
import { listChannels, resolveChannel } from '../channels/channels.repo';
import { londonToday } from '../clock';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { personByEmail } from '../people/people.repo';
import { rotaFor, weekdayNumber } from './rota.repo';

async function rotaOf(ctx: HandlerContext, channelId: number) {
  const channel = (await listChannels(ctx.vault.data)).find((c) => c.id === channelId);
  if (channel === undefined) throw new Error(`channel ${channelId} is missing`);
  const [rota] = await rotaFor(ctx.vault.data, [channel], londonToday(ctx.vault.clock));
  if (rota === undefined) throw new Error('rota missing');
  return rota;
}

/**
 * The monitoring rota: whose turn it is to check each channel on each day of the week. The
 * compliance rules flag days nobody is on; the check-ins themselves are recorded by whoever
 * actually checks.
 */
export const rotaHandlers: HandlerMap<'monitor.rota' | 'monitor.assign' | 'monitor.unassign'> = {
  'monitor.rota': async ({ vault, operator }) => rotaFor(vault.data, workedOn(operator, await listChannels(vault.data)), londonToday(vault.clock)),

  'monitor.assign': (ctx, input) => {
    const { vault, operator } = ctx;
    const { data } = vault;
    return data.transaction(async () => {
      const channel = await resolveChannel(data, input.channel);
      requireAdministers(operator, channel.school_id, `the rota of ${channel.handle}`);
      const person = await personByEmail(data, input.email, londonToday(vault.clock));
      if (!person.active) throw new CoreError('conflict', `${person.name} has left the trust and cannot be put on the rota.`, 'email');
      if (channel.school !== null && person.school !== null && person.school !== channel.school) {
        throw new CoreError('conflict', `${person.name} works at another school (${person.school}); put someone from ${channel.school} or the trust core team on this channel's rota.`, 'email');
      }
      const at = vault.clock.now().toISOString();
      const days = [...new Set(input.days)];
      for (const day of days) {
        await data.run(
          qb
            .insertInto('monitoring_rota')
            .values({ channel_id: channel.id, weekday: weekdayNumber(day), person_id: person.id, assigned_by: operator.personId, assigned_at: at })
            .onConflict((oc) => oc.columns(['channel_id', 'weekday']).doUpdateSet({ person_id: person.id, assigned_by: operator.personId, assigned_at: at })),
        );
      }
      await vault.audit.append({
        actorId: operator.personId,
        action: 'monitor.assign',
        target: `person:${person.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        details: { days },
      });
      return rotaOf(ctx, channel.id);
    });
  },

  'monitor.unassign': (ctx, input) => {
    const { vault, operator } = ctx;
    const { data } = vault;
    return data.transaction(async () => {
      const channel = await resolveChannel(data, input.channel);
      requireAdministers(operator, channel.school_id, `the rota of ${channel.handle}`);
      const days = [...new Set(input.days)];
      await data.run(qb.deleteFrom('monitoring_rota').where('channel_id', '=', channel.id).where('weekday', 'in', days.map(weekdayNumber)));
      await vault.audit.append({ actorId: operator.personId, action: 'monitor.unassign', channelId: channel.id, schoolId: channel.school_id, outcome: 'ok', details: { days } });
      return rotaOf(ctx, channel.id);
    });
  },
};
