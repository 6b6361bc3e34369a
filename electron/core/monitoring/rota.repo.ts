import type { ChannelView, RotaView, Weekday } from '../../../shared/contract/views';
import { weekdays } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/** 'mon' → 1 … 'sun' → 7 (ISO weekdays, as stored). */
export function weekdayNumber(day: Weekday): number {
  return weekdays.indexOf(day) + 1;
}

interface RotaRow {
  channel_id: number;
  weekday: number;
  email: string;
  name: string;
  left_on: string | null;
}

async function rotaRows(db: Db): Promise<RotaRow[]> {
  return db.all(
    qb
      .selectFrom('monitoring_rota as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select(['r.channel_id', 'r.weekday', 'p.email', 'p.name', 'p.left_on']),
  );
}

/** The rota of the given channels, one row each, every weekday present (null where nobody is on it). */
export async function rotaFor(db: Db, channels: readonly ChannelView[], today: string): Promise<RotaView[]> {
  const byChannel = new Map<number, RotaRow[]>();
  for (const row of await rotaRows(db)) byChannel.set(row.channel_id, [...(byChannel.get(row.channel_id) ?? []), row]);
  return channels.map((channel) => {
    const rows = byChannel.get(channel.id) ?? [];
    const days = Object.fromEntries(
      weekdays.map((day, index) => {
        const row = rows.find((r) => r.weekday === index + 1);
        // Someone who has left stays visible (so the gap is plain) but not active.
        return [day, row === undefined ? null : { email: row.email, name: row.name, active: row.left_on === null || row.left_on > today }];
      }),
    ) as RotaView['days'];
    return { channel: `${channel.platform}:${channel.handle}`, channelName: channel.name, school: channel.school, days };
  });
}

/** Every rota entry (channel, ISO weekday, person), read into the compliance rules' snapshot. */
export function rotaEntriesQuery() {
  return qb.selectFrom('monitoring_rota').select(['channel_id', 'weekday', 'person_id']);
}
